import Database from 'better-sqlite3';
import type { ColumnSource, ResultColumn } from '../../../../shared/domain';
import { encodeBlob, encodeInteger, encodeText, type ValueWindow } from '../../query/value-encoding';
import { introspectSqlite } from '../../schema/introspect-sqlite';
import { RowRing } from '../driver-adapter';
import { sqliteOptions } from './native-binding';
import { sqliteErrorOffset } from './sqlite-error-position';
import {
  fromWireValue,
  fromWireWindow,
  type BindValue,
  type ExecuteReply,
  type ReadReply,
  type SkipReply,
  type WireValue,
  type WireWindow,
  type WorkerFailure,
  type WorkerRequest,
} from './sqlite-protocol';

/**
 * One SQLite connection and its open readers, answering the worker protocol's requests (sqlite-protocol.ts).
 * The app runs it in a child process of its own (sqlite-worker.ts, see SqliteSession for why); `backbench query`
 * runs it in its own process (InlineSqliteSession), so both read and encode values the same way.
 */
export interface SqliteEngine {
  /** Answers one request; throws the driver's error (flatten it with `failure`). */
  handle(request: WorkerRequest): unknown;
  /**
   * Runs a statement that writes, its values already as better-sqlite3 binds them (toBindValue); the rows it
   * changed. For the CLI's inline session, whose import writes a million rows: `execute` takes wire values.
   */
  write(sql: string, values: readonly BindValue[]): number;
  /** Reads the next batch of every open reader, to have it ready for the next `read`. */
  readAhead(): void;
  /** A thrown driver error as it crosses the IPC channel, with the error position for SQL errors. */
  failure(error: unknown, request: WorkerRequest): WorkerFailure;
}

interface Cursor {
  iterator: IterableIterator<unknown[]>;
  /** The next batch, read ahead while the host handles the previous one. */
  ahead: unknown[][] | null;
  done: boolean;
  batch: number;
  /** A failure while reading ahead, reported on the next read. */
  error: unknown;
  window: ValueWindow;
  /** Columns declared BOOLEAN/BOOL: 0 and 1 become false and true. */
  booleans: number[];
  /** Rows taken from the statement so far (where a re-run resumes). */
  position: number;
  /** Integers arrive as bigints (safeIntegers), else as doubles; see take(). */
  safe: boolean;
  /** Runs the statement again with 64-bit integers, from row `position`; null when it writes. */
  rerunSafe: ((position: number) => IterableIterator<unknown[]>) | null;
}

/** Declared types read as booleans (0 and 1 become false and true); the REST point reads share the rule. */
export const BOOLEAN_TYPE = /^\s*bool(ean)?\s*$/i;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Encodes one row for the boundary in place (rows from raw() are fresh arrays); false when a number in it may be
 * a rounded integer (see take()), which the caller reads again exactly.
 */
function encodeRow(row: unknown[], cursor: Cursor): boolean {
  const { window, booleans } = cursor;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (typeof v === 'number') {
      if (v > MAX_SAFE || v < -MAX_SAFE) {
        if (!cursor.safe && Number.isInteger(v)) return false;
        if (!Number.isFinite(v)) row[i] = String(v);
      }
    } else if (typeof v === 'string') {
      if (v.length > window.textChars || window.offset > 0) row[i] = encodeText(v, window);
    } else if (typeof v === 'bigint') row[i] = encodeInteger(v);
    else if (v !== null && typeof v === 'object') row[i] = encodeBlob(v as Uint8Array, window);
  }
  // a stored value other than 0/1 stays as it is: nothing is lost
  for (const i of booleans) {
    if (row[i] === 0) row[i] = false;
    else if (row[i] === 1) row[i] = true;
  }
  return true;
}

/**
 * Reads and encodes up to `max` rows. Integers are read as doubles first — turning every integer into a
 * bigint (safeIntegers) costs about a tenth of the reading — and a double beyond ±(2^53−1) that is a whole
 * number may be a rounded 64-bit integer: the statement is then run again with safeIntegers from that row
 * on (from the start and skipping, as a parked result is resumed), so integers past 2^53 are exact (and text, by
 * the integer rule). Statements that write cannot run again, so they are read with safeIntegers throughout.
 */
function take(cursor: Cursor, max: number): unknown[][] {
  const rows: unknown[][] = [];
  while (rows.length < max) {
    const next = cursor.iterator.next();
    if (next.done) {
      cursor.done = true;
      break;
    }
    let row = next.value;
    if (!encodeRow(row, cursor)) {
      cursor.iterator.return?.();
      cursor.iterator = cursor.rerunSafe!(cursor.position);
      cursor.safe = true;
      const again = cursor.iterator.next();
      if (again.done) {
        cursor.done = true;
        break;
      }
      row = again.value;
      encodeRow(row, cursor);
    }
    cursor.position++;
    rows.push(row);
  }
  return rows;
}

