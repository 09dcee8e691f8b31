/**
 * The part of a PostgreSQL or MySQL dump a design is made from. A real dump is mostly data (Chinook's 600 kB are
 * 15,000 INSERTs, which @dbml/core's parser takes 15–30 s to read) and holds routines, triggers and views the
 * parser cannot read (Sakila's `DELIMITER $$` procedures, pg_dump's `COPY … FROM stdin` blocks and psql's `\connect`
 * lines). Only the statements that shape tables are kept, each at its own line and column, so a parse error
 * still names the place in the file the user has.
 */
import { isIdent, isPunct, isWord, lexSql, matchParen, type SqlToken } from '../../../shared/sql/sql-lexer';
import { splitStatements } from '../../../shared/sql/split-statements';

type ServerDialect = 'postgres' | 'mysql';

/** A run of the script that is SQL ended by `delimiter` (`;`, or what a MySQL `DELIMITER` line set). */
interface Region {
  from: number;
  to: number;
  delimiter: string;
}

const CREATE_SKIPPED = new Set(['OR', 'REPLACE', 'GLOBAL', 'LOCAL', 'TEMP', 'TEMPORARY', 'UNLOGGED']);
const INDEX_KINDS = new Set(['UNIQUE', 'FULLTEXT', 'SPATIAL']);

/**
 * The script with every statement that does not shape a table left out (its lines kept as empty lines), and
 * PostgreSQL's `CREATE DOMAIN` statements apart (the parser reads none; import-text-domains.ts does).
 */
export function designStatements(sql: string, dialect: ServerDialect): { script: string; domains: string[] } {
  const kept: { text: string; from: number }[] = [];
  const domains: string[] = [];
  for (const region of sqlRegions(sql, dialect)) {
    const body = sql.slice(region.from, region.to);
    const statements =
      region.delimiter === ';'
        ? splitStatements(body, dialect)
        : splitOn(body, region.delimiter).filter((s) => s.text.length > 0);
    for (const s of statements) {
      const kind = statementKind(s.text, dialect);
      if (kind === 'table') kept.push({ text: s.text, from: region.from + s.from });
      else if (kind === 'domain') domains.push(s.text.slice(afterComments(s.text, dialect)));
    }
  }
  if (dialect === 'postgres') inheritColumns(kept);
  return { script: placed(sql, kept), domains };
}

const TABLE_CONSTRAINT = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN', 'EXCLUDE', 'LIKE']);

/**
 * `CREATE TABLE child (…) INHERITS (parent)` (Sakila's payment_p2007_01, with no column of its own) → the
 * parent's column definitions written into the child, which is what the child has; the parser knows no INHERITS.
 */
function inheritColumns(kept: { text: string; from: number }[]): void {
  const columnsOf = new Map<string, string[]>();
  for (const s of kept) {
    const tokens = lexSql(s.text, 'postgres');
    if (!isWord(tokens[0], 'CREATE')) continue;
    let at = 1;
    while (tokens[at] && CREATE_SKIPPED.has(tokens[at]!.upper)) at++;
    if (!isWord(tokens[at++], 'TABLE')) continue;
    if (isWord(tokens[at], 'IF')) at += 3;
    const name: string[] = [];
    while (isIdent(tokens[at]) || isPunct(tokens[at], '.')) {
      if (isIdent(tokens[at])) name.push(tokens[at]!.value);
      at++;
    }
    if (!isPunct(tokens[at], '(')) continue;
    const close = matchParen(tokens, at);
    const items = topLevelItems(s.text, tokens, at, close);
    const own = items.filter((item) => !TABLE_CONSTRAINT.has(item.split(/\s/, 1)[0]!.toUpperCase()));
    const key = name[name.length - 1]!;
    const inherits = isWord(tokens[close + 1], 'INHERITS') && isPunct(tokens[close + 2], '(');
    if (!inherits) {
      columnsOf.set(key, own);
      continue;
    }
    const parentEnd = matchParen(tokens, close + 2);
    const parents = tokens.slice(close + 3, parentEnd).filter(isIdent);
    const parent = parents[parents.length - 1];
    const inherited = parent ? (columnsOf.get(parent.value) ?? []) : [];
    const ownNames = new Set(own.map((c) => c.split(/\s/, 1)[0]));
    const merged = [...inherited.filter((c) => !ownNames.has(c.split(/\s/, 1)[0])), ...items];
    columnsOf.set(key, [...inherited, ...own]);
    const comments = s.text.slice(0, tokens[0]!.from);
    const head = s.text.slice(tokens[0]!.from, tokens[at]!.from);
    const tail = s.text.slice(tokens[parentEnd]!.to);
    // on one line (the comments before it kept as they are): no longer than it was, so later lines stay put
    s.text = comments + `${head}(${merged.join(', ')})${tail}`.replace(/\s*\n\s*/g, ' ');
  }
}

/** The comma-separated items between the `(` at `open` and the `)` at `close`, as written. */
function topLevelItems(text: string, tokens: readonly SqlToken[], open: number, close: number): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i <= close; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && i < close) depth--;
    else if (i === close || (depth === 0 && isPunct(tokens[i], ','))) {
      if (i > start) items.push(text.slice(tokens[start]!.from, tokens[i - 1]!.to).trim());
      start = i + 1;
    }
  }
  return items;
}

