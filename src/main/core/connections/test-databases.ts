import { randomBytes } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { ConnectionParams } from '../../../shared/domain';
import { parseConnectionUrl } from './parse-url';

/** Test support (not shipped): throwaway databases on the local test servers, named randomly so runs never collide. */

export const PG_URL = process.env.BACKBENCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const MYSQL_URL = process.env.BACKBENCH_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

export function randomName(prefix = 'bb_test_'): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}

type ServerParams = Extract<ConnectionParams, { engine: 'postgres' | 'mysql' }>;

export interface TempDatabase<P> {
  params: P;
  password: string | null;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database created through the `test` database. */
export async function createPgDatabase(): Promise<TempDatabase<Extract<ConnectionParams, { engine: 'postgres' }>>> {
  const base = parseConnectionUrl(PG_URL);
  const name = randomName();
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const params = {
    ...(base.params as Extract<ServerParams, { engine: 'postgres' }>),
    database: name,
    sslMode: 'disable' as const,
  };
  return {
    params,
    password: base.password ?? null,
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A fresh MariaDB/MySQL database `bb_test_<random>`. */
export async function createMysqlDatabase(): Promise<TempDatabase<Extract<ConnectionParams, { engine: 'mysql' }>>> {
  const base = parseConnectionUrl(MYSQL_URL);
  const name = randomName();
  const admin = await mysql.createConnection(MYSQL_URL);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const params = {
    ...(base.params as Extract<ServerParams, { engine: 'mysql' }>),
    database: name,
    sslMode: 'disable' as const,
  };
  return {
    params,
    password: base.password ?? null,
    drop: async () => {
      const client = await mysql.createConnection(MYSQL_URL);
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
      await client.end();
    },
  };
}

/**
 * A local TCP peer that is not a database: `silent` accepts and never says a word (connecting must time out),
 * `banner` speaks first (like SSH) and keeps the socket open, `hangup` closes at once.
 */
export async function tcpPeer(mode: 'silent' | 'banner' | 'hangup'): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    if (mode === 'banner') socket.write('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n');
    else if (mode === 'hangup') socket.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server that accepts connections and never says a word: connecting to it must time out. */
export function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  return tcpPeer('silent');
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

/** Polls `condition` until it holds; fails naming `what` after `timeoutMs` (a sync point on a fact, not a pause). */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Waits until the server shows a statement whose text matches `like` (SQL LIKE) running in `database`: the point
 * where a cancel reaches a statement that is executing rather than one still on its way.
 */
export async function waitForRunningStatement(
  engine: 'postgres' | 'mysql',
  database: string,
  like: string,
): Promise<void> {
  if (engine === 'postgres') {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      await waitFor(async () => {
        const { rows } = await admin.query(
          "SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query LIKE $2 AND pid <> pg_backend_pid()",
          [database, like],
        );
        return rows.length > 0;
      }, `a running statement like ${like}`);
    } finally {
      await admin.end();
    }
    return;
  }
  const admin = await mysql.createConnection(MYSQL_URL);
  try {
    await waitFor(async () => {
      const [rows] = await admin.query(
        "SELECT 1 FROM information_schema.PROCESSLIST WHERE DB = ? AND COMMAND = 'Query' AND INFO LIKE ? AND ID <> CONNECTION_ID()",
        [database, like],
      );
      return (rows as unknown[]).length > 0;
    }, `a running statement like ${like}`);
  } finally {
    await admin.end();
  }
}
