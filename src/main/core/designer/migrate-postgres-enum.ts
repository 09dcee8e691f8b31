import { tableKey, type DesignColumn, type DesignEnum, type DesignTable } from '../../../shared/design';
import { enumUse } from './diff-enums';
import { qualify, quote, refOf } from './migrate-common';
import type { MigrationPlan } from './migrate-plan';

/**
 * PostgreSQL enum statements beyond CREATE and DROP TYPE. PostgreSQL can add a value to an enum in place but
 * cannot drop or move one: those changes create the new type, convert every column using the old one
 * (`USING col::text::new`), drop the old type and rename the new one, all in the migration's transaction.
 */

/** ADD VALUE in the wanted place: after the value before it, or before the first one. */
export function addEnumValues(e: DesignEnum, added: readonly string[]): string[] {
  // in the wanted order, so the value before each one exists already (kept, or added just before)
  const firstKept = e.values.find((v) => !added.includes(v))!;
  return added.map((value) => {
    const at = e.values.indexOf(value);
    const place = at > 0 ? `AFTER ${literal(e.values[at - 1]!)}` : `BEFORE ${literal(firstKept)}`;
    return `ALTER TYPE ${enumName(e)} ADD VALUE IF NOT EXISTS ${literal(value)} ${place}`;
  });
}

interface Use {
  /** The table and column as named before the migration's renames, and after them. */
  live: { table: DesignTable; column: DesignColumn };
  wanted: { table: { schema: string | null; name: string }; column: string };
  array: boolean;
}

/** Columns of live tables that use `e` and that the migration keeps (not dropped with their table or alone). */
function usesOf(plan: MigrationPlan, e: DesignEnum): Use[] {
  const out: Use[] = [];
  for (const table of plan.target.tables) {
    const pair = [...plan.pairs.values()].find((p) => p.live === table);
    if (!pair) continue; // the table is dropped
    for (const column of table.columns) {
      const use = enumUse(column.type, e, table);
      if (use === null) continue;
      const wanted = [...pair.sources].find(([, live]) => live === column.name)?.[0];
      if (wanted === undefined) continue; // the column is dropped
      out.push({ live: { table, column }, wanted: { table: pair.table, column: wanted }, array: use === 'array' });
    }
  }
  return out;
}

/**
 * One DO block that fails, naming each `table.column` and the values it holds that the new type lacks, before
 * anything is changed.
 */
export function checkEnumValues(plan: MigrationPlan, e: DesignEnum, live: DesignEnum): string[] {
  const uses = usesOf(plan, live);
  if (uses.length === 0) return [];
  const allowed = e.values.map(literal).join(', ');
  const body = uses.map(({ live: { table, column }, array }) => {
    const from = qualify('postgres', refOf(table));
    const col = quote('postgres', column.name);
    const values = array ? `SELECT unnest(${col})::text AS v FROM ${from}` : `SELECT ${col}::text AS v FROM ${from}`;
    const where = literal(`${tableKey(table)}.${column.name}`);
    return [
      `  SELECT string_agg(DISTINCT quote_literal(v), ', ') INTO bad FROM (${values}) s WHERE v NOT IN (${allowed});`,
      `  IF bad IS NOT NULL THEN problems := problems || (${where} || ' holds ' || bad); END IF;`,
    ].join('\n');
  });
  const message = literal(`Enum ${tableKey(e)} would lose values rows hold: `);
  const advice = literal('. Change or delete those rows first; nothing was changed.');
  return [
    [
      'DO $bb_check$',
      'DECLARE bad text; problems text[] := ARRAY[]::text[];',
      'BEGIN',
      ...body,
      '  IF cardinality(problems) > 0 THEN',
      `    RAISE EXCEPTION USING MESSAGE = ${message} || array_to_string(problems, '; ') || ${advice};`,
      '  END IF;',
      'END $bb_check$',
    ].join('\n'),
  ];
}

