import type { Engine } from '../../../shared/domain';
import type { SqlValue } from '../connections/sql-dialect';
import { JsonNumberText } from './record-source';

/**
 * What a column accepts, as far as an import checks it before the database does: a value that cannot be one
 * of these is reported with its line and column instead of failing a whole batch on the server.
 */
export type ValueKind =
  | 'integer'
  | 'real'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'json'
  | 'blob'
  | 'text'
  /** SQLite columns without a type (and unknown types): anything goes. */
  | 'any';

/** The kinds an import infers for a new table, narrowest first. */
export type InferredKind = 'integer' | 'decimal' | 'real' | 'boolean' | 'date' | 'timestamp' | 'json' | 'text';

/** The kind of a target column from its type name as the session reports it (ResultColumn.dataType). */
export function kindOfType(engine: Engine, dataType: string | null): ValueKind {
  const t = (dataType ?? '').toLowerCase().trim();
  if (t === '') return 'any';
  if (engine === 'sqlite') {
    // SQLite's affinity rules (https://sqlite.org/datatype3.html#determination_of_column_affinity), plus the
    // declared BOOLEAN and JSON the app reads as such; dates are whatever is stored, so they are not checked
    if (t.includes('int')) return 'integer';
    if (/bool/.test(t)) return 'boolean';
    if (t === 'json') return 'json';
    if (/char|clob|text/.test(t)) return 'text';
    if (t.includes('blob')) return 'blob';
    if (/real|floa|doub/.test(t)) return 'real';
    if (/date|time/.test(t)) return 'any';
    return 'decimal';
  }
  if (t === 'boolean' || t === 'bool') return 'boolean';
  // MySQL reports BOOLEAN as tinyint; integer() takes true/false there as 1/0
  if (/^(tiny|small|medium|big)?int(eger)?\b|^int[248]$|^(small|big)?serial$|^year$|^oid$|^bit$/.test(t))
    return 'integer';
  if (/^(numeric|decimal|dec)\b/.test(t)) return 'decimal';
  if (/^(real|float|double)/.test(t)) return 'real';
  if (t === 'date') return 'date';
  if (/^time( |$|tz)/.test(t)) return 'time';
  if (/^(timestamp|datetime)/.test(t)) return 'timestamp';
  if (t === 'json' || t === 'jsonb') return 'json';
  if (t === 'bytea' || /blob$|^(var)?binary/.test(t)) return 'blob';
  if (/char|text|string|clob/.test(t)) return 'text';
  return 'any';
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL_FLOAT = /^[+-]?(nan|infinity|inf)$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}(:?\d{2})?|Z)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?( ?([+-]\d{2}(:?\d{2})?|Z))?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', 'off', '0']);

/** A value that does not fit its column: the message says why, without the line (the caller adds it). */
export class ValueMismatch {
  constructor(readonly message: string) {}
}

