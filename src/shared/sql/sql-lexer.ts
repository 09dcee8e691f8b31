/**
 * The one SQL lexer of Backbench: the statement splitter, the editor's completion analysis, the statement-kind
 * checks and the cursor gate's "is this safe to re-run" test all read SQL through it, so a quote, a comment or
 * a dollar quote means the same thing everywhere. Tolerant: it never throws, and an unterminated string, quoted
 * identifier or comment runs to the end of the text (flagged `unterminated`). Isomorphic, no imports.
 *
 * Dialect rules (each engine's default settings):
 * - strings: `'…'` with `''` escapes; MySQL also `\x` escapes and `"…"` strings (ANSI_QUOTES off);
 *   PostgreSQL `E'…'` escapes and `$$…$$` / `$tag$…$tag$` dollar quotes.
 * - quoted identifiers: `"…"` (SQLite, PostgreSQL), `` `…` `` (MySQL, SQLite), `[…]` (SQLite only).
 * - comments: `--` (MySQL only when followed by whitespace or the end), `/* … *\/` (nested in PostgreSQL),
 *   `#` (MySQL). MySQL executable comments `/*! … *\/` and `/*M! … *\/` are code: their opener is one token and
 *   the inside is lexed as SQL.
 */

export type SqlDialect = 'sqlite' | 'postgres' | 'mysql';

export type SqlTokenKind =
  /** A bare word: keyword or unquoted identifier. */
  | 'word'
  /** A quoted identifier (`value` is the name without quotes). */
  | 'quoted'
  /** A string literal, dollar quote included (`value` is the raw text, quotes and all). */
  | 'string'
  | 'number'
  /** A positional parameter: `$1` (PostgreSQL), `?`. */
  | 'param'
  /** Any other character; `/*!` and `/*M!` (MySQL executable comment openers) are one token. */
  | 'punct'
  /** Only with `{ comments: true }`. */
  | 'comment';

export interface SqlToken {
  kind: SqlTokenKind;
  /** Words and punctuation: their text; quoted identifiers: the unquoted name; strings: the raw literal. */
  value: string;
  /** Upper-cased value of a word (for keyword checks); '' for every other kind. */
  upper: string;
  from: number;
  to: number;
  /** A string, quoted identifier or block comment that reaches the end of the text without closing. */
  unterminated?: boolean;
}

export interface LexOptions {
  /** Emit comments as tokens (default: skip them like whitespace). */
  comments?: boolean;
}

/** Receives each token's kind and span; `unterminated` as in SqlToken. */
export type TokenVisitor = (kind: SqlTokenKind, from: number, to: number, unterminated: boolean) => void;

/** Splits `sql` into tokens; whitespace (and comments, unless asked for) are skipped. */
export function lexSql(sql: string, dialect: SqlDialect, options: LexOptions = {}): SqlToken[] {
  const tokens: SqlToken[] = [];
  scanSql(
    sql,
    dialect,
    (kind, from, to, unterminated) => {
      const text = sql.slice(from, to);
      const token: SqlToken = {
        kind,
        value: kind === 'quoted' ? unquote(text, unterminated) : text,
        upper: kind === 'word' ? text.toUpperCase() : '',
        from,
        to,
      };
      if (unterminated) token.unterminated = true;
      tokens.push(token);
    },
    options,
  );
  return tokens;
}

/**
 * The lexer without allocation: calls `visit` for each token in order (for hot paths such as splitting a
 * large script on every keystroke). `lexSql` is this plus token objects.
 */
export function scanSql(sql: string, dialect: SqlDialect, visit: TokenVisitor, options: LexOptions = {}): void {
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const code = sql.charCodeAt(i);
    if (code <= 32 || code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0xfeff) {
      i++;
      continue;
    }
    const c = sql[i]!;
    const next = sql[i + 1];
    if (
      (c === '-' && next === '-' && (dialect !== 'mysql' || isMysqlDashComment(sql, i))) ||
      (c === '#' && dialect === 'mysql')
    ) {
      const end = lineEnd(sql, i);
      if (options.comments) visit('comment', i, end, false);
      i = end;
      continue;
    }
    if (c === '/' && next === '*') {
      if (dialect === 'mysql' && (sql[i + 2] === '!' || (sql[i + 2] === 'M' && sql[i + 3] === '!'))) {
        const to = i + (sql[i + 2] === 'M' ? 4 : 3);
        visit('punct', i, to, false);
        i = to;
        continue;
      }
      const [end, closed] = skipBlockComment(sql, i, dialect === 'postgres');
      if (options.comments) visit('comment', i, end, !closed);
      i = end;
      continue;
    }
    if (c === "'" || (c === '"' && dialect === 'mysql')) {
      const [end, closed] = skipQuoted(sql, i, c, dialect === 'mysql');
      visit('string', i, end, !closed);
      i = end;
      continue;
    }
    if (c === '"' || (c === '`' && dialect !== 'postgres') || (c === '[' && dialect === 'sqlite')) {
      const [end, closed] = c === '[' ? skipBracket(sql, i) : skipQuoted(sql, i, c, false);
      visit('quoted', i, end, !closed);
      i = end;
      continue;
    }
    if (c === '$' && dialect === 'postgres') {
      const tag = dollarTagAt(sql, i);
      if (tag !== null) {
        const close = sql.indexOf(tag, i + tag.length);
        const end = close < 0 ? n : close + tag.length;
        visit('string', i, end, close < 0);
        i = end;
        continue;
      }
      if (isDigit(sql.charCodeAt(i + 1))) {
        let j = i + 1;
        while (j < n && isDigit(sql.charCodeAt(j))) j++;
        visit('param', i, j, false);
        i = j;
        continue;
      }
    }
    if (isDigit(code) || (c === '.' && isDigit(sql.charCodeAt(i + 1)))) {
      const end = numberEnd(sql, i);
      visit('number', i, end, false);
      i = end;
      continue;
    }
    if (isWordStart(code)) {
      let j = i + 1;
      while (j < n && isWordChar(sql.charCodeAt(j))) j++;
      // PostgreSQL E'…' is one string that honours backslash escapes
      if (dialect === 'postgres' && j === i + 1 && (c === 'E' || c === 'e') && sql[j] === "'") {
        const [end, closed] = skipQuoted(sql, j, "'", true);
        visit('string', i, end, !closed);
        i = end;
        continue;
      }
      visit('word', i, j, false);
      i = j;
      continue;
    }
    visit(c === '?' ? 'param' : 'punct', i, i + 1, false);
    i++;
  }
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isWordStart = (code: number): boolean =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 0x80;
const isWordChar = (code: number): boolean => isWordStart(code) || isDigit(code) || code === 36;