/** The new type, every column converted to it (defaults dropped and restored), the old type gone, the new renamed. */
export function recreateEnum(plan: MigrationPlan, e: DesignEnum, live: DesignEnum): string[] {
  const temp: DesignEnum = { ...e, name: `_bb_new_${e.name}`.slice(0, 63) };
  const tempName = enumName(temp);
  const out = [`CREATE TYPE ${tempName} AS ENUM (${e.values.map(literal).join(', ')})`];
  const restore: string[] = [];
  for (const { live: was, wanted, array } of usesOf(plan, live)) {
    const col = `ALTER TABLE ${qualify('postgres', refOf(wanted.table))} ALTER COLUMN ${quote('postgres', wanted.column)}`;
    const name = quote('postgres', wanted.column);
    const dflt = was.column.default;
    // a default cannot be cast to the new type automatically: dropped first, set again once the type has its name
    if (dflt !== null) out.push(`${col} DROP DEFAULT`);
    out.push(
      array
        ? `${col} TYPE ${tempName}[] USING ${name}::text[]::${tempName}[]`
        : `${col} TYPE ${tempName} USING ${name}::text::${tempName}`,
    );
    // a default naming a dropped value stays dropped (the design's default is set by the column's own change)
    const lost = live.values.filter((v) => !e.values.includes(v)).some((v) => dflt?.includes(literal(v)));
    if (dflt !== null && !lost) restore.push(`${col} SET DEFAULT ${dflt}`);
  }
  // a check comparing a converted column with a value of the old type would not convert: off and on again
  const checks = checksOn(plan, usesOf(plan, live));
  out.splice(1, 0, ...checks.map((c) => `ALTER TABLE ${c.table} DROP CONSTRAINT ${quote('postgres', c.name)}`));
  out.push(`DROP TYPE ${enumName(live)}`, `ALTER TYPE ${tempName} RENAME TO ${quote('postgres', e.name)}`, ...restore);
  out.push(
    ...checks.map((c) => `ALTER TABLE ${c.table} ADD CONSTRAINT ${quote('postgres', c.name)} CHECK (${c.expression})`),
  );
  return out;
}

/**
 * Named checks of the converted tables that name a converted column and that the migration keeps (a check it
 * drops is gone before the type is recreated), with the table and column names they have at that point.
 */
function checksOn(plan: MigrationPlan, uses: readonly Use[]): { table: string; name: string; expression: string }[] {
  const out: { table: string; name: string; expression: string }[] = [];
  for (const table of new Set(uses.map((u) => u.live.table))) {
    const pair = [...plan.pairs.values()].find((p) => p.live === table)!;
    const columns = uses.filter((u) => u.live.table === table).map((u) => u.live.column.name);
    for (const check of table.checks) {
      if (check.name === null || !columns.some((c) => names(check.expression, c))) continue;
      if (plan.ops.some(({ op }) => op.kind === 'dropCheck' && op.check === check)) continue;
      let expression = check.expression;
      // the migration's column renames ran before: PostgreSQL rewrote the live check, the text read before did not
      for (const [wanted, was] of pair.sources) {
        if (wanted !== was) expression = renameColumnIn(expression, was, wanted);
      }
      out.push({ table: qualify('postgres', refOf(pair.table)), name: check.name, expression });
    }
  }
  return out;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function names(sql: string, column: string): boolean {
  return new RegExp(`(^|[^\\w$])${escapeRegExp(column)}($|[^\\w$])`).test(sql);
}

/** `from` as an identifier outside string literals (bare or "quoted") → `to`, quoted. */
function renameColumnIn(sql: string, from: string, to: string): string {
  const f = escapeRegExp(from);
  const ident = new RegExp(`"${f}"|(?<![\\w$])${f}(?![\\w$])`, 'g');
  return sql
    .split(/('(?:[^']|'')*')/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(ident, quote('postgres', to))))
    .join('');
}

export function enumName(e: DesignEnum): string {
  return qualify('postgres', { schema: e.schema, table: e.name });
}

export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
