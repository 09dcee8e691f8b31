import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import type { DriverSession, ExecuteOutcome, RowCursor } from '../driver-adapter';
import { openSession } from '../open-session';
import { resolveSqliteFile } from './sqlite-file';

let dir: string;
const open = (file: string, extra: { create?: boolean; readOnly?: boolean } = { create: true }) =>
  openSession({ params: { engine: 'sqlite', file, ...extra }, password: null });
const never = new AbortController().signal;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  return 'no error';
}

function rowsOf(outcome: ExecuteOutcome): RowCursor {
  if (outcome.kind !== 'rows') throw new Error(`expected rows, got ${JSON.stringify(outcome)}`);
  return outcome.cursor;
}

async function readAll(cursor: RowCursor, batch = 1000): Promise<unknown[][]> {
  const all: unknown[][] = [];
  for (;;) {
    const rows = await cursor.read(batch);
    if (rows.length === 0) return all;
    for (const row of rows) all.push(row);
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bb-sqlite-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteSession: paths', () => {
  it('resolves a relative path against the home folder, ~ too', () => {
    expect(resolveSqliteFile('shop.db', '/home/ada')).toBe('/home/ada/shop.db');
    expect(resolveSqliteFile('data/../shop.db', '/home/ada')).toBe('/home/ada/shop.db');
    expect(resolveSqliteFile('~/db/shop.db', '/home/ada')).toBe('/home/ada/db/shop.db');
    expect(resolveSqliteFile('/srv/shop.db', '/home/ada')).toBe('/srv/shop.db');
  });

  it('opens a relative path in the home folder, and names the resolved file when it is missing', async () => {
    const home = process.env.HOME;
    process.env.HOME = dir;
    try {
      const created = await open('relative.db', { create: true });
      await created.close();
      expect(existsSync(join(dir, 'relative.db'))).toBe(true);
      let error: AppError | null = null;
      try {
        await open('missing-relative.db', {});
      } catch (e) {
        error = e as AppError;
      }
      expect(error?.code).toBe('FILE_NOT_FOUND');
      expect(error?.message).toContain(join(dir, 'missing-relative.db'));
      expect(error?.message).toContain('relative to your home folder');
      expect(error?.message).toContain('Create a new file if it does not exist');
    } finally {
      process.env.HOME = home;
    }
  });
});

describe('SqliteSession: opening', () => {
  it('reports a missing file as FILE_NOT_FOUND unless asked to create it', async () => {
    expect(await codeOf(open(join(dir, 'missing.db'), {}))).toBe('FILE_NOT_FOUND');
    const session = await open(join(dir, 'created.db'), { create: true });
    expect(await session.serverVersion()).toMatch(/^3\./);
    await session.close();
  });

  it('reports a file that is not a database as NOT_A_DATABASE', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(
      file,
      'this is not an sqlite database, just some text that is long enough to have a header'.repeat(20),
    );
    expect(await codeOf(open(file, {}))).toBe('NOT_A_DATABASE');
  });

  it('opens read-only and refuses writes with READ_ONLY', async () => {
    const file = join(dir, 'ro.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t(a)');
    db.close();
    const session = await open(file, { readOnly: true });
    expect(await codeOf(session.execute('INSERT INTO t VALUES (1)', [], never))).toBe('READ_ONLY');
    await session.close();
  });
});

