/**
 * How a live schema's catalog text becomes the design's normalized text (src/shared/design.ts), per engine. The
 * rule for each: one spelling per engine, the one the catalog gives back for what ddl.ts writes, so
 * `pull(run(createScript(design))) = design` for every pulled design.
 *
 * PostgreSQL
 * - type: format_type() text with the short names PostgreSQL itself accepts: `character varying(n)` → `varchar(n)`,
 *   `character(n)` → `char(n)`, `timestamp(p) without time zone` → `timestamp(p)`, `time without time zone` →
 *   `time`, `bit varying` → `varbit`; `timestamp with time zone`, `double precision`, `integer` stay as printed.
 *   An enum column's type is the enum's name, `schema.name` when the enum lives in another schema than the table.
 *   A domain column's type is the domain's base type (a design has no domains): the domain's NOT NULL and default
 *   become the column's, each of its CHECKs a table check named `<table>_<column>_<check>` with VALUE → the column.
 * - default: pg_get_expr() text with the cast PostgreSQL adds to a literal stripped (`'x'::character varying` →
 *   `'x'`, `'{}'::jsonb` → `'{}'`, `'-1'::integer` → `-1` on a numeric column); `NULL::…` → no default;
 *   `nextval(…)` → autoIncrement with no default; expressions (`now()`, `CURRENT_TIMESTAMP`) as printed.
 * - autoIncrement: identity columns (by default or always) and serial columns (a nextval default).
 * - foreign key actions: `no action` (the default) → null.
 * - a single-column UNIQUE constraint → column.unique; a composite one → a unique index named after the
 *   constraint; a unique INDEX (no constraint) stays an index.
 *
 * MySQL / MariaDB
 * - type: COLUMN_TYPE lower case without integer display widths (`int(11)` → `int`, `bigint(20) unsigned` →
 *   `bigint unsigned`) except `tinyint(1)` (the boolean spelling MySQL 8 keeps), MariaDB's `year(4)` → `year`;
 *   the labels of an ENUM or SET keep their case (they are data); MariaDB's `json` (a longtext with a `json_valid`
 *   check named after the column) reads back as `json` without that check.
 * - default: MariaDB prints SQL (`'abc'`, `0`, `NULL`, `current_timestamp()`); MySQL 8 prints a literal's bare
 *   value (`abc`) and marks expressions DEFAULT_GENERATED — both become the SQL form: string literals quoted,
 *   numbers bare on numeric columns, `NULL` → no default, `current_timestamp()` → `CURRENT_TIMESTAMP` (with its
 *   precision: `CURRENT_TIMESTAMP(3)`), other expressions as printed.
 * - onUpdate: EXTRA's `on update current_timestamp()` (MariaDB) / `on update CURRENT_TIMESTAMP` (MySQL 8) →
 *   `CURRENT_TIMESTAMP`, with its precision (`CURRENT_TIMESTAMP(3)`); absent when EXTRA says none.
 * - foreign key actions: `no action` and `restrict` (the same thing in InnoDB; MariaDB reports RESTRICT and MySQL 8
 *   NO ACTION for a key declared without actions) → null.
 * - unique: MySQL keeps no difference between a UNIQUE constraint and a unique index. Rule: a one-column unique
 *   index named exactly like its column (the name MySQL gives `col … UNIQUE` and `UNIQUE (col)`) → column.unique;
 *   any other unique index stays an index. ddl.ts writes column.unique as `ADD UNIQUE \`col\` (\`col\`)`.
 * - the index MySQL creates by itself for a foreign key (named after the key, on its columns) is left out: the
 *   engine makes it again when the key is created.
 *
 * SQLite
 * - type: the declared type in lower case, spaces around commas dropped (`DECIMAL(10, 2)` → `decimal(10,2)`).
 * - default: the declared text (`'abc'`, `0`, `CURRENT_TIMESTAMP`, `(datetime('now'))`); `NULL` → no default.
 * - autoIncrement: an INTEGER PRIMARY KEY (the rowid alias), with or without AUTOINCREMENT.
 * - checks, and the names of foreign keys, are read from the CREATE TABLE text (the pragmas do not give them).
 * - a one-column UNIQUE constraint → column.unique; a composite one → a unique index with a null name (SQLite
 *   names it `sqlite_autoindex_…`, which no DDL can write); a CREATE UNIQUE INDEX stays a named index.
 */
import type { ReferentialAction } from '../../../shared/design';

