import { createDialect } from '../sql-dialect';

/** MySQL/MariaDB identifiers: backticks, an inner backtick doubled — for any name (see sql-dialect.ts). */
export function quoteMysqlIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** MySQL/MariaDB SQL through knex's `mysql2` client: `?` placeholders, no RETURNING. */
export const mysqlDialect = createDialect({
  engine: 'mysql',
  client: 'mysql2',
  quoteIdentifier: quoteMysqlIdent,
  returning: false,
  numberedPlaceholders: false,
});