/**
 * Passes over up to `max` rows without encoding them; the last `keep` are returned encoded. Rows read ahead
 * (already encoded) go first. Rows passed in double mode may hold rounded integers: if a kept one does, the
 * tail is read again exactly (see take()).
 */
function skipRows(cursor: Cursor, max: number, keep: number): SkipReply {
  const encoded: unknown[][] = [];
  let skipped = 0;
  if (cursor.ahead) {
    skipped = Math.min(cursor.ahead.length, max);
    for (let i = Math.max(0, skipped - keep); i < skipped; i++) encoded.push(cursor.ahead[i]!);
    cursor.ahead = skipped < cursor.ahead.length ? cursor.ahead.slice(skipped) : null;
  }
  if (skipped < max && cursor.error) throw cursor.error;
  const ring = new RowRing<unknown[]>(keep);
  const iterator = cursor.iterator;
  while (skipped < max && !cursor.done) {
    const next = iterator.next();
    if (next.done) {
      cursor.done = true;
      break;
    }
    ring.push(next.value);
    skipped++;
    cursor.position++;
  }
  const passed = ring.drain();
  if (!passed.every((row) => encodeRow(row, cursor))) {
    // a kept row may hold a rounded integer: read the kept rows again with safeIntegers
    const from = cursor.position - passed.length;
    cursor.iterator.return?.();
    cursor.iterator = cursor.rerunSafe!(from);
    cursor.safe = true;
    cursor.position = from;
    const again = take(cursor, passed.length);
    passed.length = 0;
    for (const row of again) passed.push(row);
  }
  const all = encoded.length === 0 ? passed : encoded.concat(passed);
  return { skipped, tail: (all.length > keep ? all.slice(all.length - keep) : all) as SkipReply['tail'] };
}

/** Primary key columns of the tables a result's columns come from, read once per statement. */
function resultColumns(connection: Database.Database, stmt: Database.Statement): ResultColumn[] {
  const keys = new Map<string, Set<string>>();
  const keyOf = (database: string, table: string): Set<string> => {
    const id = `${database}\u0000${table}`;
    let set = keys.get(id);
    if (!set) {
      const rows = connection.prepare('SELECT name FROM pragma_table_info(?, ?) WHERE pk > 0').all(table, database) as {
        name: string;
      }[];
      set = new Set(rows.map((r) => r.name));
      keys.set(id, set);
    }
    return set;
  };
  return stmt.columns().map((c) => {
    const column: ResultColumn = { name: c.name, dataType: c.type };
    if (c.table !== null && c.column !== null) {
      const source: ColumnSource = {
        schema: c.database,
        table: c.table,
        column: c.column,
        primaryKey: keyOf(c.database ?? 'main', c.table).has(c.column),
      };
      column.source = source;
    }
    return column;
  });
}

const MAX_CACHED_READERS = 64;
/**
 * Values `write` passes as arguments of their own, not as one array, up to this many: better-sqlite3 takes an
 * argument as it is but looks each element of an array up as a property, which was a tenth of the CPU time
 * of writing a million rows. A longer list stays an array (its arguments would all go on the stack).
 */
const MAX_SPREAD_VALUES = 10_000;

interface CachedReader {
  stmt: Database.Statement;
  columns: ResultColumn[];
}

interface ReaderCache {
  connection: Database.Database;
  /** `PRAGMA schema_version`, prepared once. */
  version: Database.Statement;
  /** Reads the schema table, which reloads a schema another connection changed. */
  reload: Database.Statement;
  schema: number;
  byText: Map<string, CachedReader>;
}

