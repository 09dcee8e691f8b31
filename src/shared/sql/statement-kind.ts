/**
 * What a statement does, read from its tokens (comments, strings and quoted names never count): the editor
 * uses it to word a result ("Statement executed" for DDL, a last insert id only after an insert) and to refresh
 * the schema tree, the cursor gate to know whether re-running a statement is harmless.
 */
import { lexSql, matchParen, isIdent, isPunct, isWord, type SqlDialect, type SqlToken } from './sql-lexer';

export type StatementKind =
  /** Returns rows and changes nothing: SELECT, VALUES, TABLE, SHOW, EXPLAIN, DESCRIBE, WITH … SELECT. */
  | 'query'
  | 'insert'
  | 'update'
  | 'delete'
  | 'merge'
  /** Changes the schema or privileges: CREATE, ALTER, DROP, RENAME, TRUNCATE, COMMENT, GRANT, REVOKE. */
  | 'ddl'
  /** BEGIN, START TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT, RELEASE. */
  | 'transaction'
  /** Anything else (SET, USE, PRAGMA, VACUUM, CALL, DO, …), and empty text. */
  | 'other';

const BY_FIRST_WORD: Record<string, StatementKind> = {
  SELECT: 'query',
  VALUES: 'query',
  TABLE: 'query',
  SHOW: 'query',
  EXPLAIN: 'query',
  DESCRIBE: 'query',
  DESC: 'query',
  INSERT: 'insert',
  REPLACE: 'insert',
  UPDATE: 'update',
  DELETE: 'delete',
  MERGE: 'merge',
  CREATE: 'ddl',
  ALTER: 'ddl',
  DROP: 'ddl',
  RENAME: 'ddl',
  TRUNCATE: 'ddl',
  COMMENT: 'ddl',
  GRANT: 'ddl',
  REVOKE: 'ddl',
  BEGIN: 'transaction',
  START: 'transaction',
  COMMIT: 'transaction',
  END: 'transaction',
  ROLLBACK: 'transaction',
  SAVEPOINT: 'transaction',
  RELEASE: 'transaction',
};

/** What the statement does, judged by its leading keyword (after WITH, by the statement its CTEs feed). */
export function statementKind(sql: string, dialect: SqlDialect): StatementKind {
  return kindOfTokens(lexSql(sql, dialect));
}

function kindOfTokens(tokens: readonly SqlToken[]): StatementKind {
  let i = 0;
  while (isPunct(tokens[i], '(')) i++;
  const first = tokens[i];
  if (!first || first.kind !== 'word') return 'other';
  if (first.upper === 'WITH') return BY_FIRST_WORD[mainVerbAfterWith(tokens, i + 1)] ?? 'other';
  return BY_FIRST_WORD[first.upper] ?? 'other';
}

/** The verb of the statement after `WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (…), …`. */
function mainVerbAfterWith(tokens: readonly SqlToken[], start: number): string {
  let i = start;
  if (isWord(tokens[i], 'RECURSIVE')) i++;
  for (;;) {
    if (!isIdent(tokens[i])) return '';
    i++;
    if (isPunct(tokens[i], '(')) i = matchParen(tokens, i) + 1;
    if (!isWord(tokens[i], 'AS')) return '';
    i++;
    if (isWord(tokens[i], 'NOT')) i++;
    if (isWord(tokens[i], 'MATERIALIZED')) i++;
    if (!isPunct(tokens[i], '(')) return '';
    i = matchParen(tokens, i) + 1;
    if (!isPunct(tokens[i], ',')) break;
    i++;
  }
  while (isPunct(tokens[i], '(')) i++;
  return tokens[i]?.kind === 'word' ? tokens[i]!.upper : '';
}

/** True for statements whose affected-row count means something (INSERT, UPDATE, DELETE, MERGE, REPLACE). */
export function reportsAffectedRows(kind: StatementKind): boolean {
  return kind === 'insert' || kind === 'update' || kind === 'delete' || kind === 'merge';
}

const SCHEMA_WORDS = new Set(['CREATE', 'ALTER', 'DROP', 'RENAME', 'ATTACH', 'DETACH']);

/** True for DDL that adds, removes or renames tables, columns, views or schemas (the tree must reload). */
export function changesSchema(sql: string, dialect: SqlDialect): boolean {
  const tokens = lexSql(sql, dialect);
  return tokens[0]?.kind === 'word' && SCHEMA_WORDS.has(tokens[0].upper);
}