/** The name inside a quoted identifier: quotes removed, doubled closing quotes undone (`]` has no escape). */
function unquote(text: string, unterminated: boolean): string {
  const open = text[0]!;
  const close = open === '[' ? ']' : open;
  const inner = text.slice(1, unterminated ? undefined : -1);
  return open === '[' ? inner : inner.split(close + close).join(close);
}

function skipBracket(sql: string, i: number): [end: number, closed: boolean] {
  const close = sql.indexOf(']', i + 1);
  return close < 0 ? [sql.length, false] : [close + 1, true];
}

// MySQL treats `--` as a comment only when followed by whitespace or a control character (or the end).
function isMysqlDashComment(sql: string, i: number): boolean {
  const after = sql.charCodeAt(i + 2);
  return Number.isNaN(after) || after <= 32;
}

/** The end of a line comment: the newline stays outside it. */
function lineEnd(sql: string, i: number): number {
  const nl = sql.indexOf('\n', i);
  return nl < 0 ? sql.length : nl;
}

function skipBlockComment(sql: string, i: number, nested: boolean): [end: number, closed: boolean] {
  let depth = 1;
  let j = i + 2;
  while (j < sql.length) {
    if (sql[j] === '*' && sql[j + 1] === '/') {
      depth--;
      j += 2;
      if (depth === 0 || !nested) return [j, true];
      continue;
    }
    if (nested && sql[j] === '/' && sql[j + 1] === '*') {
      depth++;
      j += 2;
      continue;
    }
    j++;
  }
  return [sql.length, false];
}

/** Skips a quoted run starting at `i`; a doubled quote is an escape, and with `backslash` so is `\x`. */
function skipQuoted(sql: string, i: number, quote: string, backslash: boolean): [end: number, closed: boolean] {
  let j = i + 1;
  while (j < sql.length) {
    const c = sql[j];
    if (backslash && c === '\\') {
      j += 2;
      continue;
    }
    if (c === quote) {
      if (sql[j + 1] === quote) {
        j += 2;
        continue;
      }
      return [j + 1, true];
    }
    j++;
  }
  return [sql.length, false];
}

function numberEnd(sql: string, i: number): number {
  let j = i;
  if (sql[j] === '0' && (sql[j + 1] === 'x' || sql[j + 1] === 'X') && /[0-9a-fA-F]/.test(sql[j + 2] ?? '')) {
    j += 2;
    while (j < sql.length && /[0-9a-fA-F_]/.test(sql[j]!)) j++;
    return j;
  }
  while (j < sql.length && /[0-9_]/.test(sql[j]!)) j++;
  if (sql[j] === '.') {
    j++;
    while (j < sql.length && /[0-9_]/.test(sql[j]!)) j++;
  }
  if (
    (sql[j] === 'e' || sql[j] === 'E') &&
    /[0-9]/.test(sql[j + 1] === '+' || sql[j + 1] === '-' ? (sql[j + 2] ?? '') : (sql[j + 1] ?? ''))
  ) {
    j += sql[j + 1] === '+' || sql[j + 1] === '-' ? 2 : 1;
    while (j < sql.length && isDigit(sql.charCodeAt(j))) j++;
  }
  return j;
}

/** The dollar-quote opener (`$$` or `$tag$`) at `i`, or null when `$` starts something else ($1, a$b). */
function dollarTagAt(sql: string, i: number): string | null {
  const prev = sql[i - 1];
  if (prev !== undefined && isWordChar(prev.charCodeAt(0))) return null;
  let j = i + 1;
  if (sql[j] !== '$') {
    if (!/[A-Za-z_\u0080-\uffff]/.test(sql[j] ?? '')) return null;
    while (j < sql.length && /[A-Za-z0-9_\u0080-\uffff]/.test(sql[j]!)) j++;
    if (sql[j] !== '$') return null;
  }
  return sql.slice(i, j + 1);
}

/** True when the token is the word `upper` (already upper-case). */
export const isWord = (t: SqlToken | undefined, upper: string): boolean =>
  !!t && t.kind === 'word' && t.upper === upper;
/** True for a bare word or a quoted identifier. */
export const isIdent = (t: SqlToken | undefined): t is SqlToken => !!t && (t.kind === 'quoted' || t.kind === 'word');
export const isPunct = (t: SqlToken | undefined, p: string): boolean => !!t && t.kind === 'punct' && t.value === p;
export const isLiteral = (t: SqlToken | undefined): boolean => !!t && (t.kind === 'number' || t.kind === 'string');

/** Index of the `)` matching the `(` at `open`, or tokens.length when unbalanced. */
export function matchParen(tokens: readonly SqlToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i;
  }
  return tokens.length;
}
