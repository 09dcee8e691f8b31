import { describe, expect, it } from 'vitest';
import type { RowIdentity } from '../../../shared/contract/data.contract';
import {
  addInsert,
  countChanges,
  fromChanges,
  NO_EDITS,
  rowKeyOfRow,
  stageCell,
  toChanges,
  toggleDelete,
} from './data-edits';

const pk: RowIdentity = { kind: 'primaryKey', columns: ['id'] };
const cols = ['id', 'name', 'price'];

describe('staged edits', () => {
  it('keys an update by the primary key, so the same row found again (after a sort) shows it', () => {
    const row = [7, 'Lamp', 12.5];
    const edits = stageCell(NO_EDITS, pk, cols, row, 'name', 'Desk lamp');
    expect(toChanges(edits).changes).toEqual([{ kind: 'update', key: { id: 7 }, values: { name: 'Desk lamp' } }]);
    // the same row read again in another position, with the same key
    const key = rowKeyOfRow(pk, cols, [7, 'Lamp', 12.5])!;
    expect(edits.rows[key]?.values).toEqual({ name: 'Desk lamp' });
  });

  it('typing the value read back un-stages the cell', () => {
    const row = [1, 'a', 2];
    let edits = stageCell(NO_EDITS, pk, cols, row, 'price', 3);
    edits = stageCell(edits, pk, cols, row, 'price', 2);
    expect(countChanges(edits)).toBe(0);
  });

  it('NULL and DEFAULT are staged as values', () => {
    const row = [1, 'a', 2];
    let edits = stageCell(NO_EDITS, pk, cols, row, 'price', null);
    edits = stageCell(edits, pk, cols, row, 'name', { $default: true });
    expect(toChanges(edits).changes[0]).toEqual({
      kind: 'update',
      key: { id: 1 },
      values: { price: null, name: { $default: true } },
    });
  });

  it('deletes several rows, and toggling again takes the deletion back', () => {
    const rows = [
      [1, 'a', 1],
      [2, 'b', 2],
    ];
    const deleted = toggleDelete(NO_EDITS, pk, cols, rows);
    expect(toChanges(deleted).changes).toEqual([
      { kind: 'delete', key: { id: 1 } },
      { kind: 'delete', key: { id: 2 } },
    ]);
    expect(countChanges(toggleDelete(deleted, pk, cols, rows))).toBe(0);
  });

  it('a deleted row is sent as a delete even when a cell of it was edited', () => {
    const row = [1, 'a', 1];
    let edits = stageCell(NO_EDITS, pk, cols, row, 'name', 'x');
    edits = toggleDelete(edits, pk, cols, [row]);
    expect(toChanges(edits).changes).toEqual([{ kind: 'delete', key: { id: 1 } }]);
  });

  it('inserts follow the row changes, and refs point back at what each change came from', () => {
    let edits = stageCell(NO_EDITS, pk, cols, [1, 'a', 1], 'name', 'b');
    edits = addInsert(edits, { id: 'n1', values: { name: 'new' } });
    const { changes, refs } = toChanges(edits);
    expect(changes.map((c) => c.kind)).toEqual(['update', 'insert']);
    expect(refs[1]).toEqual({ kind: 'insert', id: 'n1' });
  });

  it('rowid identity keys by the rowid column; all-columns identity by every value', () => {
    const rowid: RowIdentity = { kind: 'rowid', rowidColumn: '_rowid_' };
    const edits = stageCell(NO_EDITS, rowid, ['a', '_rowid_'], ['x', 42], 'a', 'y');
    expect(toChanges(edits).changes[0]).toEqual({ kind: 'update', key: { _rowid_: 42 }, values: { a: 'y' } });
    const all: RowIdentity = { kind: 'allColumns' };
    const edits2 = stageCell(NO_EDITS, all, ['a', 'b'], ['x', { $blob: 'AAE=', size: 2, truncated: false }], 'a', 'z');
    expect(toChanges(edits2).changes[0]).toEqual({
      kind: 'update',
      key: { a: 'x', b: { $base64: 'AAE=' } },
      values: { a: 'z' },
    });
  });

  it('a read-only table stages nothing', () => {
    const ro: RowIdentity = { kind: 'readOnly', reason: 'a view' };
    expect(stageCell(NO_EDITS, ro, cols, [1, 'a', 1], 'name', 'b')).toBe(NO_EDITS);
  });

  it('a draft restored from its changes gives back the same edits and keys', () => {
    let edits = stageCell(NO_EDITS, pk, cols, [1, 'a', 1], 'name', 'b');
    edits = toggleDelete(edits, pk, cols, [[2, 'c', 3]]);
    edits = addInsert(edits, { id: 'n1', values: { price: 5 } });
    const restored = fromChanges(toChanges(edits).changes, pk, cols, () => 'n1');
    expect(restored).toEqual(edits);
  });

  it('an all-columns key leaves out values read only in part (long text, BLOB)', () => {
    const all: RowIdentity = { kind: 'allColumns' };
    const row = ['x', { $text: 'abc', size: 100_000, truncated: true }, { $blob: 'AA==', size: 9, truncated: true }];
    const edits = stageCell(NO_EDITS, all, ['a', 'b', 'c'], row, 'a', 'y');
    expect(toChanges(edits).changes[0]).toEqual({ kind: 'update', key: { a: 'x' }, values: { a: 'y' } });
  });
});
