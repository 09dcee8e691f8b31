import type {
  Design,
  DesignCheck,
  DesignColumn,
  DesignEnum,
  DesignForeignKey,
  DesignIndex,
  DesignTable,
} from '../../../shared/design';
import { AppError } from '../../../shared/errors';
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
  num: number;
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
  /** For a column whose type is a domain: the domain's oid, base type, NOT NULL and default; else null. */
  domain_oid: number | null;
  domain_base: string | null;
  domain_notnull: boolean;
  domain_default: string | null;
  /** The column's name as PostgreSQL prints it in an expression (`quote_ident`). */
  quoted: string;
}
interface DomainCheckRow {
  domain_oid: number;
  name: string;
  def: string;
}
interface ConstraintRow {
  relid: number;
  name: string;
  kind: 'p' | 'u' | 'f' | 'c' | 'x';
  /** JSON arrays of attribute numbers, in key order. */
  keys: string;
  ref_keys: string | null;
  ref_relid: number;
  ref_schema: string | null;
  ref_table: string | null;
  upd: string;
  del: string;
  def: string | null;
  index_oid: number;
}
interface IndexRow {
  oid: number;
  relid: number;
  name: string;
  unique: boolean;
  method: string;
  /** int2vector text: attribute numbers separated by spaces, 0 for an expression; key columns first. */
  keys: string;
  nkeys: number;
  /** JSON array of every key column's text (pg_get_indexdef), only for an index with an expression. */
  exprs: string | null;
}
interface EnumRow {
  schema: string;
  name: string;
  values: string;
}

/** The tables of the schema `$1` (relkind r/p; partitions left out: they are rows of their parent's design). */
const IN_SCHEMA = `c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition`;
/** A comment of a table (objsubid 0) or of its column (objsubid = attnum). */
const DESCRIPTION = `pg_catalog.pg_description ds ON ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objoid`;

/**
 * Reads one PostgreSQL schema into a design with four catalog queries for the whole schema (none per table, and
 * no subquery per row: key columns come as attribute numbers and are named here), so 1,000 tables cost the same
 * round trips as ten. Normalization: see pull-normalize.ts.
 */
