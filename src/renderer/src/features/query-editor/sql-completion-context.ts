/**
 * Pure analysis of one SQL statement for autocomplete: which tables (and aliases) it reads, which CTEs and
 * derived tables it defines with their output columns, and what qualifier (`alias.`) sits before the cursor.
 * Reads tokens of the shared lexer, not a parse tree: it must work on half-typed SQL.
 */
import {
  isIdent,
  isLiteral,
  isPunct,
  isWord,
  lexSql,
  matchParen,
  type SqlDialect,
  type SqlToken as Token,
} from '../../../../shared/sql/sql-lexer';

/** One output column of a CTE or derived table; `star` stands for `*` / `q.*` in its select list. */
export type ColumnSpec = { name: string } | { star: string | null; sources: SourceRef[] };

/** Something the statement reads from, as written. */
export type SourceRef =
  | { kind: 'table'; schema: string | null; name: string; alias: string | null }
  | { kind: 'derived'; alias: string; columns: ColumnSpec[] };

export interface CteDef {
  name: string;
  columns: ColumnSpec[];
}

export interface StatementAnalysis {
  sources: SourceRef[];
  ctes: CteDef[];
}

/** Words that end a table factor, so they are never taken as an alias. */
const NOT_ALIAS = new Set(
  (
    'WHERE ON USING JOIN LEFT RIGHT INNER OUTER FULL CROSS NATURAL GROUP ORDER LIMIT HAVING UNION EXCEPT ' +
    'INTERSECT SET VALUES SELECT FROM AS WINDOW OFFSET FETCH RETURNING LATERAL STRAIGHT_JOIN FOR INTO WITH AND ' +
    'OR NOT WHEN THEN ELSE END CASE DEFAULT INDEXED USE FORCE IGNORE PARTITION TABLESAMPLE LOCK'
  ).split(' '),
);
const FROM_LIST_END = new Set([
  'WHERE',
  'GROUP',
  'ORDER',
  'LIMIT',
  'HAVING',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'WINDOW',
  'SET',
  'VALUES',
  'RETURNING',
  'SELECT',
  'ON',
  'USING',
  'OFFSET',
  'FETCH',
  'FOR',
]);
const TABLE_KEYWORDS = new Set(['FROM', 'JOIN', 'UPDATE', 'INTO', 'STRAIGHT_JOIN']);

/** Output columns of the first SELECT at the top level of `tokens` (a CTE body or a subquery). */
export function selectListColumns(tokens: Token[]): ColumnSpec[] {
  let i = 0;
  while (i < tokens.length && !isWord(tokens[i], 'SELECT')) {
    i = isPunct(tokens[i], '(') ? matchParen(tokens, i) + 1 : i + 1;
  }
  if (i >= tokens.length) return [];
  i++;
  if (isWord(tokens[i], 'DISTINCT') || isWord(tokens[i], 'ALL')) i++;
  const items: Token[][] = [];
  let current: Token[] = [];
  let end = tokens.length;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isPunct(t, '(')) {
      const close = matchParen(tokens, i);
      current.push(...tokens.slice(i, close + 1));
      i = close;
    } else if (isPunct(t, ',')) {
      items.push(current);
      current = [];
    } else if (t.kind === 'word' && FROM_LIST_END.has(t.upper) && t.upper !== 'SELECT') {
      end = i;
      break;
    } else if (isWord(t, 'FROM')) {
      end = i;
      break;
    } else {
      current.push(t);
    }
  }
  items.push(current);
  const bodySources = end < tokens.length ? analyzeTokens(tokens.slice(end)).sources : [];
  const columns: ColumnSpec[] = [];
  for (const item of items) {
    if (item.length === 0) continue;
    const last = item[item.length - 1]!;
    const prev = item[item.length - 2];
    if (isPunct(last, '*')) {
      const qualifier = isPunct(prev, '.') && isIdent(item[item.length - 3]) ? item[item.length - 3]!.value : null;
      columns.push({ star: qualifier, sources: bodySources });
    } else if (isIdent(last)) {
      // `col`, `t.col`, `expr AS name` and `expr name` all end in the output name
      const named =
        item.length === 1 ||
        isPunct(prev, '.') ||
        isWord(prev, 'AS') ||
        ((isIdent(prev) || isPunct(prev, ')') || isLiteral(prev)) &&
          !(last.kind === 'word' && NOT_ALIAS.has(last.upper)));
      if (named) columns.push({ name: last.value });
    }
  }
  return columns;
}

/** Parses one table factor at `i` (a name with optional alias, or a parenthesised subquery with alias). */
function parseTableFactor(tokens: Token[], i: number, out: SourceRef[]): number {
  if (isPunct(tokens[i], '(')) {
    const close = matchParen(tokens, i);
    const body = tokens.slice(i + 1, close);
    let j = close + 1;
    if (isWord(tokens[j], 'AS')) j++;
    const aliasTok = tokens[j];
    if (isIdent(aliasTok) && !(aliasTok.kind === 'word' && NOT_ALIAS.has(aliasTok.upper))) {
      out.push({ kind: 'derived', alias: aliasTok.value, columns: selectListColumns(body) });
      return j + 1;
    }
    return close + 1;
  }
  const first = tokens[i];
  if (!isIdent(first) || (first.kind === 'word' && NOT_ALIAS.has(first.upper) && first.upper !== 'SET')) return i;
  const parts = [first.value];
  let j = i + 1;
  while (isPunct(tokens[j], '.') && isIdent(tokens[j + 1])) {
    parts.push(tokens[j + 1]!.value);
    j += 2;
  }
  const name = parts[parts.length - 1]!;
  const schema = parts.length > 1 ? parts[parts.length - 2]! : null;
  if (isWord(tokens[j], 'AS')) j++;
  let alias: string | null = null;
  const aliasTok = tokens[j];
  if (isIdent(aliasTok) && !(aliasTok.kind === 'word' && NOT_ALIAS.has(aliasTok.upper))) {
    alias = aliasTok.value;
    j++;
  }
  out.push({ kind: 'table', schema, name, alias });
  return j;
}

