/**
 * What a design may hold that DBML refuses, found without running the DBML compiler (which takes seconds on a
 * 500-table design): the design files check this before writing, so a file the app writes always opens again.
 * Each rule mirrors a refusal of @dbml/core's compiler (dbml-check.test.ts shows the compiler refusing each).
 */
import type { Design, DesignTable } from '../../../shared/design';
import { tableKey } from '../../../shared/design';
import { manyToManyInside } from './dbml-extras';
import { referencedTable, tablesByName } from './external-refs';

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

/** Why DBML would refuse the design, one sentence per problem; empty when it holds it. */
export function dbmlRefusals(design: Design): string[] {
  const problems: string[] = [];
  const keyOf = (schema: string | null, name: string) => JSON.stringify([schema ?? 'public', name]);
  for (const key of duplicates(design.tables.map((t) => keyOf(t.schema, t.name)))) {
    problems.push(`Two tables are named ${JSON.parse(key).join('.')}.`);
  }
  for (const key of duplicates(design.enums.map((e) => keyOf(e.schema, e.name)))) {
    problems.push(`Two enums are named ${JSON.parse(key).join('.')}.`);
  }
  for (const e of design.enums) {
    if (e.values.includes('')) problems.push(`Enum ${e.name} has an empty value.`);
    for (const value of duplicates(e.values)) problems.push(`Enum ${e.name} has the value "${value}" twice.`);
  }
  const ends = new Set<string>();
  const byName = tablesByName(design);
  for (const table of design.tables) {
    problems.push(...tableRefusals(table));
    for (const fk of table.foreignKeys) {
      const target = referencedTable(byName, table, fk);
      if (target === undefined) continue;
      const names = new Set(target.columns.map((c) => c.name));
      const missing = fk.refColumns.filter((c) => !names.has(c));
      const label = `Foreign key ${fk.name ?? fk.columns.join(', ')} of ${tableKey(table)}`;
      if (missing.length > 0)
        problems.push(`${label} refers to ${tableKey(target)}.${missing[0]}, which does not exist.`);
      if (fk.columns.length !== fk.refColumns.length) problems.push(`${label} has unequal column lists.`);
      const from = JSON.stringify([tableKey(table), fk.columns]);
      const to = JSON.stringify([tableKey(target), fk.refColumns]);
      if (from === to) problems.push(`${label} refers to its own columns.`);
      else if (ends.has(`${from}|${to}`) || ends.has(`${to}|${from}`)) {
        problems.push(`${label} joins the same columns as another foreign key; DBML holds one reference per pair.`);
      }
      ends.add(`${from}|${to}`);
    }
  }
  for (const ref of design.manyToMany ?? []) {
    // one whose end is gone is written as a comment (dbml-extras.ts), not refused
    if (!manyToManyInside(design, ref)) continue;
    const from = JSON.stringify([tableKey({ schema: ref.schema, name: ref.table }), ref.columns]);
    const to = JSON.stringify([tableKey({ schema: ref.refSchema, name: ref.refTable }), ref.refColumns]);
    const label = `The many-to-many reference ${ref.name ?? `${ref.table} <> ${ref.refTable}`}`;
    if (ref.columns.length !== ref.refColumns.length) problems.push(`${label} has unequal column lists.`);
    if (ends.has(`${from}|${to}`) || ends.has(`${to}|${from}`)) {
      problems.push(`${label} joins the same columns as another reference; DBML holds one reference per pair.`);
    }
    ends.add(`${from}|${to}`);
  }
  problems.push(...extrasRefusals(design));
  return problems;
}

/** Groups, sticky notes and records: names once each, a table in one group, one records block a table. */
function extrasRefusals(design: Design): string[] {
  const problems: string[] = [];
  const groups = design.groups ?? [];
  for (const name of duplicates(groups.map((g) => g.name))) problems.push(`Two table groups are named ${name}.`);
  const keys = new Set(design.tables.map(tableKey));
  for (const key of duplicates(groups.flatMap((g) => g.tables.filter((t) => keys.has(t))))) {
    problems.push(`Table ${key} is in two table groups; DBML puts a table in one.`);
  }
  for (const name of duplicates((design.stickyNotes ?? []).map((n) => n.name))) {
    problems.push(`Two sticky notes are named ${name}.`);
  }
  for (const key of duplicates((design.records ?? []).map((r) => r.table).filter((t) => keys.has(t)))) {
    problems.push(`Table ${key} has two Records blocks; DBML holds one a table.`);
  }
  return problems;
}

function tableRefusals(table: DesignTable): string[] {
  const key = tableKey(table);
  if (table.columns.length === 0) return [`Table ${key} has no columns; a DBML table needs at least one.`];
  const problems: string[] = [];
  const names = new Set(table.columns.map((c) => c.name));
  for (const name of duplicates(table.columns.map((c) => c.name)))
    problems.push(`Table ${key} has two columns ${name}.`);
  const need = (what: string, columns: readonly string[]) => {
    const missing = columns.find((c) => !names.has(c));
    if (missing !== undefined) problems.push(`The ${what} of ${key} names ${missing}, which is not a column.`);
    const twice = duplicates(columns);
    if (twice.length > 0) problems.push(`The ${what} of ${key} lists ${twice[0]} twice.`);
  };
  need('primary key', table.primaryKey);
  for (const index of table.indexes) {
    const plain = index.columns.filter((c) => !(c.length >= 2 && c.startsWith('`') && c.endsWith('`')));
    need(`index ${index.name ?? index.columns.join(', ')}`, plain);
  }
  for (const fk of table.foreignKeys) need(`foreign key ${fk.name ?? fk.columns.join(', ')}`, fk.columns);
  return problems;
}
