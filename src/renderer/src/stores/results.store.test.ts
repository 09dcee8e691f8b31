import { describe, expect, it } from 'vitest';
import { confirmationFor, errorPosition } from './results.store';

describe('errorPosition', () => {
  const sql = 'SELECT 1,\n  nope(2)\nFROM t';
  it('reads an offset, an { offset } or a 1-based { line, column } into the statement', () => {
    expect(errorPosition({ position: 12 }, sql)).toBe(12);
    expect(errorPosition({ position: { offset: 3 } }, sql)).toBe(3);
    expect(errorPosition({ position: { line: 2, column: 3 } }, sql)).toBe(sql.indexOf('nope'));
    expect(errorPosition({ position: { line: 1, column: 1 } }, sql)).toBe(0);
  });
  it('gives null for anything else', () => {
    expect(errorPosition(undefined, sql)).toBeNull();
    expect(errorPosition({ position: 'x' }, sql)).toBeNull();
    expect(errorPosition({ position: { line: 9, column: 1 } }, sql)).toBeNull();
    expect(errorPosition({ position: { line: 0, column: 1 } }, sql)).toBeNull();
  });
});

describe('confirmationFor', () => {
  it('asks before risky statements on any connection, and before every change on production', () => {
    expect(confirmationFor('DELETE FROM t', 'sqlite', 'normal')?.message).toMatch(/no WHERE clause/);
    expect(confirmationFor('DELETE FROM t WHERE id = 1', 'sqlite', 'normal')).toBeNull();
    expect(confirmationFor('SELECT 1', 'postgres', 'production')).toBeNull();
    expect(confirmationFor('BEGIN', 'postgres', 'production')).toBeNull();
    expect(confirmationFor('INSERT INTO t VALUES (1)', 'postgres', 'production')).toMatchObject({
      title: 'Run on a production connection?',
    });
    expect(confirmationFor('TRUNCATE t', 'mysql', 'production')?.message).toMatch(/marked production.*TRUNCATE/);
    // read-only connections refuse changes in the core: nothing to ask
    expect(confirmationFor('INSERT INTO t VALUES (1)', 'sqlite', 'readOnly')).toBeNull();
  });
});
