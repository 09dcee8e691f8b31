import type { DriverSession, OpenSession } from './driver-adapter';
import { MysqlSession } from './mysql/mysql-session';
import { PostgresSession } from './postgres/postgres-session';
import { SqliteSession } from './sqlite/sqlite-session';

/**
 * Opens a live session for connection parameters, dispatching on the engine. Every failure is an AppError with
 * a specific code (AUTH_FAILED, CONNECTION_REFUSED, FILE_NOT_FOUND…), see map-driver-error.ts.
 */
export const openSession: OpenSession = async ({ params, password }): Promise<DriverSession> => {
  switch (params.engine) {
    case 'sqlite':
      return SqliteSession.open(params);
    case 'postgres':
      return PostgresSession.open(params, password);
    case 'mysql':
      return MysqlSession.open(params, password);
  }
};
