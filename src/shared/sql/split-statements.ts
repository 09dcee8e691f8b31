/**
 * Splits a SQL script into statements the way each engine's own client would: semicolons inside strings,
 * quoted identifiers, comments, PostgreSQL dollar quotes and routine/trigger bodies (BEGIN … END) do not end a
 * statement. Isomorphic (the editor and the CLI both use it), so no node imports.
 */

export type SqlDialect = 'sqlite' | 'postgres' | 'mysql';

/** One statement: its trimmed text and where that text sits in the script (`sql.slice(from, to) === text`). */
export interface SqlStatement {
  text: string;
  from: number;
  to: number;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;
const WHITESPACE = /\s/;

/** Keywords that close a MySQL compound statement (`END IF`, `END LOOP`…) without closing a BEGIN/CASE. */
const MYSQL_END_SUFFIXES = new Set(['IF', 'LOOP', 'WHILE', 'REPEAT']);

/**
 * Tracks the words of the current statement to tell when a semicolon is inside a body:
 * SQLite `CREATE TRIGGER … BEGIN … END`, MySQL `CREATE PROCEDURE|FUNCTION|TRIGGER|EVENT … BEGIN … END`,
 * PostgreSQL `CREATE FUNCTION|PROCEDURE … BEGIN ATOMIC … END`. Inside a body CASE … END nests too.
 */
class BodyTracker {
  private words: string[] = [];
  private depth = 0;
  private pendingEnd = false;
  private pendingBegin = false;

  constructor(private readonly dialect: SqlDialect) {}

  reset(): void {
    this.words = [];
    this.depth = 0;
    this.pendingEnd = false;
    this.pendingBegin = false;
  }

  /** True while a semicolon belongs to a body rather than ending the statement. */
  get insideBody(): boolean {
    return this.depth > 0;
  }

  word(raw: string): void {
    const w = raw.toUpperCase();
    if (this.words.length < 8) this.words.push(w);
    if (this.pendingBegin) {
      // PostgreSQL: only `BEGIN ATOMIC` opens a SQL-standard body; a plain BEGIN is a string-bodied function's text
      this.pendingBegin = false;
      if (w === 'ATOMIC') {
        this.depth++;
        return;
      }
    }
    if (this.pendingEnd) {
      this.pendingEnd = false;
      // `END IF` / `END LOOP`…: the END closed an IF/LOOP that was never counted
      if (this.dialect === 'mysql' && MYSQL_END_SUFFIXES.has(w)) {
        this.depth++;
        return;
      }
      // `END CASE` closes the CASE statement: the CASE word is not a new opening
      if (w === 'CASE') return;
    }
    if (!this.isBodyStatement()) return;
    if (w === 'BEGIN') {
      if (this.dialect === 'postgres') this.pendingBegin = true;
      else this.depth++;
    } else if (w === 'CASE' && this.depth > 0) {
      this.depth++;
    } else if (w === 'END' && this.depth > 0) {
      this.depth--;
      this.pendingEnd = true;
    }
  }

  /** Any token that is not a word cancels a pending look-ahead (e.g. `END;`). */
  other(): void {
    this.pendingEnd = false;
    this.pendingBegin = false;
  }

  private isBodyStatement(): boolean {
    if (this.words[0] !== 'CREATE') return false;
    // skip modifiers between CREATE and the object kind
    const kinds = this.words.slice(1).filter((w) => !CREATE_MODIFIERS.has(w));
    const kind = kinds[0];
    if (kind === undefined) return false;
    switch (this.dialect) {
      case 'sqlite':
        return kind === 'TRIGGER';
      case 'mysql':
        // DEFINER = user@host appears before the kind; look a little further
        return kinds.slice(0, 4).some((k) => MYSQL_BODY_KINDS.has(k));
      case 'postgres':
        return kind === 'FUNCTION' || kind === 'PROCEDURE';
    }
  }
}

const CREATE_MODIFIERS = new Set([
  'OR',
  'REPLACE',
  'TEMP',
  'TEMPORARY',
  'DEFINER',
  'CURRENT_USER',
  'SQL',
  'SECURITY',
  'INVOKER',
  'ALGORITHM',
]);
const MYSQL_BODY_KINDS = new Set(['PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT']);

/** Splits `sql` into statements; empty (whitespace/comment-only) statements are dropped. */
export function splitStatements(sql: string, dialect: SqlDialect): SqlStatement[] {
  const statements: SqlStatement[] = [];
  const body = new BodyTracker(dialect);
  const n = sql.length;
  let start = 0;
  let hasContent = false;
  let i = 0;

  const finish = (end: number) => {
    if (hasContent) {
      let from = start;
      let to = end;
      while (from < to && WHITESPACE.test(sql[from]!)) from++;
      while (to > from && WHITESPACE.test(sql[to - 1]!)) to--;
      if (to > from) statements.push({ text: sql.slice(from, to), from, to });
    }
    hasContent = false;
    body.reset();
  };

  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];

