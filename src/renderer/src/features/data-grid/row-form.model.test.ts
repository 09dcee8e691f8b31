import { describe, expect, it } from 'vitest';
import type { DataColumn } from '../../../../shared/contract/data.contract';
import { columnMarks, defaultLabel, lookupLabelColumns, neighbour, newFieldState } from './row-form.model';

const column = (over: Partial<DataColumn>): DataColumn => ({
  name: 'c',
  dataType: 'text',
  nullable: true,
  defaultSql: null,
  autoIncrement: false,
  generated: false,
  enumValues: null,
  references: null,
  ...over,
});

describe('row form model', () => {
  it('tells DEFAULT, explicit NULL and a value of a new row apart', () => {
    const withDefault = column({ defaultSql: "'pending'" });
    expect(newFieldState(withDefault, undefined)).toEqual({ kind: 'default', label: "DEFAULT 'pending'" });
    expect(newFieldState(withDefault, { $default: true })).toEqual({ kind: 'default', label: "DEFAULT 'pending'" });
    expect(newFieldState(withDefault, null)).toEqual({ kind: 'null' });
    expect(newFieldState(withDefault, '')).toEqual({ kind: 'value', value: '' });
    expect(defaultLabel(column({ autoIncrement: true, nullable: false }))).toBe('auto');
    expect(defaultLabel(column({ nullable: true }))).toBe('DEFAULT (NULL)');
    expect(defaultLabel(column({ nullable: false }))).toBe('required');
    expect(defaultLabel(column({ generated: true }))).toBe('generated');
  });

  it('marks key, reference, nullability and default', () => {
    const identity = { kind: 'primaryKey' as const, columns: ['id'] };
    expect(columnMarks(column({ name: 'id', nullable: false, autoIncrement: true }), identity)).toEqual([
      'PK',
      'NOT NULL',
      'auto',
    ]);
    expect(
      columnMarks(
        column({ name: 'category_id', references: { schema: null, table: 'categories', columns: ['id'] } }),
        identity,
      ),
    ).toEqual(['FK → categories.id', 'NULL']);
    expect(columnMarks(column({ defaultSql: '0', nullable: false }), null)).toEqual(['NOT NULL', 'DEFAULT 0']);
  });

  it('moves between rows within the result and between new rows in order', () => {
    const around = { rowCount: 3, insertIds: ['a', 'b'] };
    expect(neighbour({ kind: 'row', index: 0 }, -1, around)).toBeNull();
    expect(neighbour({ kind: 'row', index: 0 }, 1, around)).toEqual({ kind: 'row', index: 1 });
    expect(neighbour({ kind: 'row', index: 2 }, 1, around)).toBeNull();
    expect(neighbour({ kind: 'insert', id: 'a' }, 1, around)).toEqual({ kind: 'insert', id: 'b' });
    expect(neighbour({ kind: 'insert', id: 'b' }, 1, around)).toBeNull();
    expect(neighbour({ kind: 'insert', id: 'gone' }, -1, around)).toBeNull();
  });

  it('labels a referenced row by a name-like column, else the first text column', () => {
    const cols = (...specs: [string, string][]) => specs.map(([name, dataType]) => ({ name, dataType }));
    expect(lookupLabelColumns(cols(['id', 'INTEGER'], ['parent_id', 'INTEGER'], ['name', 'TEXT']), 'id')).toEqual([
      'name',
    ]);
    expect(
      lookupLabelColumns(cols(['id', 'int'], ['first_name', 'text'], ['last_name', 'text'], ['city', 'text']), 'id'),
    ).toEqual(['first_name', 'last_name']);
    expect(lookupLabelColumns(cols(['id', 'int'], ['status', 'varchar(20)']), 'id')).toEqual(['status']);
    expect(lookupLabelColumns(cols(['code', 'varchar(8)'], ['n', 'int']), 'code')).toEqual([]);
  });
});
