import { describe, expect, it } from 'vitest';
import type { Design, DesignTable } from '../../../shared/design';
import type { Engine } from '../../../shared/domain';
import { diffDesigns } from './diff';
import { col, fk, idx, table } from './pull-fixtures';

const design = (dialect: Engine, tables: DesignTable[], enums: Design['enums'] = []): Design => ({
  dialect,
  tables,
  enums,
  note: null,
});
const customers = () =>
  table('customers', {
    columns: [
      col('id', 'integer', { nullable: false, autoIncrement: true }),
      col('email', 'varchar(100)'),
      col('note', 'text'),
    ],
    primaryKey: ['id'],
  });
const orders = () =>
  table('orders', {
    columns: [col('id', 'integer', { nullable: false }), col('customer_id', 'integer')],
    primaryKey: ['id'],
    foreignKeys: [fk('orders_customer_id_fkey', ['customer_id'], 'customers', ['id'])],
  });

describe('diffDesigns', () => {
  it('says exactly "No changes." when in sync, with an empty knex migration', () => {
    const same = diffDesigns(
      design('postgres', [customers(), orders()]),
      design('postgres', [customers(), orders()]),
      [],
    );
    expect(same).toMatchObject({ changes: [], steps: [], sql: 'No changes.', destructive: [] });
    expect(same.knex).toContain('exports.up = async (knex) => {\n};');
  });

  it("takes SQLite's INTEGER PRIMARY KEY as auto-increment whether the design says so or not (the rowid alias)", () => {
    const written = table('tags', {
      columns: [col('id', 'integer', { nullable: false }), col('label', 'varchar(40)')],
      primaryKey: ['id'],
    });
    const pulled = table('tags', {
      columns: [col('id', 'integer', { nullable: false, autoIncrement: true }), col('label', 'varchar(40)')],
      primaryKey: ['id'],
    });
    expect(diffDesigns(design('sqlite', [written]), design('sqlite', [pulled]), []).sql).toBe('No changes.');
    // elsewhere the flag is the column's own: PostgreSQL adds an identity
    const pg = diffDesigns(design('postgres', [written]), design('postgres', [pulled]), []);
    expect(pg.changes.map((c) => c.description)).toEqual(['auto-increment dropped']);
  });

  it('compares names case-sensitively', () => {
    const upper = customers();
    upper.name = 'Customers';
    const diff = diffDesigns(design('postgres', [upper]), design('postgres', [customers()]), []);
    expect(diff.changes.map((c) => [c.kind, c.table])).toEqual([
      ['addTable', 'Customers'],
      ['dropTable', 'customers'],
    ]);
  });

  it('matches an unnamed index or foreign key with a named one on the same columns', () => {
    const wanted = orders();
    wanted.foreignKeys = [fk(null, ['customer_id'], 'customers', ['id'])];
    wanted.indexes = [idx(null, ['customer_id'])];
    const live = orders();
    live.indexes = [idx('orders_customer_id_idx', ['customer_id'])];
    const diff = diffDesigns(design('postgres', [customers(), wanted]), design('postgres', [customers(), live]), []);
    expect(diff.changes).toEqual([]);
  });

  it('offers a dropped and an added column of one type as a rename, applied only when confirmed', () => {
    const wanted = customers();
    wanted.columns[1]!.name = 'mail';
    const live = design('sqlite', [customers()]);
    const offered = diffDesigns(design('sqlite', [wanted]), live, []);
    expect(offered.renameCandidates).toEqual([{ kind: 'column', table: 'customers', from: 'email', to: 'mail' }]);
    expect(offered.changes.map((c) => c.kind)).toEqual(['addColumn', 'dropColumn']);
    expect(offered.destructive).toEqual(['customers.email']);
    const confirmed = diffDesigns(design('sqlite', [wanted]), live, offered.renameCandidates);
    expect(confirmed.changes.map((c) => c.kind)).toEqual(['renameColumn']);
    expect(confirmed.steps.map((s) => s.statements)).toEqual([['alter table `customers` rename `email` to `mail`']]);
  });

  it('offers a dropped and an added table with the same columns as a rename', () => {
    const renamed = customers();
    renamed.name = 'clients';
    const offered = diffDesigns(design('mysql', [renamed]), design('mysql', [customers()]), []);
    expect(offered.renameCandidates).toEqual([{ kind: 'table', table: null, from: 'customers', to: 'clients' }]);
    const confirmed = diffDesigns(design('mysql', [renamed]), design('mysql', [customers()]), offered.renameCandidates);
    expect(confirmed.steps.flatMap((s) => s.statements)).toEqual(['rename table `customers` to `clients`']);
    expect(confirmed.destructive).toEqual([]);
  });

  it('orders steps: foreign keys dropped first, parents created before children, foreign keys added last', () => {
    const child = table('lines', {
      columns: [col('id', 'integer', { nullable: false }), col('order_id', 'integer')],
      primaryKey: ['id'],
      foreignKeys: [fk('lines_order_fk', ['order_id'], 'orders', ['id'])],
    });
    const liveOrders = orders();
    const wantedOrders = orders();
    wantedOrders.foreignKeys = [
      fk('orders_customer_id_fkey', ['customer_id'], 'customers', ['id'], { onDelete: 'cascade' }),
    ];
    // the child comes first in the design; the parent is created first all the same
    const wanted = design('postgres', [
      child,
      customers(),
      wantedOrders,
      table('parent', { columns: [col('id', 'integer')] }),
    ]);
    wanted.tables[0]!.foreignKeys.push(fk('lines_parent_fk', ['id'], 'parent', ['id']));
    const diff = diffDesigns(wanted, design('postgres', [customers(), liveOrders]), []);
    expect(diff.steps.map((s) => s.description)).toEqual([
      'Drop foreign key orders_customer_id_fkey of orders',
      'Create table parent',
      'Create table lines',
      'Add foreign key (order_id) → orders to lines',
      'Add foreign key (id) → parent to lines',
      'Add foreign key (customer_id) → customers to orders',
    ]);
    expect(diff.sql.startsWith('BEGIN;\n\n-- 1. Drop foreign key')).toBe(true);
    expect(diff.sql.endsWith('COMMIT;\n')).toBe(true);
  });

  it('creates a PostgreSQL enum before the table using it and drops one after the columns leave it', () => {
    const moods = table('moods', { columns: [col('m', 'mood')] });
    const diff = diffDesigns(
      design('postgres', [moods], [{ schema: null, name: 'mood', values: ['sad', 'ok'] }]),
      design('postgres', [], [{ schema: null, name: 'old', values: ['x'] }]),
      [],
    );
    expect(diff.steps.map((s) => s.statements[0])).toEqual([
      `CREATE TYPE "mood" AS ENUM ('sad', 'ok')`,
      expect.stringMatching(/^create table "moods"/),
      'DROP TYPE "old"',
    ]);
    const added = diffDesigns(
      design('postgres', [], [{ schema: null, name: 'mood', values: ['sad', 'ok', 'happy'] }]),
      design('postgres', [], [{ schema: null, name: 'mood', values: ['sad', 'ok'] }]),
      [],
    );
    expect(added.steps.flatMap((s) => s.statements)).toEqual([
      `ALTER TYPE "mood" ADD VALUE IF NOT EXISTS 'happy' AFTER 'ok'`,
    ]);
  });

  it('writes note changes as COMMENT ON (PostgreSQL) and COMMENT / MODIFY (MySQL), escaping quotes and backslashes', () => {
    const noted = () => {
      const t = customers();
      t.note = "it's \\ here";
      t.columns.find((c) => c.name === 'note')!.note = 'a note';
      return t;
    };
    const pg = diffDesigns(design('postgres', [noted()]), design('postgres', [customers()]), []);
    expect(pg.changes.map((c) => [c.kind, c.item, c.description])).toEqual([
      ['alterColumn', 'note', 'note added'],
      ['alterTable', null, 'note added'],
    ]);
    expect(pg.steps.flatMap((s) => s.statements)).toEqual([
      `COMMENT ON COLUMN "customers"."note" IS 'a note'`,
      `COMMENT ON TABLE "customers" IS 'it''s \\ here'`,
    ]);
    const back = diffDesigns(design('postgres', [customers()]), design('postgres', [noted()]), []);
    expect(back.steps.flatMap((s) => s.statements)).toEqual([
      `COMMENT ON COLUMN "customers"."note" IS NULL`,
      `COMMENT ON TABLE "customers" IS NULL`,
    ]);
    const my = diffDesigns(design('mysql', [noted()]), design('mysql', [customers()]), []);
    expect(my.steps.flatMap((s) => s.statements)).toEqual([
      "alter table `customers` modify `note` text null comment 'a note'",
      "ALTER TABLE `customers` COMMENT = 'it''s \\\\ here'",
    ]);
    expect(diffDesigns(design('sqlite', [noted()]), design('sqlite', [customers()]), []).sql).toBe('No changes.');
  });

  it('flags drops, narrowings and NOT NULL without a default, each with its reason', () => {
    const wanted = customers();
    wanted.columns = [
      col('id', 'integer', { nullable: false, autoIncrement: true }),
      col('email', 'varchar(20)'),
      col('extra', 'integer', { nullable: false }),
    ];
    const diff = diffDesigns(design('postgres', [wanted]), design('postgres', [customers(), orders()]), []);
    expect(diff.destructive.sort()).toEqual(['customers.email', 'customers.extra', 'customers.note', 'orders']);
    expect(diff.changes.find((c) => c.item === 'email')!.reason).toBe(
      'narrows varchar(100) → varchar(20) (shorter length)',
    );
    expect(diff.steps.filter((s) => s.destructive).length).toBe(4);
    // on an empty table a NOT NULL column without a default is fine
    const empty = diffDesigns(design('postgres', [wanted]), design('postgres', [customers()]), [], {
      rowCounts: { customers: 0 },
    });
    expect(empty.destructive.sort()).toEqual(['customers.email', 'customers.note']);
  });

  it('writes a knex migration file with one knex.raw per statement and a down that reverses it', () => {
    const wanted = customers();
    wanted.columns.push(col('phone', 'varchar(30)'));
    const diff = diffDesigns(design('mysql', [wanted]), design('mysql', [customers()]), []);
    expect(diff.knex).toContain(
      '  // 1. Add column customers.phone\n  await knex.raw("alter table `customers` add `phone` varchar(30)");',
    );
    expect(diff.knex).toContain(
      'exports.down = async (knex) => {\n  // 1. Drop column customers.phone (destructive)\n  await knex.raw("alter table `customers` drop `phone`");\n};',
    );
    expect(diff.sql).toBe('-- 1. Add column customers.phone\nalter table `customers` add `phone` varchar(30);\n');
  });
});

