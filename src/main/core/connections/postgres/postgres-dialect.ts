import { createDialect } from '../sql-dialect';

/** PostgreSQL identifiers: double quotes, an inner `"` doubled — for any name (see sql-dialect.ts). */
export function quotePostgresIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** PostgreSQL SQL through knex's `pg` client: `$n` placeholders, RETURNING. */
export const postgresDialect = createDialect({
  engine: 'postgres',
  client: 'pg',
  quoteIdentifier: quotePostgresIdent,
  returning: true,
  numberedPlaceholders: true,
});
