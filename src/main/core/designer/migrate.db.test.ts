import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../shared/domain';
import { applyMigration } from './apply';
import { diffAgainstLive } from './diff-live';
import { diffTo, exec, freshDatabase, migrate, never, rows, table, type TestDatabase } from './migrate-harness';
import { pullDesign } from './pull';
import { SQLITE_SCHEMA } from './pull-fixtures';

/** The same small shop on every engine, holding rows; SQLite also has a trigger the rebuild must keep. */
const SHOP = [
  'CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR(100) NOT NULL, name VARCHAR(100), note VARCHAR(200))',
  'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total DECIMAL(10,2), status VARCHAR(20), CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id))',
  'CREATE INDEX orders_status_idx ON orders (status)',
  'CREATE TABLE reviews (id INTEGER PRIMARY KEY, customer_id INTEGER, body VARCHAR(200))',
  "INSERT INTO customers (id, email, name, note) VALUES (1, 'a@x', 'Ann', 'vip'), (2, 'b@x', NULL, NULL), (3, 'c@x', 'Cy', 'new')",
  "INSERT INTO orders (id, customer_id, total, status) VALUES (10, 1, 12.50, 'paid'), (11, 2, 3.00, 'open')",
  "INSERT INTO reviews (id, customer_id, body) VALUES (100, 1, 'good'), (101, 3, 'meh')",
];
const SQLITE_EXTRA = [
  'CREATE TABLE audit (order_id INTEGER, what VARCHAR(20))',
  "CREATE TRIGGER orders_audit AFTER INSERT ON orders BEGIN INSERT INTO audit VALUES (NEW.id, 'created'); END",
];

const ENGINES: Engine[] = ['sqlite', 'postgres', 'mysql'];