describe('SQLite steps', () => {
  const live = () =>
    design('sqlite', [
      customers(),
      table('orders', {
        columns: [
          col('id', 'integer', { nullable: false, autoIncrement: true }),
          col('customer_id', 'integer'),
          col('status', 'text'),
        ],
        primaryKey: ['id'],
        indexes: [idx('orders_status_idx', ['status'])],
        foreignKeys: [fk(null, ['customer_id'], 'customers', ['id'])],
      }),
    ]);

  it('drops a column nothing depends on with ALTER TABLE, an indexed one by the rebuild', () => {
    const wanted = live();
    wanted.tables[0]!.columns.pop();
    const plain = diffDesigns(wanted, live(), []);
    expect(plain.steps.flatMap((s) => s.statements)).toEqual(['ALTER TABLE `customers` DROP COLUMN `note`']);

    const indexed = live();
    indexed.tables[1]!.columns.pop();
    indexed.tables[1]!.indexes = [];
    const rebuilt = diffDesigns(indexed, live(), []);
    expect(rebuilt.steps).toHaveLength(1);
    expect(rebuilt.steps[0]!.description).toBe('Rebuild table orders (dropColumn, dropIndex)');
  });

  it('rebuilds with the 12 steps: copy, drop, legacy rename, indexes and triggers again, schema check, foreign_key_check', () => {
    const wanted = live();
    const status = wanted.tables[1]!.columns[2]!;
    status.nullable = false;
    status.default = "'open'";
    const trigger = 'CREATE TRIGGER orders_t AFTER INSERT ON orders BEGIN SELECT 1; END';
    const view = 'CREATE VIEW open_orders AS SELECT id FROM orders';
    const diff = diffDesigns(wanted, live(), [], {
      live: {
        sqlite: [
          {
            type: 'table',
            name: 'orders',
            table: 'orders',
            sql: 'CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, customer_id INTEGER REFERENCES customers (id), status TEXT)',
          },
          {
            type: 'index',
            name: 'orders_status_idx',
            table: 'orders',
            sql: 'CREATE INDEX orders_status_idx ON orders (status)',
          },
          { type: 'trigger', name: 'orders_t', table: 'orders', sql: trigger },
          { type: 'view', name: 'open_orders', table: 'open_orders', sql: view },
        ],
      },
    });
    expect(diff.destructive).toEqual([]);
    expect(diff.steps[0]!.statements).toEqual([
      'CREATE TABLE `_bb_new_orders` (\n' +
        '  `id` integer PRIMARY KEY AUTOINCREMENT,\n' +
        '  `customer_id` integer,\n' +
        "  `status` text NOT NULL DEFAULT 'open',\n" +
        '  FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`)\n' +
        ')',
      "INSERT INTO `_bb_new_orders` (`id`, `customer_id`, `status`) SELECT `id`, `customer_id`, COALESCE(`status`, 'open') FROM `orders`",
      'DROP TABLE `orders`',
      // views (and triggers of other tables) that name orders stay as they are: the legacy rename does not check them
      'PRAGMA legacy_alter_table = ON',
      'ALTER TABLE `_bb_new_orders` RENAME TO `orders`',
      'PRAGMA legacy_alter_table = OFF',
      'CREATE INDEX orders_status_idx ON orders (status)',
      trigger,
      // the modern rename of a scratch table checks every trigger and view against the new shape
      'CREATE TABLE "_bb_schema_check" (x)',
      'ALTER TABLE "_bb_schema_check" RENAME TO "_bb_schema_checked"',
      'DROP TABLE "_bb_schema_checked"',
      'PRAGMA foreign_key_check',
    ]);
    expect(diff.sql.startsWith('PRAGMA foreign_keys = OFF;\nBEGIN;\n')).toBe(true);
    expect(diff.sql.endsWith('COMMIT;\nPRAGMA foreign_keys = ON;\n')).toBe(true);
  });
});

