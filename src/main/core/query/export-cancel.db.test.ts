import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../shared/client';
import type { ConnectionParams } from '../../../shared/domain';
import type { EventPayload } from '../../../shared/events';
import { createMemoryTransport } from '../../../shared/transport-memory';
import {
  createMysqlDatabase,
  createPgDatabase,
  type TempDatabase,
  waitForRunningStatement,
} from '../connections/test-databases';
import { createServices, type Services } from '../services';

/**
 * Cancelling (or shutting down during) exports, runs and page reads of big results on every engine: the
 * connection must stay usable afterwards and shutting down must finish. Regression: cancelling an export on
 * PostgreSQL whose rows had already arrived left its portal open and every later statement waiting forever.
 */

const ROWS = 3_000_000;
const ENGINES = {
  postgres: {
    big: `SELECT g AS n FROM generate_series(1, ${ROWS}) g`,
    slow: 'SELECT pg_sleep(60) AS slept',
  },
  mysql: {
    big: `SELECT seq AS n FROM seq_1_to_${ROWS}`,
    slow: 'SELECT SLEEP(60) AS slept',
  },
  sqlite: {
    big: `WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ${ROWS}) SELECT n FROM c`,
    slow: 'WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT count(*) AS slept FROM c',
  },
} as const;
type Engine = keyof typeof ENGINES;

let dir: string;
let pgDb: TempDatabase<Extract<ConnectionParams, { engine: 'postgres' }>>;
let myDb: TempDatabase<Extract<ConnectionParams, { engine: 'mysql' }>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-export-cancel-'));
  [pgDb, myDb] = await Promise.all([createPgDatabase(), createMysqlDatabase()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([pgDb?.drop(), myDb?.drop()]);
  rmSync(dir, { recursive: true, force: true });
});

interface Harness {
  services: Services;
  client: Client;
  connectionId: string;
  progress: EventPayload<'export.progressed'>[];
}

let open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.map((h) => h.services.dispose()));
  open = [];
});

