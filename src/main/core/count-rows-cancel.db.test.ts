import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/client';
import { createMemoryTransport } from '../../shared/transport-memory';
import { createPgDatabase, type TempDatabase, waitFor, waitForRunningStatement } from './connections/test-databases';
import { createServices, type Services } from './services';

let dataDir: string;
let services: Services;
let client: Client;
let pgDb: TempDatabase<Awaited<ReturnType<typeof createPgDatabase>>['params']>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bb-count-'));
  services = await createServices({ host: 'test', dataDir, createSample: false });
  client = createClient(createMemoryTransport(services.dispatch));
  pgDb = await createPgDatabase();
}, 60_000);
afterAll(async () => {
  await services?.dispose();
  await pgDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Asks query.cancel until the run is registered (the count call travels through the dispatcher first). */
async function cancelWhenRunning(runId: string): Promise<void> {
  await waitFor(async () => (await client.query.cancel({ runId })).cancelled, `run ${runId} to start`);
}

describe('schema.countRows with a runId', () => {
  it('is cancelled by query.cancel on SQLite (a view that never ends), and the connection works afterwards', async () => {
    const id = (
      await client.connections.create({
        name: 'lite',
        params: { engine: 'sqlite', file: join(dataDir, 'c.db'), create: true },
      })
    ).id;
    const run = (sql: string) =>
      client.query.run({ connectionId: id, sql, runId: `r-${sql.length}-${Math.random()}`, pageSize: 10 });
    await run('CREATE TABLE t (a)');
    await run('INSERT INTO t VALUES (1), (2), (3)');
    await run('CREATE VIEW endless AS WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s) SELECT n FROM s');

    const counting = client.schema.countRows({ connectionId: id, schema: null, table: 'endless', runId: 'count-lite' });
    await cancelWhenRunning('count-lite');
    await expect(counting).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
    expect(await client.query.cancel({ runId: 'count-lite' })).toEqual({ cancelled: false });
    expect(await client.schema.countRows({ connectionId: id, schema: null, table: 't', runId: 'count-lite' })).toEqual({
      count: 3,
    });
    // the runId stays optional
    expect(await client.schema.countRows({ connectionId: id, schema: null, table: 't' })).toEqual({ count: 3 });
  });

  it('is cancelled by query.cancel on PostgreSQL (server-side cancel), and the connection works afterwards', async () => {
    const id = (await client.connections.create({ name: 'pg', params: pgDb.params, password: pgDb.password })).id;
    await client.query.run({
      connectionId: id,
      sql: 'CREATE VIEW slow AS SELECT 1 AS one FROM pg_sleep(60)',
      runId: 'pg-ddl',
      pageSize: 10,
    });
    // cancelled before it is sent: it never reaches the server
    const early = client.schema.countRows({
      connectionId: id,
      schema: 'public',
      table: 'slow',
      runId: 'count-pg-early',
    });
    await cancelWhenRunning('count-pg-early');
    await expect(early).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });

    // cancelled while the server runs it: pg_cancel_backend
    await client.connections.connect({ id });
    const counting = client.schema.countRows({ connectionId: id, schema: 'public', table: 'slow', runId: 'count-pg' });
    await waitForRunningStatement('postgres', pgDb.params.database, '%count(*)%"slow"%');
    await cancelWhenRunning('count-pg');
    await expect(counting).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
    const after = await client.query.run({
      connectionId: id,
      sql: 'SELECT 42 AS answer',
      runId: 'pg-after',
      pageSize: 10,
    });
    expect(after).toMatchObject({ kind: 'rows', rows: [[42]] });
  });

  it('refuses a runId that is already running', async () => {
    const id = (
      await client.connections.create({
        name: 'lite 2',
        params: { engine: 'sqlite', file: join(dataDir, 'd.db'), create: true },
      })
    ).id;
    await client.query.run({
      connectionId: id,
      sql: 'CREATE VIEW endless AS WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s) SELECT n FROM s',
      runId: 'ddl-2',
      pageSize: 10,
    });
    const counting = client.schema.countRows({ connectionId: id, schema: null, table: 'endless', runId: 'busy' });
    const guarded = counting.catch((error: unknown) => error);
    // the in-memory transport reaches the handler synchronously, so the first count is registered by now
    const conflict = await client.schema
      .countRows({ connectionId: id, schema: null, table: 'endless', runId: 'busy' })
      .catch((error: unknown) => error);
    expect(conflict).toMatchObject({ code: 'CONFLICT' });
    expect(await client.query.cancel({ runId: 'busy' })).toEqual({ cancelled: true });
    expect(await guarded).toMatchObject({ code: 'QUERY_CANCELLED' });
  });
});