describe('MySQL and PostgreSQL column changes', () => {
  it('MySQL renames a column by hand (knex would read its definition from a live connection)', () => {
    const wanted = customers();
    wanted.columns[2]!.name = 'remark';
    const diff = diffDesigns(design('mysql', [wanted]), design('mysql', [customers()]), [
      { kind: 'column', table: 'customers', from: 'note', to: 'remark' },
    ]);
    expect(diff.steps.flatMap((s) => s.statements)).toEqual([
      'ALTER TABLE `customers` RENAME COLUMN `note` TO `remark`',
    ]);
  });

  it('fills NULLs with the default before NOT NULL, keeping every row', () => {
    const wanted = customers();
    Object.assign(wanted.columns[1]!, { nullable: false, default: "'none'" });
    const pg = diffDesigns(design('postgres', [wanted]), design('postgres', [customers()]), []);
    expect(pg.steps.flatMap((s) => s.statements)).toEqual([
      `UPDATE "customers" SET "email" = 'none' WHERE "email" IS NULL`,
      `ALTER TABLE "customers" ALTER COLUMN "email" SET DEFAULT 'none'`,
      'ALTER TABLE "customers" ALTER COLUMN "email" SET NOT NULL',
    ]);
    const my = diffDesigns(design('mysql', [wanted]), design('mysql', [customers()]), []);
    expect(my.steps.flatMap((s) => s.statements)).toEqual([
      "UPDATE `customers` SET `email` = 'none' WHERE `email` IS NULL",
      "alter table `customers` modify `email` varchar(100) not null default 'none'",
    ]);
  });

  it('changes a PostgreSQL type with USING, through knex', () => {
    const wanted = customers();
    wanted.columns[1]!.type = 'varchar(200)';
    const diff = diffDesigns(design('postgres', [wanted]), design('postgres', [customers()]), []);
    expect(diff.steps.flatMap((s) => s.statements)).toEqual([
      'alter table "customers" alter column "email" type varchar(200) using ("email"::varchar(200))',
    ]);
  });

  it('compares checks without casts, each cast only as long as its type name', () => {
    const checked = (expression: string) =>
      design('postgres', [table('t', { columns: [col('a', 'text')], checks: [{ name: 't_a_check', expression }] })]);
    const same = (a: string, b: string) => diffDesigns(checked(a), checked(b), []).changes.length === 0;
    expect(same("(a)::character varying(20) <> ''::character varying AND b < 1", "a <> '' AND b < 1")).toBe(true);
    expect(same("x = ANY (ARRAY['p'::text, 'q'::text]::text[])", "x = ANY (ARRAY['p', 'q'])")).toBe(true);
    expect(same('(n)::numeric(10, 2) > 0::double precision', 'n > 0')).toBe(true);
    expect(same("t >= '2007-01-01'::timestamp(3) with time zone AND b < 1", "t >= '2007-01-01' AND c < 1")).toBe(false);
    expect(same('a::public.mood <> \'x\'::"char" AND b < 1', "a <> 'x' AND b < 1")).toBe(true);
  });
});
