import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Design } from '../../shared/design';
import {
  createMysqlDatabase,
  createPgDatabase,
  MYSQL_URL,
  PG_URL,
  type TempDatabase,
} from '../core/connections/test-databases';
import { formatDbml } from '../core/designer/dbml';
import type { CliIo } from './cli-io';
import { runCli } from './run-cli';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    env: { BACKBENCH_DATA_DIR: join(tmpdir(), 'bb-schema-cli-no-data') },
    waitForStop: () => new Promise(() => {}),
    openUrl: () => undefined,
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

const SHOP = `
CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR(100) NOT NULL, note VARCHAR(200));
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id), total DECIMAL(10,2));
CREATE INDEX orders_customer_idx ON orders (customer_id);
INSERT INTO customers VALUES (1, 'a@x', 'vip'), (2, 'b@x', NULL);
INSERT INTO orders VALUES (10, 1, 12.5);
`;

describe('backbench schema on SQLite files', () => {
  let root: string;
  let shop: string;
  let design: Design;
  const file = (name: string) => join(root, name);
  const write = (name: string, d: Design) => {
    writeFileSync(file(name), formatDbml(d));
    return file(name);
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bb-schema-cli-'));
    shop = file('shop.db');
    const db = new Database(shop);
    db.exec(SHOP);
    db.close();
    const pulled = await run('schema', 'pull', shop, '--format', 'json');
    expect(pulled.code).toBe(0);
    design = JSON.parse(pulled.out) as Design;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('pulls the live schema as JSON and as DBML, to stdout or a file', async () => {
    expect(design.dialect).toBe('sqlite');
    expect(design.tables.map((t) => t.name)).toEqual(['customers', 'orders']);
    const dbml = await run('schema', 'pull', shop, '--out', file('pulled.dbml'));
    expect(dbml).toMatchObject({ code: 0, out: '' });
    expect(readFileSync(file('pulled.dbml'), 'utf8')).toMatch(/Table "?customers"? \{/);
  });

  it('diff says exactly "No changes." for a design in sync, and for a database against itself', async () => {
    const same = await run('schema', 'diff', write('same.dbml', design), shop);
    expect(same).toEqual({ code: 0, out: 'No changes.\n', err: '' });
    const copy = file('copy.db');
    writeFileSync(copy, readFileSync(shop));
    expect(await run('schema', 'diff', copy, shop)).toEqual({ code: 0, out: 'No changes.\n', err: '' });
  });

  it('diff prints the migration as SQL or as a knex file, and changes nothing', async () => {
    const wanted = structuredClone(design);
    wanted.tables[0]!.columns.push({
      name: 'phone',
      type: 'varchar(30)',
      nullable: true,
      default: null,
      unique: false,
      autoIncrement: false,
      note: null,
    });
    const path = write('phone.dbml', wanted);
    const sql = await run('schema', 'diff', path, shop);
    expect(sql.code).toBe(0);
    expect(sql.out).toContain('ALTER TABLE `customers` ADD COLUMN `phone` varchar(30);');
    const knex = await run('schema', 'diff', path, shop, '--format', 'knex');
    expect(knex.out).toContain('exports.up = async (knex) => {');
    expect(knex.out).toContain('await trx.raw("ALTER TABLE `customers` ADD COLUMN `phone` varchar(30)");');
    expect(knex.out).toContain('exports.down');
    expect((await run('schema', 'diff', path, shop)).out).not.toBe('No changes.\n');
  });

  it('apply refuses destructive steps without the flag, naming each and changing nothing', async () => {
    const wanted = structuredClone(design);
    wanted.tables[0]!.columns = wanted.tables[0]!.columns.filter((c) => c.name !== 'note');
    const path = write('no-note.dbml', wanted);
    const refused = await run('schema', 'apply', path, shop);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/destructive changes: customers\.note\b/);
    expect(refused.out).toBe('');
    const db = new Database(shop, { readonly: true });
    expect(db.prepare('SELECT note FROM customers ORDER BY id').all()).toEqual([{ note: 'vip' }, { note: null }]);
    db.close();

    const applied = await run('schema', 'apply', path, shop, '--allow-destructive');
    expect(applied).toMatchObject({ code: 0, out: 'Applied 1 of 1 steps.\n' });
    expect(await run('schema', 'diff', path, shop)).toMatchObject({ code: 0, out: 'No changes.\n' });
    const after = new Database(shop, { readonly: true });
    expect(after.prepare('SELECT * FROM customers ORDER BY id').all()).toEqual([
      { id: 1, email: 'a@x' },
      { id: 2, email: 'b@x' },
    ]);
    after.close();
  });

  it('confirms a rename with --rename, keeping the values', async () => {
    const copy = file('rename.db');
    writeFileSync(copy, readFileSync(shop));
    const wanted = structuredClone(design);
    wanted.tables[0]!.columns.find((c) => c.name === 'email')!.name = 'mail';
    const path = write('mail.dbml', wanted);
    const asDrop = await run('schema', 'apply', path, copy);
    expect(asDrop.code).toBe(1);
    expect(asDrop.err).toContain('customers.email');
    expect(await run('schema', 'apply', path, copy, '--rename', 'customers.email=mail')).toMatchObject({ code: 0 });
    const db = new Database(copy, { readonly: true });
    expect(db.prepare('SELECT mail FROM customers ORDER BY id').all()).toEqual([{ mail: 'a@x' }, { mail: 'b@x' }]);
    db.close();
  });

  it('apply --create makes a new SQLite file from a pulled design (file path or sqlite:); without it, says how', async () => {
    const dbml = file('shop.dbml');
    expect((await run('schema', 'pull', shop, '--out', dbml)).code).toBe(0);
    for (const target of [file('fresh-a.db'), `sqlite:${file('fresh-b.db')}`]) {
      const refused = await run('schema', 'apply', dbml, target);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/no SQLite file at .*fresh-.\.db.*--create/);
      expect(refused.err).not.toMatch(/tick/);
      const made = await run('schema', 'apply', dbml, target, '--create');
      expect(made.code).toBe(0);
      expect((await run('schema', 'diff', dbml, target)).out).toBe('No changes.\n');
    }
  });

  it('fails with exit 1 on a missing design, exit 2 on wrong usage', async () => {
    const missing = await run('schema', 'diff', file('nope.dbml'), shop);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no design file .*nope\.dbml \(FILE_NOT_FOUND\)/);
    expect((await run('schema', 'diff', shop)).code).toBe(2);
    expect((await run('schema', 'pull', shop, '--format', 'xml')).code).toBe(2);
    expect((await run('schema', 'frobnicate', shop)).code).toBe(2);
  });
});

