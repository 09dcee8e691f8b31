import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client, type Transport } from '../../shared/client';
import type { SavedConnection, StatementResult } from '../../shared/domain';
import type { EventPayload } from '../../shared/events';
import { createMemoryTransport } from '../../shared/transport-memory';
import { waitForRunningStatement } from './connections/test-databases';
import { SAMPLE_TABLES, SAMPLE_VIEWS, samplePath } from './sample/sample-database';
import { SAMPLE_CONNECTION_NAME, createServices, resolveDataDir, type Services } from './services';

const PG_URL = process.env.BACKBENCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL_URL = process.env.BACKBENCH_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const SECRET = `pw-${randomBytes(8).toString('hex')}`;
const BIG = 200_000;

let dataDir: string;
let services: Services;
let client: Client;
const responses: string[] = [];
const exportEvents: EventPayload<'export.progressed'>[] = [];
let sampleId: string;
let pgId: string;
let mysqlAdminId: string;
let mysqlId: string;
const mysqlDb = `bb_svc_${randomBytes(4).toString('hex')}`;
let runCounter = 0;

function runId(): string {
  return `run-${++runCounter}`;
}

async function rows(
  connectionId: string,
  sql: string,
  pageSize = 1000,
): Promise<Extract<StatementResult, { kind: 'rows' }>> {
  const result = await client.query.run({ connectionId, sql, runId: runId(), pageSize });
  if (result.kind !== 'rows') throw new Error(`expected rows from ${sql}`);
  return result;
}

async function exec(connectionId: string, sql: string): Promise<StatementResult> {
  return client.query.run({ connectionId, sql, runId: runId(), pageSize: 100 });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bb-services-'));
  let memory: ReturnType<typeof createMemoryTransport> | null = null;
  services = await createServices({
    host: 'test',
    dataDir,
    emit: (topic, payload) => memory?.emit({ topic, payload }),
  });
  memory = createMemoryTransport(services.dispatch);
  const recording: Transport = {
    on: memory.on,
    call: async (request) => {
      const response = await memory!.call(request);
      responses.push(JSON.stringify(response));
      return response;
    },
  };
  client = createClient(recording);
  client.on('export.progressed', (e) => exportEvents.push(e));

  const list = await client.connections.list({});
  sampleId = list.find((c) => c.isSample)!.id;

  const pg = await client.connections.parseUrl({ url: PG_URL });
  pgId = (await client.connections.create({ name: 'PG', params: pg.params, password: pg.password ?? SECRET })).id;
  const my = await client.connections.parseUrl({ url: MYSQL_URL });
  mysqlAdminId = (await client.connections.create({ name: 'MariaDB admin', params: my.params, password: my.password }))
    .id;
  await exec(mysqlAdminId, `CREATE DATABASE ${mysqlDb}`);
  if (my.params.engine !== 'mysql') throw new Error('expected a mysql URL');
  mysqlId = (
    await client.connections.create({
      name: 'MariaDB',
      params: { ...my.params, database: mysqlDb },
      password: my.password,
    })
  ).id;
}, 120_000);

