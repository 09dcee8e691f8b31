import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { blobLimit, encodeBlob } from '../../query/value-encoding';
import { introspectSqlite, quoteSqliteIdent } from '../../schema/introspect-sqlite';
import { sqliteOptions } from './native-binding';
import type {
  ExecuteReply,
  ReadReply,
  WorkerEnvelope,
  WorkerFailure,
  WorkerRequest,
  WorkerResponse,
} from './sqlite-protocol';

/**
 * One SQLite connection in its own process (see SqliteSession). Requests are handled one at a time in order.
 * better-sqlite3 allows no other statement while an iterator is open, so the host parks a cursor (CursorGate)
 * before running anything else; as a safety net, executing closes any iterator still open.
 */

interface Cursor {
  iterator: IterableIterator<unknown[]>;
  /** The next batch, read ahead while the host handles the previous one. */
  ahead: unknown[][] | null;
  done: boolean;
  batch: number;
  /** A failure while reading ahead, reported on the next read. */
  error: unknown;
  /** BLOB bytes per cell (a preview, or all for exports). */
  blobBytes: number;
}

let db: Database.Database | null = null;
const cursors = new Map<number, Cursor>();
let nextCursorId = 1;

function openDb(request: Extract<WorkerRequest, { op: 'open' }>): null {
  const readonly = request.readOnly;
  const connection = new Database(
    request.file,
    sqliteOptions({ readonly, fileMustExist: readonly || !request.create }),
  );
  try {
    // a file that is not a database opens fine and fails on first read: find out now
    connection.prepare('PRAGMA schema_version').get();
    connection.pragma('foreign_keys = ON');
  } catch (error) {
    connection.close();
    throw error;
  }
  db = connection;
  return null;
}

function requireDb(): Database.Database {
  if (!db) throw Object.assign(new Error('The database is not open.'), { code: 'SQLITE_MISUSE' });
  return db;
}

/** Encodes cells for the boundary in place (rows from raw() are fresh arrays). */
function encodeRows(rows: unknown[][], blobBytes: number): unknown[][] {
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (v !== null && typeof v === 'object') row[i] = v instanceof Uint8Array ? encodeBlob(v, blobBytes) : v;
      else if (typeof v === 'number' && !Number.isFinite(v)) row[i] = String(v);
      else if (typeof v === 'bigint') row[i] = v.toString();
    }
  }
  return rows;
}

function take(cursor: Cursor, max: number): unknown[][] {
  const rows: unknown[][] = [];
  while (rows.length < max) {
    const next = cursor.iterator.next();
    if (next.done) {
      cursor.done = true;
      break;
    }
    rows.push(next.value);
  }
  return encodeRows(rows, cursor.blobBytes);
}

function closeAllCursors(): void {
  for (const cursor of cursors.values()) cursor.iterator.return?.();
  cursors.clear();
}

function execute(sql: string, skip: number, fullBlobs: boolean): ExecuteReply {
  const connection = requireDb();
  closeAllCursors();
  const stmt = connection.prepare(sql);
  if (!stmt.reader) {
    const info = stmt.run();
    const id = info.lastInsertRowid;
    const lastInsertId =
      typeof id === 'bigint' ? (id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : id.toString()) : id;
    return {
      kind: 'affected',
      affectedRows: info.changes,
      lastInsertId: info.changes > 0 ? lastInsertId : null,
      inTransaction: connection.inTransaction,
    };
  }
  stmt.raw(true);
  const columns = stmt.columns().map((c) => ({ name: c.name, dataType: c.type }));
  const iterator = stmt.iterate() as IterableIterator<unknown[]>;
  const cursor: Cursor = {
    iterator,
    ahead: null,
    done: false,
    batch: 1000,
    error: null,
    blobBytes: blobLimit({ fullBlobs }),
  };
  for (let i = 0; i < skip; i++) {
    if (iterator.next().done) {
      cursor.done = true;
      break;
    }
  }
  const cursorId = nextCursorId++;
  cursors.set(cursorId, cursor);
  return { kind: 'rows', columns, cursorId, readonly: stmt.readonly, inTransaction: connection.inTransaction };
}

