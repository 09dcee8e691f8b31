import type { DriverSession, OpenOptions } from '../core/connections/driver-adapter';
import { earlySslRequest } from '../core/connections/postgres/ssl-request';

/** What `backbench query`, `import` and `export` need of a session: statements, a transaction, close. */
export type QuerySession = Pick<DriverSession, 'engine' | 'execute' | 'transaction' | 'close'>;

export interface QuerySessionOptions {
  /**
   * PostgreSQL: look up column type names (and sources) — `export` needs them to write JSON and SQL, `import`
   * to check values; `query` shows names and values only and skips the lookup.
   */
  columnDetails?: boolean;
}

/**
 * Opens a session for the target, loading only that engine's driver: pg and mysql2 each take ~100 ms to load,
 * which a one-shot command would otherwise pay for every engine. SQLite is read in this process (see
 * InlineSqliteSession); the servers go through the app's own sessions.
 */
export async function openQuerySession(
  { params, password }: OpenOptions,
  { columnDetails = false }: QuerySessionOptions = {},
): Promise<QuerySession> {
  switch (params.engine) {
    case 'sqlite': {
      const { InlineSqliteSession } = await import('./inline-sqlite-session');
      return InlineSqliteSession.open(params);
    }
    case 'postgres': {
      provideNavigator();
      // the server sets up the connection while pg loads
      const sslRequest = earlySslRequest(params);
      const { PostgresSession } = await import('../core/connections/postgres/postgres-session');
      // the output shows names and values only (no type names or column sources to look up), and the command
      // ends once it is written: no waiting for the server to close its side of the connection
      return PostgresSession.open(params, password, { columnDetails, awaitClose: false, sslRequest });
    }
    case 'mysql': {
      const { MysqlSession } = await import('../core/connections/mysql/mysql-session');
      return MysqlSession.open(params, password);
    }
  }
}

/**
 * Loading pg on Node 20 also loads Node's whole fetch implementation (~45 ms): pg probes for Cloudflare Workers
 * by constructing a `Response` when there is no global `navigator`. Node 21 and later define `navigator`; Node
 * 20 gets the same here (with the userAgent those report), so the probe answers at once.
 */
function provideNavigator(): void {
  if ('navigator' in globalThis) return;
  const userAgent = `Node.js/${process.versions.node.split('.')[0]}`;
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent }, configurable: true, writable: true });
}
