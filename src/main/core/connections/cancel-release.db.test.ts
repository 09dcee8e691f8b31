import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionParams } from '../../../shared/domain';
import type { DriverSession } from './driver-adapter';
import { openSession } from './open-session';
import { createMysqlDatabase, createPgDatabase, type TempDatabase } from './test-databases';

/**
 * A cancelled read must release its driver cursor before the connection serves anyone else, and closing a
 * session must never wait on a connection that stopped answering. Each engine gets the same cases.
 */

const ROWS = 3_000_000;
const BIG_SQL = {
  postgres: `SELECT g AS n FROM generate_series(1, ${ROWS}) g`,
  mysql: `SELECT seq AS n FROM seq_1_to_${ROWS}`,
  sqlite: `WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ${ROWS}) SELECT n FROM c`,
} as const;

type Engine = keyof typeof BIG_SQL;

let dir: string;
let pgDb: TempDatabase<Extract<ConnectionParams, { engine: 'postgres' }>>;
let myDb: TempDatabase<Extract<ConnectionParams, { engine: 'mysql' }>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-cancel-release-'));
  [pgDb, myDb] = await Promise.all([createPgDatabase(), createMysqlDatabase()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([pgDb?.drop(), myDb?.drop()]);
  rmSync(dir, { recursive: true, force: true });
});

function paramsFor(engine: Engine, port?: number): { params: ConnectionParams; password: string | null } {
  switch (engine) {
    case 'postgres':
      return { params: { ...pgDb.params, ...(port ? { host: '127.0.0.1', port } : {}) }, password: pgDb.password };
    case 'mysql':
      return { params: { ...myDb.params, ...(port ? { host: '127.0.0.1', port } : {}) }, password: myDb.password };
    case 'sqlite':
      return { params: { engine: 'sqlite', file: join(dir, 'cancel.db'), create: true }, password: null };
  }
}

async function selectOne(session: DriverSession): Promise<unknown> {
  const outcome = await session.execute('SELECT 1 AS one', [], new AbortController().signal);
  if (outcome.kind !== 'rows') throw new Error('expected rows');
  const rows = await outcome.cursor.read(10);
  await outcome.cursor.close();
  return rows;
}

/**
 * A TCP proxy to a server that can be frozen: from then on nothing passes in either direction while both
 * sockets stay open — a server (or network) that stopped answering.
 */
async function freezableProxy(target: {
  host: string;
  port: number;
}): Promise<{ port: number; freeze(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let frozen = false;
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.on('error', () => to.destroy());
      from.on('close', () => to.destroy());
      from.on('data', (chunk) => {
        if (!frozen) to.write(chunk);
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    freeze: () => {
      frozen = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe.each(['postgres', 'mysql', 'sqlite'] as const)('%s: a cancelled read', (engine) => {
  let session: DriverSession;
  beforeAll(async () => {
    session = await openSession(paramsFor(engine));
  }, 30_000);
  afterAll(async () => {
    await session?.close();
  });

  it('aborted between fetches releases the open cursor, so the next statement runs', async () => {
    const controller = new AbortController();
    const outcome = await session.execute(BIG_SQL[engine], [], controller.signal);
    if (outcome.kind !== 'rows') throw new Error('expected rows');
    expect(await outcome.cursor.read(10)).toHaveLength(10);
    controller.abort();
    // more than the rows PostgreSQL fetched with the statement, so the driver cursor is read
    await expect(outcome.cursor.read(1000)).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
    await outcome.cursor.close();
    expect(await selectOne(session)).toEqual([[1]]);
  }, 30_000);

  it('aborted while a fetch is on its way leaves the connection usable, and the cancel never hits the next statement', async () => {
    for (let round = 0; round < 4; round++) {
      const controller = new AbortController();
      const outcome = await session.execute(BIG_SQL[engine], [], controller.signal);
      if (outcome.kind !== 'rows') throw new Error('expected rows');
      await outcome.cursor.read(100);
      const reading = outcome.cursor.read(5000);
      // a little later each round: before the fetch is sent, while it runs, after its rows arrived
      setTimeout(() => controller.abort(), round);
      // the fetch may also have finished first
      const outcomeOfRead = await reading.then(
        () => 'read',
        (error: { code?: string }) => error.code,
      );
      expect(['read', 'QUERY_CANCELLED']).toContain(outcomeOfRead);
      expect(await selectOne(session)).toEqual([[1]]);
      await outcome.cursor.close();
    }
  }, 60_000);
});

describe.each(['postgres', 'mysql'] as const)('%s: closing a session whose server stopped answering', (engine) => {
  it('resolves, and fails the statements waiting on it', async () => {
    const direct = paramsFor(engine).params as Extract<ConnectionParams, { engine: 'postgres' | 'mysql' }>;
    const proxy = await freezableProxy({ host: direct.host, port: direct.port });
    try {
      const session = await openSession(paramsFor(engine, proxy.port));
      const controller = new AbortController();
      const outcome = await session.execute(BIG_SQL[engine], [], controller.signal);
      if (outcome.kind !== 'rows') throw new Error('expected rows');
      await outcome.cursor.read(10);
      proxy.freeze();
      const reading = outcome.cursor.read(100_000);
      controller.abort();
      await expect(reading).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
      // waits behind the cancelled cursor, which cannot be released while the server is silent
      const next = session.execute('SELECT 1 AS one', [], new AbortController().signal);
      next.catch(() => undefined);
      await session.close();
      await expect(next).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    } finally {
      await proxy.close();
    }
  }, 30_000);
});

describe('sqlite: closing a session', () => {
  it('resolves while a statement that never ends is running', async () => {
    const session = await openSession(paramsFor('sqlite'));
    const running = session.execute(
      'WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT count(*) FROM c',
      [],
      new AbortController().signal,
    );
    running.catch(() => undefined);
    await session.close();
    await expect(running).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  }, 30_000);
});
