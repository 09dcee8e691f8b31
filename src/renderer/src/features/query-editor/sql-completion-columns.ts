/** Resolves which column names autocomplete offers, from a statement analysis and the live schema. */
import type { ColumnSpec, SourceRef, StatementAnalysis } from './sql-completion-context';

/** Looks up a table's column names in the live schema (case-insensitive); undefined when unknown. */
export type TableColumnsLookup = (schema: string | null, name: string) => string[] | undefined;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Expands column specs to names, resolving `*` through the tables/CTEs it stands for. */
export function expandColumns(
  specs: ColumnSpec[],
  analysis: StatementAnalysis,
  lookup: TableColumnsLookup,
  depth = 0,
): string[] {
  const names: string[] = [];
  for (const spec of specs) {
    if ('name' in spec) {
      names.push(spec.name);
    } else if (depth < 5) {
      const sources = spec.star === null ? spec.sources : spec.sources.filter((s) => sourceMatches(s, spec.star!));
      for (const source of sources) names.push(...(sourceColumns(source, analysis, lookup, depth + 1) ?? []));
    }
  }
  return [...new Set(names)];
}

function sourceMatches(source: SourceRef, qualifier: string): boolean {
  if (source.kind === 'derived') return same(source.alias, qualifier);
  return source.alias !== null ? same(source.alias, qualifier) : same(source.name, qualifier);
}

/** Columns of one source: a CTE (by name) before a real table, as SQL scoping does. */
export function sourceColumns(
  source: SourceRef,
  analysis: StatementAnalysis,
  lookup: TableColumnsLookup,
  depth = 0,
): string[] | undefined {
  if (source.kind === 'derived') return expandColumns(source.columns, analysis, lookup, depth);
  if (source.schema === null) {
    const cte = analysis.ctes.find((c) => same(c.name, source.name));
    if (cte) return expandColumns(cte.columns, analysis, lookup, depth);
  }
  return lookup(source.schema, source.name);
}

/**
 * Columns offered after `qualifier.`: an alias, a table name used in the statement, a CTE name, or any
 * table of the schema. Undefined when the qualifier names none of these (it may be a schema).
 */
export function columnsForQualifier(
  analysis: StatementAnalysis,
  qualifier: string[],
  lookup: TableColumnsLookup,
): string[] | undefined {
  const name = qualifier[qualifier.length - 1];
  if (name === undefined) return undefined;
  if (qualifier.length === 1) {
    const byAlias = analysis.sources.find((s) => sourceMatches(s, name));
    if (byAlias) return sourceColumns(byAlias, analysis, lookup);
    const cte = analysis.ctes.find((c) => same(c.name, name));
    if (cte) return expandColumns(cte.columns, analysis, lookup);
    return lookup(null, name);
  }
  return lookup(qualifier[qualifier.length - 2]!, name);
}

/** Columns of every table the statement reads (for bare-word completion). */
export function columnsInScope(analysis: StatementAnalysis, lookup: TableColumnsLookup): string[] {
  const names: string[] = [];
  for (const source of analysis.sources) names.push(...(sourceColumns(source, analysis, lookup) ?? []));
  return [...new Set(names)];
}