/** True when the statement may change table contents or shape (row counts in the tree go stale). */
export function changesData(sql: string, dialect: SqlDialect): boolean {
  const kind = statementKind(sql, dialect);
  return kind !== 'query' && kind !== 'transaction' && kind !== 'other';
}

const RERUNNABLE_FIRST = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE', 'SHOW', 'EXPLAIN', 'DESCRIBE', 'DESC']);
/** Words that write, lock or wait, anywhere in a statement: re-running it would repeat that. */
const WRITING_WORDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'INTO', 'LOCK']);
/** Functions with side effects; also caught when written as quoted names (`"nextval"('s')`). */
const SIDE_EFFECT_FUNCTIONS =
  /^(NEXTVAL|SETVAL|PG_SLEEP\w*|SLEEP|GET_LOCK|PG_ADVISORY\w*|SET_CONFIG|DBLINK\w*|LO_\w+)$/;

/**
 * Whether a statement only reads, so re-running it to resume a parked result is harmless. Conservative: it
 * starts with SELECT/WITH/VALUES/TABLE/SHOW/EXPLAIN/DESCRIBE, names no writing keyword or side-effect function
 * outside strings and comments, takes no row locks (FOR UPDATE/SHARE) and is no EXPLAIN ANALYZE. Without a
 * dialect it must hold under all three, since a string in one dialect can be code in another.
 */
export function isRerunnable(sql: string, dialect?: SqlDialect): boolean {
  if (!dialect) return (['sqlite', 'postgres', 'mysql'] as const).every((d) => isRerunnable(sql, d));
  const tokens = lexSql(sql, dialect);
  let i = 0;
  while (isPunct(tokens[i], '(')) i++;
  const first = tokens[i];
  if (!first || first.kind !== 'word' || !RERUNNABLE_FIRST.has(first.upper)) return false;
  for (let j = i; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind === 'quoted' && SIDE_EFFECT_FUNCTIONS.test(t.value.toUpperCase())) return false;
    if (t.kind !== 'word') continue;
    if (WRITING_WORDS.has(t.upper) || SIDE_EFFECT_FUNCTIONS.test(t.upper)) return false;
    if (first.upper === 'EXPLAIN' && (t.upper === 'ANALYZE' || t.upper === 'ANALYSE')) return false;
    const next = tokens[j + 1];
    if (t.upper === 'FOR' && next?.kind === 'word' && /^(UPDATE|SHARE|NO|KEY)$/.test(next.upper)) return false;
  }
  return true;
}

/** Why a statement deserves a question before it runs, whatever the connection. */
export type RiskyStatement =
  { kind: 'noWhere'; verb: 'UPDATE' | 'DELETE' } | { kind: 'drop'; object: string } | { kind: 'truncate' };

/**
 * An UPDATE or DELETE without a WHERE of its own (every row), a DROP, or a TRUNCATE — the statements the editor
 * asks about before running; null for anything else. A WHERE inside parentheses (a subquery) does not count.
 */
export function riskyStatement(sql: string, dialect: SqlDialect): RiskyStatement | null {
  const tokens = lexSql(sql, dialect);
  let i = 0;
  while (isPunct(tokens[i], '(')) i++;
  const first = tokens[i];
  if (!first || first.kind !== 'word') return null;
  if (first.upper === 'TRUNCATE') return { kind: 'truncate' };
  if (first.upper === 'DROP') {
    const object = tokens[i + 1]?.kind === 'word' ? tokens[i + 1]!.upper : '';
    return { kind: 'drop', object: object.toLowerCase() };
  }
  let verbAt = i;
  if (first.upper === 'WITH') {
    const verb = mainVerbAfterWith(tokens, i + 1);
    verbAt = tokens.findIndex((t, j) => j > i && t.kind === 'word' && t.upper === verb && depthAt(tokens, j) === 0);
    if (verbAt < 0) return null;
  }
  const verb = tokens[verbAt]!.upper;
  if (verb !== 'UPDATE' && verb !== 'DELETE') return null;
  let depth = 0;
  for (let j = verbAt + 1; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) depth--;
    else if (depth === 0 && t.kind === 'word' && t.upper === 'WHERE') return null;
  }
  return { kind: 'noWhere', verb };
}

/** Parenthesis depth just before token `at`. */
function depthAt(tokens: readonly SqlToken[], at: number): number {
  let depth = 0;
  for (let j = 0; j < at; j++) {
    if (isPunct(tokens[j], '(')) depth++;
    else if (isPunct(tokens[j], ')')) depth--;
  }
  return depth;
}
