import type { Design } from '../../../shared/design';
import type { DriverSession } from '../connections/driver-adapter';
import { sessionCatalogQuery } from '../schema/catalog-query';
import { pullMysql } from './pull-mysql';
import { pullPostgres } from './pull-postgres';
import { pullSqlite } from './pull-sqlite';

export { pullSqliteDatabase } from './pull-sqlite';

/**
 * The live schema (null: the session's default schema) read into a design: its tables (views left out) with their
 * columns, keys, indexes, checks and comments, and on PostgreSQL the enums their columns use. Tables of the
 * session's default schema get `schema: null`, those of another schema its name. Catalog reads are set-based (a
 * few queries for the whole schema). How catalog text is normalized per engine: pull-normalize.ts.
 */
export async function pullDesign(session: DriverSession, schema: string | null): Promise<Design> {
  const query = sessionCatalogQuery(session);
  switch (session.engine) {
    case 'postgres':
      return pullPostgres(query, schema);
    case 'mysql':
      return pullMysql(query, schema);
    case 'sqlite':
      return pullSqlite(query);
  }
}
