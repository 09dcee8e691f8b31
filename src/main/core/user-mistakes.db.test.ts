import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/client';
import { AppError } from '../../shared/errors';
import { createMemoryTransport } from '../../shared/transport-memory';
import { createMysqlDatabase, createPgDatabase, type TempDatabase, waitFor } from './connections/test-databases';
import { createServices, type Services } from './services';

/** What users get wrong most: empty text, several statements, failed PostgreSQL transactions, cancel inside a transaction. */

let dataDir: string;
let services: Services;
let client: Client;
let pgDb: TempDatabase<unknown>;
let myDb: TempDatabase<unknown>;
const ids: Record<'sqlite' | 'postgres' | 'mysql', string> = { sqlite: '', postgres: '', mysql: '' };
let n = 0;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

function run(connectionId: string, sql: string, runId = `run-${++n}`) {
  return client.query.run({ connectionId, sql, runId, pageSize: 50 });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bb-mistakes-'));
  services = await createServices({ host: 'test', dataDir, createSample: false });
  client = createClient(createMemoryTransport(services.dispatch));
  const pg = await createPgDatabase();
  const my = await createMysqlDatabase();
  pgDb = pg;
  myDb = my;
  ids.sqlite = (
    await client.connections.create({
      name: 'lite',
      params: { engine: 'sqlite', file: join(dataDir, 'm.db'), create: true },
    })
  ).id;
  ids.postgres = (await client.connections.create({ name: 'pg', params: pg.params, password: pg.password })).id;
  ids.mysql = (await client.connections.create({ name: 'my', params: my.params, password: my.password })).id;
}, 60_000);

afterAll(async () => {
  await services?.dispose();
  await pgDb?.drop();
  await myDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.each(['sqlite', 'postgres', 'mysql'] as const)('on %s', (engine) => {
  it('rejects text without a statement the same way on every engine, and keeps it out of the history', async () => {
    for (const sql of ['   ', '-- only a comment', '/* a block */ ;', ';;']) {
      const error = await failure(run(ids[engine], sql));
      expect(error.code, sql).toBe('INVALID_INPUT');
      expect(error.message).toMatch(/no statement to run/);
    }
    const { entries } = await client.history.list({ connectionId: ids[engine], search: 'only a comment', limit: 10 });
    expect(entries).toEqual([]);
  });

  it('explains that several statements must be run one at a time', async () => {
    const error = await failure(run(ids[engine], 'SELECT 1; SELECT 2'));
    expect(error.code).toBe('SQL_ERROR');
    if (engine !== 'mysql') expect(error.message).toMatch(/more than one statement/);
  });
});

describe('MySQL executable comments', () => {
  it('runs a /*! … */ statement (as in every dump) instead of calling it empty', async () => {
    const result = await run(ids.mysql, '/*!40101 SELECT 7 AS seven */');
    expect(result).toMatchObject({ kind: 'rows', rows: [[7]] });
  });
});

describe('PostgreSQL failed transaction', () => {
  it('tells to ROLLBACK when a statement follows a failed one (25P02)', async () => {
    await run(ids.postgres, 'BEGIN');
    expect((await failure(run(ids.postgres, 'SELECT no_such_column'))).code).toBe('SQL_ERROR');
    const error = await failure(run(ids.postgres, 'SELECT 1'));
    expect(error.code).toBe('SQL_ERROR');
    expect(error.message).toMatch(/ROLLBACK/);
    expect(error.details).toMatchObject({ transactionAborted: true, driverCode: '25P02' });
    await run(ids.postgres, 'ROLLBACK');
    expect(await run(ids.postgres, 'SELECT 1 AS one')).toMatchObject({ rows: [[1]] });
  });
});

/** query.cancel until the run is registered (the run call travels through the dispatcher first). */
async function cancelOnceRegistered(runId: string): Promise<void> {
  await waitFor(async () => (await client.query.cancel({ runId })).cancelled, `run ${runId} to start`);
}

const ENDLESS = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c';

describe('SQLite cancel inside a transaction', () => {
  it('says the open transaction was rolled back', async () => {
    await run(ids.sqlite, 'CREATE TABLE t (x INTEGER)');
    await run(ids.sqlite, 'BEGIN');
    await run(ids.sqlite, 'INSERT INTO t VALUES (1)');
    // A cancel that arrives before the worker starts the statement stops it on its way and leaves the transaction
    // alone; nothing outside the worker shows when it starts, so try again, a little later each time, until a
    // cancel lands while it runs — the case under test.
    let error: { code?: string; message?: string; details?: unknown } | null = null;
    for (let attempt = 0; attempt < 20 && !error; attempt++) {
      const endless = run(ids.sqlite, ENDLESS, `endless-${attempt}`);
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
      await cancelOnceRegistered(`endless-${attempt}`);
      const outcome = await failure(endless);
      expect(outcome.code).toBe('QUERY_CANCELLED');
      if (/rolled back/.test(outcome.message ?? '')) error = outcome;
    }
    expect(error?.message).toMatch(/rolled back/);
    expect(error?.details).toMatchObject({ transactionRolledBack: true });
    expect(await run(ids.sqlite, 'SELECT count(*) FROM t')).toMatchObject({ rows: [[0]] });
    // outside a transaction a cancel says nothing about one
    const again = run(ids.sqlite, ENDLESS, 'endless-plain');
    await cancelOnceRegistered('endless-plain');
    const plain = await failure(again);
    expect(plain.code).toBe('QUERY_CANCELLED');
    expect(plain.message).not.toMatch(/rolled back/);
  });
});

describe('connections.delete', () => {
  it('does not let a request that arrives while the session closes reopen the deleted connection', async () => {
    const doomed = await client.connections.create({
      name: 'doomed',
      params: { engine: 'sqlite', file: join(dataDir, 'd.db'), create: true },
    });
    await client.connections.connect({ id: doomed.id });
    const [deleted, reconnect] = await Promise.allSettled([
      client.connections.delete({ id: doomed.id }),
      client.connections.connect({ id: doomed.id }),
    ]);
    expect(deleted).toMatchObject({ status: 'fulfilled', value: { deleted: true } });
    expect(reconnect.status).toBe('rejected');
    expect((reconnect as PromiseRejectedResult).reason).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reconnects with the new parameters after an edit', async () => {
    const edited = await client.connections.create({
      name: 'edited',
      params: { engine: 'sqlite', file: join(dataDir, 'e1.db'), create: true },
    });
    await run(edited.id, 'CREATE TABLE only_in_e1 (x INTEGER)');
    await client.connections.update({
      id: edited.id,
      params: { engine: 'sqlite', file: join(dataDir, 'e2.db'), create: true },
    });
    const tree = await client.schema.getTree({ connectionId: edited.id });
    expect(tree.schemas[0]!.tables.map((t) => t.name)).toEqual([]);
  });
});
