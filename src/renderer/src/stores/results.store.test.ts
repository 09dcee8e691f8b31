import { describe, expect, it } from 'vitest';
import { errorPosition } from './results.store';

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
