import Database from 'better-sqlite3';
import type { SqlValue } from '../../connections/sql-dialect';
import type { RestSession } from './rest-resource';
import { sqliteOptions } from '../../connections/sqlite/native-binding';
import { BOOLEAN_TYPE } from '../../connections/sqlite/sqlite-engine';
import { toBindValue } from '../../connections/sqlite/sqlite-protocol';

/**
 * `GET /<table>/:id` on an SQLite file without a round of promises: one statement kept prepared per table on a
 * read-only connection of this process, the row written as JSON straight from its values. It answers only what
 * it answers exactly as the session would (sqlite-engine.ts reading, rest-resource.ts writing JSON); anything
 * else — a BLOB, a number that may be a rounded 64-bit integer, a missing row, an error — is left to the
 * resource's own path (`undefined`).
 *
 * Reads see every committed write, of this process or another:
 * - In a rollback-journal database (the default), starting a read costs SQLite eight system calls (locks, a
 *   look for a hot journal, the change counter), several times the lookup itself. The reads of one turn of the
 *   event loop (the requests that arrived together) share one read transaction, ended before the loop waits for
 *   I/O again (setImmediate). That sees the same writes as a transaction per read: while it holds its shared
 *   lock no writer can commit (a writer of another process waits, as for any reader), so a write committed
 *   before a request arrived was committed before the transaction began. The session's own writes end it first
 *   (`wrap`); a writer in this thread that cannot wait (another connection of the same file) must let a turn
 *   pass first.
 * - In WAL mode a read holds a snapshot and writers do not wait: each read is a transaction of its own (cheap
 *   there: no system calls).
 * Each transaction reads `schema_version` as it begins (once per turn, not once per read: a read transaction
 * sees one schema): when another connection changed the schema, SQLite prepares the statement again (a
 * `SELECT *` may then have other columns), and the columns' names and types are read again before the row is
 * written.
 */
export interface SqlitePointReads {
  /** A reader of one row by `sql` (the resource's SELECT with one `?`, the key), or null when it cannot be used. */
  reader(sql: string): SqlitePointReader | null;
  /**
   * The session with the shared read transaction ended before each of its statements and transactions, and no
   * point read started while one runs (its writes must not wait for this connection's lock).
   */
  wrap(session: RestSession): RestSession;
  close(): void;
}

/** The row's JSON; undefined: not answered here (see SqlitePointReads). */
export type SqlitePointReader = (key: SqlValue) => string | undefined;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** Canonical array indexes: an object puts such keys first, so a row with one is written by JSON.stringify. */
const INDEX_KEY = /^(0|[1-9]\d*)$/;

interface Shape {
  version: number;
  names: string[];
  /** Columns declared BOOLEAN/BOOL: 0 and 1 are written false and true (as sqlite-engine.ts reads them). */
  booleans: boolean[];
  /** `"name":` of each column with its separator, when the row can be written without an object. */
  prefixes: string[] | null;
}

/** Opens a read-only connection to `file`; null when it cannot be opened (the session's path serves then). */
export function openSqlitePointReads(file: string): SqlitePointReads | null {
  let db: Database.Database;
  try {
    db = new Database(file, sqliteOptions({ readonly: true, fileMustExist: true }));
  } catch {
    return null;
  }
  const turns = new ReadTurns(db);
  return {
    reader: (sql) => pointReader(db, sql, turns),
    wrap: (session) => turns.wrap(session),
    close: () => {
      turns.end();
      if (db.open) db.close();
    },
  };
}

/** The read transaction shared by the point reads of one turn of the event loop (see SqlitePointReads). */
class ReadTurns {
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly journalMode: Database.Statement;
  private readonly schemaVersion: Database.Statement;
  /** The schema version the open transaction reads (read as it began). */
  version = 0;
  /** A transaction is open; `checked`: its journal mode was read (WAL: it ends after its first read). */
  private open = false;
  private checked = false;
  /** Session statements and transactions running: no point read starts meanwhile. */
  private sessionWork = 0;

  constructor(private readonly db: Database.Database) {
    this.begin = db.prepare('BEGIN');
    this.commit = db.prepare('COMMIT');
    this.journalMode = db.prepare('PRAGMA main.journal_mode').pluck();
    this.schemaVersion = db.prepare('PRAGMA main.schema_version').pluck().safeIntegers(false);
  }

