import { describe, expect, it } from 'vitest';
import type { SchemaTree, TableInfo } from '../../../../shared/domain';
import { buildRows, tableKey } from './schema-tree-model';

function table(name: string, columns: string[], kind: 'table' | 'view' = 'table'): TableInfo {
  return {
    schema: 'main',
    name,
    kind,
    columns: columns.map((c, i) => ({
      name: c,
      dataType: 'TEXT',
      nullable: i > 0,
      defaultValue: null,
      primaryKey: i === 0,
      primaryKeyOrdinal: i === 0 ? 1 : null,
    })),
    indexes: [{ name: `${name}_pk`, columns: [columns[0] ?? 'id'], unique: true, primary: true }],
    foreignKeys: [],
    rowCount: 10,
    rowCountExact: true,
  };
}

const sqlite: SchemaTree = {
  connectionId: 'c1',
  engine: 'sqlite',
  defaultSchema: 'main',
  schemas: [
    {
      name: 'main',
      tables: [
        table('orders', ['id', 'customer_id']),
        table('big_customers', ['id', 'email'], 'view'),
        table('customers', ['id', 'email']),
      ],
    },
  ],
};

describe('schema tree model', () => {
  it('flattens a single SQLite schema and lists tables before views, collapsed', () => {
    const rows = buildRows(sqlite, { toggled: new Set(), filter: '' });
    expect(rows.map((r) => (r.kind === 'table' ? r.table.name : r.kind))).toEqual([
      'customers',
      'orders',
      'big_customers',
    ]);
    expect(rows.every((r) => r.depth === 0)).toBe(true);
  });

  it('shows the schema level for PostgreSQL, expanded by default', () => {
    const rows = buildRows(
      { ...sqlite, engine: 'postgres', schemas: [{ name: 'public', tables: [table('t', ['id'])] }] },
      { toggled: new Set(), filter: '' },
    );
    expect(rows.map((r) => r.kind)).toEqual(['schema', 'table']);
  });

  it('expands a toggled table into columns and an index group', () => {
    const rows = buildRows(sqlite, { toggled: new Set([tableKey('main', 'orders')]), filter: '' });
    const kinds = rows.map((r) => r.kind);
    expect(kinds).toEqual(['table', 'table', 'column', 'column', 'group', 'table']);
  });

  it('filters by table or column name, case-insensitively, opening tables matched by a column', () => {
    const byTable = buildRows(sqlite, { toggled: new Set(), filter: 'ORD' });
    expect(byTable.map((r) => (r.kind === 'table' ? r.table.name : r.kind))).toEqual(['orders']);
    const byColumn = buildRows(sqlite, { toggled: new Set(), filter: 'Email' });
    expect(
      byColumn.map((r) => (r.kind === 'table' ? r.table.name : r.kind === 'column' ? r.column.name : r.kind)),
    ).toEqual(['customers', 'email', 'big_customers', 'email']);
    expect(buildRows(sqlite, { toggled: new Set(), filter: 'nothing-like-this' })).toEqual([]);
  });
});