/** 'table' for CREATE TABLE / INDEX / TYPE / SCHEMA, ALTER TABLE and COMMENT ON; 'domain' for CREATE DOMAIN. */
function statementKind(text: string, dialect: ServerDialect): 'table' | 'domain' | null {
  // the first words are enough: lexing a 1 MB INSERT to its end would cost what the filter saves
  const words: string[] = [];
  const from = afterComments(text, dialect);
  for (const t of lexSql(text.slice(from, from + 400), dialect)) {
    if (t.kind !== 'word') break;
    words.push(t.upper);
    if (words.length === 6) break;
  }
  const [first, second] = words;
  if (first === 'ALTER') return second === 'TABLE' ? 'table' : null;
  if (first === 'COMMENT') return second === 'ON' ? 'table' : null;
  if (first !== 'CREATE') return null;
  const rest = words.slice(1).filter((w) => !CREATE_SKIPPED.has(w));
  const kind = INDEX_KINDS.has(rest[0] ?? '') ? rest[1] : rest[0];
  if (dialect === 'postgres' && kind === 'DOMAIN') return 'domain';
  const shapes =
    kind === 'TABLE' || kind === 'INDEX' || (dialect === 'postgres' && (kind === 'TYPE' || kind === 'SCHEMA'));
  return shapes ? 'table' : null;
}

/** Where the first word is: past whitespace and comments (a dump's banner can be longer than the look-ahead). */
function afterComments(text: string, dialect: ServerDialect): number {
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (text.startsWith('--', at) || (dialect === 'mysql' && text[at] === '#')) {
      const end = text.indexOf('\n', at);
      if (end < 0) return text.length;
      at = end + 1;
    } else if (text.startsWith('/*', at) && !(dialect === 'mysql' && /^\/\*M?!/.test(text.slice(at, at + 4)))) {
      const end = text.indexOf('*/', at + 2);
      if (end < 0) return text.length;
      at = end + 2;
    } else return at;
  }
}

/**
 * The SQL runs of the script: a MySQL `DELIMITER x` line starts a run ended by x, a psql meta-command line
 * (`\connect`, `\restrict`) is no SQL, and neither are the data lines of a PostgreSQL `COPY … FROM stdin;` up to
 * the `\.` line.
 */
function sqlRegions(sql: string, dialect: ServerDialect): Region[] {
  const regions: Region[] = [];
  let delimiter = ';';
  let start = 0;
  let inCopy = false;
  let offset = 0;
  for (const line of sql.split('\n')) {
    const lineStart = offset;
    const lineEnd = offset + line.length;
    offset = lineEnd + 1;
    const trimmed = line.trim();
    if (inCopy) {
      if (trimmed === '\\.') {
        inCopy = false;
        start = offset;
      }
      continue;
    }
    const setDelimiter = dialect === 'mysql' ? /^DELIMITER\s+(\S+)$/i.exec(trimmed) : null;
    if (setDelimiter || (dialect === 'postgres' && trimmed.startsWith('\\'))) {
      regions.push({ from: start, to: lineStart, delimiter });
      if (setDelimiter) delimiter = setDelimiter[1]!;
      start = offset;
    } else if (dialect === 'postgres' && /^COPY\b[\s\S]*\bFROM\s+stdin\b[^;]*;$/i.test(trimmed)) {
      regions.push({ from: start, to: lineEnd, delimiter });
      inCopy = true;
    }
  }
  if (!inCopy) regions.push({ from: start, to: sql.length, delimiter });
  return regions.filter((r) => r.to > r.from);
}

/** A run split on a custom delimiter (what the mysql client does between `DELIMITER $$` and `DELIMITER ;`). */
function splitOn(body: string, delimiter: string): { text: string; from: number }[] {
  const out: { text: string; from: number }[] = [];
  let from = 0;
  while (from <= body.length) {
    const at = body.indexOf(delimiter, from);
    const to = at < 0 ? body.length : at;
    const raw = body.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    out.push({ text: raw.trim(), from: from + lead });
    if (at < 0) break;
    from = at + delimiter.length;
  }
  return out;
}

/** The kept statements at their own line and column, each ended by `;`. */
function placed(sql: string, kept: readonly { text: string; from: number }[]): string {
  const parts: string[] = [];
  // where the output ends, and where the script has been counted to
  let line = 0;
  let column = 0;
  let at = 0;
  let atLine = 0;
  let atLineStart = 0;
  for (const s of kept) {
    for (; at < s.from; at++) {
      if (sql.charCodeAt(at) === 10) {
        atLine++;
        atLineStart = at + 1;
      }
    }
    const wantColumn = s.from - atLineStart;
    if (atLine > line) {
      parts.push('\n'.repeat(atLine - line));
      line = atLine;
      column = 0;
    }
    parts.push(' '.repeat(Math.max(0, wantColumn - column)), s.text, ';');
    const lastBreak = s.text.lastIndexOf('\n');
    if (lastBreak < 0) column = Math.max(column, wantColumn) + s.text.length + 1;
    else {
      line += s.text.split('\n').length - 1;
      column = s.text.length - lastBreak;
    }
  }
  return parts.join('');
}
