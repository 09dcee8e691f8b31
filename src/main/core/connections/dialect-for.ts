import type { Engine } from '../../../shared/domain';
import { mysqlDialect } from './mysql/mysql-dialect';
import { postgresDialect } from './postgres/postgres-dialect';
import type { SqlDialect } from './sql-dialect';
import { sqliteDialect } from './sqlite/sqlite-dialect';

/** The dialect module of an engine. */
export function dialectFor(engine: Engine): SqlDialect {
  switch (engine) {
    case 'sqlite':
      return sqliteDialect;
    case 'postgres':
      return postgresDialect;
    case 'mysql':
      return mysqlDialect;
  }
}