function read(cursorId: number, max: number): ReadReply {
  const cursor = cursors.get(cursorId);
  if (!cursor) return { rows: [] };
  cursor.batch = max;
  let rows: unknown[][];
  if (cursor.ahead) {
    rows = cursor.ahead;
    cursor.ahead = null;
    if (rows.length > max) {
      cursor.ahead = rows.slice(max);
      rows = rows.slice(0, max);
    } else if (rows.length < max && !cursor.done) {
      for (const row of take(cursor, max - rows.length)) rows.push(row);
    }
  } else if (cursor.error) {
    cursors.delete(cursorId);
    throw cursor.error;
  } else {
    rows = cursor.done ? [] : take(cursor, max);
  }
  if (rows.length === 0) {
    cursors.delete(cursorId);
    cursor.iterator.return?.();
  }
  return { rows };
}

/** After replying, reads the next batch so it is ready when the host asks (the two threads overlap). */
function readAhead(): void {
  for (const cursor of cursors.values()) {
    if (cursor.ahead || cursor.done || cursor.error) continue;
    try {
      cursor.ahead = take(cursor, cursor.batch);
    } catch (error) {
      cursor.error = error;
    }
  }
}

function handle(request: WorkerRequest): unknown {
  switch (request.op) {
    case 'open':
      return openDb(request);
    case 'version':
      return (requireDb().prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    case 'execute':
      return execute(request.sql, request.skip, request.fullBlobs);
    case 'read':
      return read(request.cursorId, request.max);
    case 'close': {
      const cursor = cursors.get(request.cursorId);
      cursors.delete(request.cursorId);
      cursor?.iterator.return?.();
      return null;
    }
    case 'count': {
      closeAllCursors();
      const qualified = `${request.schema ? `${quoteSqliteIdent(request.schema)}.` : ''}${quoteSqliteIdent(request.table)}`;
      return (requireDb().prepare(`SELECT count(*) AS n FROM ${qualified}`).get() as { n: number }).n;
    }
    case 'introspect':
      closeAllCursors();
      return introspectSqlite(requireDb());
  }
}

function failure(error: unknown): WorkerFailure {
  const e = error as { code?: unknown; name?: unknown; message?: unknown };
  return {
    code: typeof e.code === 'string' ? e.code : undefined,
    name: typeof e.name === 'string' ? e.name : undefined,
    message: typeof e.message === 'string' ? e.message : String(error),
  };
}

/**
 * Runs as a child process (process.send; see SqliteSession for why not a thread), or inside a worker thread
 * (parentPort) where an embedder prefers one.
 */
// reading ahead starts once the reply is fully written: a big reply leaves through the pipe in pieces, and
// synchronous work before that would hold back the rest of it
const send: ((message: WorkerResponse, written?: () => void) => void) | null = parentPort
  ? (message, written) => {
      parentPort!.postMessage(message);
      written?.();
    }
  : process.send
    ? (message, written) => {
        process.send!(message, undefined, undefined, () => written?.());
      }
    : null;

function onMessage(envelope: WorkerEnvelope): void {
  let response: WorkerResponse;
  try {
    response = { id: envelope.id, ok: true, value: handle(envelope.request) };
  } catch (error) {
    response = { id: envelope.id, ok: false, error: failure(error) };
  }
  const op = envelope.request.op;
  if (op === 'read' || op === 'execute') send!(response, readAhead);
  else send!(response);
}

if (parentPort) parentPort.on('message', onMessage);
else if (send) {
  process.on('message', (message) => onMessage(message as WorkerEnvelope));
  // the host went away: nothing can read our results any more
  process.on('disconnect', () => process.exit(0));
}
