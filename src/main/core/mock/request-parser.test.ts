import { describe, expect, it } from 'vitest';
import { parseCookies, parseQuery } from './request-parser';

describe('request parsing helpers', () => {
  it('keeps every value of a repeated query name, in order, and decodes them', () => {
    const query = parseQuery('a=1&b=x%20y&a=2&a=3&c=');
    expect({ ...query }).toEqual({ a: ['1', '2', '3'], b: 'x y', c: '' });
  });

  it('treats __proto__ and constructor as ordinary names', () => {
    const query = parseQuery('__proto__=1&constructor=2');
    expect(Object.keys(query)).toEqual(['__proto__', 'constructor']);
    expect(query['__proto__']).toBe('1');
    const cookies = parseCookies('__proto__=x');
    expect(Object.keys(cookies)).toEqual(['__proto__']);
  });

  it('reads cookies: trimmed, unquoted, decoded, the first of a repeated name kept', () => {
    const cookies = parseCookies(' session = abc ; name="Ada%20L" ; session=later; broken; bad=%E0%A4%A');
    expect({ ...cookies }).toEqual({ session: 'abc', name: 'Ada L', bad: '%E0%A4%A' });
    expect({ ...parseCookies(undefined) }).toEqual({});
  });
});
