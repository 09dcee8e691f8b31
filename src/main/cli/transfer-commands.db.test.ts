import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../shared/domain';
import {
  createMysqlDatabase,
  createPgDatabase,
  MYSQL_URL,
  PG_URL,
  type TempDatabase,
} from '../core/connections/test-databases';
import type { CliIo } from './cli-io';
import { runCli } from './run-cli';

/** `backbench import` and `backbench export` on the three engines, in-process like cli.db.test.ts. */

function capture(env: Record<string, string | undefined>) {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    env,
    waitForStop: () => new Promise(() => undefined),
    openUrl: () => undefined,
  };
  return { io, out: () => out, err: () => err };
}

const CSV =
  'id,name,price,born,note\n1,Ada,1.50,1815-12-10,""\n2,"Bo ""b""",,1900-01-01,\n3,Zoë,3.25,2000-02-29,"two\nlines"\n';

describe.each(['sqlite', 'postgres', 'mysql'] as Engine[])('backbench import / export on %s', (engine) => {
  let root: string;
  let target: string;
  let temp: TempDatabase<unknown> | null = null;
  const run = async (...argv: string[]) => {
    const c = capture({ BACKBENCH_DATA_DIR: join(root, 'data') });
    const code = await runCli(argv, c.io);
    return { code, out: c.out(), err: c.err() };
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bb-cli-transfer-'));
    if (engine === 'sqlite') {
      target = join(root, 'db.sqlite');
      new Database(target).close();
    } else {
      temp = engine === 'postgres' ? await createPgDatabase() : await createMysqlDatabase();
      const params = temp.params as { database: string };
      const base = engine === 'postgres' ? PG_URL : MYSQL_URL;
      target = base.replace(/\/[^/]*$/, `/${params.database}`);
    }
    writeFileSync(join(root, 'people.csv'), CSV);
  }, 60_000);

  afterAll(async () => {
    await temp?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('imports with --create, prints the count, and exports the same rows back in every format', async () => {
    const imported = await run('import', target, 'people', join(root, 'people.csv'), '--create');
    expect(imported.err).toBe('');
    expect(imported).toMatchObject({ code: 0, out: 'Imported 3 rows into people\n' });

    const csv = await run('export', target, '--sql', 'select * from people order by id', '--format', 'csv');
    expect(csv.code).toBe(0);
    // SQLite keeps 1.50 as the REAL 1.5; the servers' numeric types keep the digits
    expect(csv.out).toBe(engine === 'sqlite' ? CSV.replace('1.50', '1.5') : CSV);

    const json = await run(
      'export',
      target,
      '--sql',
      'select id, name, note from people order by id',
      '--format',
      'json',
    );
    expect(JSON.parse(json.out)).toEqual([
      { id: 1, name: 'Ada', note: '' },
      { id: 2, name: 'Bo "b"', note: null },
      { id: 3, name: 'Zoë', note: 'two\nlines' },
    ]);

    const ndjson = await run('export', target, 'people', '--format', 'ndjson');
    expect(ndjson.out.trimEnd().split('\n')).toHaveLength(3);

    // --out writes the file; sql INSERTs run back into an empty copy of the table
    const out = join(root, 'people.sql');
    const sql = await run('export', target, 'people', '--out', out);
    expect(sql).toMatchObject({ code: 0, out: '' });
    const statements = readFileSync(out, 'utf8').trimEnd().split(';\n');
    expect(statements).toHaveLength(3);
    expect(statements[0]).toMatch(/^insert into [`"]people[`"] \(/);

    const tsv = join(root, 'people.tsv');
    await run('export', target, 'people', '--out', tsv);
    const again = await run('import', target, 'people_copy', tsv, '--create');
    expect(again).toMatchObject({ code: 0, out: 'Imported 3 rows into people_copy\n' });
    const copy = await run('export', target, '--sql', 'select * from people_copy order by id');
    expect(copy.out).toBe(csv.out);
  });

  it('exits 1 with one line naming the file, line and column of a bad value; the table is unchanged', async () => {
    const bad = join(root, 'bad.csv');
    writeFileSync(bad, 'id,name,price,born,note\n4,Dee,1,2001-01-01,x\n5,Eve,cheap,2001-01-02,y\n');
    const result = await run('import', target, 'people', bad);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toBe(`backbench: ${bad} line 3, column "price": "cheap" is not a number. (INVALID_INPUT)\n`);
    const count = await run('export', target, '--sql', 'select count(*) as n from people', '--format', 'json');
    expect(JSON.parse(count.out)).toEqual([{ n: 3 }]);

    const malformed = join(root, 'malformed.csv');
    // the record starts on line 2; the stray quote is found on line 3
    writeFileSync(malformed, 'id,name\n4,"Dee\n5,Eve"x\n');
    const broken = await run('import', target, 'people', malformed);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(
      new RegExp(`^backbench: ${malformed.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} line 3: .*\\(INVALID_INPUT\\)\\n$`),
    );
  });

  it('says what is wrong with the invocation (exit 2)', async () => {
    expect((await run('import', target, 'people')).code).toBe(2);
    const unknown = await run('import', target, 'people', join(root, 'people.txt'));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--format csv\|tsv\|json\|ndjson/);
    expect((await run('export', target, 'people', '--format', 'xml')).code).toBe(2);
    const missing = await run('import', target, 'nowhere', join(root, 'people.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/Table "nowhere" does not exist/);
  });
});
