/**
 * What a statement is, from its leading keywords — for results without rows, where only PostgreSQL tags its
 * command and MySQL/SQLite report counts (or a stale insert id) that mean nothing for DDL.
 */

/** Objects CREATE/ALTER/DROP… name; the first of them after the verb is the command's second word. */
const KINDS = new Set([
  'TABLE',
  'VIEW',
  'INDEX',
  'SCHEMA',
  'DATABASE',
  'SEQUENCE',
  'FUNCTION',
  'PROCEDURE',
  'TRIGGER',
  'TYPE',
  'EXTENSION',
  'ROLE',
  'USER',
  'DOMAIN',
  'EVENT',
  'POLICY',
  'COLLATION',
  'SERVER',
  'RULE',
  'PUBLICATION',
  'SUBSCRIPTION',
  'TABLESPACE',
  'AGGREGATE',
  'OPERATOR',
  'CAST',
  'LANGUAGE',
  'STATISTICS',
  'COLUMN',
]);
/** Statements named by two words: the verb and the kind of object (PostgreSQL's tags do the same). */
const WITH_KIND = new Set(['CREATE', 'ALTER', 'DROP', 'TRUNCATE', 'RENAME', 'COMMENT']);
/** Kinds named by two words (`CREATE MATERIALIZED VIEW`, `CREATE FOREIGN TABLE`). */
const TWO_WORD_KINDS = new Set(['MATERIALIZED', 'FOREIGN']);
/** Verbs a WITH clause can lead to. */
const MAIN_VERBS = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'MERGE', 'VALUES', 'TABLE']);
/** Commands whose count of rows means something (they insert, change or delete rows). */
const COUNTING = new Set(['INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'MERGE', 'UPSERT', 'COPY', 'LOAD']);
/** Commands that can generate an id (AUTO_INCREMENT, rowid). */
const INSERTING = new Set(['INSERT', 'REPLACE', 'UPSERT', 'LOAD']);

/** The first words of a statement, upper case, skipping comments, quoted text and parenthesised parts. */
function* words(sql: string): Generator<{ word: string; depth: number; afterClose: boolean }> {
  let depth = 0;
  let afterClose = false;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (c === '#') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      const end = sql.indexOf(c, i + 1);
      i = end === -1 ? sql.length : end + 1;
      afterClose = false;
    } else if (c === '(') {
      depth++;
      i++;
    } else if (c === ')') {
      depth = Math.max(0, depth - 1);
      afterClose = depth === 0;
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      let end = i + 1;
      while (end < sql.length && /[A-Za-z0-9_$]/.test(sql[end]!)) end++;
      yield { word: sql.slice(i, end).toUpperCase(), depth, afterClose };
      afterClose = false;
      i = end;
    } else {
      if (!/\s/.test(c) && c !== ',') afterClose = false;
      i++;
    }
  }
}

/**
 * The statement's command, upper case: `INSERT`, `UPDATE`, `CREATE TABLE`, `DROP INDEX`, `BEGIN`… For a WITH
 * statement, the verb its CTEs lead to. Null when there is no word at all.
 */
export function statementCommand(sql: string): string | null {
  const it = words(sql);
  const first = it.next();
  if (first.done) return null;
  const verb = first.value.word;
  if (verb === 'WITH') {
    for (const w of it) {
      if (w.depth === 0 && w.afterClose && MAIN_VERBS.has(w.word)) return w.word;
    }
    return 'WITH';
  }
  if (!WITH_KIND.has(verb)) return verb;
  let seen = 0;
  for (const w of it) {
    if (w.depth > 0 || ++seen > 10) break;
    if (TWO_WORD_KINDS.has(w.word)) {
      const next = it.next();
      return next.done ? `${verb} ${w.word}` : `${verb} ${w.word} ${next.value.word}`;
    }
    if (KINDS.has(w.word)) return `${verb} ${w.word}`;
  }
  return verb;
}

/** Whether the rows count of a statement with this command means anything (DML), else it is reported as null. */
export function commandCountsRows(command: string | null): boolean {
  return command !== null && COUNTING.has(command);
}

/** Whether a statement with this command can generate an id; others must not report the connection's last one. */
export function commandInserts(command: string | null): boolean {
  return command !== null && INSERTING.has(command);
}
