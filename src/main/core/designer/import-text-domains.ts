/**
 * PostgreSQL domains in an imported script. A design has no domains (neither has DBML), and a pull reads a domain
 * column as its base type with the domain's NOT NULL, default and checks (pull-postgres.ts); an imported design
 * says the same, so it applies to a database that lacks the domain (Sakila's `release_year year`).
 */
import type { Design } from '../../../shared/design';
import { isIdent, isPunct, isWord, lexSql, matchParen, type SqlToken } from '../../../shared/sql/sql-lexer';
import { stripOuterParens } from './pull-normalize';

export interface PgDomain {
  schema: string | null;
  name: string;
  /** The base type as written. */
  type: string;
  notNull: boolean;
  default: string | null;
  checks: { name: string | null; expression: string }[];
}

const CLAUSES = new Set(['DEFAULT', 'NOT', 'NULL', 'CONSTRAINT', 'CHECK', 'COLLATE']);

/** A `CREATE DOMAIN` statement read, or null when it is none. */
export function readDomain(text: string): PgDomain | null {
  const tokens = lexSql(text, 'postgres');
  if (!isWord(tokens[0], 'CREATE') || !isWord(tokens[1], 'DOMAIN')) return null;
  let at = 2;
  const name: string[] = [];
  while (isIdent(tokens[at]) || isPunct(tokens[at], '.')) {
    if (isIdent(tokens[at])) name.push(tokens[at]!.value);
    at++;
    if (isWord(tokens[at], 'AS')) break;
  }
  if (isWord(tokens[at], 'AS')) at++;
  const slice = (from: number, to: number) => text.slice(tokens[from]!.from, tokens[to - 1]!.to);
  const clauseEnd = (from: number): number => {
    let i = from;
    while (i < tokens.length && !(tokens[i]!.kind === 'word' && CLAUSES.has(tokens[i]!.upper))) {
      i = isPunct(tokens[i], '(') ? matchParen(tokens, i) + 1 : i + 1;
    }
    return i;
  };
  const typeEnd = clauseEnd(at);
  if (typeEnd === at || name.length === 0) return null;
  const domain: PgDomain = {
    schema: name.length > 1 ? name[0]! : null,
    name: name[name.length - 1]!,
    type: slice(at, typeEnd),
    notNull: false,
    default: null,
    checks: [],
  };
  at = typeEnd;
  let constraint: string | null = null;
  while (at < tokens.length) {
    const t: SqlToken = tokens[at]!;
    if (t.upper === 'NOT' && isWord(tokens[at + 1], 'NULL')) {
      domain.notNull = true;
      at += 2;
    } else if (t.upper === 'DEFAULT') {
      const end = clauseEnd(at + 1);
      domain.default = slice(at + 1, end);
      at = end;
    } else if (t.upper === 'CONSTRAINT' && isIdent(tokens[at + 1])) {
      constraint = tokens[at + 1]!.value;
      at += 2;
    } else if (t.upper === 'CHECK' && isPunct(tokens[at + 1], '(')) {
      const close = matchParen(tokens, at + 1);
      domain.checks.push({ name: constraint, expression: stripOuterParens(slice(at + 2, close)) });
      constraint = null;
      at = close + 1;
    } else at++;
  }
  return domain;
}

/** Each column typed by one of `domains` gets the domain's base type, NOT NULL, default and checks. */
export function inlineDomains(design: Design, domains: readonly PgDomain[]): void {
  for (const table of design.tables) {
    for (const column of table.columns) {
      const domain = domains.find((d) => column.type === d.name || column.type === `${d.schema ?? 'public'}.${d.name}`);
      if (!domain) continue;
      column.type = domain.type;
      if (domain.notNull) column.nullable = false;
      column.default ??= domain.default;
      for (const check of domain.checks) {
        table.checks.push({
          // the name a pull gives it: <table>_<column>_<check>, the check named as PostgreSQL names a domain's
          name: `${table.name}_${column.name}_${check.name ?? `${domain.name}_check`}`.slice(0, 63),
          expression: replaceValue(check.expression, quoteIdent(column.name)),
        });
      }
    }
  }
}

function replaceValue(expression: string, column: string): string {
  return expression
    .split(/('(?:[^']|'')*'|"(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\bVALUE\b/gi, column)))
    .join('');
}

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
