import type { Completion } from '@codemirror/autocomplete';
import { lexSql, type SqlDialect } from '../../../../shared/sql/sql-lexer';
import { completionTarget } from '../query-editor/sql-completion-context';
import { quoteIdent } from '../query-editor/sql-completion-source';
import { dialectWords } from '../query-editor/sql-keywords';

/**
 * Completion for a data tab's raw WHERE box: the table's columns, what a condition is made of (AND, IS NOT
 * NULL, LIKE, BETWEEN…) and the engine's scalar functions. Pure, so the rules are tested without an editor.
 */

export interface WhereColumn {
  name: string;
  dataType: string | null;
}

export interface WhereCompletionResult {
  /** Where the word being completed starts (the options replace from there to the cursor). */
  from: number;
  options: Completion[];
}

const words = (text: string): string[] => text.trim().split(/\s+/);

/** What may follow a column or value in a condition, and what joins conditions; multi-word forms whole. */
const CONDITION_WORDS = [
  'AND',
  'OR',
  'NOT',
  'IS NULL',
  'IS NOT NULL',
  'LIKE',
  'NOT LIKE',
  'IN',
  'NOT IN',
  'BETWEEN',
  'NOT BETWEEN',
  'EXISTS',
  'NULL',
  'TRUE',
  'FALSE',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'ESCAPE',
  'CAST',
];

const DIALECT_CONDITION_WORDS: Record<SqlDialect, string[]> = {
  sqlite: ['GLOB', 'REGEXP', 'IS NOT', 'COLLATE NOCASE'],
  postgres: ['ILIKE', 'NOT ILIKE', 'SIMILAR TO', 'IS DISTINCT FROM', 'IS NOT DISTINCT FROM', 'ANY', 'ALL'],
  mysql: ['REGEXP', 'NOT REGEXP', 'RLIKE', 'XOR', 'DIV', 'MOD'],
};

/** Aggregates, window and set-returning functions: not allowed in a WHERE, so not offered there. */
const NOT_IN_WHERE = new Set(
  words(`COUNT SUM AVG MIN MAX TOTAL GROUP_CONCAT STRING_AGG ARRAY_AGG JSON_AGG JSON_GROUP_ARRAY ROW_NUMBER RANK
    DENSE_RANK LAG LEAD GENERATE_SERIES UNNEST LAST_INSERT_ID RANDOM`),
);

/** Ranking: columns first where an operand starts, operators first right after an operand. */
const BOOST = { column: 30, operatorAfterOperand: 40, operator: -5, function: -10 } as const;

const WORD = /^[\w$]*$/;

/**
 * The options for the text left of the cursor, or null where none apply: inside a string, a quoted name or a
 * comment, or (unless asked with Ctrl+Space, `explicit`) before anything is typed. An option that only repeats
 * the typed word is left out, as in the SQL editor, so Enter after a complete word runs the condition.
 */
export function whereCompletions(
  textBefore: string,
  columns: readonly WhereColumn[],
  dialect: SqlDialect,
  explicit: boolean,
): WhereCompletionResult | null {
  const tokens = lexSql(textBefore, dialect, { comments: true });
  const last = tokens[tokens.length - 1];
  // inside (or right after) a string, a quoted name or a comment: a `--` comment runs to the end of the one line
  if (last && last.to === textBefore.length && (last.kind === 'comment' || last.kind === 'string' || last.unterminated))
    return null;
  const target = completionTarget(textBefore, dialect);
  if (!explicit && target.word === '' && target.qualifier.length === 0) return null;

  const column = (c: WhereColumn): Completion => ({
    label: c.name,
    apply: quoteIdent(c.name, dialect),
    type: 'property',
    detail: c.dataType ?? undefined,
    boost: BOOST.column,
  });
  const typed = target.word.toLowerCase();
  const finish = (options: Completion[]): WhereCompletionResult | null => {
    const offered = options.filter((o) => o.label.toLowerCase() !== typed);
    return offered.length === 0 ? null : { from: target.wordFrom, options: offered };
  };
  // `t.col`: only columns make sense after a qualifier (the table's name or alias)
  if (target.qualifier.length > 0) return finish(columns.map(column));

  const before = lexSql(textBefore.slice(0, target.wordFrom), dialect);
  const prev = before[before.length - 1];
  const afterOperand =
    !!prev &&
    (prev.kind === 'quoted' ||
      prev.kind === 'string' ||
      prev.kind === 'number' ||
      prev.kind === 'param' ||
      (prev.kind === 'punct' && prev.value === ')') ||
      (prev.kind === 'word' &&
        (columns.some((c) => same(c.name, prev.value)) || /^(NULL|TRUE|FALSE)$/.test(prev.upper))));
  const operatorBoost = afterOperand ? BOOST.operatorAfterOperand : BOOST.operator;
  const options: Completion[] = columns.map(column);
  for (const w of [...CONDITION_WORDS, ...DIALECT_CONDITION_WORDS[dialect]])
    options.push({ label: w, type: 'keyword', boost: operatorBoost });
  for (const f of dialectWords(dialect).functions) {
    if (NOT_IN_WHERE.has(f)) continue;
    options.push({ label: f, apply: `${f}(`, type: 'function', detail: 'function', boost: BOOST.function });
  }
  return finish(options);
}

/** Keeps a result while the user types on in the same word, until the word equals an option. */
export function validWhile(options: readonly Completion[]): (word: string) => boolean {
  const labels = new Set(options.map((o) => o.label.toLowerCase()));
  return (word) => WORD.test(word) && !labels.has(word.toLowerCase());
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