afterAll(async () => {
  if (mysqlAdminId) await exec(mysqlAdminId, `DROP DATABASE IF EXISTS ${mysqlDb}`).catch(() => undefined);
  await services?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('services over the in-memory transport', () => {
  it('starts with the sample connection and reports app facts', async () => {
    const info = await client.app.info({});
    expect(info).toMatchObject({
      host: 'test',
      dataDir,
      workspaceDir: join(dataDir, 'workspace'),
      sampleConnectionId: sampleId,
      nativeDialogs: false,
    });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    const sample = (await client.connections.list({}))[0]!;
    expect(sample).toMatchObject({
      name: SAMPLE_CONNECTION_NAME,
      isSample: true,
      params: { engine: 'sqlite', file: samplePath(dataDir) },
    });
    await expect(client.app.pickPath({ mode: 'open' })).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
    expect(resolveDataDir('/x/y')).toBe('/x/y');
    expect(resolveDataDir(undefined, { BACKBENCH_DATA_DIR: '/d' })).toBe('/d');
    expect(resolveDataDir(undefined, { XDG_DATA_HOME: '/xdg' }, 'linux')).toBe(join('/xdg', 'backbench'));
  });

  it('lists the sample schema: six tables, the view, foreign keys', async () => {
    const tree = await client.schema.getTree({ connectionId: sampleId });
    expect(tree.connectionId).toBe(sampleId);
    expect(tree.engine).toBe('sqlite');
    const tables = tree.schemas.flatMap((s) => s.tables);
    expect(
      tables
        .filter((t) => t.kind === 'table')
        .map((t) => t.name)
        .sort(),
    ).toEqual([...SAMPLE_TABLES].sort());
    expect(tables.filter((t) => t.kind === 'view').map((t) => t.name)).toEqual([...SAMPLE_VIEWS]);
    const items = tables.find((t) => t.name === 'order_items')!;
    expect(items.foreignKeys.map((f) => f.referencedTable).sort()).toEqual(['orders', 'products']);
    const categories = tables.find((t) => t.name === 'categories')!;
    expect(categories.foreignKeys[0]).toMatchObject({ columns: ['parent_id'], referencedTable: 'categories' });
    expect(await client.schema.countRows({ connectionId: sampleId, schema: null, table: 'orders' })).toEqual({
      count: 10_000,
    });
  });

  it('creates, updates, duplicates, tests and deletes connections; never returns a password', async () => {
    const file = join(dataDir, 'crud.sqlite');
    const created = await client.connections.create({
      name: 'Scratch',
      params: { engine: 'sqlite', file, create: true },
      password: SECRET,
    });
    expect(created).toMatchObject({ name: 'Scratch', hasPassword: true, isSample: false });
    await expect(
      client.connections.create({ name: 'scratch', params: { engine: 'sqlite', file } }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const renamed = await client.connections.update({ id: created.id, name: 'Scratch 1' });
    expect(renamed).toMatchObject({ name: 'Scratch 1', hasPassword: true });
    const copy = await client.connections.duplicate({ id: created.id });
    expect(copy).toMatchObject({ name: 'Scratch 1 (copy)', hasPassword: true });
    expect((await client.connections.update({ id: copy.id, password: null })).hasPassword).toBe(false);
    expect(await client.connections.connect({ id: created.id })).toMatchObject({
      state: 'connected',
      connectionId: created.id,
    });
    const test = await client.connections.test({ id: pgId });
    expect(test.serverVersion).toMatch(/\d+/);
    expect(test.latencyMs).toBeGreaterThanOrEqual(0);
    expect((await client.connections.test({ params: { engine: 'sqlite', file } })).serverVersion).toMatch(/^3\./);
    await expect(
      client.connections.test({ params: { engine: 'sqlite', file: join(dataDir, 'missing.db') } }),
    ).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
    expect(await client.connections.delete({ id: created.id })).toEqual({ deleted: true });
    expect(await client.connections.delete({ id: copy.id })).toEqual({ deleted: true });
    await expect(client.connections.connect({ id: created.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining(created.id),
    });
    const names = (await client.connections.list({})).map((c: SavedConnection) => c.name);
    expect(names).not.toContain('Scratch 1');
    // the password never crossed the boundary, in any response so far
    expect(responses.length).toBeGreaterThan(10);
    for (const r of responses) expect(r).not.toContain(SECRET);
  });

  it('runs a sequence of statements on one SQLite session', async () => {
    const file = join(dataDir, 'multi.sqlite');
    const id = (await client.connections.create({ name: 'Multi', params: { engine: 'sqlite', file, create: true } }))
      .id;
    expect(await exec(id, 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)')).toMatchObject({ kind: 'affected' });
    const insert = await exec(id, "INSERT INTO t (name) VALUES ('a'), ('b'), (NULL)");
    expect(insert).toMatchObject({ kind: 'affected', affectedRows: 3 });
    const select = await rows(id, 'SELECT id, name FROM t ORDER BY id');
    expect(select).toMatchObject({
      complete: true,
      rows: [
        [1, 'a'],
        [2, 'b'],
        [3, null],
      ],
    });
    expect(select.columns.map((c) => c.name)).toEqual(['id', 'name']);
    const bad = client.query.run({ connectionId: id, sql: 'SELECT nope FROM t', runId: runId(), pageSize: 10 });
    await expect(bad).rejects.toMatchObject({ code: 'SQL_ERROR' });
  });

  it('passes the SQL error position through unchanged', async () => {
    expect(await exec(pgId, 'SELECT * FROM missing_table_xyz').catch((e: unknown) => e)).toMatchObject({
      code: 'SQL_ERROR',
      details: { position: 14 },
    });
    expect(await exec(mysqlAdminId, 'SELECT * FRM nums').catch((e: unknown) => e)).toMatchObject({
      code: 'SQL_ERROR',
      details: { position: 9 },
    });
  });

  const engines = () => [
    {
      name: 'SQLite',
      id: sampleId,
      sql: `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${BIG}) SELECT n, 'row ' || n AS label FROM s`,
    },
    { name: 'PostgreSQL', id: pgId, sql: `SELECT n, 'row ' || n AS label FROM generate_series(1, ${BIG}) AS n` },
    { name: 'MariaDB', id: mysqlId, sql: "SELECT n, concat('row ', n) AS label FROM nums ORDER BY n" },
  ];

  it('fills a 200k-row MariaDB table', async () => {
    await exec(mysqlId, 'CREATE TABLE digits (d INT PRIMARY KEY)');
    await exec(mysqlId, 'INSERT INTO digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)');
    await exec(mysqlId, 'CREATE TABLE nums (n INT PRIMARY KEY)');
    const filled = await exec(
      mysqlId,
      `INSERT INTO nums (n) SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d AS n
       FROM digits a, digits b, digits c, digits e, digits f, digits g
       WHERE a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d < ${BIG}`,
    );
    expect(filled).toMatchObject({ kind: 'affected', affectedRows: BIG });
  });

  for (const engine of ['SQLite', 'PostgreSQL', 'MariaDB']) {
    it(`pages a ${BIG}-row result end to end on ${engine}`, async () => {
      const { id, sql } = engines().find((e) => e.name === engine)!;
      const pageSize = 5000;
      const first = await rows(id, sql, pageSize);
      expect(first.complete).toBe(false);
      expect(first.rows).toHaveLength(pageSize);
      expect(first.rows[0]).toEqual([1, 'row 1']);
      let count = first.rows.length;
      let last: unknown[] = first.rows[first.rows.length - 1]!;
      for (let offset = pageSize; ; offset += pageSize) {
        const page = await client.query.page({ handle: first.handle, offset, limit: pageSize });
        for (let i = 0; i < page.rows.length; i += 997) expect(Number(page.rows[i]![0])).toBe(offset + i + 1);
        count += page.rows.length;
        if (page.rows.length) last = page.rows[page.rows.length - 1]!;
        if (page.done) {
          expect(page.rowsRead).toBe(BIG);
          break;
        }
      }
      expect(count).toBe(BIG);
      expect(last).toEqual([BIG, `row ${BIG}`]);
      // backward jump (well before the cached window) re-reads from the start
      const back = await client.query.page({ handle: first.handle, offset: 10, limit: 3 });
      expect(back.rows).toEqual([
        [11, 'row 11'],
        [12, 'row 12'],
        [13, 'row 13'],
      ]);
      expect(back.done).toBe(false);
      // a far jump forward from there
      const jump = await client.query.page({ handle: first.handle, offset: BIG - 2, limit: 10 });
      expect(jump).toMatchObject({
        done: true,
        rows: [
          [BIG - 1, `row ${BIG - 1}`],
          [BIG, `row ${BIG}`],
        ],
      });
      expect(await client.query.close({ handle: first.handle })).toEqual({ closed: true });
      await expect(client.query.page({ handle: first.handle, offset: 0, limit: 1 })).rejects.toMatchObject({
        code: 'RESULT_EXPIRED',
      });
    }, 120_000);
  }

  const slow: Record<string, string> = {
    SQLite: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c',
    PostgreSQL: 'SELECT pg_sleep(60)',
    MariaDB: 'SELECT SLEEP(60)',
  };
  for (const engine of ['SQLite', 'PostgreSQL', 'MariaDB']) {
    it(`cancels a running query on ${engine} and keeps the session usable`, async () => {
      const { id } = engines().find((e) => e.name === engine)!;
      const run = runId();
      const pending = client.query.run({ connectionId: id, sql: slow[engine]!, runId: run, pageSize: 10 });
      const outcome = pending.then(
        () => 'finished',
        (error: { code?: string }) => error.code,
      );
      // cancel a statement the server is executing (SQLite's worker shows nothing from outside: there the cancel
      // may land before or during the statement, and both must end the same way)
      const saved = (await client.connections.list({})).find((c) => c.id === id)!;
      if (saved.params.engine !== 'sqlite') {
        await waitForRunningStatement(saved.params.engine, saved.params.database, slow[engine]!);
      }
      expect(await client.query.cancel({ runId: run })).toEqual({ cancelled: true });
      expect(await outcome).toBe('QUERY_CANCELLED');
      expect(await client.query.cancel({ runId: run })).toEqual({ cancelled: false });
      expect((await rows(id, 'SELECT 1 AS one')).rows).toEqual([[1]]);
    }, 60_000);
  }

  it('exports CSV and JSON, streamed to files, and the files parse back', async () => {
    const sql = `SELECT id, first_name, email, phone, 'a,"b"' AS tricky FROM customers ORDER BY id`;
    const csv = await client.query.export({ exportId: randomUUID(), connectionId: sampleId, sql, format: 'csv' });
    expect(csv.path!.startsWith(join(dataDir, 'exports'))).toBe(true);
    const json = await client.query.export({ exportId: randomUUID(), connectionId: sampleId, sql, format: 'json' });
    const jsonPath = json.path!;
    await waitFor(() => [csv, json].every((e) => exportEvents.some((ev) => ev.exportId === e.exportId && ev.done)));
    for (const e of [csv, json]) {
      const done = exportEvents.find((ev) => ev.exportId === e.exportId && ev.done)!;
      expect(done).toMatchObject({ rowsWritten: 2000, path: e.path });
      expect(done.error).toBeUndefined();
    }
    expect(exportEvents.some((ev) => ev.exportId === csv.exportId && !ev.done && ev.rowsWritten === 0)).toBe(false);

    const lines = parseCsv(readFileSync(csv.path!, 'utf8'));
    expect(lines[0]).toEqual(['id', 'first_name', 'email', 'phone', 'tricky']);
    expect(lines).toHaveLength(2001);
    expect(lines[1]![0]).toBe('1');
    expect(lines[1]![4]).toBe('a,"b"');
    const parsed = JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, unknown>[];
    expect(parsed).toHaveLength(2000);
    expect(Object.keys(parsed[0]!)).toEqual(['id', 'first_name', 'email', 'phone', 'tricky']);
    expect(parsed[0]).toMatchObject({ id: 1, tricky: 'a,"b"' });
    expect(parsed[1999]!.id).toBe(2000);
    expect(String(parsed[0]!.email)).toBe(lines[1]![2]);
    // NULL phones: empty in CSV, null in JSON
    const nullIndex = parsed.findIndex((p) => p.phone === null);
    expect(nullIndex).toBeGreaterThanOrEqual(0);
    expect(lines[nullIndex + 1]![3]).toBe('');
  });

  it('cancels an export and removes its partial file', async () => {
    const sql = `SELECT * FROM generate_series(1, 5000000) AS n`;
    const started = await client.query.export({ exportId: randomUUID(), connectionId: pgId, sql, format: 'csv' });
    await waitFor(() => exportEvents.some((ev) => ev.exportId === started.exportId));
    expect(await client.query.cancelExport({ exportId: started.exportId })).toEqual({ cancelled: true });
    await waitFor(() => exportEvents.some((ev) => ev.exportId === started.exportId && ev.done));
    expect(exportEvents.find((ev) => ev.exportId === started.exportId && ev.done)).toMatchObject({ cancelled: true });
    expect(existsSync(started.path!)).toBe(false);
    await expect(
      client.query.export({ exportId: randomUUID(), connectionId: sampleId, sql: 'DELETE FROM orders', format: 'csv' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('records ok, error and cancelled runs in a searchable history', async () => {
    const marker = `marker_${randomBytes(3).toString('hex')}`;
    await rows(sampleId, `SELECT 1 AS ${marker}`);
    await expect(exec(sampleId, `SELECT * FROM ${marker}_missing`)).rejects.toMatchObject({ code: 'SQL_ERROR' });
    const found = await client.history.list({ connectionId: sampleId, search: marker, limit: 10 });
    expect(found.total).toBe(2);
    expect(found.entries[0]).toMatchObject({ status: 'error', sql: `SELECT * FROM ${marker}_missing`, rowCount: null });
    expect(found.entries[0]!.errorMessage).toMatch(/missing/);
    expect(found.entries[1]).toMatchObject({ status: 'ok', rowCount: 1 });
    const all = await client.history.list({ limit: 1000 });
    expect(all.entries.some((e) => e.status === 'cancelled')).toBe(true);
    expect(all.entries.some((e) => e.connectionId === pgId)).toBe(true);
    const pgCount = (await client.history.list({ connectionId: pgId, limit: 1 })).total;
    expect(await client.history.clear({ connectionId: pgId })).toEqual({ removed: pgCount });
    expect((await client.history.list({ connectionId: pgId, limit: 1 })).total).toBe(0);
  });

  it('keeps tabs and saved queries in the workspace', async () => {
    const tabs = [
      { kind: 'sql' as const, id: 't1', title: 'Query 1', connectionId: sampleId, sql: 'SELECT 1', savedPath: null },
    ];
    expect(await client.workspace.saveTabs({ tabs, activeTabId: 't1' })).toEqual({ saved: true });
    expect(await client.workspace.loadTabs({})).toEqual({ tabs, activeTabId: 't1' });
    const saved = await client.workspace.saveQuery({ path: 'reports/top.sql', sql: 'SELECT 2' });
    expect(saved).toMatchObject({ path: 'reports/top.sql', name: 'top' });
    expect(existsSync(join(dataDir, 'workspace', 'queries', 'reports', 'top.sql'))).toBe(true);
    expect((await client.workspace.listQueries({})).map((q) => q.path)).toEqual(['reports/top.sql']);
    expect(await client.workspace.readQuery({ path: 'reports/top.sql' })).toEqual({
      path: 'reports/top.sql',
      sql: 'SELECT 2',
    });
    await expect(client.workspace.saveQuery({ path: '../escape.sql', sql: 'x' })).rejects.toMatchObject({
      code: 'PATH_OUTSIDE_ROOT',
    });
    expect(await client.workspace.deleteQuery({ path: 'reports/top.sql' })).toEqual({ deleted: true });
  });
});

describe('first start', () => {
  it('creates the sample once, respects its deletion and rebuilds a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-first-'));
    try {
      let s = await createServices({ host: 'test', dataDir: dir });
      const sample = (await s.handlers.connections.list({})).find((c) => c.isSample)!;
      await s.dispose();

      rmSync(samplePath(dir));
      s = await createServices({ host: 'test', dataDir: dir });
      expect(existsSync(samplePath(dir))).toBe(true);
      expect((await s.handlers.connections.list({})).map((c) => c.id)).toEqual([sample.id]);
      await s.handlers.connections.delete({ id: sample.id });
      await s.dispose();

      s = await createServices({ host: 'test', dataDir: dir });
      expect(await s.handlers.connections.list({})).toEqual([]);
      expect((await s.handlers.app.info({})).sampleConnectionId).toBeNull();
      await s.dispose();

      const none = mkdtempSync(join(tmpdir(), 'bb-nosample-'));
      s = await createServices({ host: 'test', dataDir: none, createSample: false });
      expect(await s.handlers.connections.list({})).toEqual([]);
      expect(existsSync(samplePath(none))).toBe(false);
      await s.dispose();
      rmSync(none, { recursive: true, force: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** RFC 4180 parsing, enough to read back what csv-stringify wrote. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field || row.length) out.push([...row, field]);
  return out;
}
