import { describe, expect, it } from 'vitest';
import { buildRouteTable } from './route-table';

describe('route table', () => {
  const table = buildRouteTable([
    { method: 'GET', path: '/users/:id', route: 'user' },
    { method: 'GET', path: '/users/me', route: 'me' },
    { method: '*', path: '/users/:id', route: 'any user' },
    { method: 'GET', path: '/users/:name', route: 'shadowed by parameter name' },
    { method: 'GET', path: '/users/me', route: 'shadowed duplicate' },
    { method: 'GET', path: '/static/*', route: 'static' },
    { method: 'GET', path: '/img/:n(^\\d+).png', route: 'image' },
    { method: 'DELETE', path: '/a/:x/b/:y', route: 'two params' },
  ]);

  it('matches static segments before parameters, decodes parameters and fills a wildcard', () => {
    expect(table.match('GET', '/users/me')).toEqual({ route: 'me', params: {} });
    expect(table.match('GET', '/users/a%20b')).toEqual({ route: 'user', params: { id: 'a b' } });
    expect(table.match('GET', '/static/css/app.css')).toEqual({ route: 'static', params: { '*': 'css/app.css' } });
    expect(table.match('DELETE', '/a/1/b/2')).toEqual({ route: 'two params', params: { x: '1', y: '2' } });
    expect(table.match('GET', '/users/me/')).toEqual({ route: 'me', params: {} });
  });

  it('matches a regex parameter only when it fits', () => {
    expect(table.match('GET', '/img/12.png')).toEqual({ route: 'image', params: { n: '12' } });
    expect(table.match('GET', '/img/ab.png')).toBeNull();
  });

  it('lets a * route answer the methods no other route claimed', () => {
    expect(table.match('PATCH', '/users/1')).toEqual({ route: 'any user', params: { id: '1' } });
    expect(table.match('GET', '/users/1')?.route).toBe('user');
    expect(table.match('POST', '/static/x')).toBeNull();
  });

  it('answers HEAD with the GET route, and a method nobody knows with nothing', () => {
    expect(table.match('HEAD', '/static/x')?.route).toBe('static');
    expect(table.match('BREW', '/users/1')).toBeNull();
  });

  it('reports routes an earlier one shadows', () => {
    expect(table.shadowed).toEqual([
      { index: 3, by: -1, method: 'GET' },
      { index: 4, by: 1, method: 'GET' },
    ]);
  });

  it('names the route whose path the router refuses', () => {
    expect(() =>
      buildRouteTable([
        { method: 'GET', path: '/ok', route: 1 },
        { method: 'GET', path: '/bad/:id(', route: 2 },
      ]),
    ).toThrow(/^routes\[1\]\.path: /);
  });

  it('matches any letter case when caseSensitive is false, keeping the case of parameters', () => {
    const specs = [
      { method: 'GET', path: '/api/users/:id', route: 'user' },
      { method: 'GET', path: '/api/Users/me', route: 'me' },
      { method: 'GET', path: '/api/users/ME', route: 'same as me' },
      { method: 'GET', path: '/api/files/*', route: 'files' },
    ];
    const loose = buildRouteTable(specs, { caseSensitive: false });
    expect(loose.match('GET', '/API/USERS/Ab')).toEqual({ route: 'user', params: { id: 'Ab' } });
    expect(loose.match('GET', '/api/users/me')).toEqual({ route: 'me', params: {} });
    expect(loose.match('HEAD', '/Api/Users/Me')).toEqual({ route: 'me', params: {} });
    expect(loose.match('GET', '/API/Files/A/B.txt')).toEqual({ route: 'files', params: { '*': 'A/B.txt' } });
    expect(loose.shadowed).toEqual([{ index: 2, by: 1, method: 'GET' }]);
    // the default stays case-sensitive
    const strict = buildRouteTable(specs);
    expect(strict.match('GET', '/api/users/ME')).toEqual({ route: 'same as me', params: {} });
    expect(strict.match('GET', '/api/users/me')).toEqual({ route: 'user', params: { id: 'me' } });
    expect(strict.match('GET', '/API/users/1')).toBeNull();
    expect(strict.match('GET', '/api/Users/me')?.route).toBe('me');
    expect(strict.shadowed).toEqual([]);
  });
});