const PG_ACTIONS: Record<string, ReferentialAction | null> = {
  a: null,
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

export function pgAction(code: string): ReferentialAction | null {
  return PG_ACTIONS[code] ?? null;
}

export function normalizePgType(type: string): string {
  return type
    .replace(/\bcharacter varying\b/g, 'varchar')
    .replace(/\bcharacter\b/g, 'char')
    .replace(/\bbit varying\b/g, 'varbit')
    .replace(/\b(timestamp|time)(\(\d+\))? without time zone\b/g, '$1$2');
}

const NUMERIC_PG = /^(smallint|integer|bigint|numeric|decimal|real|double precision)\b/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** A string literal (optionally E'…') followed by one or more casts. */
const PG_CAST_LITERAL = /^(E?'(?:[^']|'')*')(?:::[\w .,"[\]()]+?)+$/;

export function normalizePgDefault(expr: string | null, type: string): string | null {
  if (expr === null) return null;
  if (/^NULL(::.+)?$/i.test(expr)) return null;
  const literal = PG_CAST_LITERAL.exec(expr);
  if (!literal) return expr;
  const text = literal[1]!;
  const inner = text.startsWith("'") ? text.slice(1, -1) : null;
  if (inner !== null && NUMERIC_PG.test(type) && !type.endsWith('[]') && NUMBER.test(inner)) return inner;
  return text;
}

/** `(a > 0)` → `a > 0`, only when the first `(` closes at the very end (so `(a) > (b)` stays). */
export function stripOuterParens(text: string): string {
  let s = text.trim();
  while (s.startsWith('(') && s.endsWith(')') && closingOf(s) === s.length - 1) s = s.slice(1, -1).trim();
  return s;
}

/** Index of the `)` closing the `(` at 0, skipping quoted text. */
function closingOf(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = s.indexOf(ch, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

export function mysqlAction(rule: string): ReferentialAction | null {
  const r = rule.toLowerCase();
  if (r === 'no action' || r === 'restrict') return null;
  return r === 'cascade' || r === 'set null' || r === 'set default' ? r : null;
}

/** A quoted label in COLUMN_TYPE (`enum('G','it''s')`): `''` and backslash escapes stay inside it. */
const MYSQL_QUOTED = /('(?:[^'\\]|''|\\.)*')/;

export function normalizeMysqlType(columnType: string): string {
  // an ENUM or SET label is data (Sakila's rating 'PG-13'): only the words outside quotes are lowered
  const t = columnType
    .split(MYSQL_QUOTED)
    .map((part, i) => (i % 2 === 1 ? part : part.toLowerCase()))
    .join('');
  if (/^tinyint\(1\)/.test(t)) return t;
  if (t === 'year(4)') return 'year';
  return t.replace(/^(tinyint|smallint|mediumint|int|integer|bigint)\(\d+\)/, '$1');
}

const NUMERIC_MYSQL = /^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real|bit)\b/;

/**
 * COLUMN_DEFAULT as SQL text. `mariadb`: the server prints SQL already; otherwise (MySQL 8) a literal is printed
 * bare and `generated` (EXTRA has DEFAULT_GENERATED) marks an expression.
 */
export function normalizeMysqlDefault(
  dflt: string | null,
  type: string,
  flavour: { mariadb: boolean; generated: boolean },
): string | null {
  if (dflt === null) return null;
  if (flavour.mariadb || flavour.generated) {
    if (/^NULL$/i.test(dflt)) return null;
    const now = /^current_timestamp(?:\((\d*)\))?$/i.exec(dflt);
    if (now) return now[1] ? `CURRENT_TIMESTAMP(${now[1]})` : 'CURRENT_TIMESTAMP';
    return dflt;
  }
  if (/^b'[01]*'$/.test(dflt)) return dflt;
  if (NUMERIC_MYSQL.test(type) && NUMBER.test(dflt)) return dflt;
  return `'${dflt.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * An ON UPDATE expression (MariaDB's `current_timestamp()`, MySQL's `CURRENT_TIMESTAMP(3)`, DBML's text) in the
 * design's spelling, the one defaults use: `CURRENT_TIMESTAMP` / `CURRENT_TIMESTAMP(3)`; anything else as given.
 */
export function normalizeOnUpdate(text: string): string {
  const s = text.trim();
  const now = /^(?:current_timestamp|now|localtimestamp|localtime)(?:\((\d*)\))?$/i.exec(s);
  if (!now) return s;
  return now[1] ? `CURRENT_TIMESTAMP(${now[1]})` : 'CURRENT_TIMESTAMP';
}

export function normalizeSqliteType(declared: string): string {
  return declared
    .toLowerCase()
    .replace(/\s*,\s*/g, ',')
    .trim();
}

export function normalizeSqliteDefault(dflt: string | null): string | null {
  if (dflt === null || /^NULL$/i.test(dflt)) return null;
  return dflt;
}

export function sqliteAction(rule: string): ReferentialAction | null {
  const r = rule.toLowerCase();
  return r === 'restrict' || r === 'cascade' || r === 'set null' || r === 'set default' ? r : null;
}