describe.each(ENGINES)('migrations on %s tables holding rows', (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshDatabase(engine);
    await exec(db.session, engine === 'sqlite' ? [...SHOP, ...SQLITE_EXTRA] : SHOP);
  });
  afterEach(async () => db.drop());

  const inSync = async (wanted: Parameters<typeof diffTo>[1]) => {
    const again = await diffTo(db.session, wanted);
    expect(again.changes).toEqual([]);
    expect(again.sql).toBe('No changes.');
  };

  it('adds a column, keeping the rows', async () => {
    const { diff, outcome, wanted } = await migrate(db.session, (d) => {
      table(d, 'customers').columns.push({
        name: 'phone',
        type: 'varchar(30)',
        nullable: true,
        default: null,
        unique: false,
        autoIncrement: false,
        note: null,
      });
    });
    expect(diff.changes.map((c) => [c.kind, c.item])).toEqual([['addColumn', 'phone']]);
    expect(outcome).toEqual({ applied: 1, total: 1 });
    expect(await rows(db.session, 'SELECT id, email, phone FROM customers ORDER BY id')).toEqual([
      ['1', 'a@x', null],
      ['2', 'b@x', null],
      ['3', 'c@x', null],
    ]);
    await inSync(wanted);
  });

  it('refuses to drop a column without the flag, changing nothing; drops it with the flag', async () => {
    const edit = (d: Parameters<Parameters<typeof migrate>[1]>[0]) => {
      const t = table(d, 'customers');
      t.columns = t.columns.filter((c) => c.name !== 'note');
    };
    await expect(migrate(db.session, edit)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('customers.note'),
    });
    expect(await rows(db.session, 'SELECT note FROM customers ORDER BY id')).toEqual([['vip'], [null], ['new']]);

    const { diff, outcome, wanted } = await migrate(db.session, edit, { allowDestructive: true });
    expect(diff.destructive).toEqual(['customers.note']);
    expect(outcome.failed).toBeUndefined();
    expect(table(await pullDesign(db.session, null), 'customers').columns.map((c) => c.name)).toEqual([
      'id',
      'email',
      'name',
    ]);
    expect(await rows(db.session, 'SELECT id, email, name FROM customers ORDER BY id')).toEqual([
      ['1', 'a@x', 'Ann'],
      ['2', 'b@x', null],
      ['3', 'c@x', 'Cy'],
    ]);
    await inSync(wanted);
  });

  it('renames a column when the rename is confirmed, else offers it as a candidate', async () => {
    const edit = (d: Parameters<Parameters<typeof migrate>[1]>[0]) => {
      const column = table(d, 'customers').columns.find((c) => c.name === 'name')!;
      column.name = 'full_name';
    };
    const pulled = await pullDesign(db.session, null);
    const wanted = structuredClone(pulled);
    edit(wanted);
    const offered = await diffTo(db.session, wanted);
    expect(offered.renameCandidates).toContainEqual({
      kind: 'column',
      table: 'customers',
      from: 'name',
      to: 'full_name',
    });
    expect(offered.destructive).toEqual(['customers.name']);

    const rename = { kind: 'column' as const, table: 'customers', from: 'name', to: 'full_name' };
    const { diff, outcome } = await migrate(db.session, edit, { renames: [rename] });
    expect(diff.changes.map((c) => c.kind)).toEqual(['renameColumn']);
    expect(diff.destructive).toEqual([]);
    expect(outcome.applied).toBe(1);
    expect(await rows(db.session, 'SELECT full_name FROM customers ORDER BY id')).toEqual([['Ann'], [null], ['Cy']]);
    await inSync(wanted);
  });

  it('widens a type without asking, keeping the values; a narrowing is destructive', async () => {
    const { diff, outcome, wanted } = await migrate(db.session, (d) => {
      table(d, 'customers').columns.find((c) => c.name === 'email')!.type = 'varchar(200)';
    });
    expect(diff.changes).toMatchObject([{ kind: 'alterColumn', item: 'email', destructive: false }]);
    expect(outcome.failed).toBeUndefined();
    expect(await rows(db.session, 'SELECT email FROM customers ORDER BY id')).toEqual([['a@x'], ['b@x'], ['c@x']]);
    await inSync(wanted);

    const narrow = structuredClone(wanted);
    table(narrow, 'customers').columns.find((c) => c.name === 'email')!.type = 'varchar(10)';
    const narrowing = await diffTo(db.session, narrow);
    expect(narrowing.destructive).toEqual(['customers.email']);
    expect(narrowing.changes[0]!.reason).toMatch(/narrows/);
  });

  it('adds a foreign key and an index to tables with rows', async () => {
    const { diff, outcome, wanted } = await migrate(db.session, (d) => {
      const reviews = table(d, 'reviews');
      reviews.foreignKeys.push({
        name: 'reviews_customer_fk',
        columns: ['customer_id'],
        refSchema: null,
        refTable: 'customers',
        refColumns: ['id'],
        onDelete: 'cascade',
        onUpdate: null,
      });
      reviews.indexes.push({ name: 'reviews_body_idx', columns: ['body'], unique: false, type: null, note: null });
    });
    expect(diff.changes.map((c) => c.kind).sort()).toEqual(['addForeignKey', 'addIndex']);
    expect(outcome.failed).toBeUndefined();
    const after = table(await pullDesign(db.session, null), 'reviews');
    expect(after.foreignKeys).toMatchObject([{ columns: ['customer_id'], refTable: 'customers', onDelete: 'cascade' }]);
    expect(after.indexes.map((i) => i.name)).toContain('reviews_body_idx');
    expect(await rows(db.session, 'SELECT id, customer_id, body FROM reviews ORDER BY id')).toEqual([
      ['100', '1', 'good'],
      ['101', '3', 'meh'],
    ]);
    await inSync(wanted);
  });

  it('adds NOT NULL with a default: rows holding NULL get the default', async () => {
    const { diff, outcome, wanted } = await migrate(db.session, (d) => {
      const name = table(d, 'customers').columns.find((c) => c.name === 'name')!;
      name.nullable = false;
      name.default = "'anon'";
    });
    expect(diff.destructive).toEqual([]);
    expect(outcome.failed).toBeUndefined();
    expect(await rows(db.session, 'SELECT name FROM customers ORDER BY id')).toEqual([['Ann'], ['anon'], ['Cy']]);
    await inSync(wanted);
  });

  it('NOT NULL without a default is destructive on a table with rows only', async () => {
    const wanted = structuredClone(await pullDesign(db.session, null));
    table(wanted, 'customers').columns.find((c) => c.name === 'name')!.nullable = false;
    expect((await diffTo(db.session, wanted)).destructive).toEqual(['customers.name']);
    await exec(db.session, ['DELETE FROM orders', 'DELETE FROM reviews', 'DELETE FROM customers']);
    expect((await diffTo(db.session, wanted)).destructive).toEqual([]);
  });

  it('drops a table only with the flag, and renames one when confirmed', async () => {
    const drop = (d: Parameters<Parameters<typeof migrate>[1]>[0]) => {
      d.tables = d.tables.filter((t) => t.name !== 'reviews');
    };
    await expect(migrate(db.session, drop)).rejects.toMatchObject({ message: expect.stringContaining('reviews') });
    expect(await rows(db.session, 'SELECT COUNT(*) FROM reviews')).toEqual([['2']]);

    const rename = (d: Parameters<Parameters<typeof migrate>[1]>[0]) => {
      table(d, 'reviews').name = 'feedback';
    };
    const renamed = await migrate(db.session, rename, {
      renames: [{ kind: 'table', table: null, from: 'reviews', to: 'feedback' }],
    });
    expect(renamed.diff.changes.map((c) => c.kind)).toEqual(['renameTable']);
    expect(await rows(db.session, 'SELECT id, body FROM feedback ORDER BY id')).toEqual([
      ['100', 'good'],
      ['101', 'meh'],
    ]);
    await inSync(renamed.wanted);

    const dropped = await migrate(
      db.session,
      (d) => {
        d.tables = d.tables.filter((t) => t.name !== 'feedback');
      },
      { allowDestructive: true },
    );
    expect(dropped.diff.destructive).toEqual(['feedback']);
    expect((await pullDesign(db.session, null)).tables.map((t) => t.name)).not.toContain('feedback');
  });
});

