import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchemaTree, TableInfo } from '../../../shared/domain';
import type { DriverSession } from '../connections/driver-adapter';
import { openSession } from '../connections/open-session';
import { createMysqlDatabase, createPgDatabase } from '../connections/test-databases';

const never = new AbortController().signal;

/** The same small shop on every engine: a composite key, a composite FK with actions, an index, a view. */
const SHOP = [
  "CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR(100) NOT NULL, name VARCHAR(100) DEFAULT 'anon')",
  'CREATE UNIQUE INDEX customers_email_idx ON customers (email)',
  'CREATE TABLE orders (customer_id INTEGER NOT NULL, order_no INTEGER NOT NULL, total DECIMAL(10,2), PRIMARY KEY (customer_id, order_no), FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE)',
  'CREATE TABLE order_items (id INTEGER PRIMARY KEY, customer_id INTEGER, order_no INTEGER, sku VARCHAR(20), CONSTRAINT items_order_fk FOREIGN KEY (customer_id, order_no) REFERENCES orders (customer_id, order_no) ON UPDATE CASCADE ON DELETE SET NULL)',
  'CREATE INDEX items_sku_idx ON order_items (sku)',
  'CREATE VIEW big_orders AS SELECT customer_id, order_no FROM orders WHERE total > 100',
  "INSERT INTO customers (id, email) VALUES (1, 'a@x'), (2, 'b@x')",
  'INSERT INTO orders VALUES (1, 1, 10), (1, 2, 200), (2, 1, 5)',
];

async function build(session: DriverSession): Promise<void> {
  for (const sql of SHOP) await session.execute(sql, [], never);
}

function table(tree: Omit<SchemaTree, 'connectionId'>, schema: string, name: string): TableInfo {
  const found = tree.schemas.find((s) => s.name === schema)?.tables.find((t) => t.name === name);
  if (!found)
    throw new Error(
      `no ${schema}.${name} in ${JSON.stringify(tree.schemas.map((s) => [s.name, s.tables.map((t) => t.name)]))}`,
    );
  return found;
}

/** Checks what every engine must report the same way. */
function expectShop(tree: Omit<SchemaTree, 'connectionId'>, schema: string): void {
  const customers = table(tree, schema, 'customers');
  expect(customers.kind).toBe('table');
  expect(customers.columns.map((c) => [c.name, c.nullable, c.primaryKey, c.primaryKeyOrdinal])).toEqual([
    ['id', false, true, 1],
    ['email', false, false, null],
    ['name', true, false, null],
  ]);
  expect(customers.columns[2]!.defaultValue).toMatch(/anon/);
  expect(customers.indexes.find((i) => i.name === 'customers_email_idx')).toMatchObject({
    columns: ['email'],
    unique: true,
    primary: false,
  });

  const orders = table(tree, schema, 'orders');
  expect(orders.columns.filter((c) => c.primaryKey).map((c) => [c.name, c.primaryKeyOrdinal])).toEqual([
    ['customer_id', 1],
    ['order_no', 2],
  ]);
  expect(orders.foreignKeys).toHaveLength(1);
  expect(orders.foreignKeys[0]).toMatchObject({
    columns: ['customer_id'],
    referencedTable: 'customers',
    referencedColumns: ['id'],
    onDelete: 'CASCADE',
  });

  const items = table(tree, schema, 'order_items');
  expect(items.foreignKeys).toHaveLength(1);
  expect(items.foreignKeys[0]).toMatchObject({
    columns: ['customer_id', 'order_no'],
    referencedTable: 'orders',
    referencedColumns: ['customer_id', 'order_no'],
    onUpdate: 'CASCADE',
    onDelete: 'SET NULL',
  });
  expect(items.indexes.find((i) => i.name === 'items_sku_idx')).toMatchObject({
    columns: ['sku'],
    unique: false,
    primary: false,
  });

  const view = table(tree, schema, 'big_orders');
  expect(view.kind).toBe('view');
  expect(view.columns.map((c) => c.name)).toEqual(['customer_id', 'order_no']);
  expect(view.rowCount).toBeNull();
}

