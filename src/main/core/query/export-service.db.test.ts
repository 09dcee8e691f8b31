import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/events';
import { openAppDatabase, type AppDatabase } from '../app-db/app-database';
import { ConnectionManager } from '../connections/connection-manager';
import { ConnectionStore } from '../connections/connection-store';
import { openSession } from '../connections/open-session';
import { parseConnectionUrl } from '../connections/parse-url';
import { FileKeySecretStore } from '../secrets/file-key-secret-store';
import { ExportService } from './export-service';

const PG_URL = process.env.BACKBENCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL_URL = process.env.BACKBENCH_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
/** 100 KiB, far past the grid's 4 KiB BLOB preview. */
const BIG_BLOB_BYTES = 100 * 1024;

let dir: string;
let app: AppDatabase;
let store: ConnectionStore;
let manager: ConnectionManager;
let exporter: ExportService;
let events: EventPayload<'export.progressed'>[];
let sqliteId: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-export-'));
  app = await openAppDatabase({ dataDir: dir });
  store = new ConnectionStore(app.db, FileKeySecretStore.inDataDir(dir));
  manager = new ConnectionManager({ store, openSession });
  events = [];
  exporter = new ExportService({
    manager,
    dataDir: dir,
    now: () => new Date('2024-02-03T04:05:06.007Z'),
    emit: (topic, payload) => {
      if (topic === 'export.progressed') events.push(payload as EventPayload<'export.progressed'>);
    },
  });
  sqliteId = store.create({ name: 'db', params: { engine: 'sqlite', file: join(dir, 'db.sqlite'), create: true } }).id;
});
afterEach(async () => {
  await exporter.dispose();
  await manager.dispose();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const series = (count: number) =>
  `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${count}) SELECT n, 'v' || n AS v FROM s`;

let nextId = 0;
/** Starts an export with a fresh caller-chosen id. */
function start(input: {
  connectionId: string;
  sql: string;
  format: 'csv' | 'tsv' | 'json' | 'ndjson' | 'sql';
  insertTable?: string;
}) {
  return exporter.start({ exportId: `export-${++nextId}`, ...input });
}

/** Waits for an export, then gives its events and the path it ended at. */
async function finish(exportId: string) {
  await exporter.whenFinished(exportId);
  const mine = events.filter((e) => e.exportId === exportId);
  return Object.assign(mine, { path: mine.at(-1)!.path });
}

describe('ExportService', () => {
  it('writes TSV, NDJSON and SQL INSERTs that run back into a table of the same shape', async () => {
    const db = new Database(join(dir, 'db.sqlite'));
    db.exec(
      `create table src (id integer primary key, t text); insert into src values (1, ''), (2, null), (3, 'it''s');`,
    );
    db.close();
    const sql = 'select * from src order by id';
    const tsv = await start({ connectionId: sqliteId, sql, format: 'tsv' });
    await finish(tsv.exportId);
    expect(tsv.path).toMatch(/\.tsv$/);
    expect(readFileSync(tsv.path!, 'utf8')).toBe('id\tt\n1\t""\n2\t\n3\tit\'s\n');
    const ndjson = await start({ connectionId: sqliteId, sql, format: 'ndjson' });
    await finish(ndjson.exportId);
    expect(readFileSync(ndjson.path!, 'utf8')).toBe('{"id":1,"t":""}\n{"id":2,"t":null}\n{"id":3,"t":"it\'s"}\n');
    const inserts = await start({ connectionId: sqliteId, sql, format: 'sql', insertTable: 'copy' });
    await finish(inserts.exportId);
    const text = readFileSync(inserts.path!, 'utf8');
    expect(text.split('\n')[0]).toBe("insert into `copy` (`id`, `t`) values (1, '');");
    const check = new Database(join(dir, 'db.sqlite'));
    check.exec(`create table copy (id integer primary key, t text); ${text}`);
    expect(check.prepare('select * from copy order by id').raw().all()).toEqual([
      [1, ''],
      [2, null],
      [3, "it's"],
    ]);
    check.close();
    // without insertTable: the one table the result comes from
    const named = await start({ connectionId: sqliteId, sql, format: 'sql' });
    await finish(named.exportId);
    expect(readFileSync(named.path!, 'utf8')).toMatch(/^insert into `src` /);
  });

  it('writes CSV with a header, NULL as empty, BLOBs as base64, to a default path, with progress', async () => {
    const sql = `SELECT n, CASE WHEN n % 2 = 0 THEN NULL ELSE 'x,"y"' END AS t, x'DEADBEEF' AS b FROM (${series(12_000)})`;
    const { exportId, path } = await start({ connectionId: sqliteId, sql, format: 'csv' });
    expect(path).toBe(join(dir, 'exports', 'export-2024-02-03T04-05-06-007Z.csv'));
    if (path === null) throw new Error('no path');
    const mine = await finish(exportId);
    expect(mine.filter((e) => !e.done).map((e) => e.rowsWritten)).toEqual([5000, 10_000]);
    expect(mine.at(-1)).toEqual({ exportId, path, rowsWritten: 12_000, done: true });
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(12_001);
    expect(lines.slice(0, 3)).toEqual(['n,t,b', '1,"x,""y""",3q2+7w==', '2,,3q2+7w==']);
    expect(readdirSync(join(dir, 'exports'))).toEqual(['export-2024-02-03T04-05-06-007Z.csv']);
  });

  it('writes a JSON array of objects, suffixing duplicate column names, and never reuses a default name', async () => {
    const first = await start({
      connectionId: sqliteId,
      sql: 'SELECT 1 AS a, 2 AS a, NULL AS c',
      format: 'json',
    });
    const second = await start({ connectionId: sqliteId, sql: 'SELECT 1 AS a WHERE 0', format: 'json' });
    expect(second.path).not.toBe(first.path);
    const [a, b] = [await finish(first.exportId), await finish(second.exportId)];
    expect(JSON.parse(readFileSync(a.path, 'utf8'))).toEqual([{ a: 1, a_2: 2, c: null }]);
    expect(JSON.parse(readFileSync(b.path, 'utf8'))).toEqual([]);
  });

  it('writes JSON values as JSON text in CSV and as values in JSON (PostgreSQL)', async () => {
    const pg = parseConnectionUrl(PG_URL);
    const pgId = store.create({ name: 'pg', params: pg.params, password: pg.password }).id;
    const sql = `SELECT 1 AS id, '{"a":[1,2]}'::jsonb AS doc, true AS flag, '{"n": 12345678901234567890}'::json AS big`;
    const csv = await finish((await start({ connectionId: pgId, sql, format: 'csv' })).exportId);
    const json = await finish((await start({ connectionId: pgId, sql, format: 'json' })).exportId);
    // JSON as the server's exact text (jsonb prints its own spacing); numbers past 2^53 never rounded
    expect(readFileSync(csv.path, 'utf8')).toBe(
      'id,doc,flag,big\n1,"{""a"": [1, 2]}",true,"{""n"": 12345678901234567890}"\n',
    );
    const text = readFileSync(json.path, 'utf8');
    expect(text).toContain('"big":{"n": 12345678901234567890}');
    expect((JSON.parse(text) as unknown[])[0]).toMatchObject({ id: 1, doc: { a: [1, 2] }, flag: true });
  });

  it('cancels, removing the partial file, and reports failures as a done event with the error', async () => {
    const running = await start({ connectionId: sqliteId, sql: series(5_000_000), format: 'csv' });
    expect(exporter.cancel({ exportId: running.exportId })).toEqual({ cancelled: true });
    const mine = await finish(running.exportId);
    expect(mine.at(-1)).toMatchObject({ done: true, cancelled: true });
    expect(existsSync(running.path!)).toBe(false);
    expect(readdirSync(join(dir, 'exports'))).toEqual([]);
    expect(exporter.cancel({ exportId: running.exportId })).toEqual({ cancelled: false });

    const failing = await start({
      connectionId: sqliteId,
      sql: 'SELECT * FROM missing_table',
      format: 'json',
    });
    expect((await finish(failing.exportId)).at(-1)).toMatchObject({ done: true, error: { code: 'SQL_ERROR' } });
    expect(existsSync(failing.path!)).toBe(false);
    expect(exporter.status({ exportIds: [running.exportId, failing.exportId, 'nope'] })).toEqual([
      { exportId: running.exportId, state: 'cancelled', path: running.path, rowsWritten: expect.any(Number) },
      {
        exportId: failing.exportId,
        state: 'failed',
        path: failing.path,
        rowsWritten: 0,
        error: { code: 'SQL_ERROR', message: expect.stringContaining('missing_table') },
      },
      { exportId: 'nope', state: 'unknown', path: null, rowsWritten: 0 },
    ]);
  });

  it('writes whole BLOBs: base64 in CSV, { $base64 } in JSON (SQLite, 100 KiB)', async () => {
    const bytes = Buffer.from(Array.from({ length: BIG_BLOB_BYTES }, (_, i) => (i * 7919) % 256));
    const db = new Database(join(dir, 'db.sqlite'));
    db.exec('CREATE TABLE files (id INTEGER PRIMARY KEY, body BLOB)');
    db.prepare('INSERT INTO files VALUES (?, ?), (?, ?)').run(1, bytes, 2, null);
    db.close();
    const sql = 'SELECT id, body FROM files ORDER BY id';
    const csv = await start({ connectionId: sqliteId, sql, format: 'csv' });
    const json = await start({ connectionId: sqliteId, sql, format: 'json' });
    for (const e of [csv, json])
      expect((await finish(e.exportId)).at(-1)).toMatchObject({ done: true, rowsWritten: 2 });
    const lines = readFileSync((await finish(csv.exportId)).path, 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines).toEqual(['id,body', `1,${bytes.toString('base64')}`, '2,']);
    const parsed = JSON.parse(readFileSync((await finish(json.exportId)).path, 'utf8')) as {
      id: number;
      body: { $base64: string } | null;
    }[];
    expect(parsed).toEqual([
      { id: 1, body: { $base64: expect.any(String) } },
      { id: 2, body: null },
    ]);
    expect(Buffer.from(parsed[0]!.body!.$base64, 'base64').equals(bytes)).toBe(true);

    // the grid still gets a preview from the same session
    const outcome = await (await manager.get(sqliteId)).execute(sql, [], new AbortController().signal);
    if (outcome.kind !== 'rows') throw new Error('expected rows');
    const [first] = await outcome.cursor.read(1);
    await outcome.cursor.close();
    expect(first![1]).toMatchObject({ size: BIG_BLOB_BYTES, truncated: true });
  });

  it.each([
    {
      engine: 'PostgreSQL bytea',
      url: PG_URL,
      sql: `SELECT decode(string_agg(lpad(to_hex(i % 256), 2, '0'), '' ORDER BY i), 'hex') AS body FROM generate_series(0, ${BIG_BLOB_BYTES - 1}) AS i`,
      bytes: Buffer.from(Array.from({ length: BIG_BLOB_BYTES }, (_, i) => i % 256)),
    },
    {
      engine: 'MariaDB binary',
      url: MYSQL_URL,
      sql: `SELECT REPEAT(X'00FF7F', ${BIG_BLOB_BYTES / 4}) AS body`,
      bytes: Buffer.from(Array.from({ length: (BIG_BLOB_BYTES / 4) * 3 }, (_, i) => [0x00, 0xff, 0x7f][i % 3]!)),
    },
  ])('writes whole BLOBs from $engine', async ({ url, sql, bytes }) => {
    const parsed = parseConnectionUrl(url);
    const id = store.create({ name: 'server', params: parsed.params, password: parsed.password }).id;
    const csv = await finish((await start({ connectionId: id, sql, format: 'csv' })).exportId);
    const json = await finish((await start({ connectionId: id, sql, format: 'json' })).exportId);
    expect(readFileSync(csv.path, 'utf8')).toBe(`body\n${bytes.toString('base64')}\n`);
    const [row] = JSON.parse(readFileSync(json.path, 'utf8')) as { body: { $base64: string } }[];
    expect(Buffer.from(row!.body.$base64, 'base64').equals(bytes)).toBe(true);
  });

  it('refuses writing statements, a reused id and unknown connections up front', async () => {
    await expect(start({ connectionId: sqliteId, sql: 'DELETE FROM t', format: 'csv' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const used = await start({ connectionId: sqliteId, sql: 'SELECT 1', format: 'csv' });
    await expect(
      exporter.start({ exportId: used.exportId, connectionId: sqliteId, sql: 'SELECT 2', format: 'csv' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(start({ connectionId: 'nope', sql: 'SELECT 1', format: 'csv' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
