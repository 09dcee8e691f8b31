import type { DataColumn, RowIdentity } from '../../../shared/contract/data.contract';
import type { Engine, TableInfo } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { DriverSession } from '../connections/driver-adapter';
import type { TableRef } from '../connections/sql-dialect';
import { sessionCatalogQuery } from '../schema/catalog-query';
import { introspectMysql } from '../schema/introspect-mysql';
import { readAll } from './read-all';
import { loadSqliteTable } from './sqlite-table-info';

/** What the data domain knows of one table or view: its schema entry, the editor's columns and its row identity. */
export interface TableMeta {
  engine: Engine;
  /** The table as statements name it (schema resolved to the one it was found in). */
  ref: TableRef;
  info: TableInfo;
  columns: DataColumn[];
  identity: RowIdentity;
  /** SQLite: the rowid alias that is not shadowed by a column (`rowid`, `_rowid_` or `oid`), for `rowid` identity. */
  rowidAlias: string | null;
  /** The foreign keys of other tables (or of itself) that reference this table. */
  referencing: ReferencingKey[];
}

/** A foreign key pointing at the table: `columns` of `table` hold the values of its `referencedColumns`. */
export interface ReferencingKey {
  schema: string | null;
  table: string;
  columns: string[];
  referencedColumns: string[];
}

/**
 * Finds the table in the connection's schema tree and adds what the editor needs beyond it: enum values and
 * auto-increment (one catalog query on PostgreSQL and MySQL) and how rows are identified for editing.
 */
export async function loadTableMeta(session: DriverSession, target: TableRef): Promise<TableMeta> {
  const found = await findTable(session, target);
  if (!found) {
    const where = target.schema === null ? 'the database' : `schema "${target.schema}"`;
    throw new AppError(
      'NOT_FOUND',
      `There is no table or view "${target.table}" in ${where} — refresh the schema and pick it again.`,
      { schema: target.schema, table: target.table },
    );
  }
  const { info, referencing } = found;
  const engine = session.engine;
  const ref: TableRef = {
    schema: engine === 'sqlite' && target.schema === null ? null : info.schema,
    table: info.name,
  };
  const extras = await columnExtras(session, engine, info);
  const columns: DataColumn[] = info.columns.map((c) => {
    const fk = info.foreignKeys.find((f) => f.columns[0] === c.name);
    const extra = extras.get(c.name);
    return {
      name: c.name,
      dataType: c.dataType,
      nullable: c.nullable,
      defaultSql: c.defaultValue,
      autoIncrement: extra?.autoIncrement ?? false,
      generated: c.generated !== undefined,
      enumValues: extra?.enumValues ?? null,
      references: fk ? { schema: fk.referencedSchema, table: fk.referencedTable, columns: fk.referencedColumns } : null,
    };
  });
  const { identity, rowidAlias } = identityOf(engine, info);
  return { engine, ref, info, columns, identity, rowidAlias, referencing };
}

/**
 * SQLite: the table alone (its pragmas, no row count). PostgreSQL and MySQL: the schema tree (catalog queries
 * only, no counts), which also holds the foreign keys that point at the table.
 */
async function findTable(
  session: DriverSession,
  target: TableRef,
): Promise<{ info: TableInfo; referencing: ReferencingKey[] } | null> {
  if (session.engine === 'sqlite') {
    if (target.schema !== null && target.schema !== 'main') return null;
    return loadSqliteTable(session, target.table);
  }
  let tree = await session.introspect();
  const schemaName = target.schema ?? tree.defaultSchema;
  if (session.engine === 'mysql' && schemaName !== null && !tree.schemas.some((s) => s.name === schemaName)) {
    // the tree holds the connection's own database only; a table of another one (named by the user or by a
    // foreign key that points there) is read from that database's catalog
    tree = await introspectMysql(sessionCatalogQuery(session), schemaName);
  }
  const info = tree.schemas.find((s) => s.name === schemaName)?.tables.find((t) => t.name === target.table);
  if (!info) return null;
  const same = (a: string | null, b: string | null) =>
    a === b || (session.engine === 'mysql' && a !== null && b !== null && a.toLowerCase() === b.toLowerCase());
  const referencing: ReferencingKey[] = [];
  for (const schema of tree.schemas) {
    for (const table of schema.tables) {
      for (const fk of table.foreignKeys) {
        if (!same(fk.referencedTable, info.name) || !same(fk.referencedSchema, info.schema)) continue;
        referencing.push({
          schema: table.schema,
          table: table.name,
          columns: fk.columns,
          referencedColumns: fk.referencedColumns,
        });
      }
    }
  }
  return { info, referencing };
}