describe('the SQLite rebuild', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshDatabase('sqlite');
    await exec(db.session, [...SHOP, ...SQLITE_EXTRA]);
  });
  afterEach(async () => db.drop());

  it('keeps foreign keys, indexes and triggers, and passes foreign_key_check', async () => {
    const { diff, outcome, wanted } = await migrate(db.session, (d) => {
      // a type change: SQLite cannot ALTER a column, so orders is rebuilt
      table(d, 'orders').columns.find((c) => c.name === 'status')!.type = 'varchar(40)';
    });
    expect(diff.steps).toHaveLength(1);
    expect(diff.steps[0]!.statements[0]).toMatch(/^CREATE TABLE `_bb_new_orders`/);
    expect(diff.steps[0]!.statements).toContain('PRAGMA foreign_key_check');
    expect(outcome).toEqual({ applied: 1, total: 1 });
    const objects = await rows(
      db.session,
      "SELECT type, name FROM sqlite_master WHERE tbl_name = 'orders' ORDER BY name",
    );
    expect(objects).toEqual([
      ['table', 'orders'],
      ['trigger', 'orders_audit'],
      ['index', 'orders_status_idx'],
    ]);
    expect(table(await pullDesign(db.session, null), 'orders').foreignKeys).toMatchObject([
      { name: 'orders_customer_fk', columns: ['customer_id'], refTable: 'customers' },
    ]);
    expect(await rows(db.session, 'SELECT id, customer_id, total, status FROM orders ORDER BY id')).toEqual([
      ['10', '1', '12.5', 'paid'],
      ['11', '2', '3', 'open'],
    ]);
    // the trigger still fires, and foreign keys are on again
    await exec(db.session, ["INSERT INTO orders (id, customer_id, status) VALUES (12, 3, 'new')"]);
    expect(await rows(db.session, 'SELECT order_id, what FROM audit')).toEqual([['12', 'created']]);
    expect(await rows(db.session, 'PRAGMA foreign_keys')).toEqual([['1']]);
    await inSyncSqlite(db, wanted);
  });

  it('rebuilds a table renamed in the same migration, its trigger and view following the new name', async () => {
    await exec(db.session, ["CREATE VIEW paid_orders AS SELECT id FROM orders WHERE status = 'paid'"]);
    const { outcome, wanted } = await migrate(
      db.session,
      (d) => {
        const orders = table(d, 'orders');
        orders.name = 'purchases';
        orders.columns.find((c) => c.name === 'total')!.type = 'decimal(12,2)';
      },
      { renames: [{ kind: 'table', table: null, from: 'orders', to: 'purchases' }] },
    );
    expect(outcome).toMatchObject({ applied: 2, total: 2 });
    expect(
      await rows(
        db.session,
        "SELECT type, name, tbl_name FROM sqlite_master WHERE name IN ('orders_audit', 'paid_orders', 'orders_status_idx') ORDER BY name",
      ),
    ).toEqual([
      ['trigger', 'orders_audit', 'purchases'],
      ['index', 'orders_status_idx', 'purchases'],
      ['view', 'paid_orders', 'paid_orders'],
    ]);
    expect(await rows(db.session, 'SELECT id FROM paid_orders')).toEqual([['10']]);
    await exec(db.session, ["INSERT INTO purchases (id, customer_id, status) VALUES (13, 1, 'x')"]);
    expect(await rows(db.session, 'SELECT order_id FROM audit')).toEqual([['13']]);
    await inSyncSqlite(db, wanted);
  });

  it('rebuilds every table of the rich pull fixture (hostile names, composite keys, checks) to the design wanted', async () => {
    const rich = await freshDatabase('sqlite');
    try {
      await exec(rich.session, [
        ...SQLITE_SCHEMA,
        "INSERT INTO customers (id, email, score) VALUES (1, 'a@x', 2)",
        'INSERT INTO orders VALUES (1, 7, 3.5)',
        `INSERT INTO "Odd ""Table""" VALUES (5, 1, 7, 'q')`,
      ]);
      const { diff, outcome, wanted } = await migrate(rich.session, (d) => {
        for (const t of d.tables) t.checks.push({ name: `${t.name} ok`, expression: '1 = 1' });
      });
      expect(diff.steps.map((s) => s.description)).toEqual([
        'Rebuild table Odd "Table" (addCheck)',
        'Rebuild table customers (addCheck)',
        'Rebuild table orders (addCheck)',
      ]);
      expect(outcome).toEqual({ applied: 3, total: 3 });
      expect(await pullDesign(rich.session, null)).toEqual(wanted);
      expect(await rows(rich.session, 'SELECT * FROM "Odd ""Table"""')).toEqual([['5', '1', '7', 'q']]);
      expect(await rows(rich.session, 'SELECT customer_id FROM big_orders')).toEqual([]);
      expect(await rows(rich.session, 'PRAGMA foreign_key_check')).toEqual([]);
    } finally {
      await rich.drop();
    }
  });

  it('rolls back when the rebuilt table breaks a foreign key, changing nothing', async () => {
    await exec(db.session, [
      'PRAGMA foreign_keys = OFF',
      "INSERT INTO reviews VALUES (102, 99, 'orphan')",
      'PRAGMA foreign_keys = ON',
    ]);
    const { outcome } = await migrate(db.session, (d) => {
      table(d, 'reviews').foreignKeys.push({
        name: null,
        columns: ['customer_id'],
        refSchema: null,
        refTable: 'customers',
        refColumns: ['id'],
        onDelete: null,
        onUpdate: null,
      });
    });
    expect(outcome.applied).toBe(0);
    expect(outcome.failed).toMatchObject({ step: 0, message: expect.stringContaining('Foreign key check failed') });
    expect(table(await pullDesign(db.session, null), 'reviews').foreignKeys).toEqual([]);
    expect(await rows(db.session, 'SELECT COUNT(*) FROM reviews')).toEqual([['3']]);
  });
});

