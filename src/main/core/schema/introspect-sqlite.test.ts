import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableInfo } from '../../../shared/domain';
import type { DriverSession } from '../connections/driver-adapter';
import { openSession } from '../connections/open-session';

const never = new AbortController().signal;

describe('SQLite introspection of keys and generated columns', () => {
  let dir: string;
  let session: DriverSession;
  let tables: TableInfo[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-introspect-sqlite-'));
    session = await openSession({
      params: { engine: 'sqlite', file: join(dir, 'k.db'), create: true },
      password: null,
    });
    for (const sql of [
      'CREATE TABLE plain (x TEXT PRIMARY KEY, y)',
      'CREATE TABLE rowid_alias (id INTEGER PRIMARY KEY, v)',
      'CREATE TABLE big_key (id BIGINT PRIMARY KEY)',
      'CREATE TABLE composite (a, b NOT NULL, PRIMARY KEY (a, b))',
      'CREATE TABLE no_rowid (k TEXT PRIMARY KEY, v) WITHOUT ROWID',
      'CREATE TABLE gen (a INTEGER, twice INTEGER AS (a * 2), thrice INTEGER AS (a * 3) STORED, z)',
    ])
      await session.execute(sql, [], never);
    tables = (await session.introspect()).schemas[0]!.tables;
  });
  afterAll(async () => {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const columns = (table: string) =>
    tables.find((t) => t.name === table)!.columns.map((c) => [c.name, c.nullable, c.primaryKey]);

  it('shows a key column of an ordinary table as nullable, as SQLite lets it hold NULL', () => {
    expect(columns('plain')).toEqual([
      ['x', true, true],
      ['y', true, false],
    ]);
    // only a key declared exactly INTEGER is the rowid
    expect(columns('big_key')).toEqual([['id', true, true]]);
    expect(columns('composite')).toEqual([
      ['a', true, true],
      ['b', false, true],
    ]);
  });

  it('shows INTEGER PRIMARY KEY and WITHOUT ROWID keys as NOT NULL', () => {
    expect(columns('rowid_alias')).toEqual([
      ['id', false, true],
      ['v', true, false],
    ]);
    expect(columns('no_rowid')).toEqual([
      ['k', false, true],
      ['v', true, false],
    ]);
  });

  it('lists generated columns in place, marked virtual or stored', () => {
    const gen = tables.find((t) => t.name === 'gen')!;
    expect(gen.columns.map((c) => [c.name, c.generated ?? null])).toEqual([
      ['a', null],
      ['twice', 'virtual'],
      ['thrice', 'stored'],
      ['z', null],
    ]);
  });
});