function analyzeTokens(tokens: Token[]): StatementAnalysis {
  const sources: SourceRef[] = [];
  const ctes: CteDef[] = [];
  // the clause keyword in effect at each parenthesis depth, so `FROM a JOIN b ON …, c` sees c as a table
  const clause: (string | null)[] = [null];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isPunct(t, '(')) {
      clause.push(null);
      continue;
    }
    if (isPunct(t, ')')) {
      if (clause.length > 1) clause.pop();
      continue;
    }
    const depth = clause.length - 1;
    if (isPunct(t, ',') && (clause[depth] === 'FROM' || clause[depth] === 'JOIN')) {
      i = Math.max(i, parseTableFactor(tokens, i + 1, sources) - 1);
      continue;
    }
    if (t.kind !== 'word') continue;
    if (t.upper === 'WITH') {
      i = parseCtes(tokens, i + 1, ctes) - 1;
    } else if (TABLE_KEYWORDS.has(t.upper)) {
      clause[depth] = t.upper === 'FROM' || t.upper === 'JOIN' || t.upper === 'STRAIGHT_JOIN' ? 'FROM' : t.upper;
      // a subquery in FROM is walked into as well: its own tables are in scope for bare-word columns
      if (isPunct(tokens[i + 1], '(')) parseTableFactor(tokens, i + 1, sources);
      else i = Math.max(i, parseTableFactor(tokens, i + 1, sources) - 1);
    } else if (FROM_LIST_END.has(t.upper) && t.upper !== 'ON' && t.upper !== 'USING') {
      clause[depth] = t.upper;
    }
  }
  return { sources, ctes };
}

/** Parses `name [(cols)] AS [NOT] [MATERIALIZED] (body) [, …]` after WITH [RECURSIVE]. Returns the next index. */
function parseCtes(tokens: Token[], i: number, out: CteDef[]): number {
  if (isWord(tokens[i], 'RECURSIVE')) i++;
  for (;;) {
    const nameTok = tokens[i];
    if (!isIdent(nameTok)) return i;
    let j = i + 1;
    let explicit: ColumnSpec[] | null = null;
    if (isPunct(tokens[j], '(')) {
      const close = matchParen(tokens, j);
      explicit = tokens
        .slice(j + 1, close)
        .filter(isIdent)
        .map((c) => ({ name: c.value }));
      j = close + 1;
    }
    if (!isWord(tokens[j], 'AS')) return i;
    j++;
    if (isWord(tokens[j], 'NOT')) j++;
    if (isWord(tokens[j], 'MATERIALIZED')) j++;
    if (!isPunct(tokens[j], '(')) {
      out.push({ name: nameTok.value, columns: explicit ?? [] });
      return j;
    }
    const close = matchParen(tokens, j);
    const body = tokens.slice(j + 1, close);
    out.push({ name: nameTok.value, columns: explicit ?? selectListColumns(body) });
    j = close + 1;
    if (!isPunct(tokens[j], ',')) return j;
    i = j + 1;
  }
}

/** Finds the tables, aliases, CTEs and derived tables of one statement. */
export function analyzeStatement(sql: string, dialect: SqlDialect): StatementAnalysis {
  return analyzeTokens(lexSql(sql, dialect));
}

/**
 * What is being typed at the end of `textBeforeCursor`: the partial word and, when it follows a dot, the
 * qualifier path before it (`s.t.` → ['s', 't']). `afterTableKeyword` is true right after FROM/JOIN/…,
 * where only tables make sense.
 */
export function completionTarget(
  textBeforeCursor: string,
  dialect: SqlDialect,
): {
  word: string;
  wordFrom: number;
  qualifier: string[];
  afterTableKeyword: boolean;
} {
  const wordMatch = /[A-Za-z0-9_$\u0080-\uffff]*$/.exec(textBeforeCursor)!;
  const word = wordMatch[0];
  const wordFrom = textBeforeCursor.length - word.length;
  const qualifier: string[] = [];
  let pos = wordFrom;
  while (textBeforeCursor[pos - 1] === '.') {
    const before = textBeforeCursor.slice(0, pos - 1);
    const quoted = /(["`])((?:(?!\1).)*)\1$/.exec(before);
    const bare = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*$/.exec(before);
    const m = quoted ?? bare;
    if (!m) break;
    qualifier.unshift(quoted ? quoted[2]! : m[0]);
    pos = before.length - m[0].length;
  }
  const tokensBefore = lexSql(textBeforeCursor.slice(0, pos), dialect);
  const prev = tokensBefore[tokensBefore.length - 1];
  const afterTableKeyword =
    qualifier.length === 0 &&
    !!prev &&
    ((prev.kind === 'word' && TABLE_KEYWORDS.has(prev.upper)) ||
      (isPunct(prev, ',') && lastClauseKeyword(tokensBefore) === 'FROM'));
  return { word, wordFrom, qualifier, afterTableKeyword };
}

/** The last clause keyword at the top level of the tokens (so `FROM a, |` knows it is in a FROM list). */
function lastClauseKeyword(tokens: Token[]): string | null {
  let depth = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (isPunct(t, ')')) depth++;
    else if (isPunct(t, '(')) depth = Math.max(0, depth - 1);
    else if (depth === 0 && t.kind === 'word' && (t.upper === 'FROM' || FROM_LIST_END.has(t.upper))) return t.upper;
  }
  return null;
}
