import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../shared/client';
import type { BlobCell, TextCell } from '../../../shared/domain';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { openAppDatabase, type AppDatabase } from '../app-db/app-database';
import { ConnectionManager } from '../connections/connection-manager';
import { ConnectionStore } from '../connections/connection-store';
import { openSession } from '../connections/open-session';
import { HistoryStore } from '../history/history-store';
import { FileKeySecretStore } from '../secrets/file-key-secret-store';
import { createServices, type Services } from '../services';
import { QueryService } from './query-service';
import { BLOB_PREVIEW_BYTES, TEXT_PREVIEW_CHARS } from './value-encoding';

/** Long texts and BLOBs travel as previews in pages; query.cell reads them whole (SQLite, a real file). */

/** A text of `n` characters whose every position can be checked: "0123456789" repeated. */
const digits = (n: number) => `substr(replace(printf('%.*c', ${Math.ceil(n / 10)}, 'x'), 'x', '0123456789'), 1, ${n})`;
const digitText = (from: number, length: number) => Array.from({ length }, (_, i) => String((from + i) % 10)).join('');

describe('long values through query.run, query.page and query.cell', () => {
  let dir: string;
  let services: Services;
  let client: Client;
  let connectionId: string;
  let otherId: string;
  let n = 0;
  const run = (sql: string, pageSize = 100, id = () => connectionId) =>
    client.query.run({ connectionId: id(), sql, runId: `large-${++n}`, pageSize });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-large-'));
    services = await createServices({ host: 'test', dataDir: dir, createSample: false });
    client = createClient(createMemoryTransport(services.dispatch));
    const create = async (name: string) =>
      (
        await client.connections.create({
          name,
          params: { engine: 'sqlite', file: join(dir, `${name}.db`), create: true },
        })
      ).id;
    connectionId = await create('big');
    otherId = await create('other');
    await run('CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT, data BLOB)');
    await run(
      `INSERT INTO docs VALUES (1, ${digits(100_000)}, randomblob(10000)), (2, 'short', x'00'), (3, ${digits(TEXT_PREVIEW_CHARS)}, NULL)`,
    );
  });
  afterAll(async () => {
    await services.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('cuts a text past the preview into a TextCell with its exact size, and leaves shorter ones whole', async () => {
    const result = await run('SELECT id, body, data FROM docs ORDER BY id');
    if (result.kind !== 'rows') throw new Error('rows expected');
    const [first, second, third] = result.rows;
    expect(first![1]).toEqual({ $text: digitText(0, TEXT_PREVIEW_CHARS), size: 100_000, truncated: true });
    expect(first![2]).toMatchObject({ size: 10_000, truncated: true });
    expect(Buffer.from((first![2] as BlobCell).$blob, 'base64')).toHaveLength(BLOB_PREVIEW_BYTES);
    expect(second).toEqual([2, 'short', { $blob: 'AA==', size: 1, truncated: false }]);
    // exactly the preview length still travels whole
    expect(third![1]).toBe(digitText(0, TEXT_PREVIEW_CHARS));
    expect(result.complete).toBe(true);
  });

  it('reads a cut cell whole, or a window of it, on the handle of a complete result', async () => {
    const result = await run('SELECT id, body, data FROM docs ORDER BY id');
    if (result.kind !== 'rows') throw new Error('rows expected');
    const whole = await client.query.cell({ handle: result.handle, row: 0, column: 1 });
    expect(whole).toEqual({ value: digitText(0, 100_000), size: 100_000, offset: 0, whole: true });
    const window = await client.query.cell({ handle: result.handle, row: 0, column: 1, offset: 99_990, length: 50 });
    expect(window).toEqual({ value: digitText(99_990, 10), size: 100_000, offset: 99_990, whole: false });
    const blob = await client.query.cell({ handle: result.handle, row: 0, column: 2, offset: 9_000, length: 5_000 });
    expect(blob).toMatchObject({ size: 10_000, offset: 9_000, whole: false });
    expect(Buffer.from(((blob.value as BlobCell) ?? { $blob: '' }).$blob, 'base64')).toHaveLength(1_000);
    // a small value comes from the cache as it is
    expect(await client.query.cell({ handle: result.handle, row: 1, column: 1 })).toEqual({
      value: 'short',
      size: 5,
      offset: 0,
      whole: true,
    });
  });

  it('closes the handle of a complete result without cut cells', async () => {
    const result = await run("SELECT 'small' AS v");
    if (result.kind !== 'rows') throw new Error('rows expected');
    await expect(client.query.cell({ handle: result.handle, row: 0, column: 0 })).rejects.toMatchObject({
      code: 'RESULT_EXPIRED',
    });
  });

  it('does not re-run a statement that writes to read a cut cell', async () => {
    const result = await run(`INSERT INTO docs (id, body) VALUES (10, ${digits(70_000)}) RETURNING body`);
    if (result.kind !== 'rows') throw new Error('rows expected');
    expect(result.rows[0]![0]).toMatchObject({ size: 70_000, truncated: true });
    await expect(client.query.cell({ handle: result.handle, row: 0, column: 0 })).rejects.toMatchObject({
      code: 'RESULT_EXPIRED',
    });
    await run('DELETE FROM docs WHERE id = 10');
  });

  it('answers other calls while a 400 MB value is read, and gives that value as a preview and windows', async () => {
    const size = 400_000_000;
    await run('SELECT 1', 1, () => otherId);
    const done: string[] = [];
    const huge = run(`SELECT ${digits(size)} AS v`).then((r) => {
      done.push('huge');
      return r;
    });
    const small = run('SELECT 42 AS answer', 1, () => otherId).then((r) => {
      done.push('small');
      return r;
    });
    const [bigResult, smallResult] = await Promise.all([huge, small]);
    expect(done).toEqual(['small', 'huge']);
    expect(smallResult.kind === 'rows' && smallResult.rows).toEqual([[42]]);
    if (bigResult.kind !== 'rows') throw new Error('rows expected');
    const cell = bigResult.rows[0]![0] as TextCell;
    expect(cell.size).toBe(size);
    expect(cell.$text).toBe(digitText(0, TEXT_PREVIEW_CHARS));
    const end = await client.query.cell({ handle: bigResult.handle, row: 0, column: 0, offset: size - 7, length: 100 });
    expect(end).toEqual({ value: digitText(size - 7, 7), size, offset: size - 7, whole: false });
  }, 120_000);
});