describe('backbench schema apply on MariaDB', () => {
  let db: TempDatabase<{ database: string }>;
  let root: string;
  let url: string;

  beforeAll(async () => {
    db = await createMysqlDatabase();
    root = mkdtempSync(join(tmpdir(), 'bb-schema-cli-my-'));
    url = MYSQL_URL.replace(/\/[^/]*$/, `/${db.params.database}`);
    const mysql = await import('mysql2/promise');
    const admin = await mysql.createConnection(url);
    await admin.query('CREATE TABLE people (id INT PRIMARY KEY, tag VARCHAR(20))');
    await admin.query("INSERT INTO people VALUES (1, 'x'), (2, 'x')");
    await admin.end();
  });
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    await db.drop();
  });

  it('stops at the failing step, saying which and how many stay applied', async () => {
    const pulled = await run('schema', 'pull', url, '--format', 'json');
    const wanted = JSON.parse(pulled.out) as Design;
    const people = wanted.tables[0]!;
    people.columns.push({
      name: 'age',
      type: 'int',
      nullable: true,
      default: null,
      unique: false,
      autoIncrement: false,
      note: null,
    });
    people.indexes.push({ name: 'people_tag_uq', columns: ['tag'], unique: true, type: null, note: null });
    const path = join(root, 'people.dbml');
    writeFileSync(path, formatDbml(wanted));
    const failed = await run('schema', 'apply', path, url);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('[1/2] Add column people.age');
    expect(failed.err).toMatch(
      /step 2 of 2 failed \(Create index people_tag_uq on people\): .*Duplicate.* 1 of 2 steps were applied before it and stay applied\./,
    );
    const again = await run('schema', 'diff', path, url);
    expect(again.out).not.toContain('age');
    expect(again.out).toContain('people_tag_uq');
  });
});

describe('backbench schema between PostgreSQL databases', () => {
  let a: TempDatabase<{ database: string }>;
  let b: TempDatabase<{ database: string }>;
  let root: string;
  const urlOf = (db: TempDatabase<{ database: string }>) => PG_URL.replace(/\/[^/]*$/, `/${db.params.database}`);

  beforeAll(async () => {
    [a, b] = await Promise.all([createPgDatabase(), createPgDatabase()]);
    root = mkdtempSync(join(tmpdir(), 'bb-schema-cli-pg-'));
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: urlOf(a) });
    await client.connect();
    await client.query(`CREATE TYPE mood AS ENUM ('sad', 'happy');
      CREATE TABLE authors (id integer PRIMARY KEY, name varchar(80) NOT NULL, mood mood);
      CREATE TABLE books (id integer PRIMARY KEY, author_id integer REFERENCES authors (id) ON DELETE CASCADE, title text);
      CREATE INDEX books_title_idx ON books (title);`);
    await client.end();
  });
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    await Promise.all([a.drop(), b.drop()]);
  });

  it('diffs a database against an empty one, applies the pulled design, and then both say No changes.', async () => {
    const diff = await run('schema', 'diff', urlOf(a), urlOf(b));
    expect(diff.code).toBe(0);
    expect(diff.out).toMatch(/^BEGIN;\n\n-- 1\. Create enum mood\nCREATE TYPE "mood" AS ENUM \('sad', 'happy'\);/);
    expect(diff.out).toContain('-- 4. Add foreign key (author_id) → authors to books');
    const sql = await run('schema', 'pull', urlOf(a), '--format', 'sql');
    expect(sql.out).toContain('create table "books"');

    const design = join(root, 'a.dbml');
    expect(await run('schema', 'pull', urlOf(a), '--out', design)).toMatchObject({ code: 0 });
    const applied = await run('schema', 'apply', design, urlOf(b));
    expect(applied).toMatchObject({ code: 0, out: 'Applied 4 of 4 steps.\n' });
    expect(await run('schema', 'diff', design, urlOf(b))).toEqual({ code: 0, out: 'No changes.\n', err: '' });
    expect(await run('schema', 'diff', urlOf(a), urlOf(b))).toEqual({ code: 0, out: 'No changes.\n', err: '' });
    expect(await run('schema', 'apply', design, urlOf(b))).toMatchObject({ code: 0, out: 'No changes.\n' });
  });
});