    if (WHITESPACE.test(c)) {
      i++;
      continue;
    }
    // line comments
    if (
      (c === '-' && next === '-' && (dialect !== 'mysql' || isMysqlDashComment(sql, i))) ||
      (c === '#' && dialect === 'mysql')
    ) {
      i = skipLineComment(sql, i);
      continue;
    }
    // MySQL/MariaDB executable comments (`/*!40101 SET NAMES utf8 */`, `/*M!100100 … */`, as in every dump)
    // are statement text the server runs: tokenize their inside, so the closing `*/` is just two symbols
    if (c === '/' && next === '*' && dialect === 'mysql' && /^\/\*M?!/.test(sql.slice(i, i + 4))) {
      hasContent = true;
      body.other();
      i += sql[i + 2] === 'M' ? 4 : 3;
      continue;
    }
    // block comments (PostgreSQL nests them)
    if (c === '/' && next === '*') {
      i = skipBlockComment(sql, i, dialect === 'postgres');
      continue;
    }
    if (c === ';') {
      body.other();
      if (body.insideBody) {
        hasContent = true;
        i++;
        continue;
      }
      finish(i);
      i++;
      start = i;
      continue;
    }

    hasContent = true;

    if (c === "'") {
      body.other();
      const backslash = dialect === 'mysql' || (dialect === 'postgres' && isEscapeStringPrefix(sql, i));
      i = skipQuoted(sql, i, "'", backslash);
      continue;
    }
    if (c === '"') {
      body.other();
      i = skipQuoted(sql, i, '"', dialect === 'mysql');
      continue;
    }
    if (c === '`' && dialect !== 'postgres') {
      body.other();
      i = skipQuoted(sql, i, '`', false);
      continue;
    }
    if (c === '[' && dialect === 'sqlite') {
      body.other();
      const close = sql.indexOf(']', i + 1);
      i = close < 0 ? n : close + 1;
      continue;
    }
    if (c === '$' && dialect === 'postgres') {
      const tag = dollarTagAt(sql, i);
      if (tag !== null) {
        body.other();
        const close = sql.indexOf(tag, i + tag.length);
        i = close < 0 ? n : close + tag.length;
        continue;
      }
    }
    if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < n && WORD_CHAR.test(sql[j]!)) j++;
      body.word(sql.slice(i, j));
      i = j;
      continue;
    }
    body.other();
    i++;
  }
  finish(n);
  return statements;
}

/**
 * The statement the cursor is in; when the cursor sits between statements (whitespace, a comment, after the
 * last `;`) the nearest preceding one, and before the first statement the first. Undefined when there are none.
 */
export function statementAt<T extends { from: number; to: number }>(
  statements: readonly T[],
  cursorOffset: number,
): T | undefined {
  let preceding: T | undefined;
  for (const s of statements) {
    if (cursorOffset >= s.from && cursorOffset <= s.to) return s;
    if (s.to <= cursorOffset) preceding = s;
  }
  return preceding ?? statements[0];
}

// MySQL treats `--` as a comment only when followed by whitespace or a control character (or the end).
function isMysqlDashComment(sql: string, i: number): boolean {
  const after = sql.charCodeAt(i + 2);
  return Number.isNaN(after) || after <= 32;
}

function skipLineComment(sql: string, i: number): number {
  const nl = sql.indexOf('\n', i);
  return nl < 0 ? sql.length : nl + 1;
}

function skipBlockComment(sql: string, i: number, nested: boolean): number {
  let depth = 1;
  let j = i + 2;
  while (j < sql.length) {
    if (sql[j] === '*' && sql[j + 1] === '/') {
      depth--;
      j += 2;
      if (depth === 0 || !nested) return j;
      continue;
    }
    if (nested && sql[j] === '/' && sql[j + 1] === '*') {
      depth++;
      j += 2;
      continue;
    }
    j++;
  }
  return sql.length;
}

/** Skips a quoted run starting at `i`; a doubled quote is an escape, and with `backslash` so is `\x`. */
function skipQuoted(sql: string, i: number, quote: string, backslash: boolean): number {
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
      return j + 1;
    }
    j++;
  }
  return sql.length;
}

// PostgreSQL E'…' strings honour backslash escapes; the E must start a token (not end an identifier)
function isEscapeStringPrefix(sql: string, quoteIndex: number): boolean {
  const prev = sql[quoteIndex - 1];
  if (prev !== 'E' && prev !== 'e') return false;
  const before = sql[quoteIndex - 2];
  return before === undefined || !WORD_CHAR.test(before);
}

/** The dollar-quote opener (`$$` or `$tag$`) at `i`, or null when `$` starts something else ($1, a$b). */
function dollarTagAt(sql: string, i: number): string | null {
  const prev = sql[i - 1];
  if (prev !== undefined && WORD_CHAR.test(prev)) return null;
  let j = i + 1;
  if (sql[j] !== '$') {
    if (!/[A-Za-z_\u0080-\uffff]/.test(sql[j] ?? '')) return null;
    while (j < sql.length && /[A-Za-z0-9_\u0080-\uffff]/.test(sql[j]!)) j++;
    if (sql[j] !== '$') return null;
  }
  return sql.slice(i, j + 1);
}