describe('the page size budget', () => {
  let dir: string;
  let app: AppDatabase;
  let manager: ConnectionManager;
  let service: QueryService;
  let id: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-budget-'));
    app = await openAppDatabase({ dataDir: dir });
    const store = new ConnectionStore(app.db, FileKeySecretStore.inDataDir(dir));
    manager = new ConnectionManager({ store, openSession });
    service = new QueryService({ manager, history: new HistoryStore(app.db), maxPageBytes: 1_000_000 });
    id = store.create({ name: 'db', params: { engine: 'sqlite', file: join(dir, 'b.db'), create: true } }).id;
  });
  afterAll(async () => {
    await service.dispose();
    await manager.dispose();
    app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops a page at its size budget, says so, and the next page goes on from there', async () => {
    // 40 rows of 100,000 characters: each carries a 64 KiB preview, so 15 fit in 1 MB
    const sql = `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 40)
                 SELECT n, ${digits(100_000)} AS body FROM s`;
    const first = await service.run({ connectionId: id, sql, runId: 'budget', pageSize: 100 });
    if (first.kind !== 'rows') throw new Error('rows expected');
    expect(first).toMatchObject({ complete: false, sizeLimited: true });
    expect(first.rows.length).toBe(Math.floor(1_000_000 / (TEXT_PREVIEW_CHARS + 48 + 8)));
    const seen = first.rows.map((r) => r[0]);
    for (let done = false; !done;) {
      const page = await service.page({ handle: first.handle, offset: seen.length, limit: 100 });
      expect(page.rows.length).toBeGreaterThan(0);
      seen.push(...page.rows.map((r) => r[0]));
      done = page.done;
    }
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('always returns at least one row, even one over the budget', async () => {
    const sql = `SELECT ${digits(70_000)} AS a, ${digits(70_000)} AS b, ${digits(70_000)} AS c`;
    const tight = new QueryService({ manager, history: new HistoryStore(app.db), maxPageBytes: 100 });
    try {
      const result = await tight.run({ connectionId: id, sql, runId: 'tight', pageSize: 10 });
      expect(result.kind === 'rows' && result.rows.length).toBe(1);
    } finally {
      await tight.dispose();
    }
  });
});