/** JSON text of a value read from a JSON file, its long numbers written as they were. */
export function jsonText(value: unknown): string {
  if (value instanceof JsonNumberText) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function show(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/**
 * Turns a cell of the file into the value bound for a column of `kind`, or a ValueMismatch. CSV cells are strings
 * (null for NULL); JSON cells are JSON values. Numbers, decimals and dates are bound as their text, so nothing is
 * rounded on the way; the server (or SQLite's column affinity) converts them.
 */
export function toColumnValue(
  kind: ValueKind,
  engine: Engine,
  cell: unknown,
  fromJson = false,
): SqlValue | ValueMismatch {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof JsonNumberText) cell = cell.text;
  switch (kind) {
    case 'integer': {
      if (typeof cell === 'number')
        return Number.isInteger(cell) ? cell : new ValueMismatch(`${cell} is not a whole number.`);
      if (typeof cell === 'boolean') return cell ? 1 : 0;
      if (typeof cell !== 'string') return mismatch(cell, 'a whole number');
      const text = cell.trim();
      // SQLite binds a number without the text conversion (a quarter of an import's insert time); 15
      // characters are at most 15 digits, always exact in a double; longer ones keep their text
      if (INTEGER.test(text)) return engine === 'sqlite' && text.length <= 15 ? Number(text) : text;
      if (engine !== 'postgres') {
        const lower = text.toLowerCase();
        if (lower === 'true') return 1;
        if (lower === 'false') return 0;
      }
      return new ValueMismatch(`${show(cell)} is not a whole number.`);
    }
    case 'real':
    case 'decimal': {
      if (typeof cell === 'number') return cell;
      if (typeof cell !== 'string') return mismatch(cell, 'a number');
      const text = cell.trim();
      if (NUMBER.test(text)) {
        // a REAL column of SQLite stores the nearest double either way: bind it as a number (see 'integer');
        // NUMERIC ones keep the text, which SQLite stores as text when a double would change it
        if (kind === 'real' && engine === 'sqlite') {
          const n = Number(text);
          if (Number.isFinite(n)) return n;
        }
        return text;
      }
      if (kind === 'real' && SPECIAL_FLOAT.test(text)) return text;
      return new ValueMismatch(`${show(cell)} is not a number.`);
    }
    case 'boolean': {
      if (typeof cell === 'boolean') return engine === 'postgres' ? cell : cell ? 1 : 0;
      if (typeof cell === 'number' && (cell === 0 || cell === 1)) return engine === 'postgres' ? cell === 1 : cell;
      const lower = typeof cell === 'string' ? cell.trim().toLowerCase() : '';
      if (TRUE_WORDS.has(lower)) return engine === 'postgres' ? true : 1;
      if (FALSE_WORDS.has(lower)) return engine === 'postgres' ? false : 0;
      return typeof cell === 'string'
        ? new ValueMismatch(`${show(cell)} is not a boolean (true/false).`)
        : mismatch(cell, 'a boolean');
    }
    case 'date':
      if (typeof cell === 'string' && (DATE.test(cell.trim()) || (engine === 'postgres' && pgSpecialDate(cell))))
        return cell.trim();
      return typeof cell === 'string'
        ? new ValueMismatch(`${show(cell)} is not a date (YYYY-MM-DD).`)
        : mismatch(cell, 'a date');
    case 'time':
      if (typeof cell === 'string' && TIME.test(cell.trim())) return cell.trim();
      return typeof cell === 'string'
        ? new ValueMismatch(`${show(cell)} is not a time (HH:MM:SS).`)
        : mismatch(cell, 'a time');
    case 'timestamp': {
      const text = typeof cell === 'string' ? cell.trim() : '';
      if (TIMESTAMP.test(text) || DATE.test(text) || (engine === 'postgres' && pgSpecialDate(text))) {
        // MySQL/MariaDB read "YYYY-MM-DD HH:MM:SS"; the T of ISO 8601 (as exports write it) is a space there
        return engine === 'mysql' ? text.replace('T', ' ') : text;
      }
      return typeof cell === 'string'
        ? new ValueMismatch(`${show(cell)} is not a date and time (YYYY-MM-DDTHH:MM:SS).`)
        : mismatch(cell, 'a date and time');
    }
    case 'json':
      // a JSON file's value is the document itself (a string is a JSON string); a CSV field is the JSON text
      if (typeof cell === 'string' && !fromJson) {
        try {
          JSON.parse(cell);
          return cell;
        } catch {
          return new ValueMismatch(`${show(cell)} is not valid JSON.`);
        }
      }
      return jsonText(cell);
    case 'blob':
      if (typeof cell === 'string') {
        const text = cell.trim();
        if (text.length % 4 === 0 && BASE64.test(text)) return Buffer.from(text, 'base64');
        return new ValueMismatch(`${show(cell)} is not base64 (binary columns are read as base64).`);
      }
      if (typeof cell === 'object' && typeof (cell as { $base64?: unknown }).$base64 === 'string') {
        return Buffer.from((cell as { $base64: string }).$base64, 'base64');
      }
      return mismatch(cell, 'base64 text or {"$base64": …}');
    case 'text':
    case 'any':
      if (typeof cell === 'string') return cell;
      if (typeof cell === 'boolean')
        return kind === 'text' ? String(cell) : engine === 'postgres' ? cell : cell ? 1 : 0;
      if (typeof cell === 'number') return kind === 'text' ? String(cell) : cell;
      return jsonText(cell);
  }
}

/** Turns cells into values for a column of one kind (toColumnValue with the kind's choice made once). */
export type ColumnValueReader = (cell: unknown) => SqlValue | ValueMismatch;

/** toColumnValue for one column: text columns take a string cell as it is, without a look at the kind. */
export function columnValueReader(kind: ValueKind, engine: Engine, fromJson: boolean): ColumnValueReader {
  if (kind === 'text' || kind === 'any') {
    return (cell) => (typeof cell === 'string' ? cell : toColumnValue(kind, engine, cell, fromJson));
  }
  if (kind === 'integer' && engine === 'sqlite') {
    // the common cases read without a regular expression: what toColumnValue returns for them, a number
    return (cell) => {
      if (typeof cell === 'number' && Number.isInteger(cell)) return cell;
      if (typeof cell === 'string') {
        const n = smallInteger(cell);
        if (n !== null) return n;
      }
      return cell === null || cell === undefined ? null : toColumnValue(kind, engine, cell, fromJson);
    };
  }
  if (kind === 'real' || kind === 'decimal') {
    // a number (read by the parse worker, or a JSON one) is bound as it is, as toColumnValue does
    return (cell) =>
      typeof cell === 'number'
        ? cell
        : cell === null || cell === undefined
          ? null
          : toColumnValue(kind, engine, cell, fromJson);
  }
  return (cell) => (cell === null || cell === undefined ? null : toColumnValue(kind, engine, cell, fromJson));
}

/** An optional sign and 1–14 digits (15 characters at most: exact in a double), as a number; else null. */
function smallInteger(text: string): number | null {
  const length = text.length;
  if (length === 0 || length > 15) return null;
  const first = text.charCodeAt(0);
  let i = first === 45 || first === 43 ? 1 : 0;
  if (i === length) return null;
  let n = 0;
  for (; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    n = n * 10 + digit;
  }
  return first === 45 ? -n : n;
}

function pgSpecialDate(text: string): boolean {
  return /^(-?infinity|.* BC)$/i.test(text.trim());
}

function mismatch(cell: unknown, wanted: string): ValueMismatch {
  const what = Array.isArray(cell) ? 'an array' : typeof cell === 'object' ? 'an object' : `${JSON.stringify(cell)}`;
  return new ValueMismatch(`${what} is not ${wanted}.`);
}

/**
 * Infers a new table's column types from the values read: each column keeps the narrowest kind all its values
 * fit (integer → decimal → real → text; dates widen to timestamps, then text), with what the DDL needs to size
 * it (digits, text length).
 */
export class KindTracker {
  kind: InferredKind | null = null;
  /** Largest magnitude seen among integers, as decimal digits; digits before and after the point for decimals. */
  intDigits = 0;
  fracDigits = 0;
  /** Whether every integer fits a signed 32-bit, 64-bit integer. */
  fits32 = true;
  fits64 = true;
  /** Whether every decimal reads back the same from a double (SQLite can then store it as REAL). */
  exactDouble = true;
  hasOffset = false;
  maxBytes = 0;

  add(cell: unknown): void {
    if (cell === null || cell === undefined) return;
    const kind = this.kindOf(cell);
    this.kind = this.kind === null ? kind : widen(this.kind, kind);
    if (typeof cell === 'string') this.maxBytes = Math.max(this.maxBytes, Buffer.byteLength(cell));
  }

  private kindOf(cell: unknown): InferredKind {
    if (typeof cell === 'boolean') return 'boolean';
    if (cell instanceof JsonNumberText || typeof cell === 'number') {
      const text = cell instanceof JsonNumberText ? cell.text : String(cell);
      return this.numberKind(text) ?? 'real';
    }
    if (typeof cell === 'object') return 'json';
    const text = String(cell);
    const number = this.numberKind(text);
    if (number) return number;
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === 'false') return 'boolean';
    if (DATE.test(text)) return 'date';
    if (TIMESTAMP.test(text)) {
      if (/([+-]\d{2}(:?\d{2})?|Z)$/.test(text)) this.hasOffset = true;
      return 'timestamp';
    }
    return 'text';
  }

  private numberKind(text: string): InferredKind | null {
    if (INTEGER.test(text)) {
      const digits = text.replace(/^[+-]?0*/, '');
      this.intDigits = Math.max(this.intDigits, digits.length);
      const n = BigInt(text);
      if (n < -2147483648n || n > 2147483647n) this.fits32 = false;
      if (n < -9223372036854775808n || n > 9223372036854775807n) this.fits64 = false;
      return 'integer';
    }
    const decimal = /^[+-]?(\d*)\.(\d+)$/.exec(text);
    if (decimal) {
      this.intDigits = Math.max(this.intDigits, decimal[1]!.replace(/^0+/, '').length);
      this.fracDigits = Math.max(this.fracDigits, decimal[2]!.length);
      if (String(Number(text)) !== canonicalDecimal(text)) this.exactDouble = false;
      return 'decimal';
    }
    if (NUMBER.test(text)) return 'real';
    return null;
  }
}