async function harness(engine: Engine): Promise<Harness> {
  const progress: EventPayload<'export.progressed'>[] = [];
  const services = await createServices({
    host: 'test',
    dataDir: mkdtempSync(join(dir, 'data-')),
    createSample: false,
    emit: (topic, payload) => {
      if (topic === 'export.progressed') progress.push(payload as EventPayload<'export.progressed'>);
    },
  });
  const client = createClient(createMemoryTransport(services.dispatch));
  const params: ConnectionParams =
    engine === 'postgres'
      ? pgDb.params
      : engine === 'mysql'
        ? myDb.params
        : { engine: 'sqlite', file: join(dir, 'cancel.db'), create: true };
  const password = engine === 'postgres' ? pgDb.password : engine === 'mysql' ? myDb.password : null;
  const { id } = await client.connections.create({ name: engine, params, ...(password ? { password } : {}) });
  const h = { services, client, connectionId: id, progress };
  open.push(h);
  return h;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the export has written rows (it is streaming), or has finished. */
async function whenStreaming(h: Harness, exportId: string): Promise<void> {
  while (!h.progress.some((p) => p.exportId === exportId && (p.rowsWritten > 0 || p.done))) await sleep(5);
}

async function whenDone(h: Harness, exportId: string): Promise<EventPayload<'export.progressed'>> {
  for (;;) {
    const done = h.progress.find((p) => p.exportId === exportId && p.done);
    if (done) return done;
    await sleep(5);
  }
}

/**
 * Waits until the server shows the statement running. SQLite has no such view from outside its worker; there the
 * cancel may land before or while the statement runs, and both must leave the parked result usable.
 */
async function whenRunning(engine: Engine, like: string): Promise<void> {
  if (engine === 'sqlite') return;
  await waitForRunningStatement(engine, engine === 'postgres' ? pgDb.params.database : myDb.params.database, like);
}

/** query.cancel until it finds the run (or the page read of its result) in progress. */
async function cancelWhenBusy(h: Harness, runId: string): Promise<void> {
  while (!(await h.client.query.cancel({ runId })).cancelled) await sleep(5);
}

async function selectOne(h: Harness): Promise<unknown> {
  const result = await h.client.query.run({
    connectionId: h.connectionId,
    sql: 'SELECT 1 AS one',
    runId: crypto.randomUUID(),
    pageSize: 10,
  });
  return result.kind === 'rows' ? result.rows : result;
}

async function openBig(h: Harness, engine: Engine, runId = crypto.randomUUID()): Promise<string> {
  const result = await h.client.query.run({
    connectionId: h.connectionId,
    sql: ENGINES[engine].big,
    runId,
    pageSize: 500,
  });
  if (result.kind !== 'rows' || result.complete) throw new Error('expected an open result');
  expect(result.rows.at(-1)).toEqual([500]);
  return result.handle;
}

describe.each(Object.keys(ENGINES) as Engine[])('%s', (engine) => {
  it('cancelling an export while another result is open leaves the connection usable and the result pageable', async () => {
    const h = await harness(engine);
    const handle = await openBig(h, engine);
    const { exportId, path } = await h.client.query.export({
      exportId: crypto.randomUUID(),
      connectionId: h.connectionId,
      sql: ENGINES[engine].big,
      format: 'csv',
    });
    await whenStreaming(h, exportId);
    expect(await h.client.query.cancelExport({ exportId })).toEqual({ cancelled: true });
    expect(await whenDone(h, exportId)).toMatchObject({ done: true, cancelled: true });
    expect(existsSync(path!)).toBe(false);
    expect(await selectOne(h)).toEqual([[1]]);
    const page = await h.client.query.page({ handle, offset: 500, limit: 3 });
    expect(page.rows).toEqual([[501], [502], [503]]);
  }, 60_000);

  it('cancelling an export with no other result open leaves the connection usable', async () => {
    const h = await harness(engine);
    // cancelled at several points of the stream: the race with the server differs each time
    for (let round = 0; round < 3; round++) {
      const { exportId } = await h.client.query.export({
        exportId: crypto.randomUUID(),
        connectionId: h.connectionId,
        sql: ENGINES[engine].big,
        format: 'json',
      });
      await whenStreaming(h, exportId);
      await sleep(round * 50);
      await h.client.query.cancelExport({ exportId });
      expect(await whenDone(h, exportId)).toMatchObject({ done: true, cancelled: true });
      expect(await selectOne(h)).toEqual([[1]]);
    }
  }, 90_000);

  it('cancelling a run while a parked result exists leaves both usable', async () => {
    const h = await harness(engine);
    const handle = await openBig(h, engine);
    const runId = crypto.randomUUID();
    const slow = h.client.query.run({ connectionId: h.connectionId, sql: ENGINES[engine].slow, runId, pageSize: 10 });
    slow.catch(() => undefined);
    await whenRunning(engine, '%slept%');
    await cancelWhenBusy(h, runId);
    await expect(slow).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
    expect(await selectOne(h)).toEqual([[1]]);
    const page = await h.client.query.page({ handle, offset: 500, limit: 2 });
    expect(page.rows).toEqual([[501], [502]]);
  }, 60_000);

  it('cancelling a page read deep into a big result, then running another statement', async () => {
    const h = await harness(engine);
    const runId = crypto.randomUUID();
    const handle = await openBig(h, engine, runId);
    const deep = h.client.query.page({ handle, offset: 2_500_000, limit: 100 });
    deep.catch(() => undefined);
    await cancelWhenBusy(h, runId);
    await expect(deep).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
    expect(await selectOne(h)).toEqual([[1]]);
    // the result re-runs for rows it no longer holds
    const page = await h.client.query.page({ handle, offset: 1000, limit: 2 });
    expect(page.rows).toEqual([[1001], [1002]]);
  }, 60_000);

  it('shutting down while an export runs finishes, and the export reports it was cancelled', async () => {
    const h = await harness(engine);
    await openBig(h, engine);
    const { exportId, path } = await h.client.query.export({
      exportId: crypto.randomUUID(),
      connectionId: h.connectionId,
      sql: ENGINES[engine].big,
      format: 'csv',
    });
    await whenStreaming(h, exportId);
    await h.services.dispose();
    expect(await whenDone(h, exportId)).toMatchObject({ done: true, cancelled: true });
    expect(existsSync(path!)).toBe(false);
  }, 60_000);
});
