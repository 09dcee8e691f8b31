import type { Engine, SchemaTree } from '../../../../shared/domain';

/** Quotes an identifier for the engine: "x" (SQLite, PostgreSQL) or `x` (MySQL), doubling embedded quotes. */
export function quoteIdentifier(engine: Engine, name: string): string {
  if (engine === 'mysql') return `\`${name.replaceAll('`', '``')}\``;
  return `"${name.replaceAll('"', '""')}"`;
}

/** The table's name as SQL, schema-qualified only outside the default schema (`public`, `main`, the MySQL db). */
export function qualifiedTableName(
  tree: Pick<SchemaTree, 'engine' | 'defaultSchema'>,
  schema: string | null,
  table: string,
): string {
  const quotedTable = quoteIdentifier(tree.engine, table);
  if (schema === null || schema === tree.defaultSchema) return quotedTable;
  if (tree.engine === 'sqlite' && schema === 'main') return quotedTable;
  return `${quoteIdentifier(tree.engine, schema)}.${quotedTable}`;
}

/** The query a double-click on a table opens. */
export function selectStarSql(
  tree: Pick<SchemaTree, 'engine' | 'defaultSchema'>,
  schema: string | null,
  table: string,
): string {
  return `SELECT * FROM ${qualifiedTableName(tree, schema, table)} LIMIT 100;`;
}

/** Row counts: exact as "12,345", estimates as "~12k" / "~1.2M". */
export function formatRowCount(count: number, exact: boolean): string {
  if (exact) return Math.round(count).toLocaleString('en-US');
  const n = Math.max(0, count);
  if (n < 1000) return `~${Math.round(n)}`;
  if (n < 1_000_000) return `~${n < 10_000 ? (n / 1000).toFixed(1).replace(/\.0$/, '') : Math.round(n / 1000)}k`;
  if (n < 1_000_000_000) return `~${n < 10_000_000 ? (n / 1e6).toFixed(1).replace(/\.0$/, '') : Math.round(n / 1e6)}M`;
  return `~${(n / 1e9).toFixed(1).replace(/\.0$/, '')}B`;
}
