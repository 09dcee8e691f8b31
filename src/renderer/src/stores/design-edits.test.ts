import { describe, expect, it } from 'vitest';
import type { Design, DesignTable } from '../../../shared/design';
import { EMPTY_LAYOUT } from '../../../shared/design';
import {
  addColumn,
  addForeignKey,
  addTable,
  deleteColumn,
  deleteTables,
  isOneToOne,
  neighbourhood,
  renameColumn,
  renameTable,
  togglePrimaryKey,
  type DesignState,
} from './design-edits';

const column = (name: string, extra: Partial<DesignTable['columns'][number]> = {}) => ({
  name,
  type: 'integer',
  nullable: false,
  default: null,
  unique: false,
  autoIncrement: false,
  note: null,
  ...extra,
});
const table = (name: string, columns: string[], extra: Partial<DesignTable> = {}): DesignTable => ({
  schema: null,
  name,
  columns: columns.map((c) => column(c)),
  primaryKey: ['id'],
  indexes: [],
  foreignKeys: [],
  checks: [],
  note: null,
  ...extra,
});

function shop(): DesignState {
  const design: Design = {
    dialect: 'postgres',
    enums: [],
    note: null,
    tables: [
      table('customers', ['id', 'email']),
      table('orders', ['id', 'customer_id'], {
        indexes: [{ name: null, columns: ['customer_id'], unique: false, type: null, note: null }],
        foreignKeys: [
          {
            name: null,
            columns: ['customer_id'],
            refSchema: null,
            refTable: 'customers',
            refColumns: ['id'],
            onDelete: null,
            onUpdate: null,
          },
        ],
      }),
      table('items', ['id', 'order_id']),
    ],
  };
  return { design, layout: { ...EMPTY_LAYOUT, tables: { customers: { x: 0, y: 0 }, orders: { x: 300, y: 0 } } } };
}

describe('design edits', () => {
  it('renaming a table moves its position and the foreign keys pointing at it', () => {
    const next = renameTable(shop(), 'customers', 'clients');
    expect(next.design.tables[0]?.name).toBe('clients');
    expect(next.design.tables[1]?.foreignKeys[0]?.refTable).toBe('clients');
    expect(next.layout.tables.clients).toEqual({ x: 0, y: 0 });
    expect(next.layout.tables.customers).toBeUndefined();
    // a name another table has is refused
    expect(renameTable(shop(), 'customers', 'orders')).toEqual(shop());
  });

  it('renaming a table or a column carries to its groups, <> references and records', () => {
    const base = shop();
    base.design.groups = [{ name: 'sales', tables: ['customers', 'orders'], note: null, color: null }];
    base.design.records = [{ table: 'customers', text: "Records customers(id, email) {\n  1, 'a@b.c'\n}" }];
    base.design.manyToMany = [
      {
        name: null,
        schema: null,
        table: 'items',
        columns: ['id'],
        refSchema: null,
        refTable: 'customers',
        refColumns: ['email'],
      },
    ];
    let s = renameTable(base, 'customers', 'the clients');
    expect(s.design.groups![0]!.tables).toEqual(['the clients', 'orders']);
    expect(s.design.records![0]!.table).toBe('the clients');
    expect(s.design.manyToMany![0]).toMatchObject({ table: 'items', refTable: 'the clients' });
    s = renameColumn(s, 'the clients', 'email', 'e mail');
    expect(s.design.records![0]!.text).toBe(`Records "the clients"(id, "e mail") {\n  1, 'a@b.c'\n}`);
    expect(s.design.manyToMany![0]!.refColumns).toEqual(['e mail']);
    // another table's column of the same name is not theirs
    expect(renameColumn(s, 'items', 'id', 'item_id').design.records).toEqual(s.design.records);
  });

  it('renaming a column carries to the primary key, indexes, own and others’ foreign keys', () => {
    let s = renameColumn(shop(), 'customers', 'id', 'customer_no');
    expect(s.design.tables[0]?.primaryKey).toEqual(['customer_no']);
    expect(s.design.tables[1]?.foreignKeys[0]?.refColumns).toEqual(['customer_no']);
    s = renameColumn(s, 'orders', 'customer_id', 'client_id');
    expect(s.design.tables[1]?.indexes[0]?.columns).toEqual(['client_id']);
    expect(s.design.tables[1]?.foreignKeys[0]?.columns).toEqual(['client_id']);
  });

  it('deleting a column or a table drops the indexes and foreign keys that used it', () => {
    const noId = deleteColumn(shop(), 'customers', 'id');
    expect(noId.design.tables[0]?.primaryKey).toEqual([]);
    expect(noId.design.tables[1]?.foreignKeys).toEqual([]);
    const noFk = deleteColumn(shop(), 'orders', 'customer_id');
    expect(noFk.design.tables[1]?.indexes).toEqual([]);
    expect(noFk.design.tables[1]?.foreignKeys).toEqual([]);
    const gone = deleteTables(shop(), ['customers']);
    expect(gone.design.tables.map((t) => t.name)).toEqual(['orders', 'items']);
    expect(gone.design.tables[0]?.foreignKeys).toEqual([]);
    expect(gone.layout.tables.customers).toBeUndefined();
  });

  it('keeps untouched tables by reference (only the edited node re-renders)', () => {
    const before = shop();
    const after = addColumn(before, 'items', 'qty').state;
    expect(after.design.tables[0]).toBe(before.design.tables[0]);
    expect(after.design.tables[2]).not.toBe(before.design.tables[2]);
  });

  it('adds tables and foreign keys with checks, and a primary key column becomes NOT NULL', () => {
    const added = addTable(shop());
    expect(added.key).toBe('table');
    expect(addTable(added.state).key).toBe('table_2');
    const linked = addForeignKey(shop(), 'items', { columns: ['order_id'], refTable: 'orders', refColumns: ['id'] });
    expect(linked.design.tables[2]?.foreignKeys).toHaveLength(1);
    // the same key twice, or a column that does not exist, changes nothing
    expect(addForeignKey(linked, 'items', { columns: ['order_id'], refTable: 'orders', refColumns: ['id'] })).toBe(
      linked,
    );
    expect(addForeignKey(shop(), 'items', { columns: ['nope'], refTable: 'orders', refColumns: ['id'] })).toEqual(
      shop(),
    );
    const nullable = addColumn(shop(), 'items', 'code');
    const keyed = togglePrimaryKey(nullable.state, 'items', 'code');
    expect(keyed.design.tables[2]?.primaryKey).toEqual(['id', 'code']);
    expect(keyed.design.tables[2]?.columns.find((c) => c.name === 'code')?.nullable).toBe(false);
  });

  it('tells one-to-one from many-to-one, and finds the tables N links away', () => {
    const s = addForeignKey(shop(), 'items', { columns: ['order_id'], refTable: 'orders', refColumns: ['id'] });
    const orders = s.design.tables[1]!;
    expect(isOneToOne(orders.foreignKeys[0]!, orders)).toBe(false);
    const unique = { ...orders, columns: orders.columns.map((c) => ({ ...c, unique: c.name === 'customer_id' })) };
    expect(isOneToOne(unique.foreignKeys[0]!, unique)).toBe(true);
    expect([...neighbourhood(s.design, 'items', 1)].sort()).toEqual(['items', 'orders']);
    expect([...neighbourhood(s.design, 'items', 2)].sort()).toEqual(['customers', 'items', 'orders']);
  });
});
