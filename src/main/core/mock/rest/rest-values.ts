import { TokenParser, Tokenizer } from '@streamparser/json';
import type { DataColumn } from '../../../../shared/contract/data.contract';
import type { Engine } from '../../../../shared/domain';
import type { SqlValue } from '../../connections/sql-dialect';
import { kindOfType, toColumnValue, ValueMismatch, type ValueKind } from '../../transfer/column-types';
import { JsonNumberText } from '../../transfer/record-source';
import { RestError } from './rest-errors';

/** A column as a REST resource reads and writes it: the data domain's column and the kind of value it takes. */
export interface RestColumn extends DataColumn {
  kind: ValueKind;
}

/** MySQL's BOOLEAN is TINYINT(1) (and BIT(1) reads as one): rows carry true/false there (docs/values.md). */
const MYSQL_BOOLEAN = /^(tinyint\(1\)|bit\(1\))$/i;

/** `jsonColumns`: columns known to hold JSON beyond their type name (MariaDB's JSON is a checked LONGTEXT). */
export function restColumns(
  engine: Engine,
  columns: readonly DataColumn[],
  jsonColumns: ReadonlySet<string> = new Set(),
): RestColumn[] {
  return columns.map((c) => ({
    ...c,
    kind: jsonColumns.has(c.name)
      ? 'json'
      : engine === 'mysql' && MYSQL_BOOLEAN.test(c.dataType ?? '')
        ? 'boolean'
        : kindOfType(engine, c.dataType),
  }));
}

/**
 * A whole number as bound: a number while a double holds it exactly, a bigint beyond — never its text, which
 * MySQL would compare with a BIGINT column as a double (rounded past 2^53).
 */
function integerValue(value: SqlValue): SqlValue {
  if (typeof value !== 'string') return value;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : BigInt(value.trim());
}

/**
 * A value of a JSON body for `column`, checked against its type (docs/values.md read backwards: integers as
 * numbers or decimal text, decimals as numbers or text, JSON columns as a document or its text, binary as
 * `{ "$base64" }` or the `{ "$blob" }` a read gave). A value of the wrong type is a 400 naming the field.
 */
export function bodyValue(engine: Engine, column: RestColumn, value: unknown): SqlValue {
  if (value === null) return null;
  const wrong = (message: string) => new RestError(400, `Field "${column.name}": ${message}`, column.name);
  const isNumber = typeof value === 'number' || value instanceof JsonNumberText;
  switch (column.kind) {
    case 'text':
    case 'date':
    case 'time':
    case 'timestamp':
      if (typeof value !== 'string') throw wrong(`${describe(value)} is not text (the column is ${column.dataType}).`);
      break;
    case 'integer':
    case 'real':
    case 'decimal':
      if (!isNumber && typeof value !== 'string') {
        throw wrong(`${describe(value)} is not a number (the column is ${column.dataType}).`);
      }
      break;
    case 'boolean':
      if (typeof value !== 'boolean' && value !== 0 && value !== 1) {
        throw wrong(`${describe(value)} is not a boolean (true or false).`);
      }
      break;
    case 'blob': {
      // the base64 text of `{ "$base64" }` or `{ "$blob" }` is checked like a plain base64 string
      const inner = value as { $base64?: unknown; $blob?: unknown };
      if (typeof value === 'object' && typeof (inner.$base64 ?? inner.$blob) === 'string') {
        value = inner.$base64 ?? inner.$blob;
      }
      break;
    }
    case 'json':
      if (typeof value === 'string') return checked(engine, column, value, false, wrong);
      break;
    case 'any':
      if (typeof value === 'object' && !(value instanceof JsonNumberText)) {
        throw wrong(`${describe(value)} is not a value the column holds (text, number or boolean).`);
      }
      break;
  }
  return checked(engine, column, value, true, wrong);
}

/** A query-string or path value (always text) for `column`: `?price=9.5`, `/items/42`. */
export function textValue(engine: Engine, column: RestColumn, text: string, what: string): SqlValue {
  if (column.kind === 'json' || column.kind === 'blob') {
    throw new RestError(
      400,
      `${what}: "${column.name}" holds ${column.kind} values, which are not compared.`,
      column.name,
    );
  }
  return checked(engine, column, text, false, (message) => new RestError(400, `${what}: ${message}`, column.name));
}

function checked(
  engine: Engine,
  column: RestColumn,
  value: unknown,
  fromJson: boolean,
  wrong: (message: string) => RestError,
): SqlValue {
  const out = toColumnValue(column.kind, engine, value, fromJson);
  if (out instanceof ValueMismatch) throw wrong(out.message);
  return column.kind === 'integer' ? integerValue(out) : out;
}

function describe(value: unknown): string {
  if (value instanceof JsonNumberText) return value.text;
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

/** A run of digits a double may not hold: only then is the body parsed again, keeping numbers as their text. */
const LONG_NUMBER = /\d{16,}|\d\.\d{15,}/;

/**
 * The request body as an object of fields. The server parsed it already; a body with long numbers is parsed
 * again with every number a double would change kept as its text (JsonNumberText), so `9007199254740993`
 * arrives exactly. Anything but a JSON object is a 400.
 */
export function bodyObject(body: unknown, bodyText: string): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const what = bodyText.trim() === '' ? 'no body' : body === undefined ? 'a body that is not JSON' : describe(body);
    throw new RestError(400, `The body must be a JSON object of fields ({"name": value, …}), not ${what}.`);
  }
  return LONG_NUMBER.test(bodyText)
    ? (parseLossless(bodyText) as Record<string, unknown>)
    : (body as Record<string, unknown>);
}

function parseLossless(text: string): unknown {
  const tokenizer = new (class extends Tokenizer {
    protected override parseNumber(numberText: string): number {
      const n = Number(numberText);
      const exact = Number.isSafeInteger(n) || String(n) === numberText || !/^-?\d+(\.\d+)?$/.test(numberText);
      return (exact ? n : new JsonNumberText(numberText)) as number;
    }
  })();
  const parser = new TokenParser({ paths: ['$'], keepStack: false });
  let result: unknown;
  let failure: Error | null = null;
  parser.onValue = ({ value }) => {
    result = value;
  };
  tokenizer.onToken = (token) => parser.write(token);
  tokenizer.onError = (error) => {
    failure ??= error;
  };
  parser.onError = tokenizer.onError;
  tokenizer.write(text);
  if (!tokenizer.isEnded) tokenizer.end();
  if (failure) throw new RestError(400, `The body is not valid JSON: ${(failure as Error).message}`);
  return result;
}
