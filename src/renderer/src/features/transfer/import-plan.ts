import { transferContract, type ImportPreview } from '../../../../shared/contract/transfer.contract';
import type { ImportRequest } from '../../stores/transfer.store';

/** A column of the table an import goes into (from the schema tree). */
export interface TargetColumn {
  name: string;
  dataType: string;
}

/** Field → column, or null when the field is skipped. */
export type FieldMapping = Record<string, string | null>;

/** Each field to the column of the same name (else one whose name differs only in case), or skipped. */
export function defaultMapping(fields: readonly string[], columns: readonly TargetColumn[]): FieldMapping {
  const mapping: FieldMapping = {};
  for (const field of fields) {
    const same =
      columns.find((c) => c.name === field) ?? columns.find((c) => c.name.toLowerCase() === field.toLowerCase());
    mapping[field] = same?.name ?? null;
  }
  return mapping;
}

/** The column types a new table would get: what the preview inferred for the connection's engine, else text. */
export function defaultColumnTypes(preview: ImportPreview): Record<string, string> {
  return Object.fromEntries(preview.columns.map((c) => [c.name, c.sqlType ?? 'text']));
}

export type PlanInput =
  | { mode: 'existing'; schema: string | null; table: string | null; fields: string[]; mapping: FieldMapping }
  | {
      mode: 'new';
      schema: string | null;
      table: string;
      fields: string[];
      columnTypes: Record<string, string>;
      /** The prefilled types: fields still at theirs are left to the import, which infers over the whole file. */
      defaults: Record<string, string>;
      /** Tables the schema already has (a new table must not be one of them). */
      existing?: readonly string[];
    };

/** Field → type problems of a new table's column types (the contract's own check), by field. */
export function columnTypeProblems(columnTypes: Record<string, string>): Record<string, string> {
  const trimmed = Object.fromEntries(Object.entries(columnTypes).map(([field, type]) => [field, type.trim()]));
  const parsed = transferContract.import.input.shape.columnTypes.safeParse(trimmed);
  if (parsed.success) return {};
  const problems: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string')
      problems[field] = columnTypes[field]?.trim() ? 'a type such as integer, text or numeric(10,2)' : 'a type';
  }
  return problems;
}

/**
 * What to send to `transfer.import`, or the first reason the user cannot import yet (shown next to the Import
 * button): a table to import into, at least one field mapped, no column fed twice, valid column types.
 */
export function planImport(input: PlanInput): { request: ImportRequest } | { problem: string } {
  if (input.fields.length === 0) return { problem: 'The file has no fields to import.' };
  if (input.mode === 'existing') {
    if (!input.table) return { problem: 'Choose the table to import into.' };
    const used = new Map<string, string>();
    const mapping: Record<string, string> = {};
    for (const field of input.fields) {
      const column = input.mapping[field];
      if (!column) continue;
      const earlier = used.get(column);
      if (earlier !== undefined)
        return { problem: `Fields "${earlier}" and "${field}" both go to column "${column}"; skip one of them.` };
      used.set(column, field);
      mapping[field] = column;
    }
    if (used.size === 0) return { problem: 'Every field is skipped: map at least one field to a column.' };
    return { request: { schema: input.schema, table: input.table, create: false, mapping } };
  }
  const table = input.table.trim();
  if (!table) return { problem: 'Name the new table.' };
  if (table.length > 1000) return { problem: 'The table name is too long (at most 1000 characters).' };
  if (input.existing?.some((name) => name.toLowerCase() === table.toLowerCase()))
    return { problem: `A table named "${table}" exists already: choose "an existing table" to import into it.` };
  const problems = columnTypeProblems(input.columnTypes);
  const bad = input.fields.find((f) => problems[f]);
  if (bad !== undefined) return { problem: `The type of column "${bad}" should be ${problems[bad]}.` };
  const columnTypes: Record<string, string> = {};
  for (const field of input.fields) {
    const type = input.columnTypes[field]!.trim();
    if (type !== input.defaults[field]) columnTypes[field] = type;
  }
  return {
    request: {
      schema: input.schema,
      table,
      create: true,
      ...(Object.keys(columnTypes).length > 0 ? { columnTypes } : {}),
    },
  };
}

/** A preview value as text: NULL is shown by the caller; JSON values (objects, arrays) as their JSON. */
export function previewText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A file name's format by its extension, for the accept list of the file picker. */
export const IMPORT_ACCEPT = '.csv,.tsv,.tab,.txt,.json,.ndjson,.jsonl';
