import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionParams, Engine } from '../../../../shared/domain';
import type { DriverSession } from '../../connections/driver-adapter';
import { openSession } from '../../connections/open-session';
import { parseConnectionUrl } from '../../connections/parse-url';
import { MYSQL_URL, PG_URL } from '../../connections/test-databases';
import { readAll } from '../../data/read-all';
import { createRestApi, type RestApi, type RestApiOptions } from './rest-api';
import { startRestHttpServer, type RunningRestServer } from './rest-http-server';

/**
 * Test support (not shipped): a session on the local test database of `engine` (PostgreSQL and MariaDB: the
 * `test` database; SQLite: a temp file), tables named `mockrest_…_<random>` so parallel runs never collide.
 */
export interface RestFixture {
  engine: Engine;
  session: DriverSession;
  /** A table (or view) name unique to this run: `mockrest_<role>_<random>`; dropped by dispose. */
  name(role: string, kind?: 'table' | 'view'): string;
  /** Runs SQL (setup, checks); `?` placeholders. */
  run(sql: string, params?: unknown[]): Promise<unknown[][]>;
  /** An identifier quoted for the engine. */
  q(name: string): string;
  /** Serves `options` over real HTTP on 127.0.0.1 (an ephemeral port). */
  serve(options: Omit<RestApiOptions, 'session'>): Promise<{ api: RestApi; server: RunningRestServer; url: string }>;
  dispose(): Promise<void>;
}

export async function openRestFixture(engine: Engine): Promise<RestFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'bb-mockrest-'));
  let params: ConnectionParams;
  let password: string | null = null;
  if (engine === 'sqlite') params = { engine: 'sqlite', file: join(dir, 'rest.db'), create: true };
  else {
    const parsed = parseConnectionUrl(engine === 'postgres' ? PG_URL : MYSQL_URL);
    params = { ...(parsed.params as Extract<ConnectionParams, { engine: 'postgres' | 'mysql' }>), sslMode: 'disable' };
    password = parsed.password ?? null;
  }
  const session = await openSession({ params, password });
  const suffix = randomBytes(4).toString('hex');
  const tables: { name: string; kind: 'table' | 'view' }[] = [];
  const servers: RunningRestServer[] = [];
  const q = (name: string) =>
    engine === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
  const run = async (sql: string, values: unknown[] = []) => {
    const native =
      engine === 'postgres'
        ? sql.replace(
            /\?/g,
            (() => {
              let i = 0;
              return () => `$${++i}`;
            })(),
          )
        : sql;
    return readAll(session, native, values as never);
  };
  return {
    engine,
    session,
    name: (role, kind = 'table') => {
      const name = `mockrest_${role}_${suffix}`;
      tables.push({ name, kind });
      return name;
    },
    run,
    q,
    serve: async (options) => {
      const api = await createRestApi({ ...options, session });
      const server = await startRestHttpServer({ handler: api.handle, port: 0 });
      servers.push(server);
      return { api, server, url: server.url };
    },
    dispose: async () => {
      for (const server of servers) await server.close();
      // views first: PostgreSQL does not drop a table a view reads
      const ordered = [...tables.filter((t) => t.kind === 'view'), ...tables.filter((t) => t.kind === 'table')];
      for (const t of ordered) {
        await run(`DROP ${t.kind === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${q(t.name)}`).catch(() => undefined);
      }
      await session.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