export async function pullPostgres(query: CatalogQuery, schema: string | null): Promise<Design> {
  const [current] = await query<{ schema: string }>('SELECT current_schema() AS schema', []);
  const target = schema ?? current?.schema ?? 'public';
  const own = (s: string): string | null => (s === (current?.schema ?? 'public') ? null : s);
  const sameSchema = (s: string | null): string | null => (s === target ? null : s);
  const nsp = [`"${target.replace(/"/g, '""')}"`];
  const [found] = await query<{ found: boolean }>('SELECT to_regnamespace($1) IS NOT NULL AS found', nsp);
  if (!found?.found)
    throw new AppError('NOT_FOUND', `There is no schema "${target}" in this database; pick one it has.`);

  const tables = await query<TableRow>(
    `SELECT c.oid::int AS oid, c.relname AS name, ds.description AS note
       FROM pg_catalog.pg_class c LEFT JOIN ${DESCRIPTION} = c.oid AND ds.objsubid = 0
      WHERE ${IN_SCHEMA} ORDER BY c.relname COLLATE "C"`,
    nsp,
  );
  const columns = await query<ColumnRow>(
    `SELECT a.attrelid::int AS relid, a.attnum::int AS num, a.attname AS name,
            format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
            pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attidentity::text AS identity,
            a.attgenerated::text AS generated, ds.description AS note,
            en.nspname AS enum_schema, e.typname AS enum_name, (t.typtype <> 'e') AS enum_array,
            CASE WHEN t.typtype = 'd' THEN t.oid::int END AS domain_oid,
            CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS domain_base,
            (t.typtype = 'd' AND t.typnotnull) AS domain_notnull,
            CASE WHEN t.typtype = 'd' THEN t.typdefault END AS domain_default, quote_ident(a.attname) AS quoted
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
       JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       LEFT JOIN ${DESCRIPTION} = a.attrelid AND ds.objsubid = a.attnum
       LEFT JOIN pg_catalog.pg_type e
         ON e.typtype = 'e' AND e.oid = CASE WHEN t.typtype = 'e' THEN t.oid ELSE t.typelem END
       LEFT JOIN pg_catalog.pg_namespace en ON en.oid = e.typnamespace
      WHERE ${IN_SCHEMA} AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attrelid, a.attnum`,
    nsp,
  );
  const constraints = await query<ConstraintRow>(
    `SELECT con.conrelid::int AS relid, con.conname AS name, con.contype::text AS kind,
            array_to_json(con.conkey)::text AS keys, array_to_json(con.confkey)::text AS ref_keys,
            con.confrelid::int AS ref_relid, fn.nspname AS ref_schema, fc.relname AS ref_table,
            con.confupdtype::text AS upd, con.confdeltype::text AS del, con.conindid::int AS index_oid,
            CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid, true) END AS def
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_constraint con ON con.conrelid = c.oid
       LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
       LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
      WHERE ${IN_SCHEMA} AND con.contype IN ('p', 'u', 'f', 'c', 'x')
      ORDER BY con.conrelid, con.conname COLLATE "C"`,
    nsp,
  );
  const indexRows = await query<IndexRow>(
    `SELECT i.indexrelid::int AS oid, i.indrelid::int AS relid, ic.relname AS name, i.indisunique AS "unique",
            am.amname AS method, i.indkey::text AS keys, i.indnkeyatts::int AS nkeys,
            CASE WHEN 0 = ANY (i.indkey::int2[]) THEN array_to_json(ARRAY(
              SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k))::text
            END AS exprs
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_index i ON i.indrelid = c.oid
       JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_catalog.pg_am am ON am.oid = ic.relam
      WHERE ${IN_SCHEMA}
      ORDER BY i.indrelid, ic.relname COLLATE "C"`,
    nsp,
  );

  const domainChecks = await readDomainChecks(query, columns);

  // attribute names by table and number, for keys; a table referenced from another schema is read on demand
  const attnames = new Map<number, Map<number, string>>();
  for (const c of columns) {
    const byNum = attnames.get(c.relid) ?? new Map<number, string>();
    byNum.set(c.num, c.name);
    attnames.set(c.relid, byNum);
  }
  const outside = [
    ...new Set(constraints.filter((c) => c.kind === 'f' && !attnames.has(c.ref_relid)).map((c) => c.ref_relid)),
  ];
  if (outside.length > 0) {
    const rows = await query<{ relid: number; num: number; name: string }>(
      `SELECT a.attrelid::int AS relid, a.attnum::int AS num, a.attname AS name FROM pg_catalog.pg_attribute a
        WHERE a.attrelid IN (SELECT json_array_elements_text($1::json)::oid) AND a.attnum > 0`,
      [JSON.stringify(outside)],
    );
    for (const r of rows) {
      const byNum = attnames.get(r.relid) ?? new Map<number, string>();
      byNum.set(r.num, r.name);
      attnames.set(r.relid, byNum);
    }
  }
  const named = (relid: number, keys: readonly number[]): string[] =>
    keys.map((k) => attnames.get(relid)?.get(k) ?? String(k));
  const constraintIndexes = new Set(
    constraints.filter((c) => c.kind !== 'f' && c.kind !== 'c').map((c) => c.index_oid),
  );
  const resolved = constraints
    .filter((c) => c.kind !== 'x')
    .map((c) => ({
      ...c,
      columns: named(c.relid, JSON.parse(c.keys) as number[]),
      refColumns: c.ref_keys === null ? [] : named(c.ref_relid, JSON.parse(c.ref_keys) as number[]),
    }));
  const indexes = indexRows
    .filter((i) => !constraintIndexes.has(i.oid))
    .map((i) => {
      const exprs = i.exprs === null ? null : (JSON.parse(i.exprs) as string[]);
      const keys = i.keys.split(' ').map(Number).slice(0, i.nkeys);
      return { ...i, columns: keys.map((k, n) => (k === 0 ? `\`${exprs?.[n] ?? ''}\`` : named(i.relid, [k])[0]!)) };
    });

  const columnsBy = groupBy(columns, (c) => c.relid);
  const constraintsBy = groupBy(resolved, (c) => c.relid);
  const indexesBy = groupBy(indexes, (i) => i.relid);
  const enumKeys = new Map<string, { schema: string; name: string }>();

  const designTables: DesignTable[] = tables.map((t) => {
    const cons = constraintsBy.get(t.oid) ?? [];
    const singleUnique = new Set(
      cons
        .filter((c) => c.kind === 'u')
        .map((c) => c.columns)
        .filter((cols) => cols.length === 1)
        .map((cols) => cols[0]!),
    );
    const designColumns: DesignColumn[] = (columnsBy.get(t.oid) ?? []).map((c) => {
      let type = normalizePgType(c.domain_base ?? c.type);
      if (c.enum_name !== null && c.enum_schema !== null) {
        enumKeys.set(`${c.enum_schema}.${c.enum_name}`, { schema: c.enum_schema, name: c.enum_name });
        const owner = sameSchema(c.enum_schema);
        type = `${owner === null ? '' : `${owner}.`}${c.enum_name}${c.enum_array ? '[]' : ''}`;
      }
      const dflt = c.dflt ?? c.domain_default;
      const fromSequence = dflt !== null && /^nextval\(/i.test(dflt);
      return {
        name: c.name,
        type,
        nullable: !c.notnull && !c.domain_notnull,
        // a generated column's expression is stored like a default; it is not one
        default: c.generated === 's' || fromSequence ? null : normalizePgDefault(dflt, type),
        unique: singleUnique.has(c.name),
        autoIncrement: c.identity === 'a' || c.identity === 'd' || fromSequence,
        note: c.note,
      };
    });
    const primary = cons.find((c) => c.kind === 'p');
    const uniqueIndexes: DesignIndex[] = cons
      .filter((c) => c.kind === 'u' && c.columns.length > 1)
      .map((c) => ({ name: c.name, columns: c.columns, unique: true, type: null, note: null }));
    const plainIndexes: DesignIndex[] = (indexesBy.get(t.oid) ?? []).map((i) => ({
      name: i.name,
      columns: i.columns,
      unique: i.unique,
      type: i.method === 'btree' ? null : i.method,
      note: null,
    }));
    const foreignKeys: DesignForeignKey[] = cons
      .filter((c) => c.kind === 'f')
      .map((c) => ({
        name: c.name,
        columns: c.columns,
        refSchema: sameSchema(c.ref_schema),
        refTable: c.ref_table ?? '',
        refColumns: c.refColumns,
        onDelete: pgAction(c.del),
        onUpdate: pgAction(c.upd),
      }));
    const checks: DesignCheck[] = cons
      .filter((c) => c.kind === 'c' && c.def !== null)
      .map((c) => ({ name: c.name, expression: pgCheckExpression(c.def!) }));
    for (const c of columnsBy.get(t.oid) ?? []) {
      for (const d of c.domain_oid === null ? [] : (domainChecks.get(c.domain_oid) ?? [])) {
        checks.push({
          name: pgIdentifier(`${t.name}_${c.name}_${d.name}`),
          expression: pgCheckExpression(replaceValue(d.def, c.quoted)),
        });
      }
    }
    checks.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : 1));
    return {
      schema: own(target),
      name: t.name,
      columns: designColumns,
      primaryKey: primary ? primary.columns : [],
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

/** The CHECK constraints of the domains some column has, by domain oid. */
async function readDomainChecks(
  query: CatalogQuery,
  columns: readonly ColumnRow[],
): Promise<Map<number, DomainCheckRow[]>> {
  const oids = [...new Set(columns.flatMap((c) => (c.domain_oid === null ? [] : [c.domain_oid])))];
  if (oids.length === 0) return new Map();
  const rows = await query<DomainCheckRow>(
    `SELECT con.contypid::int AS domain_oid, con.conname AS name, pg_get_constraintdef(con.oid, true) AS def
       FROM pg_catalog.pg_constraint con
      WHERE con.contype = 'c' AND con.contypid IN (SELECT json_array_elements_text($1::json)::oid)
      ORDER BY con.conname COLLATE "C"`,
    [JSON.stringify(oids)],
  );
  return groupBy(rows, (r) => r.domain_oid);
}

/** A domain check's `VALUE` (outside quoted text) → the column it now checks. */
function replaceValue(def: string, column: string): string {
  return def
    .split(/('(?:[^']|'')*'|"(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\bVALUE\b/g, column)))
    .join('');
}

/** A name as PostgreSQL stores it: at most 63 bytes (NAMEDATALEN - 1), cut at a character. */
function pgIdentifier(name: string): string {
  let out = name;
  while (Buffer.byteLength(out, 'utf8') > 63) out = [...out].slice(0, -1).join('');
  return out;
}

/** `CHECK ((price > (0)::numeric)) NOT VALID` → `(price > (0)::numeric)` without the outer parentheses. */
function pgCheckExpression(def: string): string {
  const body = def.replace(/^CHECK\s*/i, '').replace(/\s+NOT VALID$/i, '');
  return stripOuterParens(body);
}
