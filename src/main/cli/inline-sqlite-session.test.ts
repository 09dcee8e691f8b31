import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecuteOptions } from '../core/connections/driver-adapter';
import { SqliteSession } from '../core/connections/sqlite/sqlite-session';
import { InlineSqliteSession } from './inline-sqlite-session';
import type { QuerySession } from './open-query-session';

const signal = new AbortController().signal;

async function readAll(session: QuerySession, sql: string, options?: ExecuteOptions) {
  const outcome = await session.execute(sql, [], signal, options);
  if (outcome.kind !== 'rows') throw new Error(`${sql} returned no rows`);
  const rows = [];
  for (let batch = await outcome.cursor.read(2); batch.length > 0; batch = await outcome.cursor.read(2))
    rows.push(...batch);
  await outcome.cursor.close();
  return { kind: outcome.kind, columns: outcome.columns, rows };
}

describe('InlineSqliteSession (backbench query on SQLite, in process)', () => {
  let dir: string;
  let file: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bb-inline-sqlite-'));
    file = join(dir, 'values.db');
    const db = new Database(file);
    db.exec(`create table v (i integer, r real, t text, b blob, d numeric, j text, n);
      insert into v values (1, 1.5, 'text', x'00ff', 12.50, '{"a":[1,2]}', null),
        (-9007199254740991, -0.0, '', zeroblob(5000), '2024-01-02 03:04:05', 'null', 'Zoë\n');`);
    db.close();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // the app's SQLite worker is the reference: the command line must print what the grid and exports show
  it.each<[string, ExecuteOptions]>([
    ['the grid preview of BLOBs', {}],
    ['whole values for json/csv', { wholeValues: true }],
  ])('reads exactly what the app’s worker reads (%s)', async (_label, options) => {
    const statements = [
      'select * from v order by i desc',
      'select 9007199254740993 as big, 1e309 as inf, -1e309 as ninf, 0.1 + 0.2 as sum',
      "select count(*) as n, group_concat(t, ',') as ts, typeof(d) as kind from v",
      "select json_object('k', 1) as j, x'' as empty_blob, cast(1 as real) as one_real",
    ];
    const inline = InlineSqliteSession.open({ engine: 'sqlite', file });
    const worker = await SqliteSession.open({ engine: 'sqlite', file });
    try {
      for (const sql of statements)
        expect(await readAll(inline, sql, options), sql).toEqual(await readAll(worker, sql, options));
    } finally {
      await inline.close();
      await worker.close();
    }
  });

  it('runs statements in order, closing a reader left open, and reports affected rows', async () => {
    const copy = join(dir, 'writes.db');
    writeFileSync(copy, '');
    const session = InlineSqliteSession.open({ engine: 'sqlite', file: copy });
    try {
      expect(await session.execute('create table t (x)', [], signal)).toEqual({
        kind: 'affected',
        command: 'CREATE TABLE',
        affectedRows: null,
        lastInsertId: null,
      });
      expect(await session.execute('insert into t values (1), (2), (3)', [], signal)).toEqual({
        kind: 'affected',
        command: 'INSERT',
        affectedRows: 3,
        lastInsertId: 3,
      });
      const open = await session.execute('select x from t order by x', [], signal);
      if (open.kind !== 'rows') throw new Error('expected rows');
      expect(await open.cursor.read(1)).toEqual([[1]]);
      // better-sqlite3 refuses to write while a reader is open: the session closes it first
      expect(await session.execute('delete from t where x > 1', [], signal)).toMatchObject({ affectedRows: 2 });
      expect(await open.cursor.read(10)).toEqual([]);
      expect((await readAll(session, 'select x from t')).rows).toEqual([[1]]);
    } finally {
      await session.close();
    }
  });

  it('maps failures to the app’s error codes', async () => {
    expect(() => InlineSqliteSession.open({ engine: 'sqlite', file: join(dir, 'missing.db') })).toThrow(
      expect.objectContaining({ code: 'FILE_NOT_FOUND' }),
    );
    const notADatabase = join(dir, 'notes.txt');
    writeFileSync(notADatabase, 'just some text, long enough to have a header that is not SQLite’s');
    expect(() => InlineSqliteSession.open({ engine: 'sqlite', file: notADatabase })).toThrow(
      expect.objectContaining({ code: 'NOT_A_DATABASE' }),
    );
    const session = InlineSqliteSession.open({ engine: 'sqlite', file, readOnly: true });
    try {
      await expect(session.execute('select * from nowhere', [], signal)).rejects.toMatchObject({ code: 'SQL_ERROR' });
      await expect(session.execute('delete from v', [], signal)).rejects.toMatchObject({ code: 'READ_ONLY' });
      const aborted = AbortSignal.abort();
      await expect(session.execute('select 1', [], aborted)).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
    } finally {
      await session.close();
    }
  });
});
