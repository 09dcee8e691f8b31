import type { CellInput, DataColumn, FilterOp } from '../../../../shared/contract/data.contract';
import { isNumericType } from '../results/cell-format';
import { binaryOf, binaryText, parseHex } from './binary-value';

/** Which editor a column gets, from its type (and enum values). */
export type EditorKind = 'text' | 'number' | 'boolean' | 'date' | 'time' | 'datetime' | 'json' | 'enum' | 'binary';

export function editorKind(column: Pick<DataColumn, 'dataType' | 'enumValues'>): EditorKind {
  if (column.enumValues && column.enumValues.length > 0) return 'enum';
  const type = (column.dataType ?? '').trim().toLowerCase();
  if (/^(bool|boolean|bit\(1\)|tinyint\(1\))$/.test(type)) return 'boolean';
  if (isNumericType(type)) return 'number';
  if (/^jsonb?$/.test(type)) return 'json';
  if (/^(blob|bytea|binary|varbinary|longblob|mediumblob|tinyblob)/.test(type)) return 'binary';
  if (/^(timestamp|datetime)/.test(type)) return 'datetime';
  if (/^date$/.test(type)) return 'date';
  if (/^time\b/.test(type)) return 'time';
  return 'text';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([+-]\d{2}(:?\d{2})?)?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** What typed text means for a column, or why it is not a valid value. */
export type ParsedInput = { ok: true; value: CellInput } | { ok: false; message: string };

/**
 * Typed text as the value to bind for a column of this kind: numbers as numbers (integers past 2^53 and
 * decimals with more digits than a double holds stay text, so nothing is rounded), dates and times checked
 * for shape, JSON checked for syntax and kept as typed.
 */
export function parseInput(kind: EditorKind, text: string, enumValues?: readonly string[] | null): ParsedInput {
  const trimmed = text.trim();
  switch (kind) {
    case 'number': {
      if (!NUMBER.test(trimmed)) return { ok: false, message: `"${text}" is not a number.` };
      const n = Number(trimmed);
      const exact = Number.isSafeInteger(n) || (!Number.isInteger(n) && String(n) === trimmed.replace(/^\+/, ''));
      return { ok: true, value: exact ? n : trimmed };
    }
    case 'boolean':
      if (/^(true|1|yes)$/i.test(trimmed)) return { ok: true, value: true };
      if (/^(false|0|no)$/i.test(trimmed)) return { ok: true, value: false };
      return { ok: false, message: `"${text}" is not true or false.` };
    case 'date':
      return DATE.test(trimmed) && validDate(trimmed)
        ? { ok: true, value: trimmed }
        : { ok: false, message: `"${text}" is not a date like 2024-02-29.` };
    case 'time':
      return TIME.test(trimmed)
        ? { ok: true, value: trimmed }
        : { ok: false, message: `"${text}" is not a time like 13:14:15.` };
    case 'datetime':
      return DATETIME.test(trimmed) && validDate(trimmed.slice(0, 10))
        ? { ok: true, value: trimmed }
        : { ok: false, message: `"${text}" is not a date and time like 2024-02-29T13:14:15.` };
    case 'json':
      try {
        JSON.parse(text);
        return { ok: true, value: text };
      } catch (error) {
        return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
      }
    case 'enum':
      return !enumValues || enumValues.includes(text)
        ? { ok: true, value: text }
        : { ok: false, message: `"${text}" is not one of ${enumValues.join(', ')}.` };
    case 'binary': {
      const hex = parseHex(text);
      return hex.ok ? { ok: true, value: { $base64: hex.base64 } } : hex;
    }
    default:
      return { ok: true, value: text };
  }
}

function validDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The text an editor starts with for a value read from the table. */
export function inputText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && '$text' in value) return String((value as { $text: unknown }).$text);
  if (typeof value === 'object' && '$default' in value) return '';
  if (binaryOf(value)) return binaryText(value);
  return JSON.stringify(value);
}

/** The label of a filter operator, as the filter bar shows it. */
export const FILTER_OP_LABELS: Record<FilterOp, string> = {
  eq: '=',
  ne: '≠',
  lt: '<',
  le: '≤',
  gt: '>',
  ge: '≥',
  contains: 'contains',
  startsWith: 'starts with',
  isNull: 'is null',
  isNotNull: 'is not null',
  in: 'in list',
  between: 'between',
};

/** The operators that make sense for a column of this kind (text search only on text-like columns). */
export function filterOpsFor(kind: EditorKind): FilterOp[] {
  const nulls: FilterOp[] = ['isNull', 'isNotNull'];
  switch (kind) {
    case 'boolean':
      return ['eq', 'ne', ...nulls];
    case 'binary':
      return nulls;
    case 'enum':
      return ['eq', 'ne', 'in', ...nulls];
    case 'text':
    case 'json':
      return ['eq', 'ne', 'contains', 'startsWith', 'lt', 'le', 'gt', 'ge', 'in', 'between', ...nulls];
    default:
      return ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between', 'in', ...nulls];
  }
}

/** How many values an operator takes: none, one, two (between) or a list (in). */
export function operandsOf(op: FilterOp): 'none' | 'one' | 'two' | 'list' {
  if (op === 'isNull' || op === 'isNotNull') return 'none';
  if (op === 'between') return 'two';
  if (op === 'in') return 'list';
  return 'one';
}

/** Filter values from typed text, checked against the column's kind (contains/starts with take any text). */
export function parseFilterValue(kind: EditorKind, op: FilterOp, text: string): ParsedInput {
  if (op === 'contains' || op === 'startsWith') return { ok: true, value: text };
  // a date or enum compared as text; a JSON column compared by its text
  if (kind === 'json' || kind === 'enum') return { ok: true, value: text };
  return parseInput(kind, text);
}
