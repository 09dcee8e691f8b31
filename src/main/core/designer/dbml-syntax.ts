/**
 * The DBML spelling rules the writer and the reader share: how names, strings, types and expressions are quoted,
 * and how a design's dialect is named in `Project { database_type }`.
 */
import { escapeText } from '../../../shared/dbml-names';
import type { Engine } from '../../../shared/domain';

/**
 * DBML has no escape for a backtick inside a `` `expression` ``, and MySQL quotes identifiers with backticks
 * (`` lower(`email`) ``). Inside a DBML expression a backtick is written as U+02CB (ˋ, modifier letter grave
 * accent) and read back as a backtick; docs/designs.md says so.
 */
export const BACKTICK_STAND_IN = '\u02cb';

const DATABASE_TYPES: Record<Engine, string> = { postgres: 'PostgreSQL', mysql: 'MySQL', sqlite: 'SQLite' };

/** `database_type` as the file writes it. */
export function databaseType(dialect: Engine): string {
  return DATABASE_TYPES[dialect];
}

/** The dialect a `database_type` names (the spellings dbdiagram.io and users write), or null for others. */
export function dialectOf(databaseType: string | null | undefined): Engine | null {
  const key = (databaseType ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if (key === 'postgresql' || key === 'postgres' || key === 'pg') return 'postgres';
  if (key === 'mysql' || key === 'mariadb') return 'mysql';
  if (key === 'sqlite' || key === 'sqlite3') return 'sqlite';
  return null;
}

export { dbmlName } from '../../../shared/dbml-names';

/** Always double-quoted (enum values, where a bare word could read as a setting). */
export function dbmlQuoted(text: string): string {
  return `"${escapeText(text, '"')}"`;
}

/** A single-quoted DBML string (notes, names in settings, string defaults), one line, lossless. */
export function dbmlString(text: string): string {
  return `'${escapeText(text, "'")}'`;
}

/** An expression in backticks; its own backticks become the stand-in. */
export function dbmlExpression(sql: string): string {
  return `\`${sql.replaceAll('`', BACKTICK_STAND_IN)}\``;
}

/** An expression as read back from DBML. */
export function expressionFromDbml(text: string): string {
  return text.replaceAll(BACKTICK_STAND_IN, '`');
}

/** A name as PostgreSQL spells it in DDL: bare when plain lower case, else double-quoted. */
export function pgIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

// the first word of the built-in types of the three engines; a type starting otherwise (a domain, an enum of
// another schema, `"MyType"`) is a name and keeps its case
const TYPE_WORDS = new Set(
  (
    'bigint bigserial binary bit blob bool boolean box bytea char character cidr circle date datetime dec decimal ' +
    'double enum float float4 float8 geometry inet int int2 int4 int8 integer interval json jsonb line longblob ' +
    'longtext lseg macaddr mediumblob mediumint mediumtext money nchar numeric nvarchar path point polygon real ' +
    'serial serial4 serial8 set smallint smallserial text time timestamp timestamptz timetz tinyblob tinyint ' +
    'tinytext tsquery tsvector uuid varbinary varbit varchar xml year'
  ).split(' '),
);

/** A type as written → the design's spelling: a built-in type in lower case (outside quotes), a name as it is. */
export function normalizeTypeCase(type: string): string {
  const head = /^[A-Za-z0-9]+/.exec(type)?.[0]?.toLowerCase();
  return head !== undefined && TYPE_WORDS.has(head) ? lowerOutsideQuotes(type) : type;
}

/** Lower case outside quoted parts, so `VARCHAR(10)` → `varchar(10)` keeps `enum('A','b')` and `"MyType"`. */
export function lowerOutsideQuotes(text: string): string {
  let out = '';
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      out += ch;
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else {
      out += ch.toLowerCase();
    }
  }
  return out;
}

/** A SQL string literal `'…'` (quotes doubled inside) → its text, or null when `sql` is not exactly one. */
export function sqlStringValue(sql: string): string | null {
  return /^'(?:[^']|'')*'$/s.test(sql) ? sql.slice(1, -1).replaceAll("''", "'") : null;
}

export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * A check's expression without the parentheses that wrap all of it (`((a > 0))` → `a > 0`), as the design keeps
 * it; `(a) OR (b)` stays. Quoted parts (`'('`, `"a)"`, `` `b` ``) are skipped.
 */
export function unwrapParentheses(sql: string): string {
  let text = sql;
  while (text.trim().startsWith('(') && closingOf(text.trim()) === text.trim().length - 1) {
    text = text.trim().slice(1, -1).trim();
  }
  return text;
}

/** Index of the parenthesis closing the one at 0, or -1. */
function closingOf(text: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}