export function createSqliteEngine(): SqliteEngine {
  let db: Database.Database | null = null;
  const cursors = new Map<number, Cursor>();
  let nextCursorId = 1;
  /**
   * The last statement that wrote (no rows back), kept prepared: an import runs the same multi-row INSERT a
   * thousand times, and preparing one with thousands of placeholders costs about a millisecond each time.
   */
  let lastWrite: { connection: Database.Database; sql: string; stmt: Database.Statement } | null = null;

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

  function closeAllCursors(): void {
    for (const cursor of cursors.values()) cursor.iterator.return?.();
    cursors.clear();
  }

  /**
   * Reading statements kept prepared by their text, with their result columns: a REST resource or a data tab runs
   * the same SELECT again and again, and preparing it and reading its columns' declarations cost more than a
   * point lookup itself. Dropped when the schema changes — here (any statement that is not a read may be DDL) or
   * in another connection (`PRAGMA schema_version`) — since a re-prepared `SELECT *` may have other columns.
   */
  let readers: ReaderCache | null = null;

  function cachedReader(connection: Database.Database, sql: string): CachedReader | undefined {
    if (readers?.connection !== connection) {
      const version = connection.prepare('PRAGMA schema_version').pluck();
      const reload = connection.prepare('SELECT count(*) FROM sqlite_master').pluck();
      readers = { connection, version, reload, schema: -1, byText: new Map() };
    }
    const schema = readers.version.get() as number;
    if (schema !== readers.schema) {
      readers.byText.clear();
      readers.schema = schema;
      // prepare() expands `*` from the schema this connection last read; a statement that reads the database
      // makes it notice another connection's change first, so the columns reported match the rows returned
      readers.reload.get();
    }
    return readers.byText.get(sql);
  }

  function keepReader(sql: string, reader: CachedReader): void {
    if (!readers) return;
    if (readers.byText.size >= MAX_CACHED_READERS) readers.byText.delete(readers.byText.keys().next().value!);
    readers.byText.set(sql, reader);
  }

  function write(sql: string, values: readonly BindValue[]): number {
    const connection = requireDb();
    closeAllCursors();
    const cached = lastWrite?.connection === connection && lastWrite.sql === sql ? lastWrite.stmt : null;
    const stmt = cached ?? connection.prepare(sql);
    if (stmt.reader) throw Object.assign(new Error('The statement returns rows.'), { code: 'SQLITE_MISUSE' });
    readers?.byText.clear();
    if (!cached) lastWrite = { connection, sql, stmt };
    return (values.length <= MAX_SPREAD_VALUES ? stmt.run(...values) : stmt.run(values)).changes;
  }

  function execute(sql: string, params: WireValue[], skip: number, window: WireWindow): ExecuteReply {
    const connection = requireDb();
    closeAllCursors();
    const cached = lastWrite?.connection === connection && lastWrite.sql === sql ? lastWrite.stmt : null;
    const reader = cached ? undefined : cachedReader(connection, sql);
    const stmt = cached ?? reader?.stmt ?? connection.prepare(sql);
    const values = params.map(fromWireValue);
    if (!stmt.reader) {
      readers?.byText.clear();
      if (!cached) lastWrite = { connection, sql, stmt };
      // the rowid as a bigint, so one past 2^53 is exact
      const info = stmt.safeIntegers(true).run(values);
      const id = info.lastInsertRowid;
      return {
        kind: 'affected',
        changes: info.changes,
        lastInsertRowid: typeof id === 'bigint' ? encodeInteger(id) : id,
        inTransaction: connection.inTransaction,
      };
    }
    const readonly = stmt.readonly;
    // a statement that writes (INSERT … RETURNING) cannot be run again to re-read a row: exact from the start
    stmt.raw(true).safeIntegers(!readonly);
    const columns = reader?.columns ?? resultColumns(connection, stmt);
    if (!reader) keepReader(sql, { stmt, columns });
    const booleans: number[] = [];
    columns.forEach((c, i) => {
      if (c.dataType !== null && BOOLEAN_TYPE.test(c.dataType)) booleans.push(i);
    });
    const rerunSafe = (position: number): IterableIterator<unknown[]> => {
      const again = connection.prepare(sql).raw(true).safeIntegers(true).iterate(values) as IterableIterator<unknown[]>;
      for (let i = 0; i < position; i++) if (again.next().done) break;
      return again;
    };
    const cursor: Cursor = {
      iterator: stmt.iterate(values) as IterableIterator<unknown[]>,
      ahead: null,
      done: false,
      batch: 1000,
      error: null,
      window: fromWireWindow(window),
      booleans,
      position: 0,
      safe: !readonly,
      rerunSafe: readonly ? rerunSafe : null,
    };
    for (let i = 0; i < skip; i++) {
      if (cursor.iterator.next().done) {
        cursor.done = true;
        break;
      }
      cursor.position++;
    }
    const cursorId = nextCursorId++;
    cursors.set(cursorId, cursor);
    return { kind: 'rows', columns, cursorId, readonly, inTransaction: connection.inTransaction };
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

  /** After replying, reads the next batch so it is ready when the host asks (the two processes overlap). */
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
        return execute(request.sql, request.params, request.skip, request.window);
      case 'read':
        return read(request.cursorId, request.max);
      case 'skip': {
        const cursor = cursors.get(request.cursorId);
        if (!cursor) return { skipped: 0, tail: [] } satisfies SkipReply;
        return skipRows(cursor, request.max, request.keep);
      }
      case 'close': {
        const cursor = cursors.get(request.cursorId);
        cursors.delete(request.cursorId);
        cursor?.iterator.return?.();
        return null;
      }
      case 'introspect':
        closeAllCursors();
        return introspectSqlite(requireDb());
      case 'closeDatabase':
        closeAllCursors();
        lastWrite = null;
        readers = null;
        if (db?.open) db.close();
        db = null;
        return null;
    }
  }

  return {
    handle,
    write,
    readAhead,
    failure(error, request): WorkerFailure {
      const e = error as { code?: unknown; name?: unknown; message?: unknown };
      const message = typeof e.message === 'string' ? e.message : String(error);
      const position =
        request.op === 'execute' && e.code === 'SQLITE_ERROR' && db
          ? sqliteErrorOffset(db, request.sql, message)
          : undefined;
      return {
        code: typeof e.code === 'string' ? e.code : undefined,
        name: typeof e.name === 'string' ? e.name : undefined,
        message,
        ...(position === undefined ? {} : { position }),
      };
    },
  };
}