async function inSyncSqlite(db: TestDatabase, wanted: Parameters<typeof diffTo>[1]): Promise<void> {
  expect((await diffTo(db.session, wanted)).sql).toBe('No changes.');
}

describe.each(['postgres', 'mysql'] as Engine[])('column comments on %s', (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshDatabase(engine);
    await exec(db.session, SHOP);
  });
  afterEach(async () => db.drop());

  it('keeps a column comment through a type change, and writes one for a new column', async () => {
    await exec(db.session, [
      engine === 'mysql'
        ? "ALTER TABLE customers MODIFY email VARCHAR(100) NOT NULL COMMENT 'login'"
        : "COMMENT ON COLUMN customers.email IS 'login'",
    ]);
    const { outcome, wanted } = await migrate(db.session, (d) => {
      const customers = table(d, 'customers');
      customers.columns.find((c) => c.name === 'email')!.type = 'varchar(150)';
      customers.columns.push({
        name: 'phone',
        type: 'varchar(30)',
        nullable: true,
        default: null,
        unique: false,
        autoIncrement: false,
        note: 'mobile',
      });
    });
    expect(outcome.failed).toBeUndefined();
    const after = table(await pullDesign(db.session, null), 'customers');
    expect(after.columns.filter((c) => c.note !== null).map((c) => [c.name, c.type, c.note])).toEqual([
      ['email', 'varchar(150)', 'login'],
      ['phone', 'varchar(30)', 'mobile'],
    ]);
    await inSync(db, wanted);
  });
});

