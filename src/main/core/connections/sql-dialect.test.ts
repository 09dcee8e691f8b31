import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, Row } from '../../../shared/domain';
import { dialectFor } from './dialect-for';
import type { DriverSession } from './driver-adapter';
import { openSession } from './open-session';

const never = new AbortController().signal;
/** Names knex would split, alias, star or number: each must stay one identifier. */
const HOSTILE = ['a.b', 'x as y', '*', 'q?', 'arr[1]', 'quote"d', 'back`tick', "it's"];

describe('dialect quoting', () => {
  const knex = createRequire(import.meta.url)('knex') as typeof import('knex');
  const clients: Record<Engine, string> = { postgres: 'pg', mysql: 'mysql2', sqlite: 'better-sqlite3' };

  it.each(['postgres', 'mysql', 'sqlite'] as const)('quotes %s names exactly as knex does', (engine) => {
    const client = knex.knex({ client: clients[engine], useNullAsDefault: true }).client as {
      wrapIdentifierImpl(name: string): string;
    };
    for (const name of ['plain', 'Mixed Case', 'quote"d', 'back`tick', "it's", 'ünïcödé']) {
      expect(dialectFor(engine).quoteIdentifier(name)).toBe(client.wrapIdentifierImpl(name));
    }
  });

  it('keeps names knex would split or mangle as one identifier', () => {
    const pg = dialectFor('postgres');
    expect(pg.selectByKey({ schema: 's.x', table: 'a.b' }, { 'q?': 1, '*': null }, ['arr[1]', 'x as y'])).toEqual({
      sql: 'select "arr[1]", "x as y" from "s.x"."a.b" where "q?" = $1 and "*" is null',
      params: [1],
    });
    expect(dialectFor('mysql').update({ schema: null, table: 'a.b' }, { id: 5n }, { 'x as y': 'v' })).toEqual({
      sql: 'update `a.b` set `x as y` = ? where `id` = ?',
      params: ['v', 5n],
    });
  });

  it('compiles `?` placeholders to each engine, with \\? for a literal question mark', () => {
    const sql = "select ? as a, '{}'::jsonb \\? ?";
    expect(dialectFor('postgres').raw(sql, [1, 'k'])).toEqual({
      sql: "select $1 as a, '{}'::jsonb ? $2",
      params: [1, 'k'],
    });
    expect(dialectFor('mysql').raw(sql, [1, 'k'])).toEqual({ sql: "select ? as a, '{}'::jsonb ? ?", params: [1, 'k'] });
  });
});

describe('dialect statements on SQLite', () => {
  let dir: string;
  let session: DriverSession;
  const d = dialectFor('sqlite');
  const ref = { schema: 'main', table: 'odd.table "x"' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-dialect-'));
    session = await openSession({
      params: { engine: 'sqlite', file: join(dir, 'd.db'), create: true },
      password: null,
    });
  });
  afterAll(async () => {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const exec = async ({ sql, params }: { sql: string; params: readonly unknown[] }): Promise<Row[]> => {
    const outcome = await session.execute(sql, params as never, never);
    if (outcome.kind !== 'rows') return [];
    const rows = await outcome.cursor.read(100);
    await outcome.cursor.close();
    return rows;
  };

  it('creates, fills, reads, changes and drops a table whose every name is hostile', async () => {
    const columns = HOSTILE.map((name) => ({ name, type: 'TEXT' }));
    for (const statement of d.createTable(ref, [{ name: 'id', type: 'INTEGER', nullable: false }, ...columns], ['id']))
      await exec(statement);
    const values = Object.fromEntries(HOSTILE.map((name, i) => [name, `v${i}`]));
    expect(await exec(d.insert(ref, { id: 1, ...values }, { returning: ['id', 'a.b'] }))).toEqual([[1, 'v0']]);
    expect(await exec(d.selectByKey(ref, { id: 1 }, HOSTILE))).toEqual([HOSTILE.map((_, i) => `v${i}`)]);
    await exec(d.update(ref, { id: 1, '*': 'v2' }, { 'q?': 'changed' }));
    expect(await exec(d.selectByKey(ref, { 'q?': 'changed' }, ['id']))).toEqual([[1]]);
    expect(await exec(d.countRows(ref))).toEqual([[1]]);
    expect(await session.countRows('main', ref.table, never)).toBe(1);
    // knex needs a live connection to drop an SQLite column (it rebuilds the table): written by hand instead
    for (const statement of d.addColumn(ref, { name: 'extra.col', type: 'INTEGER', defaultSql: '7' }))
      await exec(statement);
    expect(await exec(d.selectByKey(ref, { id: 1 }, ['extra.col']))).toEqual([[7]]);
    for (const statement of d.dropColumn(ref, 'extra.col')) await exec(statement);
    expect(
      await exec({ sql: `SELECT name FROM pragma_table_info(?) WHERE name = 'extra.col'`, params: [ref.table] }),
    ).toEqual([]);
    await exec(d.delete(ref, { id: 1 }));
    expect(await exec(d.countRows(ref))).toEqual([[0]]);
    for (const statement of d.dropTable(ref, { ifExists: true })) await exec(statement);
    expect(await exec({ sql: 'SELECT count(*) FROM sqlite_schema', params: [] })).toEqual([[0]]);
  });
});
