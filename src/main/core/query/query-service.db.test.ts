import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppDatabase, type AppDatabase } from '../app-db/app-database';
import { ConnectionManager } from '../connections/connection-manager';
import { ConnectionStore } from '../connections/connection-store';
import { openSession } from '../connections/open-session';
import { HistoryStore } from '../history/history-store';
import { FileKeySecretStore } from '../secrets/file-key-secret-store';
import { QueryService } from './query-service';

const PG_URL = process.env.BACKBENCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let dir: string;
let app: AppDatabase;
let store: ConnectionStore;
let manager: ConnectionManager;
let history: HistoryStore;
let service: QueryService;
let appended: string[];
let id: string;
let n = 0;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-query-'));
  app = await openAppDatabase({ dataDir: dir });
  store = new ConnectionStore(app.db, FileKeySecretStore.inDataDir(dir));
  manager = new ConnectionManager({ store, openSession });
  history = new HistoryStore(app.db);
  appended = [];
  service = new QueryService({
    manager,
    history,
    handleIdleMs: 1000,
    chunkRows: 100,
    maxChunks: 4,
    emit: (topic, payload) => {
      if (topic === 'history.appended') appended.push((payload as { connectionId: string }).connectionId);
    },
  });
  id = store.create({ name: 'db', params: { engine: 'sqlite', file: join(dir, 'db.sqlite'), create: true } }).id;
});
afterEach(async () => {
  await service.dispose();
  await manager.dispose();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const series = (count: number) =>
  `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${count}) SELECT n FROM s`;
const run = (sql: string, pageSize = 50, connectionId = id) =>
  service.run({ connectionId, sql, runId: `r${++n}`, pageSize });

describe('QueryService', () => {
  it('returns affected counts and complete small results, closing their handle', async () => {
    expect(await run('CREATE TABLE t (x)')).toMatchObject({ kind: 'affected' });
    expect(await run('INSERT INTO t VALUES (1), (2)')).toMatchObject({ kind: 'affected', affectedRows: 2 });
    const result = await run('SELECT x FROM t ORDER BY x');
    expect(result).toMatchObject({ kind: 'rows', rows: [[1], [2]], complete: true, columns: [{ name: 'x' }] });
    expect(service.openHandles).toBe(0);
    const entries = history.list({ connectionId: id, limit: 10 }).entries;
    // CREATE TABLE counts no rows: its count is null, not 0
    expect(entries.map((e) => [e.status, e.rowCount])).toEqual([
      ['ok', 2],
      ['ok', 2],
      ['ok', null],
    ]);
    expect(appended).toEqual([id, id, id]);
  });

  it('keeps an incomplete result pageable and records no row count for it', async () => {
    const result = await run(series(1000), 50);
    if (result.kind !== 'rows') throw new Error('rows expected');
    expect(result.complete).toBe(false);
    expect(result.rows).toHaveLength(50);
    expect(service.openHandles).toBe(1);
    const page = await service.page({ handle: result.handle, offset: 990, limit: 50 });
    expect(page).toMatchObject({ offset: 990, done: true, rowsRead: 1000 });
    expect(page.rows.map((r) => r[0])).toEqual(Array.from({ length: 10 }, (_, i) => 991 + i));
    expect(history.list({ connectionId: id, limit: 1 }).entries[0]).toMatchObject({ status: 'ok', rowCount: null });
  });

  it('binds params to a compiled statement, also when it runs again for an earlier page or a whole cell', async () => {
    await run('CREATE TABLE p (n INTEGER, t TEXT)');
    await run(
      `INSERT INTO p SELECT n, CASE WHEN n = 3 THEN printf('%.*c', 300000, 'x') ELSE 'short' END FROM (${series(1000)})`,
    );
    const sql = 'SELECT n, t FROM p WHERE n >= ? AND t <> ? ORDER BY n';
    const result = await service.run({ connectionId: id, sql, params: [3, 'none'], runId: `r${++n}`, pageSize: 10 });
    if (result.kind !== 'rows') throw new Error('rows expected');
    expect(result.rows[0]![0]).toBe(3);
    // past the cached chunks and back: the statement is run again from the start, with the same params
    const far = await service.page({ handle: result.handle, offset: 990, limit: 10 });
    expect(far.rows.map((r) => r[0])).toEqual([993, 994, 995, 996, 997, 998, 999, 1000]);
    const again = await service.page({ handle: result.handle, offset: 0, limit: 2 });
    expect(again.rows.map((r) => r[0])).toEqual([3, 4]);
    const cell = await service.cell({ handle: result.handle, row: 0, column: 1, offset: 299_990, length: 100 });
    expect(cell).toMatchObject({ value: 'xxxxxxxxxx', size: 300_000 });
  });

  it('expires handles on disconnect and when idle', async () => {
    const a = await run(series(500));
    const b = await run(series(500));
    if (a.kind !== 'rows' || b.kind !== 'rows') throw new Error('rows expected');
    expect(await service.sweep(Date.now() - 60_000)).toBe(0);
    expect(await service.sweep(Date.now() + 5_000)).toBe(2);
    await expect(service.page({ handle: a.handle, offset: 0, limit: 5 })).rejects.toMatchObject({
      code: 'RESULT_EXPIRED',
    });

    const c = await run(series(500));
    if (c.kind !== 'rows') throw new Error('rows expected');
    await manager.disconnect(id);
    expect(service.openHandles).toBe(0);
    await expect(service.page({ handle: c.handle, offset: 100, limit: 5 })).rejects.toMatchObject({
      code: 'RESULT_EXPIRED',
      message: expect.stringMatching(/Run the query again/),
    });
  });

  it('records errors with the message and passes the error position through', async () => {
    await expect(run('SELEC 1')).rejects.toMatchObject({ code: 'SQL_ERROR' });
    const entry = history.list({ connectionId: id, limit: 1 }).entries[0]!;
    expect(entry).toMatchObject({ status: 'error', rowCount: null, errorMessage: expect.stringMatching(/syntax/i) });

    const pg = await import('../connections/parse-url').then((m) => m.parseConnectionUrl(PG_URL));
    const pgId = store.create({ name: 'pg', params: pg.params, password: pg.password }).id;
    const error = await run('SELECT * FROM table_that_is_missing_xyz', 10, pgId).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SQL_ERROR', details: { position: 14 } });
  });

  it('rejects a second run under a run id that is still running', async () => {
    const slow = service.run({
      connectionId: id,
      sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c',
      runId: 'same',
      pageSize: 1,
    });
    const settled = slow.catch((e: unknown) => e);
    await expect(service.run({ connectionId: id, sql: 'SELECT 1', runId: 'same', pageSize: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(service.cancel({ runId: 'same' })).toEqual({ cancelled: true });
    expect(await settled).toMatchObject({ code: 'QUERY_CANCELLED' });
    expect(history.list({ connectionId: id, limit: 1 }).entries[0]).toMatchObject({ status: 'cancelled' });
    expect(service.cancel({ runId: 'unknown' })).toEqual({ cancelled: false });
  });
});
