import { describe, expect, it } from 'vitest';
import { resolveRequest, fillPathParams } from './resolve-request';
import { layerOf, VariableResolver } from './variable-resolver';
import { DEFAULT_SETTINGS } from '../send/send-types';

const map = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('variable resolution', () => {
  const resolver = new VariableResolver(
    [
      { scope: 'environment', values: map({ host: 'env.example', token: 'env-token' }) },
      { scope: 'global', values: map({ host: 'global.example', version: 'v1', greeting: 'hi {{name}}' }) },
      { scope: 'runtime', values: map({ token: 'from-script' }) },
      { scope: 'collection', values: map({ host: 'collection.example', name: 'Ada', loop: '{{loop}}' }) },
    ],
    () => new Date('2026-01-02T03:04:05.678Z'),
  );

  it('takes the narrowest scope: runtime > environment > collection > global', () => {
    expect(resolver.lookup('host')).toEqual({ value: 'env.example', scope: 'environment' });
    expect(resolver.lookup('token')).toEqual({ value: 'from-script', scope: 'runtime' });
    expect(resolver.lookup('version')).toEqual({ value: 'v1', scope: 'global' });
    expect(resolver.resolveStrict('https://{{host}}/{{ version }}/x')).toBe('https://env.example/v1/x');
  });

  it('resolves variables inside values, and reports cycles and unknown names instead of emptying them', () => {
    expect(resolver.resolveStrict('{{greeting}}!')).toBe('hi Ada!');
    const unresolved = new Set<string>();
    expect(resolver.resolve('{{missing}}-{{loop}}-{{$nope}}', unresolved)).toBe('{{missing}}-{{loop}}-{{$nope}}');
    expect([...unresolved]).toEqual(['missing', 'loop (refers to itself through loop)', '$nope']);
    expect(() => resolver.resolveStrict('{{a}} {{b}} {{a}}')).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('{{a}}, {{b}}'),
        details: { unresolved: ['a', 'b'] },
      }),
    );
  });

  it('resolves a text seen before with the values of now (the split text is kept, never its result)', () => {
    const values = new Map([['id', '1']]);
    const live = new VariableResolver([{ scope: 'runtime', values }]);
    const text = 'x{{ id }}y{{id}}{z}}{{';
    expect(live.resolveStrict(text)).toBe('x1y1{z}}{{');
    values.set('id', '2');
    expect(live.resolveStrict(text)).toBe('x2y2{z}}{{');
    expect(live.resolveStrict('plain')).toBe('plain');
  });

  it('computes dynamic values at each use', () => {
    expect(resolver.resolveStrict('{{$timestamp}}')).toBe(String((Date.parse('2026-01-02T03:04:05.678Z') / 1000) | 0));
    expect(resolver.resolveStrict('{{$isoTimestamp}}')).toBe('2026-01-02T03:04:05.678Z');
    const [a, b] = resolver.resolveStrict('{{$uuid}} {{$uuid}}').split(' ');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    for (let i = 0; i < 50; i++) {
      const n = Number(resolver.resolveStrict('{{$randomInt}}'));
      expect(Number.isInteger(n) && n >= 0 && n <= 1000).toBe(true);
    }
  });

  it('builds a layer from a file: disabled rows out, secrets from their store', () => {
    const layer = layerOf(
      'environment',
      [
        { name: 'a', value: '1' },
        { name: 'off', value: '2', enabled: false },
        { name: 'pw', secret: true },
        { name: 'unset', secret: true },
      ],
      (name) => (name === 'pw' ? 's3cret' : null),
    );
    expect([...layer.values]).toEqual([
      ['a', '1'],
      ['pw', 's3cret'],
    ]);
  });
});

describe('resolving a whole request', () => {
  const resolver = new VariableResolver([
    { scope: 'environment', values: map({ base: 'api.test:8080', id: 'a b/c', user: 'ada', key: 'K' }) },
  ]);

  it('resolves URL, path params, headers, body and auth; disabled rows left out', () => {
    const out = resolveRequest(
      {
        request: {
          method: 'POST',
          url: '{{base}}/users/:id/posts/:postId?q={{user}}',
          pathParams: [
            { name: 'id', value: '{{id}}' },
            { name: 'postId', value: '7' },
          ],
          body: { type: 'form', fields: [{ name: 'who', value: '{{user}}' }] },
        },
        headers: [
          { name: 'X-User', value: '{{user}}' },
          { name: 'X-Off', value: '{{nothing}}', enabled: false },
        ],
        auth: { type: 'apikey', name: 'X-Key', value: '{{key}}', in: 'header' },
        settings: DEFAULT_SETTINGS,
        baseDir: '/tmp',
      },
      resolver,
    );
    expect(out.url).toBe('http://api.test:8080/users/a%20b%2Fc/posts/7?q=ada');
    expect(out.headers).toEqual([{ name: 'X-User', value: 'ada' }]);
    expect(out.body).toEqual({ type: 'form', fields: [{ name: 'who', value: 'ada' }] });
    expect(out.auth).toEqual({ type: 'apikey', name: 'X-Key', value: 'K', in: 'header' });
  });

  it('reports every unresolved variable of the request at once', () => {
    expect(() =>
      resolveRequest(
        {
          request: { method: 'GET', url: 'https://{{host}}/x', body: { type: 'json', text: '{"a":"{{a}}"}' } },
          headers: [{ name: 'Authorization', value: 'Bearer {{token}}' }],
          settings: DEFAULT_SETTINGS,
          baseDir: '/tmp',
        },
        resolver,
      ),
    ).toThrow(expect.objectContaining({ details: { unresolved: ['host', 'token', 'a'] } }));
  });

  it('fills :params only in the path', () => {
    const params = new Map([
      ['port', 'X'],
      ['id', '5'],
    ]);
    expect(fillPathParams('http://h:8080/a/:id?x=:id#:id', params)).toBe('http://h:8080/a/5?x=:id#:id');
    expect(fillPathParams('http://h/:idx/:id/', params)).toBe('http://h/:idx/5/');
  });
});
