import type {
  Design,
  DesignCheck,
  DesignColumn,
  DesignEnum,
  DesignForeignKey,
  DesignIndex,
  DesignTable,
} from '../../../shared/design';
import type { CatalogQuery } from '../schema/introspect-postgres';
import { groupBy } from '../schema/group-by';
import { normalizePgDefault, normalizePgType, pgAction, stripOuterParens } from './pull-normalize';

interface TableRow {
  oid: number;
  name: string;
  note: string | null;
}
interface ColumnRow {
  relid: number;
  name: string;
  type: string;
  notnull: boolean;
  dflt: string | null;
  identity: string;
  generated: string;
  note: string | null;
  enum_schema: string | null;
  enum_name: string | null;
  enum_array: boolean;
}
interface ConstraintRow {
  relid: number;
  name: string;
  kind: 'p' | 'u' | 'f' | 'c';
  /** JSON arrays of column names, in key order. */
  columns: string;
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string | null;
  upd: string;
  del: string;
  def: string | null;
}
interface IndexRow {
  relid: number;
  name: string;
  unique: boolean;
  method: string;
  /** JSON array: a column name, or an expression already wrapped in backticks. */
  columns: string;
}
interface EnumRow {
  schema: string;
  name: string;
  values: string;
}

/** The tables of `schema` (relkind r/p, partitions left out: they are rows of their parent's design). */
const TABLES = `SELECT c.oid FROM pg_catalog.pg_class c
  WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition`;

/**
 * Reads one PostgreSQL schema into a design with five catalog queries for the whole schema (none per table), so a
 * schema of 1,000 tables costs the same five round trips as one of ten. Normalization: see pull-normalize.ts.
 */
