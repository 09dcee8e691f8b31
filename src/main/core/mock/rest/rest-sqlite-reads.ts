import Database from 'better-sqlite3';
import type { SqlValue } from '../../connections/sql-dialect';
import { sqliteOptions } from '../../connections/sqlite/native-binding';
import { BOOLEAN_TYPE } from '../../connections/sqlite/sqlite-engine';
import { fromWireValue, toWireValue } from '../../connections/sqlite/sqlite-protocol';

/**
 * `GET /<table>/:id` on an SQLite file without a round of promises: one statement kept prepared per table on a
 * read-only connection of this process, the row written as JSON straight from its values. It answers only what
 * it answers exactly as the session would (sqlite-engine.ts reading, rest-resource.ts writing JSON); anything
 * else — a BLOB, a number that may be a rounded 64-bit integer, a missing row, an error — is left to the
 * resource's own path (`undefined`).
 *
 * Every read is a statement of its own, so it sees every committed write, of this process or another (no read
 * transaction is held between requests). The statement also reads `schema_version`: when another connection
 * changed the schema, SQLite prepares the statement again (a `SELECT *` may then have other columns), and the
 * columns' names and types are read again before the row is written.
 */
export interface SqlitePointReads {
  /** A reader of one row by `sql` (the resource's SELECT with one `?`, the key), or null when it cannot be used. */
  reader(sql: string): SqlitePointReader | null;
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
  return {
    reader: (sql) => pointReader(db, sql),
    close: () => {
      if (db.open) db.close();
    },
  };
}

function pointReader(db: Database.Database, sql: string): SqlitePointReader | null {
  let plain: Database.Statement;
  let versioned: Database.Statement;
  try {
    plain = db.prepare(sql);
    versioned = db
      .prepare(`SELECT *, (SELECT schema_version FROM pragma_schema_version) FROM (${sql})`)
      .raw(true)
      .safeIntegers(false);
  } catch {
    return null;
  }
  if (!plain.reader || !versioned.readonly) return null;
  let shape: Shape | null = null;
  const read = (key: SqlValue): string | undefined => {
    let row: unknown[] | undefined;
    try {
      // bound as the session binds it (whole numbers as integers: a text key compares '7', not '7.0')
      row = versioned.get(fromWireValue(toWireValue(key))) as unknown[] | undefined;
    } catch {
      return undefined;
    }
    if (row === undefined) return undefined;
    const version = row[row.length - 1] as number;
    if (shape === null || shape.version !== version) {
      shape = shapeOf(db, sql, version, row.length - 1);
      if (shape === null) return undefined;
    }
    return rowJson(row, shape);
  };
  return read;
}

/** The columns as the session's own statement reports them; null when the wrapped one does not match them. */
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
    else json += prefixes[i] + JSON.stringify(v);
  }
  if (prefixes !== null) return n === 0 ? '{}' : `${json}}`;
  const object: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) object[names[i]!] = row[i];
  return JSON.stringify(object);
}
