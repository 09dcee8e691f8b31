import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Design } from '../../../shared/design';
import type { DriverSession } from '../connections/driver-adapter';
import { openSession } from '../connections/open-session';
import { createScript } from './ddl';
import { pullDesign, pullSqliteDatabase } from './pull';
import { SQLITE_SCHEMA, col, fk, idx, runScript, table } from './pull-fixtures';
import { parseCreateTable } from './pull-sqlite';

const never = new AbortController().signal;

/** What SQLITE_SCHEMA pulls as: every SQLite rule of pull-normalize.ts shows here. */
const SQLITE_EXPECTED: Design = {
  dialect: 'sqlite',
  tables: [
    table('Odd "Table"', {
      columns: [
        col('Weird Col', 'integer', { nullable: false, autoIncrement: true }),
        col('customer_id', 'int'),
        col('order_no', 'int'),
        col('select', 'varchar(20)', { default: "'x''y'" }),
      ],
      primaryKey: ['Weird Col'],
      indexes: [idx('Odd Index', ['order_no', 'Weird Col'])],
      foreignKeys: [
        fk('fk "items"', ['customer_id', 'order_no'], 'orders', ['customer_id', 'order_no'], {
          onDelete: 'set null',
          onUpdate: 'cascade',
        }),
        fk(null, ['customer_id'], 'customers', ['id']),
      ],
      checks: [{ name: 'Weird check', expression: '"Weird Col" > 0' }],
    }),
    table('customers', {
      columns: [
        col('id', 'integer', { nullable: false, autoIncrement: true }),
        col('email', 'varchar(255)', { nullable: false, unique: true }),
        col('name', 'text', { default: "'anon'" }),
        col('score', 'decimal(10,2)', { default: '-1.5' }),
        col('active', 'boolean', { nullable: false, default: '1' }),
        col('created_at', 'text', { nullable: false, default: 'CURRENT_TIMESTAMP' }),
        col('born', 'text', { default: "date('now')" }),
        col('blob_col', 'blob'),
        col('nada', 'text'),
      ],
      primaryKey: ['id'],
      indexes: [
        idx('customers_lower_email', ['`lower(email)`']),
        idx('customers_name_idx', ['name'], { unique: true }),
      ],
      checks: [{ name: 'score_positive', expression: 'score >= 0' }],
    }),
    table('orders', {
      columns: [
        col('customer_id', 'integer', { nullable: false }),
        col('order_no', 'integer', { nullable: false }),
        col('total', 'real'),
      ],
      primaryKey: ['customer_id', 'order_no'],
      indexes: [idx(null, ['total', 'order_no'], { unique: true })],
      foreignKeys: [fk(null, ['customer_id'], 'customers', ['id'], { onDelete: 'cascade' })],
      checks: [{ name: null, expression: 'total >= 0' }],
    }),
  ],
  enums: [],
  note: null,
};

describe('designer pull: SQLite', () => {
  let dir: string;
  let sessions: DriverSession[];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-pull-'));
    sessions = await Promise.all(
      ['source.db', 'target.db'].map((file) =>
        openSession({ params: { engine: 'sqlite', file: join(dir, file), create: true }, password: null }),
      ),
    );
  });
  afterEach(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads tables (no views), types, defaults, keys, indexes and checks through a session', async () => {
    for (const sql of SQLITE_SCHEMA) await sessions[0]!.execute(sql, [], never);
    expect(await pullDesign(sessions[0]!, null)).toEqual(SQLITE_EXPECTED);
  });

  it('reads the same design from a database opened in this process (pullSqliteDatabase)', () => {
    const db = new Database(':memory:');
    try {
      for (const sql of SQLITE_SCHEMA) db.exec(sql);
      expect(pullSqliteDatabase(db)).toEqual(SQLITE_EXPECTED);
    } finally {
      db.close();
    }
  });

  it('gives the same design back from its own CREATE script run into an empty database', async () => {
    for (const sql of SQLITE_SCHEMA) await sessions[0]!.execute(sql, [], never);
    const pulled = await pullDesign(sessions[0]!, null);
    await runScript(sessions[1]!, createScript(pulled));
    expect(await pullDesign(sessions[1]!, null)).toEqual(pulled);
  });

  it('reads a WITHOUT ROWID key as NOT NULL and an INT (not INTEGER) key as no rowid alias', () => {
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE w (k TEXT PRIMARY KEY, v INT) WITHOUT ROWID');
      db.exec('CREATE TABLE n (id INT PRIMARY KEY)');
      expect(pullSqliteDatabase(db).tables).toEqual([
        table('n', { columns: [col('id', 'int')], primaryKey: ['id'] }),
        table('w', { columns: [col('k', 'text', { nullable: false }), col('v', 'int')], primaryKey: ['k'] }),
      ]);
    } finally {
      db.close();
    }
  });
});

describe('parseCreateTable', () => {
  it('finds column and table checks with their names, and names of table-level foreign keys', () => {
    const parsed = parseCreateTable(
      `CREATE TABLE t (a INT CHECK (a > (0)) REFERENCES p, b TEXT CONSTRAINT "b ok" CHECK (b <> 'CHECK (x)'),
        CONSTRAINT [my fk] FOREIGN KEY (a, "b") REFERENCES "P q" (x, y), CHECK (a < 10))`,
    );
    expect(parsed).toEqual({
      checks: [
        { name: null, expression: 'a > (0)' },
        { name: 'b ok', expression: "b <> 'CHECK (x)'" },
        { name: null, expression: 'a < 10' },
      ],
      foreignKeys: [{ name: 'my fk', columns: ['a', 'b'], refTable: 'P q' }],
    });
  });
});
