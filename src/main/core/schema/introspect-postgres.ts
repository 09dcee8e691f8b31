import type { ColumnInfo, ForeignKeyInfo, IndexInfo, SchemaInfo, SchemaTree, TableInfo } from '../../../shared/domain';
import { groupBy } from './group-by';

/** Runs one catalog query with bound values and returns its rows as objects. */
export type CatalogQuery = <T>(text: string, values: unknown[]) => Promise<T[]>;

/** User schemas: everything but the system ones and other sessions' temp schemas. */
const USER_SCHEMA = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;

const RELS = `SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${USER_SCHEMA}`;

const FK_ACTIONS: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

interface RelRow {
  oid: number;
  schema: string;
  name: string;
  relkind: string;
  estimate: number | null;
}
interface ColRow {
  relid: number;
  name: string;
  type: string;
  nullable: boolean;
  dflt: string | null;
  /** pg_attribute.attgenerated: 's' for a generated (stored) column, '' otherwise. */
  generated: string;
}
interface IdxRow {
  relid: number;
  name: string;
  unique: boolean;
  primary: boolean;
  columns: string[];
}
interface FkRow {
  relid: number;
  name: string;
  ref_schema: string;
  ref_table: string;
  columns: string[];
  ref_columns: string[];
  upd: string;
  del: string;
}

/**
 * Reads every user schema of the connected PostgreSQL database with five catalog queries in all (no query per
 * table). Row counts are the planner's estimate (pg_class.reltuples; null when the table was never analysed).
 */
export async function introspectPostgres(query: CatalogQuery): Promise<Omit<SchemaTree, 'connectionId'>> {
  const [current] = await query<{ schema: string | null }>('SELECT current_schema() AS schema', []);
  const schemas = await query<{ name: string }>(
    `SELECT n.nspname AS name FROM pg_catalog.pg_namespace n WHERE ${USER_SCHEMA} ORDER BY n.nspname`,
    [],
  );
  const rels = await query<RelRow>(
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
            c.reltuples::float8 AS estimate
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.oid IN (${RELS}) ORDER BY n.nspname, c.relname`,
    [],
  );
  const cols = await query<ColRow>(
    `SELECT a.attrelid::int AS relid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attgenerated::text AS generated
       FROM pg_catalog.pg_attribute a
       LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid IN (${RELS}) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attrelid, a.attnum`,
    [],
  );
  const idxs = await query<IdxRow>(
    `SELECT i.indrelid::int AS relid, ic.relname AS name, i.indisunique AS "unique", i.indisprimary AS "primary",
            ARRAY(SELECT COALESCE(a.attname::text, '<expression>')
                    FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                    LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
                   WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS columns
       FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
      WHERE i.indrelid IN (${RELS}) ORDER BY i.indrelid, ic.relname`,
    [],
  );
  const fks = await query<FkRow>(
    `SELECT con.conrelid::int AS relid, con.conname AS name, fn.nspname AS ref_schema, fc.relname AS ref_table,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns,
            con.confupdtype::text AS upd, con.confdeltype::text AS del
       FROM pg_catalog.pg_constraint con
       JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
       JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
      WHERE con.contype = 'f' AND con.conrelid IN (${RELS}) ORDER BY con.conrelid, con.conname`,
    [],
  );

  const colsBy = groupBy(cols, (c) => c.relid);
  const idxBy = groupBy(idxs, (i) => i.relid);
  const fkBy = groupBy(fks, (f) => f.relid);
  const tablesBySchema = new Map<string, TableInfo[]>(schemas.map((s) => [s.name, []]));

  for (const rel of rels) {
    const indexes: IndexInfo[] = (idxBy.get(rel.oid) ?? []).map((i) => ({
      name: i.name,
      columns: i.columns,
      unique: i.unique,
      primary: i.primary,
    }));
    const pk = indexes.find((i) => i.primary)?.columns ?? [];
    const columns: ColumnInfo[] = (colsBy.get(rel.oid) ?? []).map((c) => {
      const ordinal = pk.indexOf(c.name);
      return {
        name: c.name,
        dataType: c.type,
        nullable: c.nullable,
        // a generated column's expression is stored like a default; it is not one
        defaultValue: c.generated === 's' ? null : c.dflt,
        ...(c.generated === 's' ? { generated: 'stored' as const } : {}),
        primaryKey: ordinal >= 0,
        primaryKeyOrdinal: ordinal >= 0 ? ordinal + 1 : null,
      };
    });
    const foreignKeys: ForeignKeyInfo[] = (fkBy.get(rel.oid) ?? []).map((f) => ({
      name: f.name,
      columns: f.columns,
      referencedSchema: f.ref_schema,
      referencedTable: f.ref_table,
      referencedColumns: f.ref_columns,
      onUpdate: FK_ACTIONS[f.upd] ?? null,
      onDelete: FK_ACTIONS[f.del] ?? null,
    }));
    const isView = rel.relkind === 'v' || rel.relkind === 'm';
    const estimate = rel.estimate === null || rel.estimate < 0 || isView ? null : Math.round(rel.estimate);
    const table: TableInfo = {
      schema: rel.schema,
      name: rel.name,
      kind: isView ? 'view' : 'table',
      columns,
      indexes,
      foreignKeys,
      rowCount: estimate,
      rowCountExact: false,
    };
    const list = tablesBySchema.get(rel.schema);
    if (list) list.push(table);
    else tablesBySchema.set(rel.schema, [table]);
  }
  const infos: SchemaInfo[] = [...tablesBySchema].map(([name, tables]) => ({ name, tables }));
  return { engine: 'postgres', defaultSchema: current?.schema ?? 'public', schemas: infos };
}
