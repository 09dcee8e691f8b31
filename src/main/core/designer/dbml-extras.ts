/**
 * What a DBML file holds beyond the schema — the project's name and `database_type` spelling, `TableGroup`s,
 * sticky notes, `Records` and many-to-many references — read into a design's optional fields and written back, so
 * a file from dbdiagram.io opens and saves without loss (docs/designs.md). DDL and diffs read none of it.
 */
import type { Database } from '@dbml/core';
import type { Design, DesignManyToMany, DesignRecords } from '../../../shared/design';
import { tableKey } from '../../../shared/design';
import { dbmlTableName, readRecordsHead, recordsBlock } from '../../../shared/dbml-names';
import type { Engine } from '../../../shared/domain';
import { databaseType, dbmlName, dbmlString, dialectOf } from './dbml-syntax';

/** The parts of Database.normalize() this file reads. */
export interface NExtras {
  tableGroups: Record<
    number,
    { id: number; name: string; note?: string | null; color?: string | null; tableIds: number[] }
  >;
  notes: Record<number, { id: number; name: string; content: string; color?: string | null }>;
  records: Record<
    number,
    { id: number; tableId?: number; columns: string[]; token: { start: { offset: number }; end: { offset: number } } }
  >;
}

type Extras = Pick<Design, 'projectName' | 'databaseType' | 'groups' | 'stickyNotes' | 'records'>;

function byId<T extends { id: number }>(map: Record<number, T>): T[] {
  return Object.values(map).sort((a, b) => a.id - b.id);
}

/** The extras of a parsed file; `tables` names each table by its id, `source` is the text parsed. */
export function dbmlExtrasOf(
  database: Database,
  n: NExtras,
  tables: ReadonlyMap<number, { schema: string | null; name: string }>,
  source: string,
  dialect: Engine,
): Extras {
  const keys = new Map([...tables].map(([id, table]) => [id, tableKey(table)]));
  const extras: Extras = {};
  if (database.name) extras.projectName = database.name;
  const type = database.databaseType;
  if (type && type !== databaseType(dialect)) extras.databaseType = type;
  const groups = byId(n.tableGroups).map((group) => ({
    name: group.name,
    tables: group.tableIds.map((id) => keys.get(id)!),
    note: group.note ?? null,
    color: group.color ? group.color.toLowerCase() : null,
  }));
  if (groups.length > 0) extras.groups = groups;
  const notes = byId(n.notes).map((note) => ({
    name: note.name,
    content: note.content,
    color: note.color ? note.color.toLowerCase() : null,
  }));
  if (notes.length > 0) extras.stickyNotes = notes;
  const records: DesignRecords[] = [];
  for (const record of byId(n.records)) {
    const table = record.tableId === undefined ? undefined : tables.get(record.tableId);
    if (table === undefined) continue;
    const text = source.slice(record.token.start.offset, record.token.end.offset);
    const body = bodyStart(text);
    if (body < 0) continue;
    // the head is written again (a `records` block inside a table, or a table named by its alias, reads the same
    // at the top level under the table's own name); the rows stay as the file had them
    records.push({ table: tableKey(table), text: recordsBlock(table, record.columns, text.slice(body)) });
  }
  if (records.length > 0) extras.records = records;
  return extras;
}

/** Where a block's `{` is, outside quoted names; -1 when there is none. */
function bodyStart(text: string): number {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote !== null) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '{') return i;
  }
  return -1;
}

/** `database_type` as the file writes it: the spelling read, when it names the design's dialect, else ours. */
export function databaseTypeOf(design: Design): string {
  const kept = design.databaseType;
  if (kept === undefined) return databaseType(design.dialect);
  const named = dialectOf(kept);
  // an engine we do not know (`SQL Server`) reads as DBML's default, PostgreSQL
  return named === design.dialect || (named === null && design.dialect === 'postgres')
    ? kept
    : databaseType(design.dialect);
}

function tableKeys(design: Design): Map<string, Design['tables'][number]> {
  return new Map(design.tables.map((t) => [tableKey(t), t]));
}

/** True when both ends of `ref` name tables and columns the design has (else DBML would refuse it). */
export function manyToManyInside(design: Design, ref: DesignManyToMany): boolean {
  const find = (schema: string | null, name: string) =>
    design.tables.find((t) => t.name === name && (t.schema ?? 'public') === (schema ?? 'public'));
  const has = (schema: string | null, name: string, columns: readonly string[]) => {
    const table = find(schema, name);
    return table !== undefined && columns.every((c) => table.columns.some((col) => col.name === c));
  };
  return has(ref.schema, ref.table, ref.columns) && has(ref.refSchema, ref.refTable, ref.refColumns);
}

function endpoint(schema: string | null, table: string, columns: readonly string[]): string {
  const cols = columns.length === 1 ? dbmlName(columns[0]!) : `(${columns.map(dbmlName).join(', ')})`;
  return `${schema === null ? dbmlName(table) : `${dbmlName(schema)}.${dbmlName(table)}`}.${cols}`;
}

/**
 * The many-to-many references as `Ref` lines; one whose table or column is gone (renamed or deleted on the
 * canvas) is written as a comment, so the file still opens and the line shows what was there.
 */
export function manyToManyLines(design: Design): string[] {
  return (design.manyToMany ?? []).map((ref) => {
    const line = `${ref.name === null ? 'Ref' : `Ref ${dbmlName(ref.name)}`}: ${endpoint(ref.schema, ref.table, ref.columns)} <> ${endpoint(ref.refSchema, ref.refTable, ref.refColumns)}`;
    return manyToManyInside(design, ref) ? line : `// no longer in this design: ${line.replace(/[\r\n]/g, ' ')}`;
  });
}

/** The `TableGroup`, sticky note and `Records` blocks, in that order; members and records of tables gone are left out. */
export function extraBlocks(design: Design): string[] {
  const blocks: string[] = [];
  const tables = tableKeys(design);
  for (const group of design.groups ?? []) {
    const settings: string[] = [];
    if (group.color !== null) settings.push(`color: ${group.color}`);
    const lines = group.tables.flatMap((key) => {
      const table = tables.get(key);
      return table ? [`  ${dbmlTableName(table)}`] : [];
    });
    if (group.note !== null) lines.push(`  Note: ${dbmlString(group.note)}`);
    const head = `TableGroup ${dbmlName(group.name)}${settings.length > 0 ? ` [${settings.join(', ')}]` : ''}`;
    blocks.push(`${head} {\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}}`);
  }
  for (const note of design.stickyNotes ?? []) {
    const settings = note.color === null ? '' : ` [color: ${note.color}]`;
    blocks.push(`Note ${dbmlName(note.name)}${settings} {\n  ${dbmlString(note.content)}\n}`);
  }
  for (const records of design.records ?? []) {
    const table = tables.get(records.table);
    const text = table === undefined ? null : recordsFor(table, records.text);
    // rows of a table gone from the design (deleted), or naming a column it no longer has, would not open: they
    // stay visible as a comment
    if (text !== null) blocks.push(text);
    else blocks.push(records.text.replace(/^/gm, '// no longer in this design: '));
  }
  return blocks;
}

/**
 * A `Records` block under the table's current name (the table may have been renamed since it was read), or null
 * when its head does not parse or names a column the table no longer has.
 */
function recordsFor(table: Design['tables'][number], text: string): string | null {
  const head = readRecordsHead(text);
  if (head === null) return null;
  if (!head.columns.every((c) => table.columns.some((col) => col.name === c))) return null;
  return recordsBlock(table, head.columns, head.rows);
}
