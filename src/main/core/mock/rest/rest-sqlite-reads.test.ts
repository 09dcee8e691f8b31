import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriverSession } from '../../connections/driver-adapter';
import { openSession } from '../../connections/open-session';
import type { MockRequest, MockResponse } from '../mock-http';
import { createRestApi, type RestApi } from './rest-api';
import { openSqlitePointReads, type SqlitePointReads } from './rest-sqlite-reads';

const request = (method: string, path: string, body?: unknown): MockRequest => ({
  method,
  path,
  params: {},
  query: {},
  headers: body === undefined ? {} : { 'content-type': 'application/json' },
  cookies: {},
  bodyText: body === undefined ? '' : JSON.stringify(body),
  body,
});

/**
 * The point reads answer GET /<table>/:id exactly as the session does: the same API is built twice over one
 * SQLite file, with and without them, and every answer compared.
 */
describe('SQLite point reads of a REST resource', () => {
  let dir: string;
  let file: string;
  let session: DriverSession;
  let reads: SqlitePointReads;
  let fast: RestApi;
  let slow: RestApi;
  let other: Database.Database;

  const both = async (path: string): Promise<MockResponse> => {
    const [a, b] = await Promise.all([fast.handle(request('GET', path)), slow.handle(request('GET', path))]);
    expect(a).toEqual(b);
    return a;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-mockrest-reads-'));
    file = join(dir, 'reads.db');
    const setup = new Database(file);
    setup.exec(`
      CREATE TABLE mockrest_values (id INTEGER PRIMARY KEY, big INTEGER, r REAL, flag BOOLEAN, t TEXT, b BLOB, d NUMERIC);
      INSERT INTO mockrest_values VALUES
        (1, 42, 1.5, 1, 'plain', NULL, 10.25),
        (2, 9007199254740993, 1e300, 0, 'quote " and \\ and ' || char(8232) || ' ☃', x'00ff10', NULL),
        (3, -9007199254740993, 9e999, 2, '', NULL, '12.50'),
        (4, 9007199254740991, -0.0, NULL, NULL, NULL, 1e20),
        (5, 1e20, -9e999, 1, 'x', NULL, NULL);
      CREATE TABLE mockrest_codes (code TEXT PRIMARY KEY, label TEXT);
      INSERT INTO mockrest_codes VALUES ('7', 'seven'), ('7.0', 'seven point oh'), ('a b', 'spaced');
      CREATE TABLE mockrest_nokey (name TEXT, n INTEGER);
      INSERT INTO mockrest_nokey VALUES ('first', 1), ('second', 2);
      CREATE TABLE mockrest_names (id INTEGER PRIMARY KEY, "0" TEXT, "__proto__" TEXT, "a""b" TEXT, "10" INTEGER);
      INSERT INTO mockrest_names VALUES (1, 'zero', 'proto', 'quoted', 10);
    `);
    setup.close();
    session = await openSession({ params: { engine: 'sqlite', file }, password: null });
    reads = openSqlitePointReads(file)!;
    const tables = ['mockrest_values', 'mockrest_codes', 'mockrest_nokey', 'mockrest_names'];
    fast = await createRestApi({ session, tables, pointReads: reads });
    slow = await createRestApi({ session, tables });
    other = new Database(file);
  });
  afterAll(async () => {
    other.close();
    reads.close();
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a plain row itself, and leaves what it cannot write exactly to the session', async () => {
    const reader = reads.reader('select * from "mockrest_values" where "id" = ?')!;
    expect(JSON.parse(reader(1)!)).toEqual({ id: 1, big: 42, r: 1.5, flag: true, t: 'plain', b: null, d: 10.25 });
    expect(reader(2)).toBeUndefined(); // an integer past 2^53 and a BLOB
    expect(reader(99)).toBeUndefined(); // no row: the session's 404
    expect(JSON.parse((await both('/mockrest_values/1')).body as string)).toMatchObject({ flag: true, d: 10.25 });
  });

  it('writes every value as the session reads it: 64-bit integers, non-finite reals, BLOBs, booleans, text', async () => {
    for (const id of [1, 2, 3, 4, 5]) expect((await both(`/mockrest_values/${id}`)).status).toBe(200);
    const row = JSON.parse((await both('/mockrest_values/2')).body as string) as Record<string, unknown>;
    expect(row).toMatchObject({ big: '9007199254740993', r: 1e300, flag: false, b: { $blob: 'AP8Q', size: 3 } });
    expect(JSON.parse((await both('/mockrest_values/3')).body as string)).toMatchObject({
      big: '-9007199254740993',
      r: 'Infinity',
      flag: 2,
    });
    expect(JSON.parse((await both('/mockrest_values/4')).body as string)).toMatchObject({ big: 9007199254740991 });
    for (const path of ['/mockrest_values/99', '/mockrest_values/x', '/mockrest_values/1.5', '/mockrest_values/-1'])
      expect((await both(path)).status).toBe(404);
  });

  it('binds the key as the session does: a text key is compared as text', async () => {
    expect(JSON.parse((await both('/mockrest_codes/7')).body as string)).toEqual({ code: '7', label: 'seven' });
    expect(JSON.parse((await both('/mockrest_codes/7.0')).body as string)).toMatchObject({ code: '7.0' });
    expect((await both('/mockrest_codes/a%20b')).status).toBe(200);
    expect((await both('/mockrest_codes/8')).status).toBe(404);
  });

  it('reads tables without a key by rowid, and columns named like indexes or __proto__ as an object holds them', async () => {
    expect(JSON.parse((await both('/mockrest_nokey/2')).body as string)).toEqual({
      name: 'second',
      n: 2,
      __rowid: 2,
    });
    const named = await both('/mockrest_names/1');
    expect(named.body).toBe('{"0":"zero","10":10,"id":1,"a\\"b":"quoted"}');
  });

  it('sees every committed write: its own, and another connection’s, in rollback and WAL mode', async () => {
    const patched = await fast.handle(request('PATCH', '/mockrest_values/1', { t: 'patched' }));
    expect(patched.status).toBe(200);
    expect(JSON.parse((await both('/mockrest_values/1')).body as string)).toMatchObject({ t: 'patched' });
    other.prepare('UPDATE mockrest_values SET t = ? WHERE id = 1').run('from elsewhere');
    expect(JSON.parse((await both('/mockrest_values/1')).body as string)).toMatchObject({ t: 'from elsewhere' });
    other.pragma('journal_mode = WAL');
    other.prepare('UPDATE mockrest_values SET t = ? WHERE id = 1').run('in WAL');
    expect(JSON.parse((await both('/mockrest_values/1')).body as string)).toMatchObject({ t: 'in WAL' });
    other.prepare('DELETE FROM mockrest_codes WHERE code = ?').run('7');
    expect((await both('/mockrest_codes/7')).status).toBe(404);
  });

  it('reads the columns again when another connection changes the table', async () => {
    other.exec("ALTER TABLE mockrest_values ADD COLUMN extra TEXT DEFAULT 'new'");
    expect(JSON.parse((await both('/mockrest_values/1')).body as string)).toMatchObject({ id: 1, extra: 'new' });
    other.exec('ALTER TABLE mockrest_values RENAME COLUMN extra TO renamed');
    expect(JSON.parse((await both('/mockrest_values/1')).body as string)).toMatchObject({ renamed: 'new' });
    expect(JSON.parse((await both('/mockrest_values/1')).body as string)).not.toHaveProperty('extra');
  });

  it('shares one read transaction among the reads of a turn of the event loop, in rollback-journal mode only', async () => {
    const turnFile = join(dir, 'turns.db');
    const writer = new Database(turnFile, { timeout: 0 });
    writer.exec(
      "CREATE TABLE mockrest_turns (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO mockrest_turns VALUES (1, 'a')",
    );
    const turnReads = openSqlitePointReads(turnFile)!;
    try {
      const read = turnReads.reader('select * from "mockrest_turns" where "id" = ?')!;
      const update = writer.prepare('UPDATE mockrest_turns SET v = ? WHERE id = 1');
      expect(read(1)).toBe('{"id":1,"v":"a"}');
      // the turn's shared lock is held: a writer waits (here it may not wait, so it is told the file is busy)
      expect(() => update.run('b')).toThrow(/locked/);
      await new Promise((turn) => setImmediate(turn));
      update.run('b');
      expect(read(1)).toBe('{"id":1,"v":"b"}');
      await new Promise((turn) => setImmediate(turn));
      // WAL: a read is its own transaction, and a write committed in the same turn is seen by the next read
      writer.pragma('journal_mode = WAL');
      expect(read(1)).toBe('{"id":1,"v":"b"}');
      update.run('c');
      expect(read(1)).toBe('{"id":1,"v":"c"}');
    } finally {
      turnReads.close();
      writer.close();
    }
  });
});
