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
