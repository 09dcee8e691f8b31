import { describe, expect, it } from 'vitest';
import { pathParamNamesOf, queryParamsOf, syncPathParams, withQueryParams, withUrl } from './http-url-params';

describe('query params ⇄ URL', () => {
  it('reads the pairs as typed, variables and escapes kept', () => {
    expect(queryParamsOf('{{base}}/items?q={{term}}&page=2&flag&x=a%20b#top')).toEqual([
      { name: 'q', value: '{{term}}' },
      { name: 'page', value: '2' },
      { name: 'flag', value: '' },
      { name: 'x', value: 'a%20b' },
    ]);
  });

  it('has no rows without a ?, and one empty row for a bare ? or a trailing &', () => {
    expect(queryParamsOf('http://h/items')).toEqual([]);
    expect(queryParamsOf('http://h/items?')).toEqual([{ name: '', value: '' }]);
    expect(queryParamsOf('http://h/items?a=1&')).toEqual([
      { name: 'a', value: '1' },
      { name: '', value: '' },
    ]);
  });

  it('splits a pair at its first = only', () => {
    expect(queryParamsOf('http://h/?filter=a=b')).toEqual([{ name: 'filter', value: 'a=b' }]);
  });

  it('writes the table back into the URL, keeping what comes before the ? and the hash', () => {
    const url = 'https://api.example.com/v1/items?old=1#frag';
    expect(
      withQueryParams(url, [
        { name: 'q', value: 'shoes' },
        { name: 'page', value: '2' },
      ]),
    ).toBe('https://api.example.com/v1/items?q=shoes&page=2#frag');
    expect(withQueryParams(url, [])).toBe('https://api.example.com/v1/items#frag');
  });

  it('escapes only what would break the query: & and # in values, & = # in names', () => {
    expect(withQueryParams('http://h/', [{ name: 'a=b&c', value: 'x&y#z=w' }])).toBe('http://h/?a%3Db%26c=x%26y%23z=w');
  });

  it('round-trips: a URL read into rows and written back is unchanged', () => {
    for (const url of [
      'http://h/items?q={{term}}&page=2&flag#top',
      'http://h/items?a=1&',
      'http://h/items?',
      '{{base}}/x?filter=a=b&empty',
    ]) {
      expect(withQueryParams(url, queryParamsOf(url))).toBe(url);
    }
  });

  it('a row added in the table survives the trip through the URL, then takes its name and value', () => {
    let url = withQueryParams('http://h/items?a=1', [...queryParamsOf('http://h/items?a=1'), { name: '', value: '' }]);
    expect(url).toBe('http://h/items?a=1&');
    const rows = queryParamsOf(url);
    expect(rows).toHaveLength(2);
    url = withQueryParams(url, [rows[0]!, { name: 'b', value: '' }]);
    url = withQueryParams(url, [rows[0]!, { name: 'b', value: '2' }]);
    expect(url).toBe('http://h/items?a=1&b=2');
  });
});

describe('path params', () => {
  it('finds whole :name segments of the path, not the port, the query or the hash', () => {
    expect(pathParamNamesOf('http://localhost:8080/users/:id/posts/:postId?sort=:no#:x')).toEqual(['id', 'postId']);
    expect(pathParamNamesOf('{{base}}/users/:id')).toEqual(['id']);
    expect(pathParamNamesOf('http://h/users/:id.json')).toEqual([]);
    expect(pathParamNamesOf('http://h/a/:id/b/:id')).toEqual(['id']);
    expect(pathParamNamesOf('localhost:3000')).toEqual([]);
  });

  it('adds a row per new segment, keeps values of the ones that stay, drops the ones that went', () => {
    const current = [
      { name: 'id', value: '7' },
      { name: 'gone', value: 'x', enabled: false },
    ];
    expect(syncPathParams('http://h/users/:id/posts/:postId', current)).toEqual([
      { name: 'id', value: '7' },
      { name: 'postId', value: '' },
    ]);
  });

  it('gives back the same list when nothing changed, and no field when the URL has none', () => {
    const current = [{ name: 'id', value: '7' }];
    expect(syncPathParams('http://h/users/:id', current)).toBe(current);
    expect(syncPathParams('http://h/users', current)).toBeUndefined();
    expect(syncPathParams('http://h/users', undefined)).toBeUndefined();
  });

  it('withUrl sets the URL and its path params together', () => {
    const request = { name: 'r', method: 'GET', url: 'http://h/users/:id', pathParams: [{ name: 'id', value: '7' }] };
    expect(withUrl(request, 'http://h/users/:id/orders/:orderId')).toEqual({
      ...request,
      url: 'http://h/users/:id/orders/:orderId',
      pathParams: [
        { name: 'id', value: '7' },
        { name: 'orderId', value: '' },
      ],
    });
    expect(withUrl(request, 'http://h/users')).toEqual({ name: 'r', method: 'GET', url: 'http://h/users' });
  });
});
