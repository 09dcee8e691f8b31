import { describe, expect, it } from 'vitest';
import { mockRequest, renderOnce } from './mock-request.fixture';

const jsonRequest = mockRequest({
  method: 'POST',
  path: '/users/42/orders',
  params: { id: '42' },
  query: { page: '2', tag: ['a', 'b'], 'filter.name': 'x' },
  headers: { host: 'api.local:8080', 'content-type': 'application/json', accept: ['a/b', 'c/d'] },
  cookies: { session: 's-1' },
  bodyText: '{"user":{"name":"Ann <3","roles":["admin"]},"a.b":1,"items":[{"id":7}]}',
  body: { user: { name: 'Ann <3', roles: ['admin'] }, 'a.b': 1, items: [{ id: 7 }] },
});

describe('request helpers', () => {
  it('urlParam reads a path parameter, empty when absent', () => {
    expect(renderOnce("{{urlParam 'id'}}|{{urlParam 'nope'}}", jsonRequest)).toBe('42|');
  });

  it('queryParam reads a value, a default, and an array as JSON', () => {
    expect(renderOnce("{{queryParam 'page'}}|{{queryParam 'size' '10'}}|{{queryParam 'tag'}}", jsonRequest)).toBe(
      '2|10|["a","b"]',
    );
    expect(renderOnce("{{queryParam 'filter\\.name'}}", jsonRequest)).toBe('x');
    expect(renderOnce("{{queryParam 'page' '' true}}", jsonRequest)).toBe('"2"');
  });

  it('queryParamRaw gives the value itself, for each and len', () => {
    expect(
      renderOnce("{{#each (queryParamRaw 'tag')}}[{{this}}]{{/each}}{{len (queryParamRaw 'tag')}}", jsonRequest),
    ).toBe('[a][b]2');
  });

  it('header is case-insensitive, joins repeated values and has a default', () => {
    expect(renderOnce("{{header 'Content-Type'}}|{{header 'Accept'}}|{{header 'x-none' 'dflt'}}", jsonRequest)).toBe(
      'application/json|a/b, c/d|dflt',
    );
  });

  it('cookie reads a cookie or its default, never an inherited property', () => {
    expect(renderOnce("{{cookie 'session'}}|{{cookie 'other' 'none'}}|{{cookie 'constructor'}}", jsonRequest)).toBe(
      's-1|none|',
    );
  });

  it('body reads by path, objects as JSON, with a default; no argument gives the raw body', () => {
    expect(
      renderOnce(
        "{{body 'user.name'}}|{{body 'user.roles'}}|{{body 'items.0.id'}}|{{body 'items[0].id'}}",
        jsonRequest,
      ),
    ).toBe('Ann <3|["admin"]|7|7');
    expect(renderOnce("{{body 'a\\.b'}}|{{body 'user.age' 'unknown'}}", jsonRequest)).toBe('1|unknown');
    expect(renderOnce('{{body}}', jsonRequest)).toBe(jsonRequest.bodyText);
  });

  it('body is not HTML-escaped (JSON bodies stay intact)', () => {
    expect(renderOnce("{{body 'user.name'}} {{urlParam 'id'}}", jsonRequest)).toBe('Ann <3 42');
    expect(renderOnce("{{header 'x'}}", mockRequest({ headers: { x: `"a'&<b>` } }))).toBe(`"a'&<b>`);
  });

  it('bodyRaw gives values for block helpers, and the default without a body', () => {
    expect(renderOnce("{{#each (bodyRaw 'user.roles')}}{{this}};{{/each}}", jsonRequest)).toBe('admin;');
    expect(renderOnce("{{bodyRaw 'x' 'none'}}", mockRequest())).toBe('none');
  });

  it('method, urlPath, baseUrl and hostname describe the request', () => {
    expect(renderOnce('{{method}} {{urlPath}} {{baseUrl}} {{hostname}}', jsonRequest)).toBe(
      'POST /users/42/orders http://api.local:8080 api.local',
    );
    expect(renderOnce('{{baseUrl}}', jsonRequest, { baseUrl: 'http://127.0.0.1:3000/api' })).toBe(
      'http://127.0.0.1:3000/api',
    );
  });

  it('a form body is read by name', () => {
    const form = mockRequest({ bodyText: 'a=1&b=two', body: { a: '1', b: 'two' } });
    expect(renderOnce("{{body 'b'}}", form)).toBe('two');
  });

  it('reads bracketed query names as nested values, as Express does', () => {
    const request = mockRequest({
      query: { 'filter[name]': 'bo', 'tag[]': ['a', 'b'], 'id[0]': '7', __proto__x: '1', 'constructor[a]': 'x' },
    });
    expect(renderOnce("{{queryParam 'filter.name'}}|{{queryParam 'tag'}}|{{queryParam 'id.0'}}", request)).toBe(
      'bo|["a","b"]|7',
    );
    expect(renderOnce('{{json (queryParams)}}', request)).toBe(
      '{"filter":{"name":"bo"},"tag":["a","b"],"id":["7"],"__proto__x":"1"}',
    );
  });

  it('reads a path that starts with $ as JSONPath', () => {
    expect(renderOnce("{{body '$.items[0].id'}}|{{body '$.user.roles'}}|{{body '$.nope' 'none'}}", jsonRequest)).toBe(
      '7|["admin"]|none',
    );
    expect(renderOnce("{{len (bodyRaw '$..id')}}|{{body '$.items[?(@.id > 5)].id'}}", jsonRequest)).toBe('1|[7]');
  });

  it('reads a form body with bracketed and repeated names as Express does', () => {
    const form = mockRequest({
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      bodyText: 'user%5Bname%5D=Al&tag=x&tag=y',
      body: { 'user[name]': 'Al', tag: 'y' },
    });
    expect(renderOnce("{{body 'user.name'}}|{{body 'tag'}}|{{len (bodyRaw 'tag')}}", form)).toBe('Al|["x","y"]|2');
  });

  it("gives a wildcard's value as '*' and, as Mockoon 9 does, as wildcard0's segments", () => {
    const wild = mockRequest({ params: { '*': 'a/b.txt' } });
    expect(renderOnce("{{urlParam '*'}}|{{urlParam 'wildcard0'}}|{{len (urlParam 'wildcard0')}}", wild)).toBe(
      'a/b.txt|a,b.txt|2',
    );
    expect(renderOnce('{{json (urlParams)}}', wild)).toBe('{"*":"a/b.txt","wildcard0":["a","b.txt"]}');
  });
});
