import mysql from 'mysql2';
import type { ConnectionParams } from '../../../../shared/domain';

/** Settings and connection-level helpers of a MySQL/MariaDB session's connection. */

type MysqlParams = Extract<ConnectionParams, { engine: 'mysql' }>;

/** Server-side prepared statements kept per connection (statements with parameters); older ones are closed. */
const MAX_PREPARED = 64;

/** The mysql2 settings of a session (also used for its short-lived KILL connections). */
export function mysqlConnectionOptions(
  params: MysqlParams,
  password: string | null,
  ssl: mysql.ConnectionOptions['ssl'],
): mysql.ConnectionOptions {
  return {
    host: params.host,
    port: params.port,
    user: params.user,
    password: password ?? undefined,
    database: params.database || undefined,
    ssl,
    connectTimeout: params.connectTimeoutMs ?? 10_000,
    // exact values: dates as the server's text (no time-zone shifts); BIGINTs as numbers while they are
    // safe integers and as strings beyond (bigNumberStrings would make every COUNT(*) a string); DECIMAL and
    // JSON as text (JSON.parse would round numbers past 2^53)
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: false,
    jsonStrings: true,
    maxPreparedStatements: MAX_PREPARED,
    multipleStatements: false,
    charset: 'utf8mb4',
  };
}

/** mysql2's `ssl` option for an SSL mode; "prefer" starts with SSL and falls back (see ssl-fallback.ts). */
export function sslFor(mode: MysqlParams['sslMode']): mysql.ConnectionOptions['ssl'] {
  switch (mode) {
    case 'disable':
      return undefined;
    case 'prefer':
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-full':
      return { rejectUnauthorized: true };
  }
}

/** The connection's socket (mysql2 keeps it as `stream`), for destroying a connection that will not end. */
export function socketOf(
  conn: mysql.Connection,
): { once(event: 'close', listener: () => void): void; destroy(): void } | undefined {
  return (conn as unknown as { stream?: { once(event: 'close', listener: () => void): void; destroy(): void } }).stream;
}