describe('introspection: SQLite', () => {
  let dir: string;
  let session: DriverSession;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-introspect-'));
    session = await openSession({
      params: { engine: 'sqlite', file: join(dir, 'shop.db'), create: true },
      password: null,
    });
    await build(session);
  });
  afterAll(async () => {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads tables, views, keys and indexes with exact row counts', async () => {
    const tree = await session.introspect();
    expect(tree).toMatchObject({ engine: 'sqlite', defaultSchema: 'main' });
    expectShop(tree, 'main');
    expect(table(tree, 'main', 'orders')).toMatchObject({ rowCount: 3, rowCountExact: true });
    expect(table(tree, 'main', 'orders').indexes.some((i) => i.primary)).toBe(true);
  });
});

describe('introspection: PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createPgDatabase>>;
  let session: DriverSession;
  beforeAll(async () => {
    db = await createPgDatabase();
    session = await openSession({ params: db.params, password: db.password });
    await build(session);
    await session.execute('CREATE SCHEMA sales', [], never);
    await session.execute(
      'CREATE TABLE sales.leads (id int PRIMARY KEY, customer_id int REFERENCES public.customers (id))',
      [],
      never,
    );
    await session.execute('ANALYZE', [], never);
  });
  afterAll(async () => {
    await session?.close();
    await db?.drop();
  });

  it('reads every user schema with estimated row counts', async () => {
    const tree = await session.introspect();
    expect(tree).toMatchObject({ engine: 'postgres', defaultSchema: 'public' });
    expect(tree.schemas.map((s) => s.name)).toEqual(['public', 'sales']);
    expectShop(tree, 'public');
    expect(table(tree, 'public', 'orders')).toMatchObject({ rowCount: 3, rowCountExact: false });
    expect(table(tree, 'public', 'orders').indexes.find((i) => i.primary)).toMatchObject({
      columns: ['customer_id', 'order_no'],
      unique: true,
    });
    expect(table(tree, 'sales', 'leads').foreignKeys[0]).toMatchObject({
      referencedSchema: 'public',
      referencedTable: 'customers',
      onDelete: 'NO ACTION',
    });
  });

  it('marks generated columns, without passing their expression off as a default', async () => {
    await session.execute('CREATE TABLE gen (a int, twice int GENERATED ALWAYS AS (a * 2) STORED)', [], never);
    const gen = table(await session.introspect(), 'public', 'gen');
    expect(gen.columns.map((c) => [c.name, c.generated ?? null, c.defaultValue])).toEqual([
      ['a', null, null],
      ['twice', 'stored', null],
    ]);
  });
});

describe('introspection: MySQL/MariaDB', () => {
  let db: Awaited<ReturnType<typeof createMysqlDatabase>>;
  let session: DriverSession;
  beforeAll(async () => {
    db = await createMysqlDatabase();
    session = await openSession({ params: db.params, password: db.password });
    await build(session);
  });
  afterAll(async () => {
    await session?.close();
    await db?.drop();
  });

  it('reads the connected database with estimated row counts', async () => {
    const tree = await session.introspect();
    expect(tree).toMatchObject({ engine: 'mysql', defaultSchema: db.params.database });
    expectShop(tree, db.params.database);
    const orders = table(tree, db.params.database, 'orders');
    expect(orders.rowCountExact).toBe(false);
    expect(orders.indexes.find((i) => i.primary)).toMatchObject({
      name: 'PRIMARY',
      columns: ['customer_id', 'order_no'],
    });
  });

  it('marks generated columns virtual or stored', async () => {
    await session.execute(
      'CREATE TABLE gen (a INT, twice INT AS (a * 2) VIRTUAL, thrice INT AS (a * 3) STORED)',
      [],
      never,
    );
    const gen = table(await session.introspect(), db.params.database, 'gen');
    expect(gen.columns.map((c) => [c.name, c.generated ?? null])).toEqual([
      ['a', null],
      ['twice', 'virtual'],
      ['thrice', 'stored'],
    ]);
  });
});
