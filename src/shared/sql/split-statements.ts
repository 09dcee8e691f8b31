/**
 * Splits a SQL script into statements the way each engine's own client would: semicolons inside strings,
 * quoted identifiers, comments, PostgreSQL dollar quotes and routine/trigger bodies (BEGIN … END) do not end a
 * statement. Isomorphic (the editor and the CLI both use it), so no node imports.
 */

import { scanSql, type SqlDialect } from './sql-lexer';

export type { SqlDialect } from './sql-lexer';

/** One statement: its trimmed text and where that text sits in the script (`sql.slice(from, to) === text`). */
export interface SqlStatement {
  text: string;
  from: number;
  to: number;
}

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

  /**
   * False once the statement's first words show it has no body: the rest of its words change nothing (the
   * splitter then skips slicing them, which matters for scripts of many thousand INSERTs).
   */
  get wantsWords(): boolean {
    return this.words.length < 8 || this.pendingEnd || this.pendingBegin || this.isBodyStatement();
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
  let start = 0;
  let hasContent = false;

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

  scanSql(sql, dialect, (kind, from, to) => {
    if (kind === 'word') {
      hasContent = true;
      if (body.wantsWords) body.word(sql.slice(from, to));
      return;
    }
    body.other();
    if (kind === 'punct' && sql.charCodeAt(from) === 59 /* ; */ && !body.insideBody) {
      finish(from);
      start = to;
      return;
    }
    hasContent = true;
  });
  finish(sql.length);
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
