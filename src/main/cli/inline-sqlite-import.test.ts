import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteSession } from '../core/connections/sqlite/sqlite-session';
import { importFile, type ImportSession } from '../core/transfer/import-file';
import type { ImportFormat } from '../core/transfer/record-source';
import { InlineSqliteSession } from './inline-sqlite-session';

// every affinity the import binds to, and declared types whose kind and affinity differ (BOOLTEXT is a boolean
// to the import and TEXT to SQLite)
const DDL = `create table imp2_bound (i integer, r real, t text, n, d numeric, b boolean, bt booltext, dt date)`;
const CSV = [
  'i,r,t,n,d,b,bt,dt',
  '1,2,3,4,5,true,1,2024-01-02',
  '-0,2.5,x,4.5,5.25,false,0,',
  '12345678901234567890,1e3,"",007,12.50,1,true,""',
  '99999999999999,-7,9007199254740993,-0,-1,0,false,7',
].join('\n');
// as text: integers past 2^53 kept exactly by the JSON reader
const JSON_ROWS = `[
  {"i": 1, "r": 2, "t": 3, "n": 4, "d": 5, "b": true, "bt": true, "dt": 6},
  {"i": 2.0, "r": 2.5, "t": "x", "n": 4.5, "d": 9007199254740993, "b": 0, "bt": 1, "dt": null},
  {"i": 12345678901234567890, "r": 1e300, "t": true, "n": false, "d": 12345678901234567890, "b": 1, "bt": 0, "dt": "a"}
]`;

const signal = new AbortController().signal;

async function importInto(session: ImportSession, file: string, format: ImportFormat): Promise<number> {
  const outcome = await importFile(session, { file, format, table: { schema: null, table: 'imp2_bound' }, signal });
  return outcome.rowsImported;
}

/** Every stored value with its storage class, as SQLite reports them. */
function stored(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    const columns = ['i', 'r', 't', 'n', 'd', 'b', 'bt', 'dt'].map((c) => `typeof(${c}) || ':' || quote(${c})`);
    return db
      .prepare(`select ${columns.join(', ')} from imp2_bound order by rowid`)
      .raw()
      .all();
  } finally {
    db.close();
  }
}

describe('an import through the CLI session (values bound in process) stores what the app stores', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bb-imp2-bound-'));
    writeFileSync(join(dir, 'rows.csv'), CSV);
    writeFileSync(join(dir, 'rows.json'), JSON_ROWS);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each<[ImportFormat, string]>([
    ['csv', 'rows.csv'],
    ['json', 'rows.json'],
  ])('%s: the same storage class and value in every column as the app worker', async (format, source) => {
    const files = ['inline.db', 'worker.db'].map((name) => join(dir, `${format}-${name}`));
    for (const file of files) {
      const db = new Database(file);
      db.exec(DDL);
      db.close();
    }
    const inline = InlineSqliteSession.open({ engine: 'sqlite', file: files[0]! });
    const worker = await SqliteSession.open({ engine: 'sqlite', file: files[1]! });
    try {
      const rows = format === 'csv' ? 4 : 3;
      expect(await importInto(inline, join(dir, source), format)).toBe(rows);
      expect(await importInto(worker, join(dir, source), format)).toBe(rows);
    } finally {
      await inline.close();
      await worker.close();
    }
    const expected = stored(files[1]!);
    expect(stored(files[0]!)).toEqual(expected);
    // the affinities did their work: whole numbers are INTEGER in INTEGER and NUMERIC columns, REAL in REAL ones
    expect((expected[0] as string[]).slice(0, 2)).toEqual(['integer:1', 'real:2.0']);
  });
});

describe('a wide import through the CLI session', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bb-imp2-wide-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // twelve columns: a statement of 1,000 rows has 12,000 values (bound as one list), the last one of 500 rows
  // 6,000 (bound one argument each); past ten columns knex lists them in another order than the file's
  it.each<ImportFormat>(['csv', 'ndjson'])(
    '%s: every row of statements of either size in its columns, as the app worker stores it',
    async (format) => {
      const names = Array.from({ length: 12 }, (_, i) => `c${i}`);
      const value = (r: number, i: number) => (i === 0 ? r : i % 3 === 0 ? `t${r},${i}` : i % 3 === 1 ? r * i : null);
      const lines = format === 'csv' ? [names.join(',')] : [];
      for (let r = 1; r <= 1500; r++) {
        const values = names.map((_, i) => value(r, i));
        lines.push(
          format === 'csv'
            ? values.map((v) => (v === null ? '' : typeof v === 'string' ? `"${v}"` : v)).join(',')
            : JSON.stringify(Object.fromEntries(names.map((n, i) => [n, values[i]]))),
        );
      }
      const file = join(dir, `wide.${format}`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      const ddl = `create table imp2_wide (${names.map((n, i) => `${n} ${i % 3 === 0 ? 'text' : 'integer'}`).join(', ')})`;
      const files = ['inline.db', 'worker.db'].map((name) => join(dir, `${format}-${name}`));
      for (const file of files) {
        const db = new Database(file);
        db.exec(ddl);
        db.close();
      }
      const inline = InlineSqliteSession.open({ engine: 'sqlite', file: files[0]! });
      const worker = await SqliteSession.open({ engine: 'sqlite', file: files[1]! });
      const table = { schema: null, table: 'imp2_wide' };
      try {
        expect((await importFile(inline, { file, format, table, signal })).rowsImported).toBe(1500);
        expect((await importFile(worker, { file, format, table, signal })).rowsImported).toBe(1500);
      } finally {
        await inline.close();
        await worker.close();
      }
      const read = (file: string) => {
        const db = new Database(file, { readonly: true });
        try {
          const columns = names.map((c) => `typeof(${c}) || ':' || quote(${c})`);
          return db
            .prepare(`select ${columns.join(', ')} from imp2_wide order by rowid`)
            .raw()
            .all();
        } finally {
          db.close();
        }
      };
      const expected = read(files[1]!);
      expect(expected).toHaveLength(1500);
      expect(expected[1499]).toEqual([
        "text:'1500'",
        'integer:1500',
        'null:NULL',
        "text:'t1500,3'",
        'integer:6000',
        'null:NULL',
        "text:'t1500,6'",
        'integer:10500',
        'null:NULL',
        "text:'t1500,9'",
        'integer:15000',
        'null:NULL',
      ]);
      expect(read(files[0]!)).toEqual(expected);
    },
  );
});
