import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { parseCookies, parseQuery, requestOf } from './request-parser';

const message = (url: string, headers: Record<string, string> = {}) =>
  ({ url, method: 'GET', headers }) as unknown as IncomingMessage;

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

  it('reads a request without a body: path, query and cookies; none of them made when the request has none', () => {
    const { request, query } = requestOf(message('/users/42?page=3&tag=a&tag=b', { cookie: 'session=abc' }));
    expect(query).toBe('page=3&tag=a&tag=b');
    expect(request).toMatchObject({ method: 'GET', path: '/users/42', bodyText: '', body: undefined });
    expect({ ...request.query }).toEqual({ page: '3', tag: ['a', 'b'] });
    expect({ ...request.cookies }).toEqual({ session: 'abc' });
    const bare = requestOf(message('/hello'));
    const other = requestOf(message('/hello'));
    expect(bare.query).toBe('');
    expect({ ...bare.request.query, ...bare.request.cookies, ...bare.request.params }).toEqual({});
    // shared and frozen: a request without them makes no objects for them, and none can be changed
    expect(bare.request.query).toBe(other.request.query);
    expect(bare.request.cookies).toBe(other.request.cookies);
    expect(Object.isFrozen(bare.request.query) && Object.isFrozen(bare.request.cookies)).toBe(true);
    expect(bare.request.query.toString).toBeUndefined();
  });
});
