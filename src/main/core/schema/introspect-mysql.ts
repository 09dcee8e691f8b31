import type { ColumnInfo, ForeignKeyInfo, IndexInfo, SchemaTree, TableInfo } from '../../../shared/domain';
import type { CatalogQuery } from './introspect-postgres';
import { groupBy } from './group-by';

interface TableRow {
  name: string;
  type: string;
  estimate: number | string | null;
}
interface ColRow {
  tbl: string;
  name: string;
  type: string;
  nullable: string;
  dflt: string | null;
  /** 'VIRTUAL GENERATED' / 'STORED GENERATED' for generated columns (MySQL and MariaDB alike). */
  extra: string | null;
}
interface IdxRow {
  tbl: string;
  name: string;
  non_unique: number | string;
  col: string | null;
}
interface FkRow {
  tbl: string;
  name: string;
  col: string;
  ref_schema: string;
  ref_table: string;
  ref_col: string;
  upd: string;
  del: string;
}

/**
 * Reads the connected MySQL/MariaDB database (one schema) — or `database`, another one on the same server —
 * from information_schema with five queries in all. Row counts are information_schema's TABLE_ROWS estimate.
 */
export async function introspectMysql(
  query: CatalogQuery,
  database?: string,
): Promise<Omit<SchemaTree, 'connectionId'>> {
  const [current] =
    database === undefined ? await query<{ db: string | null }>('SELECT DATABASE() AS db', []) : [{ db: database }];
  const db = current?.db ?? null;
  if (db === null) return { engine: 'mysql', defaultSchema: null, schemas: [] };
  const tables = await query<TableRow>(
    `SELECT TABLE_NAME AS name, TABLE_TYPE AS type, TABLE_ROWS AS estimate
       FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`,
    [db],
  );
  const cols = await query<ColRow>(
    `SELECT TABLE_NAME AS tbl, COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable,
            COLUMN_DEFAULT AS dflt, EXTRA AS extra
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    [db],
  );
  const idxs = await query<IdxRow>(
    `SELECT TABLE_NAME AS tbl, INDEX_NAME AS name, NON_UNIQUE AS non_unique, COLUMN_NAME AS col
       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
    [db],
  );
  const fks = await query<FkRow>(
    `SELECT k.TABLE_NAME AS tbl, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col,
            k.REFERENCED_TABLE_SCHEMA AS ref_schema, k.REFERENCED_TABLE_NAME AS ref_table,
            k.REFERENCED_COLUMN_NAME AS ref_col, r.UPDATE_RULE AS upd, r.DELETE_RULE AS del
       FROM information_schema.KEY_COLUMN_USAGE k
       JOIN information_schema.REFERENTIAL_CONSTRAINTS r
         ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
      WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
      ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
    [db],
  );

  const colsBy = groupBy(cols, (c) => c.tbl);
  const idxBy = groupBy(idxs, (i) => i.tbl);
  const fkBy = groupBy(fks, (f) => f.tbl);
  const infos: TableInfo[] = tables.map((t) => {
    const indexes: IndexInfo[] = [...groupBy(idxBy.get(t.name) ?? [], (i) => i.name)].map(([name, rows]) => ({
      name,
      columns: rows.map((r) => r.col ?? '<expression>'),
      unique: Number(rows[0]!.non_unique) === 0,
      primary: name === 'PRIMARY',
    }));
    const pk = indexes.find((i) => i.primary)?.columns ?? [];
    const columns: ColumnInfo[] = (colsBy.get(t.name) ?? []).map((c) => {
      const ordinal = pk.indexOf(c.name);
      const generated = /\bVIRTUAL GENERATED\b/i.test(c.extra ?? '')
        ? ('virtual' as const)
        : /\b(STORED|PERSISTENT) GENERATED\b/i.test(c.extra ?? '')
          ? ('stored' as const)
          : undefined;
      return {
        name: c.name,
        dataType: c.type,
        nullable: c.nullable === 'YES',
        // MariaDB reports a NULL default as the text NULL
        defaultValue: c.dflt === null || c.dflt === 'NULL' ? null : c.dflt,
        primaryKey: ordinal >= 0,
        primaryKeyOrdinal: ordinal >= 0 ? ordinal + 1 : null,
        ...(generated ? { generated } : {}),
      };
    });
    const foreignKeys: ForeignKeyInfo[] = [...groupBy(fkBy.get(t.name) ?? [], (f) => f.name)].map(([name, rows]) => ({
      name,
      columns: rows.map((r) => r.col),
      referencedSchema: rows[0]!.ref_schema,
      referencedTable: rows[0]!.ref_table,
      referencedColumns: rows.map((r) => r.ref_col),
      onUpdate: rows[0]!.upd,
      onDelete: rows[0]!.del,
    }));
    const isView = t.type === 'VIEW';
    return {
      schema: db,
      name: t.name,
      kind: isView ? 'view' : 'table',
      columns,
      indexes,
      foreignKeys,
      rowCount: isView || t.estimate === null ? null : Number(t.estimate),
      rowCountExact: false,
    };
  });
  return { engine: 'mysql', defaultSchema: db, schemas: [{ name: db, tables: infos }] };
}

/** Databases MySQL/MariaDB keeps for itself: never listed as schemas of a connection. */
const SYSTEM_DATABASES = new Set(['information_schema', 'performance_schema', 'mysql', 'sys']);

/**
 * The other databases the connection's user can see (SHOW DATABASES lists only those it holds a privilege on),
 * without the system ones and without `current`, in the server's order.
 */
export async function listOtherMysqlDatabases(query: CatalogQuery, current: string | null): Promise<string[]> {
  const rows = await query<Record<string, unknown>>('SHOW DATABASES', []);
  return rows
    .map((row) => String(Object.values(row)[0]))
    .filter((name) => name !== current && !SYSTEM_DATABASES.has(name.toLowerCase()));
}