/** A decimal as JavaScript prints the same number: no `+`, no leading or trailing zeros (`-01.50` → `-1.5`). */
function canonicalDecimal(text: string): string {
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = text.replace(/^[+-]/, '').split('.');
  const intPart = whole.replace(/^0+(?=\d)/, '') || '0';
  const fracPart = fraction.replace(/0+$/, '');
  const body = fracPart ? `${intPart}.${fracPart}` : intPart;
  return negative && body !== '0' ? `-${body}` : body;
}

const NUMERIC_ORDER: InferredKind[] = ['integer', 'decimal', 'real'];

function widen(a: InferredKind, b: InferredKind): InferredKind {
  if (a === b) return a;
  const ia = NUMERIC_ORDER.indexOf(a);
  const ib = NUMERIC_ORDER.indexOf(b);
  if (ia >= 0 && ib >= 0) return NUMERIC_ORDER[Math.max(ia, ib)]!;
  if ((a === 'date' && b === 'timestamp') || (a === 'timestamp' && b === 'date')) return 'timestamp';
  return 'text';
}

/** The DDL type for an inferred column on an engine. */
export function columnTypeFor(engine: Engine, t: KindTracker): string {
  const kind = t.kind ?? 'text';
  switch (engine) {
    case 'sqlite':
      switch (kind) {
        case 'integer':
          return t.fits64 ? 'INTEGER' : 'TEXT';
        // SQLite has no exact decimal: REAL where every value reads back the same from a double, else TEXT
        case 'decimal':
          return t.exactDouble ? 'REAL' : 'TEXT';
        case 'real':
          return 'REAL';
        case 'boolean':
          return 'BOOLEAN';
        case 'date':
          return 'DATE';
        case 'timestamp':
          return 'TIMESTAMP';
        case 'json':
          return 'JSON';
        case 'text':
          return 'TEXT';
      }
      break;
    case 'postgres':
      switch (kind) {
        case 'integer':
          return t.fits32 ? 'integer' : t.fits64 ? 'bigint' : 'numeric';
        case 'decimal':
          return 'numeric';
        case 'real':
          return 'double precision';
        case 'boolean':
          return 'boolean';
        case 'date':
          return 'date';
        case 'timestamp':
          return t.hasOffset ? 'timestamp with time zone' : 'timestamp';
        case 'json':
          return 'jsonb';
        case 'text':
          return 'text';
      }
      break;
    case 'mysql':
      switch (kind) {
        case 'integer':
          return t.fits32 ? 'int' : t.fits64 ? 'bigint' : `decimal(${Math.min(65, t.intDigits)},0)`;
        case 'decimal': {
          const scale = Math.min(30, t.fracDigits);
          const precision = Math.min(65, t.intDigits + scale);
          return t.intDigits + scale > 65 ? 'double' : `decimal(${Math.max(1, precision)},${scale})`;
        }
        case 'real':
          return 'double';
        case 'boolean':
          return 'boolean';
        case 'date':
          return 'date';
        // MariaDB's DATETIME takes no offset: such values stay text
        case 'timestamp':
          return t.hasOffset ? 'varchar(64)' : 'datetime(6)';
        case 'json':
          return 'json';
        case 'text':
          return t.maxBytes <= 16_000 ? 'text' : t.maxBytes <= 16_000_000 ? 'mediumtext' : 'longtext';
      }
  }
  return 'text';
}
