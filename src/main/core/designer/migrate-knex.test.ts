import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { knex as createKnex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffDesigns } from './diff';
import { pullSqliteDatabase } from './pull';

/** The knex migration file diff writes, run by knex itself on a real SQLite file: up, then down. */
describe('the knex migration file on SQLite', () => {
  let root: string;
  let file: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bb-knex-mig-'));
    file = join(root, 'shop.db');
    const db = new Database(file);
    db.exec(`PRAGMA foreign_keys = ON;
      CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR(100));
      CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id) ON DELETE CASCADE);
      INSERT INTO customers VALUES (1, 'a@x');
      INSERT INTO orders VALUES (10, 1);`);
    db.close();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('rebuilds a parent table without cascading into its children, and down brings the schema back', async () => {
    const db = new Database(file);
    const before = pullSqliteDatabase(db);
    db.close();
    const wanted = structuredClone(before);
    wanted.tables.find((t) => t.name === 'customers')!.columns[1]!.type = 'varchar(200)';
    const diff = diffDesigns(wanted, before, []);
    expect(diff.steps.map((s) => s.description)).toEqual(['Rebuild table customers (alterColumn)']);

    const path = join(root, 'migration.cjs');
    writeFileSync(path, diff.knex);
    const migration = createRequire(import.meta.url)(path) as {
      config: { transaction: boolean };
      up: (k: unknown) => Promise<void>;
      down: (k: unknown) => Promise<void>;
    };
    expect(migration.config).toEqual({ transaction: false });
    const k = createKnex({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true });
    try {
      await k.raw('PRAGMA foreign_keys = ON');
      await migration.up(k);
      expect(await k.raw('SELECT * FROM orders')).toEqual([{ id: 10, customer_id: 1 }]);
      expect(await k.raw("SELECT type FROM pragma_table_info('customers') WHERE name = 'email'")).toEqual([
        { type: 'varchar(200)' },
      ]);
      expect(await k.raw('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      await migration.down(k);
      expect(await k.raw('SELECT * FROM orders')).toEqual([{ id: 10, customer_id: 1 }]);
    } finally {
      await k.destroy();
    }
    const after = new Database(file);
    expect(pullSqliteDatabase(after)).toEqual(before);
    after.close();
  });
});
