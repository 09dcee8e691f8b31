import { describe, expect, it } from 'vitest';
import { parseCookies, parseQuery } from './request-parser';

describe('request parsing helpers', () => {
  it('keeps every value of a repeated query name, in order, and decodes them', () => {
    const query = parseQuery('a=1&b=x%20y&a=2&a=3&c=');
    expect({ ...query }).toEqual({ a: ['1', '2', '3'], b: 'x y', c: '' });
  });

  it('reads a query string exactly as URLSearchParams does', () => {
    const samples = [
      'page=3',
      'a=1&b=2&a=3',
      'a&b=&=c&&d=e=f',
      '&&',
      'x=a+b&y=%41%zz&z=%E2%82%AC',
      '?lead=1',
      'é=ü&emoji=😀',
      'q=a;b&r=a,b',
    ];
    for (const sample of samples) {
      const expected: Record<string, string | string[]> = {};
      for (const [name, value] of new URLSearchParams(sample)) {
        const known = expected[name];
        expected[name] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
      }
      expect({ ...parseQuery(sample) }, sample).toEqual(expected);
    }
  });

  it('treats __proto__ and constructor as ordinary names', () => {
    const query = parseQuery('__proto__=1&constructor=2');
    expect(Object.keys(query)).toEqual(['__proto__', 'constructor']);
    expect(query['__proto__']).toBe('1');
    expect(parseQuery('a=1').toString).toBeUndefined();
    expect(parseQuery('a=1').constructor).toBeUndefined();
    const cookies = parseCookies('__proto__=x');
    expect(Object.keys(cookies)).toEqual(['__proto__']);
  });

  it('reads cookies: trimmed, unquoted, decoded, the first of a repeated name kept', () => {
    const cookies = parseCookies(' session = abc ; name="Ada%20L" ; session=later; broken; bad=%E0%A4%A');
    expect({ ...cookies }).toEqual({ session: 'abc', name: 'Ada L', bad: '%E0%A4%A' });
    expect({ ...parseCookies(undefined) }).toEqual({});
  });
});
