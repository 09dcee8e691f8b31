import { describe, expect, it } from 'vitest';
import type { SchemaTree, TableInfo } from '../../../../shared/domain';
import { buildRows, schemaKey, tableKey } from './schema-tree-model';

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

describe('other MySQL databases, listed without their tables', () => {
  const mysql = (other: SchemaTree['schemas'][number]): SchemaTree => ({
    connectionId: 'c2',
    engine: 'mysql',
    defaultSchema: 'shop',
    schemas: [{ name: 'shop', tables: [table('orders', ['id'])] }, other],
  });
  const listed = mysql({ name: 'archive', tables: [], tablesLoaded: false });
  const lines = (rows: ReturnType<typeof buildRows>) =>
    rows.map((r) =>
      r.kind === 'schema'
        ? `${r.name} ${r.expanded ? 'open' : 'closed'} ${r.tableCount}`
        : r.kind === 'table'
          ? `  ${r.table.name}`
          : `  ${r.kind === 'message' ? r.text : r.kind}`,
    );

  it('shows them as closed schema nodes without a count, after the open database of the connection', () => {
    expect(lines(buildRows(listed, { toggled: new Set(), filter: '' }))).toEqual([
      'shop open 1',
      '  orders',
      'archive closed null',
    ]);
    expect(buildRows(listed, { toggled: new Set(), filter: '' })[2]).toMatchObject({
      unloaded: true,
      schema: 'archive',
    });
  });

  it('opened, one says its tables are being read, or why they could not be', () => {
    const toggled = new Set([schemaKey('archive')]);
    expect(lines(buildRows(listed, { toggled, filter: '' })).slice(2)).toEqual([
      'archive open null',
      '  Reading tables…',
    ]);
    expect(
      lines(buildRows(listed, { toggled, filter: '', schemaErrors: { archive: 'Access denied' } })).slice(2),
    ).toEqual(['archive open null', '  Could not read its tables: Access denied']);
  });

  it('a connection that names no database shows the one it sees as a node, to open', () => {
    const only: SchemaTree = {
      ...listed,
      defaultSchema: null,
      schemas: [{ name: 'archive', tables: [], tablesLoaded: false }],
    };
    expect(lines(buildRows(only, { toggled: new Set(), filter: '' }))).toEqual(['archive closed null']);
  });

  it('once read it stays open with its tables, and closes again on a toggle', () => {
    const read = mysql({ name: 'archive', tables: [table('old_orders', ['id'])], tablesLoaded: true });
    const toggled = new Set([schemaKey('archive')]);
    expect(lines(buildRows(read, { toggled, filter: '' })).slice(2)).toEqual(['archive open 1', '  old_orders']);
    expect(lines(buildRows(read, { toggled: new Set(), filter: '' })).slice(2)).toEqual(['archive closed 1']);
  });
});
