import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../mock-server';
import { compileTemplate } from '../templating/compile-template';
import { call } from '../testing/http-call';
import { caseInsensitive } from './case-insensitive-regex';
import { importMockoon, mockoonEnvironmentOf } from './import-mockoon';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const environment: unknown = JSON.parse(readFileSync(join(FIXTURES, 'bookshop.mockoon.json'), 'utf8'));

describe('importMockoon', () => {
  let server: MockServer;
  let base: string;
  beforeEach(async () => {
    const { definition } = importMockoon(environment, { fileName: 'bookshop.mockoon.json', root: FIXTURES });
    server = createMockServer({ definition, root: FIXTURES, port: 0, compileBody: compileTemplate });
    base = `${(await server.start()).url}/api/v1`;
  });
  afterEach(() => server.stop());

  it('carries over the environment and lists what it leaves out', () => {
    const { definition, warnings } = importMockoon(environment, { fileName: 'bookshop.mockoon.json' });
    expect(definition).toMatchObject({ name: 'Bookshop', port: 3001, prefix: '/api/v1' });
    // Mockoon's CORS option answers preflights only: a last route, not the mock's `cors` (which adds headers)
    expect(definition).not.toHaveProperty('cors');
    expect(definition).not.toHaveProperty('host');
    expect(definition.routes.map((route) => `${route.method} ${route.path}`)).toEqual([
      'GET /books/:id',
      'POST /books',
      'GET /search',
      'GET /status',
      'GET /readme',
      'GET /raw',
      'GET /users',
      'GET /always',
      '* /ping',
      '* /inventory',
      'OPTIONS /*',
    ]);
    expect(warnings).toEqual([
      'routes[9] /inventory: the CRUD route names no data bucket; its responses answer as written',
    ]);
  });

  it('answers as Mockoon: templated bodies, global and route headers, rules', async () => {
    const book = await call(`${base}/books/7?format=ebook`);
    expect(book.status).toBe(200);
    expect(book.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(book.headers['x-served-by']).toBe('bookshop');
    expect(book.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await call(`${base}/books/7`, {
      method: 'OPTIONS',
      headers: { origin: 'http://example.com', 'access-control-request-method': 'PUT' },
    });
    expect([preflight.status, preflight.headers['access-control-allow-origin'], preflight.text]).toEqual([
      200,
      '*',
      '',
    ]);
    expect(JSON.parse(book.text)).toEqual({ id: 7, title: 'Book 7', format: 'ebook' });
    expect(JSON.parse((await call(`${base}/books/8`)).text)).toMatchObject({ format: 'paper' });
    const unknown = await call(`${base}/books/0`);
    expect([unknown.status, JSON.parse(unknown.text)]).toEqual([404, { error: 'no book 0' }]);
    const expired = await call(`${base}/books/5`, { headers: { authorization: 'Bearer EXPIRED-1' } });
    expect(expired.status).toBe(403);
    expect((await call(`${base}/books/5`, { headers: { authorization: 'Bearer fresh' } })).status).toBe(200);
  });

  it('picks by body rules and the default response', async () => {
    const created = await call(`${base}/books`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Dune', author: { name: 'Herbert' } }),
    });
    expect([created.status, created.headers.location]).toEqual([201, '/api/v1/books/99']);
    expect(JSON.parse(created.text)).toEqual({ title: 'Dune', author: 'Herbert' });
    const missing = await call(`${base}/books`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect([missing.status, JSON.parse(missing.text)]).toEqual([400, { error: 'title is required' }]);
  });

  it('combines rules with OR', async () => {
    const hits = async (q: string) =>
      (JSON.parse((await call(`${base}/search?q=${q}`)).text) as { hits: string[] }).hits;
    expect(await hits('lamp')).toEqual(['lamp']);
    expect(await hits('desk-2')).toEqual(['desk-2']);
    expect(await hits('chair')).toEqual([]);
  });

  it('serves sequential responses, body files, literal text and disabled rules', async () => {
    const statuses = [];
    for (let n = 0; n < 3; n++) {
      const status = await call(`${base}/status`);
      statuses.push([status.status, status.text, status.headers['content-type'], status.headers['retry-after']]);
    }
    expect(statuses).toEqual([
      [200, 'up', 'text/plain; charset=utf-8', undefined],
      [503, 'down', 'text/plain; charset=utf-8', '30'],
      [200, 'up', 'text/plain; charset=utf-8', undefined],
    ]);
    expect((await call(`${base}/readme?name=Ann`)).text).toBe('Hello Ann\n');
    expect((await call(`${base}/raw`)).text).toBe('{{not a template}}');
    // no bucket of that name: empty, as in Mockoon
    expect((await call(`${base}/users`)).text).toBe('');
    expect((await call(`${base}/always?x=1`)).status).toBe(418);
    expect((await call(`${base}/ping`, { method: 'DELETE' })).status).toBe(204);
  });
});

describe('Mockoon environments', () => {
  it('are told apart from other JSON, old exports included', () => {
    expect(mockoonEnvironmentOf(environment)).toBe(environment);
    expect(mockoonEnvironmentOf({ source: 'mockoon:1.17.0', data: [{ type: 'environment', item: environment }] })).toBe(
      environment,
    );
    expect(mockoonEnvironmentOf({ openapi: '3.0.0', paths: {} })).toBeNull();
    expect(mockoonEnvironmentOf({ name: 'x', routes: [{ method: 'GET', path: '/a', responses: [] }] })).toBeNull();
    expect(() => importMockoon([1], { fileName: 'a.json' })).toThrow('a.json: not a Mockoon environment');
  });

  it('rejects what cannot be a mock, naming the file and field', () => {
    const bad = { ...(environment as object), port: 70_000 };
    expect(() => importMockoon(bad, { fileName: 'b.json' })).toThrow('b.json: port: expected a port number 0–65535');
  });

  it('maps proxy mode and TLS to the proxy and https fields', () => {
    const proxied = {
      ...(environment as object),
      proxyMode: true,
      proxyHost: 'https://api.example.com/v1/',
      proxyRemovePrefix: true,
      proxyReqHeaders: [{ key: 'X-Api-Key', value: 'k1' }],
      tlsOptions: { enabled: true, type: 'CERT' },
    };
    const { definition, warnings } = importMockoon(proxied, { fileName: 'p.json' });
    expect(definition.proxy).toEqual({
      target: 'https://api.example.com/v1',
      removePrefix: true,
      headers: { 'x-api-key': 'k1' },
    });
    expect(definition.https).toBe(true);
    expect(warnings).toContain("HTTPS uses a certificate made for localhost, not the environment's own");
  });

  it('says when a response repeats a header, which a mock cannot send twice', () => {
    const cookies = {
      lastMigration: 33,
      routes: [
        {
          method: 'get',
          endpoint: 'login',
          responses: [
            {
              statusCode: 200,
              body: '',
              headers: [
                { key: 'Set-Cookie', value: 'a=1' },
                { key: 'set-cookie', value: 'b=2' },
              ],
            },
          ],
        },
      ],
    };
    const { definition, warnings } = importMockoon(cookies, { fileName: 'c.json' });
    expect(definition.routes[0]!.responses[0]!.headers).toEqual({ 'set-cookie': 'b=2' });
    expect(warnings).toEqual([
      'routes[0] GET /login response 1: the header set-cookie is given more than once; only the last is sent',
    ]);
  });

  it('maps regex_i to a pattern that ignores case', () => {
    const pattern = new RegExp(caseInsensitive('^Bearer\\s+[a-f0-9]+(?<tail>x)\\d$'));
    expect(pattern.test('bEARER  A0fX1')).toBe(true);
    expect(pattern.test('bearer g')).toBe(false);
    expect(caseInsensitive('\\p{Lu}[^a-z]')).toBe('\\p{Lu}[^a-zA-Z]');
  });

  it('matches paths whatever their case, as Express does', async () => {
    const { definition } = importMockoon(environment, { fileName: 'bookshop.mockoon.json' });
    expect(definition.caseSensitive).toBe(false);
    const server = createMockServer({ definition, root: FIXTURES, port: 0, compileBody: compileTemplate });
    try {
      const url = (await server.start()).url;
      expect((await call(`${url}/API/V1/Books/7`)).status).toBe(200);
      expect((await call(`${url}/Api/v1/STATUS`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('maps inverted rules and the null, empty_array and array_includes operators', () => {
    const rule = (operator: string, invert: boolean, modifier = 'tags', value = 'x') => ({
      target: 'body',
      modifier,
      operator,
      value,
      invert,
    });
    const rules = {
      lastMigration: 33,
      routes: [
        {
          method: 'post',
          endpoint: 'r',
          responses: [
            {
              statusCode: 200,
              rules: [
                rule('equals', true),
                rule('regex_i', true, '$.name', 'a'),
                rule('null', false),
                rule('null', true),
                rule('empty_array', false, '$.list'),
                rule('array_includes', true),
                rule('valid_json_schema', false),
              ],
            },
          ],
        },
      ],
    };
    const { definition, warnings } = importMockoon(rules, { fileName: 'r.json' });
    expect(definition.routes[0]!.responses[0]!.rules).toEqual([
      { target: 'body', path: 'tags', not: true, op: 'equals', value: 'x' },
      { target: 'body', path: 'name', not: true, op: 'regex', value: caseInsensitive('a') },
      { target: 'body', path: 'tags', op: 'blank' },
      { target: 'body', path: 'tags', not: true, op: 'blank' },
      { target: 'body', path: 'list', op: 'emptyArray' },
      { target: 'body', path: 'tags', not: true, op: 'includes', value: 'x' },
    ]);
    expect(warnings).toEqual([
      'routes[0] POST /r response 1: a rule on body (valid_json_schema) is not supported; left out',
    ]);
  });

  it('serves a body file with templating off as written', async () => {
    const literal = {
      lastMigration: 33,
      routes: [
        {
          method: 'get',
          endpoint: 'file',
          responses: [
            {
              statusCode: 200,
              bodyType: 'FILE',
              filePath: 'bodies/readme.txt',
              sendFileAsBody: true,
              disableTemplating: true,
            },
          ],
        },
      ],
    };
    const { definition, warnings } = importMockoon(literal, { fileName: 'l.json', root: FIXTURES });
    expect(warnings).toEqual([]);
    expect(definition.routes[0]!.responses[0]).toMatchObject({ bodyFile: 'bodies/readme.txt', templating: false });
    const literalServer = createMockServer({ definition, root: FIXTURES, port: 0, compileBody: compileTemplate });
    try {
      const answer = await call(`${(await literalServer.start()).url}/file?x=1`);
      expect(answer.text).toBe(readFileSync(join(FIXTURES, 'bodies', 'readme.txt'), 'utf8'));
      expect(answer.text).toContain('{{');
    } finally {
      await literalServer.stop();
    }
  });
});

describe('Mockoon data buckets', () => {
  const withData = {
    name: 'Data',
    port: 3000,
    lastMigration: 33,
    data: [
      { uuid: 'u-1', id: 'ab12', name: 'Users', value: '[{"uuid": "x1"}]' },
      { uuid: 'u-2', id: 'cd34', name: 'Broken', value: "{{jmesPath (dataRaw 'ab12') 'a'}}" },
    ],
    routes: [
      {
        type: 'http',
        method: 'get',
        endpoint: 'all',
        responses: [
          { bodyType: 'DATABUCKET', databucketID: 'ab12', body: '' },
          { bodyType: 'DATABUCKET', databucketID: 'zz99', rules: [{ target: 'query', modifier: 'q', value: '1' }] },
        ],
      },
      {
        type: 'crud',
        method: '',
        endpoint: 'users',
        responses: [{ bodyType: 'DATABUCKET', databucketID: 'ab12', crudKey: 'uuid' }],
      },
    ],
  };

  it('keeps buckets (name, id, text), DATABUCKET bodies and CRUD routes with their key', () => {
    const { definition, warnings } = importMockoon(withData, { fileName: 'd.json' });
    expect(definition.data).toEqual([
      { name: 'Users', id: 'ab12', value: '[{"uuid": "x1"}]' },
      { name: 'Broken', id: 'cd34', value: "\\{{jmesPath (dataRaw 'ab12') 'a'}}" },
    ]);
    expect(definition.routes[0]!.responses.map((response) => response.dataBucket)).toEqual(['ab12', undefined]);
    expect(definition.routes[1]).toEqual({
      method: '*',
      path: '/users',
      crud: true,
      crudKey: 'uuid',
      responses: [{ dataBucket: 'ab12' }],
    });
    expect(warnings).toEqual([
      'data bucket "Broken": the helper "jmesPath" is not supported; the template is served as written',
      'routes[0] GET /all response 2: the data bucket "zz99" does not exist; no body',
    ]);
  });
});
