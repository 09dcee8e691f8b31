/**
 * Starting a design from text: a DBML file, or a SQL script (a pg_dump or mysqldump, or hand-written CREATE
 * statements). PostgreSQL and MySQL scripts go through @dbml/core's importers and the same converter DBML uses;
 * SQLite has no importer there, so its script is run into an in-memory database which is then read like a live one.
 */
import { Parser } from '@dbml/core';
import Database from 'better-sqlite3';
import type { Engine } from '../../../shared/domain';
import { Design, type DesignTable } from '../../../shared/design';
import { AppError } from '../../../shared/errors';
import { readDbml } from './dbml';
import { databaseToDesign, mysqlEnumType } from './dbml-to-design';
import { inlineDomains, readDomain } from './import-text-domains';
import { designStatements } from './import-text-statements';
import { pullSqliteDatabase } from './pull';
import { normalizeMysqlType, normalizeOnUpdate, normalizePgDefault, normalizePgType } from './pull-normalize';
import { isIdent, isPunct, isWord, lexSql, matchParen, type SqlToken } from '../../../shared/sql/sql-lexer';
import { splitStatements } from '../../../shared/sql/split-statements';

/** A DBML text or a SQL dump (CREATE statements) read into a design of `dialect`. */
export async function importText(text: string, format: 'dbml' | 'sql', dialect: Engine): Promise<Design> {
  if (format === 'dbml') return readDbml(text, dialect, 'The DBML');
  if (dialect === 'sqlite') return importSqliteScript(text);
  // data, routines, views and client commands left out: the parser reads none of them well, and data is slow
  const { script, domains } = designStatements(text, dialect);
  let database;
  try {
    database = Parser.parse(script, dialect === 'postgres' ? 'postgres' : 'mysql');
  } catch (error) {
    throw sqlProblem(error, dialect);
  }
  const design = { ...databaseToDesign(database, dialect), dialect };
  if (dialect === 'mysql') {
    inlineMysqlEnums(design);
    keepUnsigned(design, script);
    nameMysqlIndexes(design);
  } else {
    markPostgresSerials(design, script);
    keepTimeZones(design, script);
    inlineDomains(
      design,
      domains.flatMap((d) => readDomain(d) ?? []),
    );
  }
  normalizeLikePull(design);
  const checked = Design.safeParse(design);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new AppError('INVALID_INPUT', `The script gives no valid design: ${issue.path.join('.')}: ${issue.message}`);
  }
  return checked.data;
}

/**
 * Runs the script in a private in-memory database and reads its schema back. A script may not reach the disk:
 * ATTACH (which opens or creates a file) and VACUUM (VACUUM INTO writes one) are refused before anything runs.
 */
function importSqliteScript(text: string): Design {
  const outward = lexSql(text, 'sqlite').find((t) => t.upper === 'ATTACH' || t.upper === 'VACUUM');
  if (outward) {
    throw new AppError(
      'INVALID_INPUT',
      `The SQLite script uses ${outward.upper}, which reaches files outside the import; remove that statement and import again.`,
    );
  }
  const db = new Database(':memory:');
  try {
    try {
      db.exec(text);
    } catch (error) {
      throw new AppError('INVALID_INPUT', `The SQLite script does not run: ${(error as Error).message}`);
    }
    return pullSqliteDatabase(db);
  } finally {
    db.close();
  }
}

