import type { StatementRunner } from '../../connections/driver-adapter';
import { readAll } from '../../data/read-all';
import type { TableMeta } from '../../data/table-meta';
import { restColumns, type RestColumn } from './rest-values';

/**
 * How `/<resource>/:id` finds a row:
 * - `column`: a one-column primary key — `:id` is its value;
 * - `rowid`: an SQLite table without a primary key — `:id` is the rowid, and rows carry it as `field`
 *   (a name no column has, `__rowid` unless taken) so a client can address them;
 * - `composite`: a primary key of several columns — no item routes (a value in the path cannot name several
 *   columns without an escaping rule of our own); rows are read with filters on the key columns, created with
 *   POST (Location is that filter);
 * - `none`: a PostgreSQL or MySQL table without a primary key, or a view — the collection is listed and
 *   filtered, nothing else (rows with the same values cannot be told apart).
 */
export type RestKey =
  | { kind: 'column'; column: string }
  | { kind: 'rowid'; alias: string; field: string }
  | { kind: 'composite'; columns: string[] }
  | { kind: 'none'; reason: string };

/** A table as its REST resource serves it. */
export interface RestTable {
  meta: TableMeta;
  columns: RestColumn[];
  key: RestKey;
  /** Whether rows may be created, replaced, changed and deleted (false for views and read-only resources). */
  writable: boolean;
  /** Why it is not writable, for the 405 message. */
  readOnlyReason: string | null;
}

export function restTable(meta: TableMeta, readOnly: boolean, jsonColumns?: ReadonlySet<string>): RestTable {
  const columns = restColumns(meta.engine, meta.columns, jsonColumns);
  const key = keyOf(meta);
  const readOnlyReason =
    meta.info.kind === 'view'
      ? `"${meta.ref.table}" is a view: its rows are computed from other tables.`
      : readOnly
        ? `"${meta.ref.table}" is served read-only.`
        : key.kind === 'none'
          ? key.reason
          : null;
  return { meta, columns, key, writable: readOnlyReason === null, readOnlyReason };
}

function keyOf(meta: TableMeta): RestKey {
  const identity = meta.identity;
  if (identity.kind === 'primaryKey') {
    return identity.columns.length === 1
      ? { kind: 'column', column: identity.columns[0]! }
      : { kind: 'composite', columns: identity.columns };
  }
  if (identity.kind === 'rowid' && meta.rowidAlias !== null) {
    return { kind: 'rowid', alias: meta.rowidAlias, field: identity.rowidColumn };
  }
  const reason =
    identity.kind === 'readOnly'
      ? identity.reason
      : `"${meta.ref.table}" has no primary key, so its rows cannot be told apart: it is served as a list only.`;
  return { kind: 'none', reason };
}

/** The columns rows are ordered by when `_sort` is not given, so pages do not overlap. */
export function defaultOrder(table: RestTable): { column: string; raw: boolean }[] {
  switch (table.key.kind) {
    case 'column':
      return [{ column: table.key.column, raw: false }];
    case 'composite':
      return table.key.columns.map((column) => ({ column, raw: false }));
    case 'rowid':
      return [{ column: table.key.alias, raw: true }];
    case 'none':
      return [];
  }
}

/**
 * MariaDB's JSON columns: its JSON type is a LONGTEXT with the check `json_valid(col)`, which the catalog shows
 * as longtext. Empty elsewhere, and on MySQL, whose JSON is a type of its own (and whose catalog has no
 * CHECK_CONSTRAINTS.TABLE_NAME: the query fails and nothing is found).
 */
export async function mariadbJsonColumns(runner: StatementRunner, meta: TableMeta): Promise<Set<string>> {
  const found = new Set<string>();
  if (meta.engine !== 'mysql') return found;
  let rows: unknown[][];
  try {
    rows = await readAll(
      runner,
      'SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?',
      [meta.info.schema, meta.info.name],
    );
  } catch {
    return found;
  }
  for (const [clause] of rows) {
    const match = /^json_valid\(`((?:[^`]|``)+)`\)$/i.exec(String(clause).trim());
    const column = match?.[1]?.replace(/``/g, '`');
    if (column !== undefined && meta.columns.some((c) => c.name === column)) found.add(column);
  }
  return found;
}
