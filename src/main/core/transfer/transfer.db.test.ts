import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionParams, Engine, Row } from '../../../shared/domain';
import { splitStatements } from '../../../shared/sql/split-statements';
import { dialectFor } from '../connections/dialect-for';
import type { DriverSession } from '../connections/driver-adapter';
import { openSession } from '../connections/open-session';
import { createMysqlDatabase, createPgDatabase, type TempDatabase } from '../connections/test-databases';
import { createRowWriter, type RowFormat } from '../query/row-writer';
import { importFile } from './import-file';
import type { ImportFormat } from './record-source';
import { tableColumns, tableExists } from './table-target';

/**
 * Import and export on the three real engines: what an export writes, an import reads back unchanged (NULL vs
 * the empty string, dates, JSON, decimals and integers past 2^53, unicode, quotes and line breaks in fields);
 * a bad line names its line and column and leaves the table as it was; `create` infers the column types.
 */

const never = new AbortController().signal;

const DDL: Record<Engine, string> = {
  sqlite:
    'id INTEGER PRIMARY KEY, t TEXT, d DATE, ts TIMESTAMP, j JSON, dec TEXT, big INTEGER, flag BOOLEAN, r REAL, b BLOB',
  postgres:
    'id integer PRIMARY KEY, t text, d date, ts timestamp, j jsonb, dec numeric(30,10), big bigint, flag boolean, r double precision, b bytea',
  mysql:
    'id int PRIMARY KEY, t text, d date, ts datetime(6), j json, `dec` decimal(30,10), big bigint, flag boolean, r double, b blob',
};

/** id, t, d, ts, j, dec, big, flag, r, b — as SQL literals per engine where they differ. */
const ROWS: {
  t: string | null;
  d: string | null;
  ts: string | null;
  j: string | null;
  dec: string | null;
  big: string | null;
  flag: boolean | null;
  r: number | null;
  b: string | null;
}[] = [
  {
    t: '',
    d: '2024-02-29',
    ts: '2024-02-29 13:14:15.123456',
    j: '{"a": 12345678901234567890, "b": [1, "x"]}',
    dec: '12345678901234567890.0123456789',
    big: '9007199254740993',
    flag: true,
    r: 0.1,
    b: '00ff10',
  },
  { t: null, d: null, ts: null, j: null, dec: null, big: null, flag: null, r: null, b: null },
  {
    t: 'say "hi", then\nleave;\ttab',
    d: '1999-12-31',
    ts: '1999-12-31 23:59:59',
    j: '[]',
    dec: '-0.5000000000',
    big: '-9223372036854775808',
    flag: false,
    r: -1.5e300,
    b: '',
  },
  {
    t: 'Zoë — 日本語 🎉',
    d: '2000-01-01',
    ts: '2000-01-01 00:00:00',
    j: '"text"',
    dec: '0.0000000000',
    big: '0',
    flag: true,
    r: 3,
    b: '41',
  },
  {
    t: '""',
    d: '2020-06-15',
    ts: '2020-06-15 08:00:00.5',
    j: '{"nested": {"k": null}}',
    dec: '1.5000000000',
    big: '9223372036854775807',
    flag: false,
    r: 2.5,
    b: null,
  },
  { t: ',', d: null, ts: null, j: null, dec: null, big: '42', flag: null, r: null, b: null },
];