export async function pullPostgres(query: CatalogQuery, schema: string | null): Promise<Design> {
  const [current] = await query<{ schema: string }>('SELECT current_schema() AS schema', []);
  const target = schema ?? current?.schema ?? 'public';
  const own = (s: string): string | null => (s === (current?.schema ?? 'public') ? null : s);
  const sameSchema = (s: string | null): string | null => (s === target ? null : s);
  const nsp = [`"${target.replace(/"/g, '""')}"`];

  const tables = await query<TableRow>(
    `SELECT c.oid::int AS oid, c.relname AS name, obj_description(c.oid, 'pg_class') AS note
       FROM pg_catalog.pg_class c WHERE c.oid IN (${TABLES}) ORDER BY c.relname COLLATE "C"`,
    nsp,
  );
  const columns = await query<ColumnRow>(
    `SELECT a.attrelid::int AS relid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attidentity::text AS identity,
            a.attgenerated::text AS generated, col_description(a.attrelid, a.attnum) AS note,
            en.nspname AS enum_schema, e.typname AS enum_name, (t.typtype <> 'e') AS enum_array
       FROM pg_catalog.pg_attribute a
       JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       LEFT JOIN pg_catalog.pg_type e
         ON e.typtype = 'e' AND e.oid = CASE WHEN t.typtype = 'e' THEN t.oid ELSE t.typelem END
       LEFT JOIN pg_catalog.pg_namespace en ON en.oid = e.typnamespace
      WHERE a.attrelid IN (${TABLES}) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attrelid, a.attnum`,
    nsp,
  );
  const constraints = await query<ConstraintRow>(
    `SELECT con.conrelid::int AS relid, con.conname AS name, con.contype::text AS kind,
            array_to_json(ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                   ORDER BY k.ord))::text AS columns,
            fn.nspname AS ref_schema, fc.relname AS ref_table,
            array_to_json(ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                   ORDER BY k.ord))::text AS ref_columns,
            con.confupdtype::text AS upd, con.confdeltype::text AS del,
            CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid, true) END AS def
       FROM pg_catalog.pg_constraint con
       LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
       LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
      WHERE con.contype IN ('p', 'u', 'f', 'c') AND con.conrelid IN (${TABLES})
      ORDER BY con.conrelid, con.conname COLLATE "C"`,
    nsp,
  );
  const indexes = await query<IndexRow>(
    `SELECT i.indrelid::int AS relid, ic.relname AS name, i.indisunique AS "unique", am.amname AS method,
            array_to_json(ARRAY(SELECT CASE WHEN k.attnum = 0
                                        THEN '\`' || pg_get_indexdef(i.indexrelid, k.ord::int, true) || '\`'
                                        ELSE a.attname::text END
                    FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                    LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                   WHERE k.ord <= i.indnkeyatts ORDER BY k.ord))::text AS columns
       FROM pg_catalog.pg_index i
       JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_catalog.pg_am am ON am.oid = ic.relam
      WHERE i.indrelid IN (${TABLES})
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                         WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
      ORDER BY i.indrelid, ic.relname COLLATE "C"`,
    nsp,
  );

  const columnsBy = groupBy(columns, (c) => c.relid);
  const constraintsBy = groupBy(constraints, (c) => c.relid);
  const indexesBy = groupBy(indexes, (i) => i.relid);
  const enumKeys = new Map<string, { schema: string; name: string }>();

  const designTables: DesignTable[] = tables.map((t) => {
    const cons = constraintsBy.get(t.oid) ?? [];
    const singleUnique = new Set(
      cons
        .filter((c) => c.kind === 'u')
        .map((c) => JSON.parse(c.columns) as string[])
        .filter((cols) => cols.length === 1)
        .map((cols) => cols[0]!),
    );
    const designColumns: DesignColumn[] = (columnsBy.get(t.oid) ?? []).map((c) => {
      let type = normalizePgType(c.type);
      if (c.enum_name !== null && c.enum_schema !== null) {
        enumKeys.set(`${c.enum_schema}.${c.enum_name}`, { schema: c.enum_schema, name: c.enum_name });
        const owner = sameSchema(c.enum_schema);
        type = `${owner === null ? '' : `${owner}.`}${c.enum_name}${c.enum_array ? '[]' : ''}`;
      }
      const fromSequence = c.dflt !== null && /^nextval\(/i.test(c.dflt);
      return {
        name: c.name,
        type,
        nullable: !c.notnull,
        // a generated column's expression is stored like a default; it is not one
        default: c.generated === 's' || fromSequence ? null : normalizePgDefault(c.dflt, type),
        unique: singleUnique.has(c.name),
        autoIncrement: c.identity === 'a' || c.identity === 'd' || fromSequence,
        note: c.note,
      };
    });
    const primary = cons.find((c) => c.kind === 'p');
    const uniqueIndexes: DesignIndex[] = cons
      .filter((c) => c.kind === 'u' && (JSON.parse(c.columns) as string[]).length > 1)
      .map((c) => ({ name: c.name, columns: JSON.parse(c.columns) as string[], unique: true, type: null, note: null }));
    const plainIndexes: DesignIndex[] = (indexesBy.get(t.oid) ?? []).map((i) => ({
      name: i.name,
      columns: JSON.parse(i.columns) as string[],
      unique: i.unique,
      type: i.method === 'btree' ? null : i.method,
      note: null,
    }));
    const foreignKeys: DesignForeignKey[] = cons
      .filter((c) => c.kind === 'f')
      .map((c) => ({
        name: c.name,
        columns: JSON.parse(c.columns) as string[],
        refSchema: sameSchema(c.ref_schema),
        refTable: c.ref_table ?? '',
        refColumns: JSON.parse(c.ref_columns ?? '[]') as string[],
        onDelete: pgAction(c.del),
        onUpdate: pgAction(c.upd),
      }));
    const checks: DesignCheck[] = cons
      .filter((c) => c.kind === 'c' && c.def !== null)
      .map((c) => ({ name: c.name, expression: pgCheckExpression(c.def!) }));
    return {
      schema: own(target),
      name: t.name,
      columns: designColumns,
      primaryKey: primary ? (JSON.parse(primary.columns) as string[]) : [],
      indexes: [...uniqueIndexes, ...plainIndexes].sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : 1)),
      foreignKeys,
      checks,
      note: t.note,
    };
  });

  const enums: DesignEnum[] = [];
  if (enumKeys.size > 0) {
    const rows = await query<EnumRow>(
      `SELECT n.nspname AS schema, t.typname AS name,
              array_to_json(ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e
                                   WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder))::text AS values
         FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype = 'e' AND (n.nspname || '.' || t.typname) IN (SELECT json_array_elements_text($1::json))
        ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C"`,
      [JSON.stringify([...enumKeys.keys()])],
    );
    for (const r of rows) enums.push({ schema: own(r.schema), name: r.name, values: JSON.parse(r.values) as string[] });
  }
  return { dialect: 'postgres', tables: designTables, enums, note: null };
}

/** `CHECK ((price > (0)::numeric)) NOT VALID` → `(price > (0)::numeric)` without the outer parentheses. */
function pgCheckExpression(def: string): string {
  const body = def.replace(/^CHECK\s*/i, '').replace(/\s+NOT VALID$/i, '');
  return stripOuterParens(body);
}
