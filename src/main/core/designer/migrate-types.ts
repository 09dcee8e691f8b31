import type { Engine } from '../../../shared/domain';

/**
 * Column types and defaults as a migration compares them: spellings the engine treats as one type compare equal
 * (`int4` and `integer` on PostgreSQL, `int(11)` and `int` on MySQL), and a type change is judged safe (every
 * existing value converts without loss) or destructive (narrowing, or a conversion the engine may refuse).
 */

const PG_WORDS: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  int8: 'bigint',
  int2: 'smallint',
  bool: 'boolean',
  float8: 'double precision',
  float4: 'real',
  decimal: 'numeric',
  bpchar: 'char',
  timestamptz: 'timestamp with time zone',
  timetz: 'time with time zone',
};
const MYSQL_ALIASES: Record<string, string> = {
  integer: 'int',
  bool: 'tinyint(1)',
  boolean: 'tinyint(1)',
  dec: 'decimal',
};

/** The type in one canonical spelling: lower case, single spaces, no space around parentheses and commas. */
export function normalizeType(type: string, engine: Engine): string {
  let text = type
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*\(\s*/g, '(')
    .replace(/\s*,\s*/g, ',')
    .replace(/\s*\)/g, ')');
  if (engine === 'postgres') {
    // the spellings pull-normalize.ts gives, and PostgreSQL's one-word aliases
    text = text
      .replace(/\bcharacter varying\b/g, 'varchar')
      .replace(/\bcharacter\b/g, 'char')
      .replace(/\b(timestamp|time)(\(\d+\))? without time zone\b/g, '$1$2')
      .replace(/^[a-z0-9_]+/, (word) => PG_WORDS[word] ?? word);
  }
  const match = /^([a-z0-9_]+)(\(.*?\))?( .*)?$/.exec(text);
  if (!match || engine !== 'mysql') return text;
  const rest = match[3] ?? '';
  let base = match[1] ?? '';
  let args = match[2] ?? '';
  // integer display widths (int(11)) are not part of the type since MySQL 8.0.19
  if (/^(tinyint|smallint|mediumint|int|integer|bigint)$/.test(base) && args !== '(1)') args = '';
  const alias = MYSQL_ALIASES[base];
  if (alias?.includes('(')) return alias + rest;
  base = alias ?? base;
  return `${base}${args}${rest}`;
}

/** A default in one spelling: keywords and functions case-insensitive, string literals exact, casts dropped. */
export function normalizeDefault(value: string | null): string | null {
  if (value === null) return null;
  let text = value.trim();
  while (/^\(.*\)$/.test(text) && balanced(text.slice(1, -1))) text = text.slice(1, -1).trim();
  // PostgreSQL reports 'abc'::character varying and 0::numeric
  text = text.replace(/::[a-z_ ]+(\([\d, ]*\))?(\[\])?$/i, '');
  if (text.toUpperCase() === 'NULL') return null;
  if (text.startsWith("'")) return text;
  const lower = text.toLowerCase();
  if (lower === 'now()' || lower === 'current_timestamp()') return 'current_timestamp';
  return lower;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

interface TypeShape {
  family: 'int' | 'string' | 'text' | 'numeric' | 'float' | 'other';
  /** Bytes of an integer or float; characters of a string/text (Infinity: unlimited). */
  size: number;
  precision: number;
  scale: number;
  unsigned: boolean;
}

const INT_BYTES: Record<string, number> = {
  tinyint: 1,
  smallint: 2,
  smallserial: 2,
  mediumint: 3,
  int: 4,
  integer: 4,
  serial: 4,
  bigint: 8,
  bigserial: 8,
};
const INT_DIGITS: Record<number, number> = { 1: 3, 2: 5, 3: 8, 4: 10, 8: 19 };
const TEXT_CHARS: Record<string, number> = { tinytext: 255, text: Infinity, mediumtext: Infinity, longtext: Infinity };
const MYSQL_TEXT_CHARS: Record<string, number> = {
  tinytext: 255,
  text: 65_535,
  mediumtext: 16_777_215,
  longtext: Infinity,
};

function shape(type: string, engine: Engine): TypeShape {
  const match = /^([a-z_ ]+?)(?:\((\d+)(?:,(\d+))?\))?( unsigned)?(?: .*)?$/.exec(type);
  const base = match?.[1] ?? type;
  const first = match?.[2] === undefined ? null : Number(match[2]);
  const second = match?.[3] === undefined ? 0 : Number(match[3]);
  const unsigned = match?.[4] !== undefined;
  const none = { size: 0, precision: 0, scale: 0, unsigned };
  if (base === 'tinyint' && first === 1 && engine === 'mysql') return { family: 'other', ...none };
  if (INT_BYTES[base] !== undefined) return { family: 'int', ...none, size: INT_BYTES[base] };
  if (/^(varchar|char|nvarchar|nchar|varbinary|binary|character varying|character)$/.test(base)) {
    return { family: 'string', ...none, size: first ?? (/^(char|nchar|character|binary)$/.test(base) ? 1 : Infinity) };
  }
  const textChars = engine === 'mysql' ? MYSQL_TEXT_CHARS[base] : TEXT_CHARS[base];
  if (textChars !== undefined) return { family: 'text', ...none, size: textChars };
  if (base === 'numeric' || base === 'decimal') {
    return { family: 'numeric', ...none, precision: first ?? (engine === 'mysql' ? 10 : 1000), scale: second };
  }
  if (/^(real|float4|float)$/.test(base))
    return { family: 'float', ...none, size: first !== null && first > 24 ? 8 : 4 };
  if (/^(double precision|double|float8)$/.test(base)) return { family: 'float', ...none, size: 8 };
  return { family: 'other', ...none };
}

/**
 * Whether changing a column from `from` to `to` (normalized types) can lose data or fail on existing rows: null when
 * every value converts, else the reason in words.
 */
export function narrowingReason(from: string, to: string, engine: Engine): string | null {
  if (from === to) return null;
  const a = shape(from, engine);
  const b = shape(to, engine);
  const unsafe = `changes type ${from} → ${to}, which existing values may not convert to`;
  if (a.unsigned !== b.unsigned && a.family === 'int' && b.family === 'int') {
    return `changes signedness ${from} → ${to}`;
  }
  switch (`${a.family}>${b.family}`) {
    case 'int>int':
      return b.size >= a.size ? null : `narrows integer ${from} → ${to}`;
    case 'int>numeric':
      return b.precision - b.scale >= INT_DIGITS[a.size]! ? null : `narrows ${from} → ${to}`;
    case 'int>float':
      return (b.size === 8 && a.size <= 4) || (b.size === 4 && a.size <= 2) ? null : `loses precision ${from} → ${to}`;
    case 'int>string':
      return b.size >= INT_DIGITS[a.size]! + 1 ? null : `narrows ${from} → ${to}`;
    case 'int>text':
    case 'numeric>text':
    case 'float>text':
    case 'other>text':
      return null;
    case 'string>string':
    case 'string>text':
    case 'text>text':
      return b.size >= a.size ? null : `narrows ${from} → ${to} (shorter length)`;
    case 'text>string':
      return `narrows ${from} → ${to} (text to a limited length)`;
    case 'numeric>numeric':
      return b.scale >= a.scale && b.precision - b.scale >= a.precision - a.scale
        ? null
        : `narrows ${from} → ${to} (smaller precision or scale)`;
    case 'float>float':
      return b.size >= a.size ? null : `narrows ${from} → ${to}`;
    default:
      return unsafe;
  }
}
