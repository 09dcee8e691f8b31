import { createDialect, type CompiledStatement, type TableRef } from '../sql-dialect';

/**
 * SQLite identifiers quoted as knex quotes them (backticks, an inner backtick doubled; SQLite accepts them
 * like double quotes). Kept free of knex so the worker process can quote without loading it.
 */
export function quoteSqliteIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

function qualified(ref: TableRef): string {
  const table = quoteSqliteIdent(ref.table);
  return ref.schema === null ? table : `${quoteSqliteIdent(ref.schema)}.${table}`;
}

/** SQLite SQL through knex's `better-sqlite3` client: `?` placeholders, RETURNING (SQLite ≥ 3.35). */
export const sqliteDialect = createDialect({
  engine: 'sqlite',
  client: 'better-sqlite3',
  quoteIdentifier: quoteSqliteIdent,
  returning: true,
  numberedPlaceholders: false,
  overrides: {
    // knex rebuilds the table to drop a column, which needs a live connection to read its definition; SQLite
    // ≥ 3.35 drops columns itself (it refuses key, indexed and referenced columns with a clear error)
    dropColumn: (ref, column): CompiledStatement[] => [
      { sql: `ALTER TABLE ${qualified(ref)} DROP COLUMN ${quoteSqliteIdent(column)}`, params: [] },
    ],
  },
});