const ROWID_ALIASES = ['rowid', '_rowid_', 'oid'];

/** How rows of `info` are told apart; see RowIdentity. */
export function identityOf(engine: Engine, info: TableInfo): { identity: RowIdentity; rowidAlias: string | null } {
  if (info.kind === 'view') {
    return {
      identity: {
        kind: 'readOnly',
        reason: 'This is a view: its rows are computed from other tables, so they are edited there.',
      },
      rowidAlias: null,
    };
  }
  const pk = info.columns
    .filter((c) => c.primaryKey)
    .sort((a, b) => (a.primaryKeyOrdinal ?? 0) - (b.primaryKeyOrdinal ?? 0))
    .map((c) => c.name);
  if (pk.length > 0) return { identity: { kind: 'primaryKey', columns: pk }, rowidAlias: null };
  if (engine === 'sqlite') {
    const names = new Set(info.columns.map((c) => c.name.toLowerCase()));
    const alias = ROWID_ALIASES.find((a) => !names.has(a));
    if (alias === undefined) {
      return {
        identity: {
          kind: 'readOnly',
          reason:
            'This table has no primary key and columns named rowid, _rowid_ and oid hide its rowid, so its rows cannot be told apart.',
        },
        rowidAlias: null,
      };
    }
    let rowidColumn = '__rowid';
    while (names.has(rowidColumn.toLowerCase())) rowidColumn = `_${rowidColumn}`;
    return { identity: { kind: 'rowid', rowidColumn }, rowidAlias: alias };
  }
  return { identity: { kind: 'allColumns' }, rowidAlias: null };
}

interface ColumnExtra {
  autoIncrement: boolean;
  enumValues: string[] | null;
}

async function columnExtras(
  session: DriverSession,
  engine: Engine,
  info: TableInfo,
): Promise<Map<string, ColumnExtra>> {
  const extras = new Map<string, ColumnExtra>();
  if (engine === 'sqlite') {
    // the rowid alias (a one-column key declared exactly INTEGER) numbers itself
    const pk = info.columns.filter((c) => c.primaryKey);
    if (pk.length === 1 && pk[0]!.dataType.toUpperCase() === 'INTEGER')
      extras.set(pk[0]!.name, { autoIncrement: true, enumValues: null });
    return extras;
  }
  if (engine === 'postgres') {
    const rows = await readAll(
      session,
      `SELECT a.attname, a.attidentity::text,
              (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e
                WHERE e.enumtypid = a.atttypid)::text
         FROM pg_catalog.pg_attribute a
         JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped`,
      [info.schema, info.name],
    );
    for (const [name, identity, labels] of rows as [string, string, string | null][]) {
      const dflt = info.columns.find((c) => c.name === name)?.defaultValue ?? '';
      extras.set(name, {
        autoIncrement: identity === 'a' || identity === 'd' || /^nextval\(/i.test(dflt),
        enumValues: labels === null ? null : (JSON.parse(labels) as string[]),
      });
    }
    return extras;
  }
  const rows = await readAll(
    session,
    'SELECT COLUMN_NAME, EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
    [info.schema, info.name],
  );
  for (const [name, extra] of rows as [string, string | null][]) {
    const type = info.columns.find((c) => c.name === name)?.dataType ?? '';
    extras.set(name, {
      autoIncrement: /auto_increment/i.test(extra ?? ''),
      enumValues: parseMysqlEnum(type),
    });
  }
  return extras;
}

/** The values of a MySQL `enum('a','b')` / `set(...)` column type, quotes undone; null for other types. */
export function parseMysqlEnum(columnType: string): string[] | null {
  const match = /^(?:enum|set)\((.*)\)$/is.exec(columnType.trim());
  if (!match) return null;
  const values: string[] = [];
  const re = /'((?:[^'\\]|''|\\.)*)'/gs;
  for (const m of match[1]!.matchAll(re)) {
    values.push(m[1]!.replace(/''/g, "'").replace(/\\(.)/gs, '$1'));
  }
  return values;
}
