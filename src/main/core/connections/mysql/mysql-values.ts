import mysql from 'mysql2';
import type { ResultColumn } from '../../../../shared/domain';
import { encodeValue, isoDateTime, isoTime, type ValueWindow } from '../../query/value-encoding';

/**
 * MySQL/MariaDB result columns and values, per docs/values.md. mysql2 already gives: integers as numbers while
 * safe and text beyond (supportBigNumbers), DECIMAL as text, dates as the server's text (dateStrings), JSON
 * as its text (jsonStrings). This file adds what depends on the column: booleans, BIT, ISO dates and times.
 */

/** A column as mysql2 describes it (text and binary protocol alike). */
export interface MysqlField {
  name: string;
  columnType?: number;
  type?: number;
  columnLength?: number;
  characterSet?: number;
  flags?: number;
  decimals?: number;
  schema?: string;
  orgTable?: string;
  orgName?: string;
  /** MariaDB's extended metadata: `json` for JSON values (which travel as LONGTEXT). */
  extendedFormat?: string;
}

const TYPE_NAMES: Record<string, string> = {
  DECIMAL: 'decimal',
  NEWDECIMAL: 'decimal',
  TINY: 'tinyint',
  SHORT: 'smallint',
  LONG: 'int',
  FLOAT: 'float',
  DOUBLE: 'double',
  NULL: 'null',
  TIMESTAMP: 'timestamp',
  TIMESTAMP2: 'timestamp',
  LONGLONG: 'bigint',
  INT24: 'mediumint',
  DATE: 'date',
  NEWDATE: 'date',
  TIME: 'time',
  TIME2: 'time',
  DATETIME: 'datetime',
  DATETIME2: 'datetime',
  YEAR: 'year',
  VARCHAR: 'varchar',
  BIT: 'bit',
  JSON: 'json',
  ENUM: 'enum',
  SET: 'set',
  TINY_BLOB: 'tinyblob',
  MEDIUM_BLOB: 'mediumblob',
  LONG_BLOB: 'longblob',
  BLOB: 'blob',
  VAR_STRING: 'varchar',
  STRING: 'char',
  GEOMETRY: 'geometry',
  VECTOR: 'vector',
};
const TYPE_BY_CODE = new Map<number, string>(
  Object.entries(mysql.Types as unknown as Record<string, number>).map(([name, code]) => [code, name]),
);
const T = mysql.Types as unknown as Record<string, number>;

/** The "binary" character set: a BLOB/VAR_STRING column with it holds bytes, otherwise text. */
const BINARY_CHARSET = 63;
const PRI_KEY_FLAG = 2;
const ENUM_FLAG = 256;
const SET_FLAG = 2048;
/** FLOAT/DOUBLE without a fixed number of decimals report 31 (NOT_FIXED_DEC). */
const NOT_FIXED_DEC = 31;

function typeCode(field: MysqlField): number | undefined {
  return field.columnType ?? field.type;
}

export function columnTypeName(field: MysqlField): string | null {
  if (field.extendedFormat === 'json') return 'json';
  const code = typeCode(field);
  const name = code === undefined ? undefined : TYPE_BY_CODE.get(code);
  if (!name) return null;
  const text = field.characterSet !== BINARY_CHARSET;
  const flags = field.flags ?? 0;
  if (name.endsWith('BLOB')) return text ? TYPE_NAMES[name]!.replace('blob', 'text') : TYPE_NAMES[name]!;
  if (name === 'VAR_STRING') return text ? 'varchar' : 'varbinary';
  // MariaDB sends ENUM and SET as STRING with a flag
  if (name === 'STRING') return flags & ENUM_FLAG ? 'enum' : flags & SET_FLAG ? 'set' : text ? 'char' : 'binary';
  return TYPE_NAMES[name] ?? name.toLowerCase();
}

/** A result column with its source table column, where the server names one (not for expressions). */
export function resultColumn(field: MysqlField): ResultColumn {
  const column: ResultColumn = { name: field.name, dataType: columnTypeName(field) };
  if (field.orgTable && field.orgName) {
    column.source = {
      schema: field.schema || null,
      table: field.orgTable,
      column: field.orgName,
      primaryKey: ((field.flags ?? 0) & PRI_KEY_FLAG) !== 0,
    };
  }
  return column;
}

type Convert = (value: unknown) => unknown;

/** BOOL/BOOLEAN is TINYINT(1); BIT(1) a one-byte Buffer. A stored value other than 0/1 stays a number. */
const tinyBoolean: Convert = (v) => (v === 0 ? false : v === 1 ? true : v);
const bitBoolean: Convert = (v) => {
  const byte = (v as Uint8Array)[0];
  return byte === 0 ? false : byte === 1 ? true : byte;
};

/** BIT(n > 1): its n bits as text ("00101"), like PostgreSQL prints bit strings. */
function bitString(width: number): Convert {
  return (v) => {
    let bits = '';
    for (const byte of v as Uint8Array) bits += byte.toString(2).padStart(8, '0');
    return bits.slice(Math.max(0, bits.length - width)).padStart(width, '0');
  };
}

/**
 * A FLOAT read through the binary protocol (statements with parameters) is the float32 widened to a double
 * (3.1415927410125732); the text protocol prints what the server prints (FLT_DIG = 6 significant digits:
 * 3.14159). Both protocols give that one form.
 */
const float32: Convert = (v) => (typeof v === 'number' && Number.isFinite(v) ? Number(v.toPrecision(6)) : v);

const isoDateTimeCell: Convert = (v) => (typeof v === 'string' ? isoDateTime(v) : v);
const isoTimeCell: Convert = (v) => (typeof v === 'string' ? isoTime(v) : v);

/** The conversion a column's values need before the common encoding, or undefined for none. */
function converterFor(field: MysqlField, binaryProtocol: boolean): Convert | undefined {
  const code = typeCode(field);
  const length = field.columnLength ?? 0;
  switch (code) {
    case T.TINY:
      return length === 1 ? tinyBoolean : undefined;
    case T.BIT:
      return length === 1 ? bitBoolean : bitString(length);
    case T.DATETIME:
    case T.TIMESTAMP:
      return isoDateTimeCell;
    case T.TIME:
      return isoTimeCell;
    case T.FLOAT:
      return binaryProtocol && (field.decimals ?? NOT_FIXED_DEC) === NOT_FIXED_DEC ? float32 : undefined;
    default:
      return undefined;
  }
}

/**
 * Encodes the rows of one result: per column conversions (see converterFor), then the common encoding (long
 * texts and BLOBs as cells of `window`).
 */
export function mysqlRowEncoder(
  fields: readonly MysqlField[],
  window: ValueWindow,
  binaryProtocol: boolean,
): (row: unknown[]) => unknown[] {
  const converters = fields.map((f) => converterFor(f, binaryProtocol));
  // in place: mysql2 makes a fresh array for every row (an array less per row to collect)
  return (row) => {
    for (let i = 0; i < row.length; i++) {
      const value = row[i];
      const convert = converters[i];
      row[i] = value === null ? null : encodeValue(convert ? convert(value) : value, window);
    }
    return row;
  };
}
