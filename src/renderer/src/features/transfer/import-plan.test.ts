import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../../shared/contract/transfer.contract';
import { columnTypeProblems, defaultColumnTypes, defaultMapping, planImport, previewText } from './import-plan';

const columns = [
  { name: 'id', dataType: 'INTEGER' },
  { name: 'Name', dataType: 'TEXT' },
  { name: 'price', dataType: 'REAL' },
];

describe('defaultMapping', () => {
  it('maps fields to same-name columns, then to a name differing only in case, and skips the rest', () => {
    expect(defaultMapping(['id', 'name', 'extra'], columns)).toEqual({ id: 'id', name: 'Name', extra: null });
  });
});

describe('defaultColumnTypes', () => {
  it("takes the preview's SQL type and falls back to text when it has none (all NULL)", () => {
    const preview: ImportPreview = {
      format: 'csv',
      columns: [
        { name: 'a', kind: 'integer', sqlType: 'INTEGER' },
        { name: 'b', kind: null, sqlType: null },
      ],
      rows: [],
      lines: [],
      complete: true,
    };
    expect(defaultColumnTypes(preview)).toEqual({ a: 'INTEGER', b: 'text' });
  });
});

describe('planImport', () => {
  const fields = ['id', 'name', 'extra'];

  it('sends only the mapped fields into an existing table', () => {
    expect(
      planImport({
        mode: 'existing',
        schema: null,
        table: 't',
        fields,
        mapping: { id: 'id', name: 'Name', extra: null },
      }),
    ).toEqual({ request: { schema: null, table: 't', create: false, mapping: { id: 'id', name: 'Name' } } });
  });

  it('says what is missing: a table, a mapped field, or two fields on one column', () => {
    expect(planImport({ mode: 'existing', schema: null, table: null, fields, mapping: {} })).toEqual({
      problem: 'Choose the table to import into.',
    });
    expect(
      planImport({
        mode: 'existing',
        schema: null,
        table: 't',
        fields,
        mapping: { id: null, name: null, extra: null },
      }),
    ).toEqual({ problem: 'Every field is skipped: map at least one field to a column.' });
    expect(
      planImport({
        mode: 'existing',
        schema: null,
        table: 't',
        fields,
        mapping: { id: 'id', name: 'id', extra: null },
      }),
    ).toEqual({ problem: 'Fields "id" and "name" both go to column "id"; skip one of them.' });
  });

  it('creates a new table, sending only the types the user changed (the rest are inferred over the whole file)', () => {
    const defaults = { id: 'INTEGER', name: 'TEXT', extra: 'TEXT' };
    expect(
      planImport({
        mode: 'new',
        schema: 'public',
        table: ' notes ',
        fields,
        columnTypes: { ...defaults, extra: ' numeric(10,2) ' },
        defaults,
      }),
    ).toEqual({
      request: { schema: 'public', table: 'notes', create: true, columnTypes: { extra: 'numeric(10,2)' } },
    });
    expect(planImport({ mode: 'new', schema: null, table: 'notes', fields, columnTypes: defaults, defaults })).toEqual({
      request: { schema: null, table: 'notes', create: true },
    });
  });

  it('refuses a new table without a name, with the name of an existing one, or with a bad column type', () => {
    const defaults = { id: 'INTEGER', name: 'TEXT', extra: 'TEXT' };
    expect(planImport({ mode: 'new', schema: null, table: '  ', fields, columnTypes: defaults, defaults })).toEqual({
      problem: 'Name the new table.',
    });
    expect(
      planImport({
        mode: 'new',
        schema: null,
        table: 'Orders',
        fields,
        columnTypes: defaults,
        defaults,
        existing: ['orders'],
      }),
    ).toEqual({ problem: 'A table named "Orders" exists already: choose "an existing table" to import into it.' });
    expect(
      planImport({
        mode: 'new',
        schema: null,
        table: 'notes',
        fields,
        columnTypes: { ...defaults, name: 'text; drop table x' },
        defaults,
      }),
    ).toEqual({ problem: 'The type of column "name" should be a type such as integer, text or numeric(10,2).' });
  });
});

describe('columnTypeProblems', () => {
  it('names each field whose type the contract would refuse', () => {
    expect(columnTypeProblems({ a: 'integer', b: '', c: 'varchar(20)', d: '1abc' })).toEqual({
      b: 'a type',
      d: 'a type such as integer, text or numeric(10,2)',
    });
  });
});

describe('previewText', () => {
  it('shows JSON values as JSON and everything else as its text', () => {
    expect(previewText({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    expect(previewText(12.5)).toBe('12.5');
    expect(previewText(false)).toBe('false');
    expect(previewText('')).toBe('');
  });
});