  /** Whether a point read may run now; starts the turn's transaction if none is open. */
  enter(): boolean {
    if (this.sessionWork > 0 || !this.db.open) return false;
    if (!this.open) {
      this.begin.run();
      this.open = true;
      this.checked = false;
      setImmediate(this.end);
      // the first read of the transaction: it takes the shared lock, so no schema change lands after it
      this.version = this.schemaVersion.get() as number;
    }
    return true;
  }

  /** After a read: in WAL mode (known once the transaction has read the file) the transaction ends at once. */
  afterRead(): void {
    if (this.checked || !this.open) return;
    this.checked = true;
    if (String(this.journalMode.get()).toLowerCase() === 'wal') this.end();
  }

  readonly end = (): void => {
    if (!this.open) return;
    this.open = false;
    if (this.db.open && this.db.inTransaction) this.commit.run();
  };

  wrap(session: RestSession): RestSession {
    const run = <T>(work: () => Promise<T>): Promise<T> => {
      this.end();
      this.sessionWork++;
      let promise: Promise<T>;
      try {
        promise = work();
      } catch (error) {
        this.sessionWork--;
        throw error;
      }
      return promise.finally(() => this.sessionWork--);
    };
    const wrapped: RestSession = {
      engine: session.engine,
      execute: (...args) => run(() => session.execute(...args)),
      transaction: (work, signal) => run(() => session.transaction(work, signal)),
    };
    if (session.introspect) {
      const introspect = session.introspect.bind(session);
      wrapped.introspect = () => run(introspect);
    }
    return wrapped;
  }
}

function pointReader(db: Database.Database, sql: string, turns: ReadTurns): SqlitePointReader | null {
  let plain: Database.Statement;
  try {
    plain = db.prepare(sql);
  } catch {
    return null;
  }
  if (!plain.reader || !plain.readonly) return null;
  plain.raw(true).safeIntegers(false);
  let shape: Shape | null = null;
  const read = (key: SqlValue): string | undefined => {
    let row: unknown[] | undefined;
    let version: number;
    try {
      if (!turns.enter()) return undefined;
      // bound as the session binds it (whole numbers as integers: a text key compares '7', not '7.0')
      row = plain.get(toBindValue(key)) as unknown[] | undefined;
      version = turns.version;
      turns.afterRead();
    } catch {
      // the session reads it again and says what is wrong
      turns.end();
      return undefined;
    }
    if (row === undefined) return undefined;
    if (shape === null || shape.version !== version) {
      shape = shapeOf(db, sql, version, row.length);
      if (shape === null) return undefined;
    }
    return rowJson(row, shape);
  };
  return read;
}

/** The columns as the session's own statement reports them; null when the row read does not match them. */
function shapeOf(db: Database.Database, sql: string, version: number, width: number): Shape | null {
  let columns: Database.ColumnDefinition[];
  try {
    columns = db.prepare(sql).columns();
  } catch {
    return null;
  }
  if (columns.length !== width) return null;
  const names = columns.map((c) => c.name);
  const booleans = columns.map((c) => c.type !== null && BOOLEAN_TYPE.test(c.type));
  const plainKeys = new Set(names).size === names.length && names.every((n) => n !== '__proto__' && !INDEX_KEY.test(n));
  const prefixes = plainKeys ? names.map((n, i) => `${i === 0 ? '{' : ','}${JSON.stringify(n)}:`) : null;
  return { version, names, booleans, prefixes };
}

/** The row as JSON.stringify writes the session's row object; undefined for a value only the session reads. */
function rowJson(row: unknown[], shape: Shape): string | undefined {
  const { names, booleans, prefixes } = shape;
  const n = names.length;
  let json = '';
  for (let i = 0; i < n; i++) {
    let v = row[i];
    if (typeof v === 'number') {
      if (v > MAX_SAFE || v < -MAX_SAFE) {
        // maybe a 64-bit integer rounded by the double: the session reads it exactly
        if (Number.isInteger(v)) return undefined;
        if (!Number.isFinite(v)) v = String(v);
      }
      if (booleans[i] && (v === 0 || v === 1)) v = v === 1;
    } else if (v !== null && typeof v !== 'string') return undefined;
    if (prefixes === null) row[i] = v;
    // a number, boolean or null is written as JSON.stringify writes it, without the call
    else json += prefixes[i] + (typeof v === 'string' ? JSON.stringify(v) : String(v));
  }
  if (prefixes !== null) return n === 0 ? '{}' : `${json}}`;
  const object: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) object[names[i]!] = row[i];
  return JSON.stringify(object);
}