function literal(engine: Engine, column: string, value: unknown): string {
  if (value === null) return 'NULL';
  if (column === 'b') return engine === 'postgres' ? `'\\x${value as string}'::bytea` : `X'${value as string}'`;
  if (typeof value === 'boolean') return engine === 'postgres' ? String(value) : value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  const text = (value as string).replace(/'/g, "''");
  return engine === 'mysql' ? `'${text.replace(/\\/g, '\\\\')}'` : `'${text}'`;
}

async function run(session: DriverSession, sql: string): Promise<void> {
  const outcome = await session.execute(sql, [], never);
  if (outcome.kind === 'rows') await outcome.cursor.close();
}

async function select(session: DriverSession, sql: string, whole = true): Promise<{ columns: string[]; rows: Row[] }> {
  const outcome = await session.execute(sql, [], never, { wholeValues: whole });
  if (outcome.kind !== 'rows') throw new Error('no rows');
  const rows: Row[] = [];
  for (;;) {
    const batch = await outcome.cursor.read(1000);
    if (batch.length === 0) break;
    rows.push(...batch);
  }
  await outcome.cursor.close();
  return { columns: outcome.columns.map((c) => c.name), rows };
}

/** An export the way query.export and `backbench export` write one. */
async function exportTo(session: DriverSession, table: string, format: RowFormat, file: string): Promise<string> {
  const q = (n: string) => dialectFor(session.engine).quoteIdentifier(n);
  const outcome = await session.execute(`SELECT * FROM ${q(table)} ORDER BY id`, [], never, { wholeValues: true });
  if (outcome.kind !== 'rows') throw new Error('no rows');
  const writer = createRowWriter(format, outcome.columns, { engine: session.engine, table: { schema: null, table } });
  let text = writer.head;
  for (;;) {
    const batch = await outcome.cursor.read(1000);
    if (batch.length === 0) break;
    text += writer.rows(batch);
  }
  text += writer.end();
  await outcome.cursor.close();
  await writeFile(file, text);
  return text;
}

const ENGINES: Engine[] = ['sqlite', 'postgres', 'mysql'];

describe.each(ENGINES)('import and export on %s', (engine) => {
  let dir: string;
  let temp: TempDatabase<ConnectionParams> | null = null;
  let session: DriverSession;
  const q = (n: string) => dialectFor(engine).quoteIdentifier(n);
  const createTable = (name: string) => run(session, `CREATE TABLE ${q(name)} (${DDL[engine]})`);
  const table = (name: string) => ({ schema: null, table: name });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-transfer-'));
    let params: ConnectionParams;
    let password: string | null = null;
    if (engine === 'sqlite') params = { engine: 'sqlite', file: join(dir, 'db.sqlite'), create: true };
    else {
      temp = engine === 'postgres' ? await createPgDatabase() : await createMysqlDatabase();
      params = temp.params;
      password = temp.password;
    }
    session = await openSession({ params, password });
    await createTable('src');
    const columns = ['t', 'd', 'ts', 'j', 'dec', 'big', 'flag', 'r', 'b'] as const;
    for (const [i, row] of ROWS.entries()) {
      const values = columns.map((c) => literal(engine, c, row[c]));
      await run(session, `INSERT INTO src (id, ${columns.map(q).join(', ')}) VALUES (${i + 1}, ${values.join(', ')})`);
    }
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await temp?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['csv', 'tsv', 'json', 'ndjson'] as const)('round-trips every value through %s', async (format) => {
    const file = join(dir, `src.${format}`);
    await exportTo(session, 'src', format, file);
    const target = `dst_${format}`;
    await createTable(target);
    const outcome = await importFile(session, {
      file,
      format: format as ImportFormat,
      table: table(target),
      signal: never,
    });
    expect(outcome).toEqual({ rowsImported: ROWS.length, created: false });
    const before = await select(session, 'SELECT * FROM src ORDER BY id');
    const after = await select(session, `SELECT * FROM ${q(target)} ORDER BY id`);
    // a JSON file nests a JSON column's document: the same document comes back, without the spaces between its
    // tokens (the test's documents have none inside strings); CSV and TSV carry the text as it was
    const compact = (rows: Row[]) =>
      format === 'json' || format === 'ndjson'
        ? rows.map((row) => row.map((v, i) => (i === 4 && typeof v === 'string' ? v.replace(/ /g, '') : v)))
        : rows;
    expect(compact(after.rows)).toEqual(compact(before.rows));
    // NULL and the empty string stay apart
    expect(after.rows[0]![1]).toBe('');
    expect(after.rows[1]![1]).toBeNull();
  });

  it('round-trips through SQL INSERTs run back on the same engine', async () => {
    const file = join(dir, 'src.sql');
    const text = await exportTo(session, 'src', 'sql', file);
    await run(session, `CREATE TABLE ${q('dst_sql')} (${DDL[engine]})`);
    const statements = splitStatements(text.replaceAll(`${q('src')}`, q('dst_sql')), engine);
    expect(statements).toHaveLength(ROWS.length);
    for (const statement of statements) await run(session, statement.text);
    const before = await select(session, 'SELECT * FROM src ORDER BY id');
    const after = await select(session, `SELECT * FROM ${q('dst_sql')} ORDER BY id`);
    expect(after.rows).toEqual(before.rows);
  });

  it('stops at a malformed CSV line, names it, and leaves the table as it was', async () => {
    await createTable('kept');
    await run(session, `INSERT INTO kept (id, t) VALUES (1, 'one'), (2, 'two')`);
    const before = await select(session, 'SELECT * FROM kept ORDER BY id');
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'id,t\n3,three\n4,"four\n5,"fi"ve"\n6,six\n');
    await expect(
      importFile(session, { file, fileName: 'bad.csv', format: 'csv', table: table('kept'), signal: never }),
    ).rejects.toThrow(/^bad\.csv line 4: /);
    const wrongCount = join(dir, 'count.csv');
    writeFileSync(wrongCount, 'id,t\n3,three\n4,four,extra\n');
    await expect(
      importFile(session, {
        file: wrongCount,
        fileName: 'count.csv',
        format: 'csv',
        table: table('kept'),
        signal: never,
      }),
    ).rejects.toThrow(/^count\.csv line 3: /);
    expect(await select(session, 'SELECT * FROM kept ORDER BY id')).toEqual(before);
  });

  it('checks values against the column types before the database does, naming line and column', async () => {
    await createTable('typed');
    await run(session, `INSERT INTO typed (id, t) VALUES (1, 'one')`);
    const before = await select(session, 'SELECT * FROM typed ORDER BY id');
    // 2 000 good rows first, so the bad one is in a later batch than rows already written
    const lines = ['id,t,big'];
    for (let i = 2; i < 2002; i++) lines.push(`${i},row ${i},${i}`);
    lines.push('3000,bad,12abc');
    const file = join(dir, 'typed.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    await expect(
      importFile(session, { file, fileName: 'typed.csv', format: 'csv', table: table('typed'), signal: never }),
    ).rejects.toThrow('typed.csv line 2002, column "big": "12abc" is not a whole number.');
    const json = join(dir, 'typed.ndjson');
    writeFileSync(json, '{"id": 5, "flag": true}\n{"id": 6, "flag": "maybe"}\n');
    await expect(
      importFile(session, {
        file: json,
        fileName: 'typed.ndjson',
        format: 'ndjson',
        table: table('typed'),
        signal: never,
      }),
    ).rejects.toThrow(
      // MySQL's BOOLEAN is a TINYINT
      /^typed\.ndjson line 2, column "flag": "maybe" is not a (boolean \(true\/false\)|whole number)\.$/,
    );
    // a row the database refuses (a duplicate key) rolls back the rows before it too
    const dup = join(dir, 'dup.csv');
    writeFileSync(dup, 'id,t\n7,seven\n1,again\n');
    await expect(
      importFile(session, { file: dup, fileName: 'dup.csv', format: 'csv', table: table('typed'), signal: never }),
    ).rejects.toThrow(/^dup\.csv lines 2–3: /);
    const unknown = join(dir, 'unknown.csv');
    writeFileSync(unknown, 'id,nope\n8,x\n');
    await expect(
      importFile(session, {
        file: unknown,
        fileName: 'unknown.csv',
        format: 'csv',
        table: table('typed'),
        signal: never,
      }),
    ).rejects.toThrow(/^unknown\.csv line 1, column "nope": the table "typed" has no column "nope"/);
    expect(await select(session, 'SELECT * FROM typed ORDER BY id')).toEqual(before);
  });

  /**
   * A file of many parse batches (the worker posts ~128 KiB at a time, the writer takes 500 records at a time
   * and writes up to 1,000 per INSERT), with quoted line breaks before the bad value: its line is counted
   * across all of them, and the rows of the batches written before it are rolled back.
   */
  it('names the line and column of a bad value deep in a large file, and writes nothing', async () => {
    await createTable('large');
    await run(session, `INSERT INTO large (id, t) VALUES (1, 'one')`);
    const before = await select(session, 'SELECT * FROM large ORDER BY id');
    const lines = ['id,t,big,r'];
    let line = 1;
    let badLine = 0;
    for (let i = 2; i <= 40_000; i++) {
      if (i === 29_999) {
        lines.push(`${i},bad,${i},1.5x`);
        badLine = line + 1;
      } else if (i % 97 === 0) lines.push(`${i},"two\nlines, and ""quotes""",${i},${i}.25`);
      else lines.push(`${i},row ${i},,${i}.5`);
      line += i % 97 === 0 ? 2 : 1;
    }
    const file = join(dir, 'large.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    await expect(
      importFile(session, { file, fileName: 'large.csv', format: 'csv', table: table('large'), signal: never }),
    ).rejects.toThrow(`large.csv line ${badLine}, column "r": "1.5x" is not a number.`);
    expect(await select(session, 'SELECT * FROM large ORDER BY id')).toEqual(before);

    // the same file without the bad value: every row, NULL and "" apart, multi-line text intact
    lines[lines.findIndex((l) => l.startsWith('29999,'))] = '29999,"",29999,1.5';
    writeFileSync(file, `${lines.join('\n')}\n`);
    let progressed = 0;
    const outcome = await importFile(session, {
      file,
      fileName: 'large.csv',
      format: 'csv',
      table: table('large'),
      signal: never,
      onProgress: (rows) => (progressed = rows),
    });
    expect(outcome.rowsImported).toBe(39_999);
    expect(progressed).toBe(39_999);
    const counts = await select(
      session,
      `SELECT COUNT(*), COUNT(big), SUM(CASE WHEN t = '' THEN 1 ELSE 0 END) FROM large WHERE id > 1`,
    );
    expect(counts.rows[0]!.map(Number)).toEqual([39_999, 413, 1]);
    const multi = await select(session, 'SELECT t, r FROM large WHERE id = 97');
    expect(multi.rows[0]![0]).toBe('two\nlines, and "quotes"');
    expect(Number(multi.rows[0]![1])).toBe(97.25);
  });

  it('maps fields to columns by an explicit mapping', async () => {
    await createTable('mapped');
    const file = join(dir, 'mapped.csv');
    writeFileSync(file, 'key,label,ignored\n1,first,x\n2,second,y\n');
    await importFile(session, {
      file,
      format: 'csv',
      table: table('mapped'),
      mapping: { key: 'id', label: 't' },
      signal: never,
    });
    expect((await select(session, 'SELECT id, t FROM mapped ORDER BY id')).rows).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
  });

  it('creates a table with types inferred from the whole file', async () => {
    const file = join(dir, 'people.csv');
    writeFileSync(
      file,
      [
        'id,name,price,active,born,seen,huge,note',
        '1,Ada,1.50,true,1815-12-10,2024-02-29T13:14:15,9007199254740993,',
        '2,Bob,2.25,false,1900-01-01,2024-03-01 08:00:00,1,""',
        '3,Cy,3,true,2000-02-29,2024-03-02T00:00:00.5,-5,hello',
      ].join('\n'),
    );
    const outcome = await importFile(session, {
      file,
      format: 'csv',
      table: table('people'),
      create: true,
      signal: never,
    });
    expect(outcome).toEqual({ rowsImported: 3, created: true });
    const types = (await tableColumns(session, engine, table('people'), never)).map((c) => c.dataType?.toLowerCase());
    expect(types).toEqual(
      {
        sqlite: ['integer', 'text', 'real', 'boolean', 'date', 'timestamp', 'integer', 'text'],
        postgres: ['integer', 'text', 'numeric', 'boolean', 'date', 'timestamp without time zone', 'bigint', 'text'],
        mysql: ['int', 'text', 'decimal', 'tinyint', 'date', 'datetime', 'bigint', 'text'],
      }[engine],
    );
    const rows = (await select(session, 'SELECT * FROM people ORDER BY id')).rows;
    expect(rows[0]!.slice(0, 4)).toEqual([1, 'Ada', engine === 'sqlite' ? 1.5 : '1.50', true]);
    expect(rows[0]![6]).toBe('9007199254740993');
    expect(rows[0]![7]).toBeNull();
    expect(rows[1]![7]).toBe('');
  });

  it('does not leave a created table behind when the import fails', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '[\n  {"id": 1, "name": "a"},\n  {"id": 2, "name": "b"\n');
    await expect(
      importFile(session, {
        file,
        fileName: 'broken.json',
        format: 'json',
        table: table('never_made'),
        create: true,
        signal: never,
      }),
    ).rejects.toThrow(/^broken\.json line \d+: /);
    expect(await tableExists(session, engine, table('never_made'), never)).toBe(false);

    // cancelled while writing, after the table was made (MySQL commits CREATE TABLE at once)
    const many = join(dir, 'many.csv');
    writeFileSync(many, `id,name\n${Array.from({ length: 6000 }, (_, i) => `${i},n${i}`).join('\n')}\n`);
    const controller = new AbortController();
    let progressed = 0;
    await expect(
      importFile(session, {
        file: many,
        format: 'csv',
        table: table('never_made'),
        create: true,
        signal: controller.signal,
        onProgress: (rows) => {
          progressed = rows;
          controller.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
    expect(progressed).toBeGreaterThan(0);
    expect(await tableExists(session, engine, table('never_made'), never)).toBe(false);
  });

  it('reads JSON arrays with integers past 2^53 and nested documents exactly', async () => {
    await createTable('from_json');
    const file = join(dir, 'exact.json');
    writeFileSync(
      file,
      '[{"id": 1, "big": 9223372036854775807, "dec": 12345678901234567890.0123456789, "j": {"n": 12345678901234567890}, "t": "x"},\n {"id": 2, "big": null, "j": [1, 2.50]}]',
    );
    await importFile(session, { file, format: 'json', table: table('from_json'), signal: never });
    const rows = (await select(session, `SELECT id, big, ${q('dec')}, j FROM from_json ORDER BY id`)).rows;
    expect(rows[0]!.slice(0, 3)).toEqual([
      1,
      '9223372036854775807',
      engine === 'sqlite' ? '12345678901234567890.0123456789' : '12345678901234567890.0123456789',
    ]);
    expect(String(rows[0]![3])).toMatch(/12345678901234567890/);
    expect(rows[1]!.slice(0, 3)).toEqual([2, null, null]);
  });
});
