import { describe, expect, it } from 'vitest';
import { splitPath, valueAtPath } from './value-path';

describe('valueAtPath', () => {
  const data = { user: { name: 'Ann', tags: ['a', 'b'] }, 'a.b': 1, 'filter[name]': 'x', items: [{ id: 7 }], n: null };

  it('follows dots and brackets', () => {
    expect(valueAtPath(data, 'user.name', '-')).toBe('Ann');
    expect(valueAtPath(data, 'user.tags.1', '-')).toBe('b');
    expect(valueAtPath(data, 'items[0].id', '-')).toBe(7);
    expect(valueAtPath(data, "items['0'].id", '-')).toBe(7);
  });

  it('prefers a key spelled exactly as the path, and reads escaped dots', () => {
    expect(valueAtPath(data, 'a.b', '-')).toBe(1);
    expect(valueAtPath(data, 'filter[name]', '-')).toBe('x');
    expect(valueAtPath({ a: { b: { c: 2 } }, 'a.b': { c: 3 } }, 'a\\.b.c', '-')).toBe(3);
  });

  it('gives the fallback for a missing or inherited key, and the data for an empty path', () => {
    expect(valueAtPath(data, 'user.age', '-')).toBe('-');
    expect(valueAtPath(data, 'user.name.length', '-')).toBe('-');
    expect(valueAtPath(data, 'constructor', '-')).toBe('-');
    expect(valueAtPath(data, 'user.toString', '-')).toBe('-');
    expect(valueAtPath(data, 'user.tags.length', '-')).toBe(2);
    expect(valueAtPath(data, 'n', '-')).toBeNull();
    expect(valueAtPath(data, '', '-')).toBe(data);
    expect(valueAtPath('text', 'a', '-')).toBe('-');
  });

  it('splits paths', () => {
    expect(splitPath('a.b[0].c')).toEqual(['a', 'b', '0', 'c']);
    expect(splitPath('a\\.b.c')).toEqual(['a.b', 'c']);
    expect(splitPath('a[')).toEqual(['a[']);
    expect(splitPath('')).toEqual(['']);
  });
});
