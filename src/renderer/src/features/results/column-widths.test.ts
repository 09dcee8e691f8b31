import { describe, expect, it } from 'vitest';
import { ColumnWidthMemory, columnKeys, scopeOf } from './column-widths';

describe('columnKeys', () => {
  it('keys columns by name, numbering repeats so each keeps its own width', () => {
    expect(columnKeys(['id', 'name', 'id', 'id'])).toEqual(['id', 'name', 'id#2', 'id#3']);
  });
});

describe('ColumnWidthMemory', () => {
  const scope = scopeOf('tab-1', 1);

  it('gives the measured widths until the user resizes, then the user width for that column by name', () => {
    const memory = new ColumnWidthMemory();
    expect(memory.restore(scope, ['id', 'name'], [60, 120])).toEqual([60, 120]);
    memory.remember(scope, 'name', 300);
    // a re-run with the same columns in another order (measured widths differ too)
    expect(memory.restore(scope, ['name', 'id'], [110, 70])).toEqual([300, 70]);
  });

  it('forgets only the widths of columns that disappear', () => {
    const memory = new ColumnWidthMemory();
    memory.remember(scope, 'id', 90);
    memory.remember(scope, 'name', 300);
    expect(memory.restore(scope, ['name', 'price'], [100, 80])).toEqual([300, 80]);
    // `id` was gone once: it comes back measured
    expect(memory.restore(scope, ['id', 'name'], [60, 100])).toEqual([60, 300]);
  });

  it('keeps scopes apart: another tab or another statement of the batch', () => {
    const memory = new ColumnWidthMemory();
    memory.remember(scope, 'id', 90);
    expect(memory.restore(scopeOf('tab-2', 1), ['id'], [50])).toEqual([50]);
    expect(memory.restore(scopeOf('tab-1', 2), ['id'], [50])).toEqual([50]);
    expect(memory.restore(scope, ['id'], [50])).toEqual([90]);
  });

  it('drops the least recently used scope past its limit', () => {
    const memory = new ColumnWidthMemory(2);
    memory.remember('a', 'x', 10);
    memory.remember('b', 'x', 20);
    memory.restore('a', ['x'], [1]); // a used last
    memory.remember('c', 'x', 30);
    expect(memory.restore('a', ['x'], [1])).toEqual([10]);
    expect(memory.restore('b', ['x'], [1])).toEqual([1]);
    expect(memory.restore('c', ['x'], [1])).toEqual([30]);
  });
});