describe('SqliteSession: statements', () => {
  let session: DriverSession;
  beforeAll(async () => {
    session = await open(join(dir, 'work.db'));
  });
  afterAll(async () => {
    await session.close();
  });

  it('runs DDL and DML, returning affected rows and the last insert id', async () => {
    expect(
      await session.execute('CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, price REAL, data BLOB)', [], never),
    ).toMatchObject({ kind: 'affected' });
    const inserted = await session.execute(
      "INSERT INTO items(name, price, data) VALUES ('a', 1.5, x'0102'), ('b', NULL, NULL)",
      [],
      never,
    );
    expect(inserted).toEqual({ kind: 'affected', command: 'INSERT', affectedRows: 2, lastInsertId: 2 });
    const result = await session.execute('SELECT id, name, price, data FROM items ORDER BY id', [], never);
    const source = (column: string, primaryKey = false) => ({ schema: 'main', table: 'items', column, primaryKey });
    expect(result.kind === 'rows' && result.columns).toEqual([
      { name: 'id', dataType: 'INTEGER', source: source('id', true) },
      { name: 'name', dataType: 'TEXT', source: source('name') },
      { name: 'price', dataType: 'REAL', source: source('price') },
      { name: 'data', dataType: 'BLOB', source: source('data') },
    ]);
    expect(await readAll(rowsOf(result))).toEqual([
      [1, 'a', 1.5, { $blob: 'AQI=', size: 2, truncated: false }],
      [2, 'b', null, null],
    ]);
  });

  it('runs a repeated SELECT again with the columns the schema has now, changed here or by another connection', async () => {
    await session.execute('CREATE TABLE reshaped (a INTEGER)', [], never);
    await session.execute('INSERT INTO reshaped VALUES (1)', [], never);
    const select = async () => {
      const result = await session.execute('SELECT * FROM reshaped', [], never);
      return {
        columns: result.kind === 'rows' ? result.columns.map((c) => `${c.name} ${c.dataType}`) : [],
        rows: await readAll(rowsOf(result)),
      };
    };
    expect(await select()).toEqual({ columns: ['a INTEGER'], rows: [[1]] });
    expect(await select()).toEqual({ columns: ['a INTEGER'], rows: [[1]] });
    await session.execute("ALTER TABLE reshaped ADD COLUMN b TEXT DEFAULT 'x'", [], never);
    expect(await select()).toEqual({ columns: ['a INTEGER', 'b TEXT'], rows: [[1, 'x']] });
    // another connection to the same file changes the schema: this session must see it on its next run
    const other = new Database(join(dir, 'work.db'));
    other.exec('ALTER TABLE reshaped ADD COLUMN c REAL DEFAULT 2.5');
    other.close();
    expect(await select()).toEqual({ columns: ['a INTEGER', 'b TEXT', 'c REAL'], rows: [[1, 'x', 2.5]] });
  });

  it('reports a rowid past 2^53 exactly, and no insert id for statements that do not insert', async () => {
    await session.execute('CREATE TABLE huge_ids (id INTEGER PRIMARY KEY, v)', [], never);
    expect(await session.execute('INSERT INTO huge_ids VALUES (9007199254740993, 1)', [], never)).toEqual({
      kind: 'affected',
      command: 'INSERT',
      affectedRows: 1,
      lastInsertId: '9007199254740993',
    });
    // SQLite's last rowid and change count belong to the connection: an UPDATE or DDL must not repeat them
    expect(await session.execute('UPDATE huge_ids SET v = 2', [], never)).toEqual({
      kind: 'affected',
      command: 'UPDATE',
      affectedRows: 1,
      lastInsertId: null,
    });
    expect(await session.execute('PRAGMA user_version = 3', [], never)).toEqual({
      kind: 'affected',
      command: 'PRAGMA',
      affectedRows: null,
      lastInsertId: null,
    });
  });

  it('reads integers past 2^53 exactly wherever they appear in a long result', async () => {
    await session.execute('CREATE TABLE mixed (n INTEGER, r REAL)', [], never);
    await session.execute(
      `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 3000)
       INSERT INTO mixed SELECT CASE WHEN i = 2500 THEN 9007199254740993 ELSE i END, i * 1.5 FROM s`,
      [],
      never,
    );
    // a double past 2^53 (1e20) is not mistaken for an integer
    await session.execute('INSERT INTO mixed VALUES (-9223372036854775808, 1e20)', [], never);
    const rows = await readAll(rowsOf(await session.execute('SELECT n, r FROM mixed ORDER BY rowid', [], never)), 700);
    expect(rows).toHaveLength(3001);
    expect(rows[0]).toEqual([1, 1.5]);
    expect(rows[2498]).toEqual([2499, 3748.5]);
    expect(rows[2499]).toEqual(['9007199254740993', 3750]);
    expect(rows[2500]).toEqual([2501, 3751.5]);
    expect(rows[3000]).toEqual(['-9223372036854775808', 1e20]);
  });

  it('enforces foreign keys', async () => {
    await session.execute('CREATE TABLE parent(id INTEGER PRIMARY KEY)', [], never);
    await session.execute('CREATE TABLE child(pid INTEGER REFERENCES parent(id))', [], never);
    expect(await codeOf(session.execute('INSERT INTO child VALUES (42)', [], never))).toBe('SQL_ERROR');
  });

  it('reports SQL errors and several statements at once as SQL_ERROR', async () => {
    expect(await codeOf(session.execute('SELEC 1', [], never))).toBe('SQL_ERROR');
    expect(await codeOf(session.execute('SELECT 1; SELECT 2', [], never))).toBe('SQL_ERROR');
  });

  it('points SQL errors at the token the message names, for the editor marker', async () => {
    const positionOf = async (sql: string): Promise<unknown> => {
      try {
        await session.execute(sql, [], never);
      } catch (error) {
        return (error as AppError).details?.position;
      }
      return 'no error';
    };
    // the token occurs several times: in a string, inside a longer word, where it is valid, and where it fails
    const sql = "SELECT 'FROM' AS f, 1 AS FROMAGE FROM items WHERE FROM = 1";
    expect(await positionOf(sql)).toBe(sql.lastIndexOf('FROM'));
    expect(await positionOf('SELECT id,\n  name FROM items WHERE')).toBe('SELECT id,\n  name FROM items WHERE'.length);
    expect(await positionOf('SELECT id, nope FROM items')).toBe('SELECT id, '.length);
    expect(await positionOf('SELECT * FROM missing_table')).toBe('SELECT * FROM '.length);
    expect(await positionOf("SELECT 'unterminated")).toBe('SELECT '.length);
  });

  it('pages a 200,000-row result in batches with exact first and last rows', async () => {
    const cursor = rowsOf(
      await session.execute(
        'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) SELECT x, x * 2 FROM c',
        [],
        never,
      ),
    );
    let count = 0;
    let first: unknown[] | undefined;
    let last: unknown[] | undefined;
    for (;;) {
      const rows = await cursor.read(4999);
      if (rows.length === 0) break;
      expect(rows.length).toBeLessThanOrEqual(4999);
      first ??= rows[0];
      last = rows[rows.length - 1];
      count += rows.length;
    }
    expect(count).toBe(200_000);
    expect(first).toEqual([1, 2]);
    expect(last).toEqual([200_000, 400_000]);
  });

  it('keeps several results readable while other statements run on the session', async () => {
    const a = rowsOf(
      await session.execute(
        'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000) SELECT x FROM c',
        [],
        never,
      ),
    );
    expect(await a.read(3)).toEqual([[1], [2], [3]]);
    const b = rowsOf(await session.execute('SELECT 10 UNION ALL SELECT 11', [], never));
    await session.execute('CREATE TABLE during(x)', [], never);
    expect(await a.read(2)).toEqual([[4], [5]]);
    expect(await readAll(b)).toEqual([[10], [11]]);
    const rest = await readAll(a, 5000);
    expect(rest.length).toBe(30000 - 5);
    expect(rest[rest.length - 1]).toEqual([30000]);
    await a.close();
  });

  it('keeps a writing statement’s rows (RETURNING) without running it twice', async () => {
    await session.execute('CREATE TABLE log(id INTEGER PRIMARY KEY, v)', [], never);
    const returning = rowsOf(
      await session.execute("INSERT INTO log(v) VALUES ('x'), ('y') RETURNING id, v", [], never),
    );
    await session.execute('SELECT 1', [], never);
    expect(await readAll(returning)).toEqual([
      [1, 'x'],
      [2, 'y'],
    ]);
    const count = rowsOf(await session.execute('SELECT count(*) FROM log', [], never));
    expect(await count.read(1)).toEqual([[2]]);
  });

  it('counts rows of a table by quoted name', async () => {
    await session.execute('CREATE TABLE "odd ""name"""(x)', [], never);
    await session.execute('INSERT INTO "odd ""name""" VALUES (1), (2), (3)', [], never);
    expect(await session.countRows(null, 'odd "name"', never)).toBe(3);
    expect(await session.countRows('main', 'odd "name"', never)).toBe(3);
  });

  it('cancels a runaway query promptly, stays responsive meanwhile and works afterwards', async () => {
    await session.execute('CREATE TEMP TABLE scratch(x)', [], never);
    const controller = new AbortController();
    const running = session
      .execute(
        'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c',
        [],
        controller.signal,
      )
      .then((outcome) => rowsOf(outcome).read(10));
    // the host's event loop keeps turning while the worker is busy
    let ticks = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        ticks += 1;
        if (ticks === 5) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    controller.abort();
    expect(await codeOf(running)).toBe('QUERY_CANCELLED');
    const after = rowsOf(await session.execute('SELECT count(*) FROM items', [], never));
    expect(await after.read(10)).toEqual([[2]]);
  });
});