async function inSync(db: TestDatabase, wanted: Parameters<typeof diffTo>[1]): Promise<void> {
  expect((await diffTo(db.session, wanted)).sql).toBe('No changes.');
}

describe('PostgreSQL in a schema of its own', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshDatabase('postgres');
    await exec(db.session, [
      'CREATE SCHEMA mig_t1',
      "CREATE TYPE mig_t1.level AS ENUM ('lo', 'hi')",
      'CREATE TABLE mig_t1.people (id integer PRIMARY KEY, name varchar(40), level mig_t1.level)',
      "INSERT INTO mig_t1.people VALUES (1, 'Ann', 'lo'), (2, 'Bo', NULL)",
    ]);
  });
  afterEach(async () => db.drop());

  it('qualifies every statement with the schema, and a fresh diff of the schema says No changes.', async () => {
    const live = await pullDesign(db.session, 'mig_t1');
    const wanted = structuredClone(live);
    wanted.enums[0]!.values.push('top');
    const people = table(wanted, 'people');
    people.columns.find((c) => c.name === 'name')!.type = 'varchar(80)';
    people.indexes.push({ name: 'people_name_idx', columns: ['name'], unique: false, type: null, note: null });
    wanted.tables.push({
      ...structuredClone(people),
      name: 'pets',
      columns: [people.columns[0]!, { ...people.columns[0]!, name: 'owner_id', nullable: true }],
      indexes: [],
      foreignKeys: [
        {
          name: null,
          columns: ['owner_id'],
          refSchema: null,
          refTable: 'people',
          refColumns: ['id'],
          onDelete: null,
          onUpdate: null,
        },
      ],
    });
    const diff = await diffAgainstLive(db.session, wanted, live, [], never);
    expect(diff.sql).toContain('ALTER TYPE "mig_t1"."level" ADD VALUE');
    expect(diff.sql).toContain('create index "people_name_idx" on "mig_t1"."people"');
    const outcome = await applyMigration(db.session, diff, {
      allowDestructive: false,
      signal: never,
      onProgress: () => undefined,
    });
    expect(outcome.failed).toBeUndefined();
    const after = await pullDesign(db.session, 'mig_t1');
    expect(after.tables.map((t) => [t.schema, t.name])).toEqual([
      ['mig_t1', 'people'],
      ['mig_t1', 'pets'],
    ]);
    expect(await rows(db.session, 'SELECT id, name, level FROM mig_t1.people ORDER BY id')).toEqual([
      ['1', 'Ann', 'lo'],
      ['2', 'Bo', null],
    ]);
    expect((await diffAgainstLive(db.session, wanted, after, [], never)).sql).toBe('No changes.');
  });
});

describe('MariaDB step by step', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshDatabase('mysql');
    await exec(db.session, SHOP);
  });
  afterEach(async () => db.drop());

  it('reports the step that failed and keeps the steps applied before it', async () => {
    const wanted = structuredClone(await pullDesign(db.session, null));
    const customers = table(wanted, 'customers');
    customers.columns.push({
      name: 'phone',
      type: 'varchar(30)',
      nullable: true,
      default: null,
      unique: false,
      autoIncrement: false,
      note: null,
    });
    // two rows hold 'x' after the update below: the unique index cannot be made
    customers.indexes.push({ name: 'customers_domain_uq', columns: ['note'], unique: true, type: null, note: null });
    await exec(db.session, ["UPDATE customers SET note = 'x'"]);
    const diff = await diffTo(db.session, wanted);
    const progress: [number, number | null][] = [];
    const outcome = await applyMigration(db.session, diff, {
      allowDestructive: false,
      signal: never,
      onProgress: (applied, step) => progress.push([applied, step?.index ?? null]),
    });
    expect(diff.steps.map((s) => s.description)).toEqual([
      'Add column customers.phone',
      'Create index customers_domain_uq on customers',
    ]);
    expect(outcome).toMatchObject({
      applied: 1,
      total: 2,
      failed: {
        step: 1,
        description: 'Create index customers_domain_uq on customers',
        message: expect.stringMatching(/Duplicate/i),
      },
    });
    expect(progress).toEqual([
      [0, 0],
      [1, 1],
      [1, null],
    ]);
    expect(table(await pullDesign(db.session, null), 'customers').columns.map((c) => c.name)).toContain('phone');
  });
});