function sqlProblem(error: unknown, dialect: Engine): AppError {
  const diags = (error as { diags?: unknown[] } | null)?.diags;
  const first = (Array.isArray(diags) && diags.length > 0 ? diags[0] : error) as {
    text?: string;
    message?: string;
    location?: { start?: { line?: number; column?: number } };
  };
  // ANTLR's messages list every token it expected; the first words say what it found
  const said = String(first.text ?? first.message ?? error)
    .replace(/\s+expecting\s+\{[\s\S]*$/, '')
    .slice(0, 300);
  const engine = dialect === 'postgres' ? 'PostgreSQL' : 'MySQL';
  const start = first.location?.start;
  if (start?.line !== undefined) {
    // the SQL importers count columns from 0
    const column = (start.column ?? 0) + 1;
    return new AppError(
      'INVALID_INPUT',
      `The ${engine} script does not parse: line ${start.line}, column ${column}: ${said}`,
      { line: start.line, column },
    );
  }
  return new AppError('INVALID_INPUT', `The ${engine} script does not parse: ${said}`);
}

/**
 * @dbml/core turns a MySQL `enum('a','b')` column into a named enum (`<table>_<column>_enum`); MySQL has no named
 * enums, so the design spells the column type again and keeps no enum (nor, as a file from DBML would, the blocks:
 * these enums were never written by the user).
 */
function inlineMysqlEnums(design: Design): void {
  for (const table of design.tables) {
    for (const column of table.columns) {
      const e = design.enums.find((candidate) => candidate.schema === null && candidate.name === column.type);
      if (e) column.type = mysqlEnumType(e.values);
    }
  }
  design.enums = [];
  delete design.enumBlocks;
}

const IDENT = String.raw`(?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*)`;
const SERIAL = new RegExp(
  String.raw`ALTER\s+TABLE\s+(?:ONLY\s+)?(${IDENT}(?:\.${IDENT})?)\s+ALTER\s+(?:COLUMN\s+)?(${IDENT})\s+` +
    String.raw`(?:SET\s+DEFAULT\s+nextval\s*\(|ADD\s+GENERATED\s+(?:ALWAYS|BY\s+DEFAULT)\s+AS\s+IDENTITY)`,
  'gi',
);

/** A PostgreSQL identifier as written → its name (quoted kept as is, unquoted folded to lower case). */
function pgName(ident: string): string {
  return ident.startsWith('"') ? ident.slice(1, -1).replaceAll('""', '"') : ident.toLowerCase();
}

function splitQualified(text: string): string[] {
  return text.match(new RegExp(IDENT, 'g')) ?? [];
}

/**
 * pg_dump gives a serial or identity column its sequence in later statements (`ALTER … SET DEFAULT nextval(…)`,
 * `ALTER … ADD GENERATED … AS IDENTITY`) that the importer skips; a design calls such a column autoIncrement, with
 * no default of its own.
 */
function markPostgresSerials(design: Design, sql: string): void {
  const find = (schema: string | null, name: string): DesignTable | undefined =>
    design.tables.find((t) => t.schema === schema && t.name === name);
  for (const match of sql.matchAll(SERIAL)) {
    const parts = splitQualified(match[1]!).map(pgName);
    const schema = parts.length === 2 && parts[0] !== 'public' ? parts[0]! : null;
    const column = find(schema, parts[parts.length - 1]!)?.columns.find((c) => c.name === pgName(match[2]!));
    if (column) column.autoIncrement = true;
  }
  for (const table of design.tables) {
    for (const column of table.columns) {
      if (column.default !== null && /^nextval\s*\(/i.test(column.default)) {
        column.autoIncrement = true;
        column.default = null;
      }
    }
  }
}

const CREATE_TABLE = new RegExp(
  String.raw`CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(${IDENT}(?:\.${IDENT})?)\s*\(([\s\S]*?)\n\);`,
  'gi',
);
const ZONED_COLUMN = new RegExp(
  String.raw`(?:^|,)\s*(${IDENT})\s+(timestamp|time)(\(\d+\))?\s+with\s+time\s+zone`,
  'gi',
);

/**
 * @dbml/core's PostgreSQL importer reads `timestamp with time zone` as `timestamp`, which is another type; the
 * columns pg_dump writes so (one a line in its CREATE TABLE) get their type back.
 */
function keepTimeZones(design: Design, sql: string): void {
  for (const table of sql.matchAll(CREATE_TABLE)) {
    const parts = splitQualified(table[1]!).map(pgName);
    const schema = parts.length === 2 && parts[0] !== 'public' ? parts[0]! : null;
    const target = design.tables.find((t) => t.schema === schema && t.name === parts[parts.length - 1]);
    for (const column of table[2]!.matchAll(ZONED_COLUMN)) {
      const found = target?.columns.find((c) => c.name === pgName(column[1]!));
      if (found && found.type.startsWith(column[2]!.toLowerCase())) {
        found.type = `${column[2]!.toLowerCase()}${column[3] ?? ''} with time zone`;
      }
    }
  }
}

/**
 * @dbml/core's MySQL importer drops `unsigned` (and `zerofill`) and `ON UPDATE CURRENT_TIMESTAMP`; each column
 * definition of a CREATE TABLE is read again for them, quoted names or bare (mysqldump quotes, Sakila's script does not), one a line or not.
 */
function keepUnsigned(design: Design, sql: string): void {
  for (const statement of splitStatements(sql, 'mysql')) {
    const tokens = lexSql(statement.text, 'mysql');
    let at = 0;
    if (!isWord(tokens[at++], 'CREATE')) continue;
    if (isWord(tokens[at], 'TEMPORARY')) at++;
    if (!isWord(tokens[at++], 'TABLE')) continue;
    if (isWord(tokens[at], 'IF')) at += 3;
    let name = tokens[at++];
    if (isPunct(tokens[at], '.')) {
      name = tokens[at + 1];
      at += 2;
    }
    const table = design.tables.find((t) => isIdent(name) && t.name === name.value);
    if (!table || !isPunct(tokens[at], '(')) continue;
    const close = matchParen(tokens, at);
    // the definitions: split on the commas at depth 1
    let start = at + 1;
    let depth = 0;
    for (let i = at + 1; i <= close; i++) {
      const t = tokens[i]!;
      if (isPunct(t, '(')) depth++;
      else if (isPunct(t, ')') && i < close) depth--;
      else if (i === close || (depth === 0 && isPunct(t, ','))) {
        markUnsigned(table, tokens.slice(start, i));
        start = i + 1;
      }
    }
  }
}

function markUnsigned(table: DesignTable, definition: readonly SqlToken[]): void {
  const [first] = definition;
  if (!isIdent(first)) return;
  if (first.kind === 'word' && (first.upper === 'FULLTEXT' || first.upper === 'SPATIAL')) {
    // the importer drops the kind of a FULLTEXT or SPATIAL key (Sakila's film_text)
    const at = isWord(definition[1], 'KEY') || isWord(definition[1], 'INDEX') ? 2 : 1;
    const name = definition[at];
    const index = table.indexes.find((i) => isIdent(name) && i.name === name.value);
    if (index) index.type = first.upper.toLowerCase();
    return;
  }
  const column = table.columns.find((c) => c.name === first.value);
  if (!column) return;
  // the importer drops ON UPDATE CURRENT_TIMESTAMP too (Sakila's last_update)
  const onUpdate = onUpdateOf(definition);
  if (onUpdate !== null) column.onUpdate = onUpdate;
  const words = new Set(definition.slice(1).map((t) => t.upper));
  if (words.has('UNSIGNED') && !/\bunsigned\b/.test(column.type))
    column.type = `${column.type} unsigned${words.has('ZEROFILL') ? ' zerofill' : ''}`;
}

/** A column definition's `ON UPDATE CURRENT_TIMESTAMP[(p)]` (not a REFERENCES clause's `ON UPDATE CASCADE`). */
function onUpdateOf(definition: readonly SqlToken[]): string | null {
  for (let i = 1; i + 2 < definition.length; i++) {
    if (!isWord(definition[i], 'ON') || !isWord(definition[i + 1], 'UPDATE')) continue;
    const head = definition[i + 2]!;
    if (!/^(CURRENT_TIMESTAMP|NOW|LOCALTIMESTAMP|LOCALTIME)$/.test(head.upper)) continue;
    const open = definition[i + 3];
    if (!isPunct(open, '(')) return normalizeOnUpdate(head.value);
    const close = matchParen(definition, i + 3);
    const args = definition
      .slice(i + 4, close)
      .map((t) => t.value)
      .join('');
    return normalizeOnUpdate(`${head.value}(${args})`);
  }
  return null;
}

/**
 * MySQL names a key written without a name after its first column (`_2`, `_3`… when taken), and a pull reads a
 * one-column unique key so named as the column's `unique`: an imported design says the same.
 */
function nameMysqlIndexes(design: Design): void {
  for (const table of design.tables) {
    const taken = new Set(['PRIMARY', ...table.indexes.flatMap((i) => (i.name === null ? [] : [i.name]))]);
    for (const index of table.indexes) {
      const first = index.columns[0];
      if (index.name !== null || first === undefined || first.startsWith('`')) continue;
      let name = first;
      for (let n = 2; taken.has(name); n++) name = `${first}_${n}`;
      taken.add(name);
      index.name = name;
    }
    table.indexes = table.indexes.filter((index) => {
      const column = table.columns.find((c) => index.columns.length === 1 && c.name === index.columns[0]);
      if (!index.unique || !column || index.name !== column.name || index.type !== null) return true;
      column.unique = true;
      return false;
    });
  }
}

const NUMERIC_TYPE = /^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real)\b/;

/**
 * The spellings a pull of the same schema gives (pull-normalize.ts), so an imported design and the database made
 * from the script compare equal: short type names, literal casts and `NULL` defaults dropped, MySQL's quoted
 * numbers bare on numeric columns and `current_timestamp()` as `CURRENT_TIMESTAMP`.
 */
function normalizeLikePull(design: Design): void {
  const noAction = design.dialect === 'mysql' ? /^(no action|restrict)$/ : /^no action$/;
  for (const fk of design.tables.flatMap((t) => t.foreignKeys)) {
    // the default action: a pull says null (MySQL's RESTRICT is the same as NO ACTION in InnoDB)
    if (fk.onDelete !== null && noAction.test(fk.onDelete)) fk.onDelete = null;
    if (fk.onUpdate !== null && noAction.test(fk.onUpdate)) fk.onUpdate = null;
  }
  for (const index of design.tables.flatMap((t) => t.indexes)) {
    // btree is the default method: a pull says null for it
    if (index.type?.toLowerCase() === 'btree') index.type = null;
  }
  for (const column of design.tables.flatMap((t) => t.columns)) {
    const serial = design.dialect === 'postgres' ? /^(small|big)?serial$/.exec(column.type.toLowerCase()) : null;
    if (serial) {
      column.type = `${serial[1] === 'small' ? 'smallint' : serial[1] === 'big' ? 'bigint' : 'integer'}`;
      column.autoIncrement = true;
    }
    column.type = canonicalType(design.dialect, column.type);
    if (design.dialect === 'postgres') {
      column.type = normalizePgType(column.type);
      column.default = normalizePgDefault(column.default, column.type);
    } else {
      column.type = normalizeMysqlType(column.type);
      const value = column.default;
      if (value === null) continue;
      const quotedNumber = /^'([+-]?\d+(?:\.\d+)?)'$/.exec(value);
      const now = /^current_timestamp(?:\((\d*)\))?$/i.exec(value);
      if (/^NULL$/i.test(value)) column.default = null;
      else if (/^(true|false)$/i.test(value) && NUMERIC_TYPE.test(column.type))
        column.default = value.toLowerCase() === 'true' ? '1' : '0';
      else if (quotedNumber && NUMERIC_TYPE.test(column.type)) column.default = quotedNumber[1]!;
      else if (now) column.default = now[1] ? `CURRENT_TIMESTAMP(${now[1]})` : 'CURRENT_TIMESTAMP';
    }
  }
}

/** Other names of a type → the one the catalog prints back (PostgreSQL's format_type, MySQL's COLUMN_TYPE). */
const ALIASES: Record<'postgres' | 'mysql', Record<string, string>> = {
  postgres: {
    int: 'integer',
    int4: 'integer',
    int8: 'bigint',
    int2: 'smallint',
    bool: 'boolean',
    float8: 'double precision',
    float4: 'real',
    decimal: 'numeric',
    timestamptz: 'timestamp with time zone',
    timetz: 'time with time zone',
  },
  mysql: {
    integer: 'int',
    nvarchar: 'varchar',
    nchar: 'char',
    numeric: 'decimal',
    dec: 'decimal',
    fixed: 'decimal',
    bool: 'tinyint(1)',
    boolean: 'tinyint(1)',
    'double precision': 'double',
  },
};

/** `INT4[]` → `integer[]`, `NVARCHAR(160)` → `varchar(160)`: the name replaced, its size and array marks kept. */
function canonicalType(dialect: Design['dialect'], type: string): string {
  if (dialect === 'sqlite') return type;
  const match = /^([a-z][a-z0-9]*(?: precision)?)(\s*\(.*|\s+.*)?$/i.exec(type.replace(/(\[\])+$/, ''));
  if (!match) return type;
  const alias = ALIASES[dialect][match[1]!.toLowerCase()];
  return alias === undefined ? type : `${alias}${type.slice(match[1]!.length)}`;
}
