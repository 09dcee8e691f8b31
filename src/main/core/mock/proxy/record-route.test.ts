import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { MockDefinitionSchema, type MockDefinition } from '../../../../shared/mock-definition';
import { LOGGED_BODY_CHARS, type MockLogEntry } from '../request-log';
import { call } from '../testing/http-call';
import { useMockServers } from '../testing/mock-server-fixture';
import { logged } from './proxy-test-support';
import { routeFromLogEntry } from './record-route';

const { serve } = useMockServers();
let api: Server | null = null;

afterEach(async () => {
  const closing = api;
  api = null;
  if (closing) await new Promise<void>((resolveClose) => closing.close(() => resolveClose()));
});

const entry = (
  fields: Partial<Pick<MockLogEntry, 'method' | 'path' | 'status'>> & { body?: string; type?: string },
) => ({
  method: fields.method ?? 'GET',
  path: fields.path ?? '/users',
  status: fields.status ?? 200,
  response: {
    headers: {
      ...(fields.type ? { 'content-type': fields.type } : {}),
      date: 'Mon, 07 Dec 2026 05:00:00 GMT',
      'content-length': '10',
    },
    body: fields.body ?? '',
  },
});

describe('routeFromLogEntry', () => {
  it('keeps method, path, status, the content headers and the body as JSON when it is JSON', () => {
    expect(routeFromLogEntry(entry({ body: '{"a": [1, 2]}', type: 'application/json' }))).toEqual({
      method: 'GET',
      path: '/users',
      responses: [{ status: 200, headers: { 'content-type': 'application/json' }, body: { a: [1, 2] } }],
    });
    expect(routeFromLogEntry(entry({ body: '42', type: 'text/plain' })).responses[0]!.body).toBe('42');
    expect(routeFromLogEntry(entry({ body: '{"a":', type: 'application/json' })).responses[0]!.body).toBe('{"a":');
    expect(routeFromLogEntry(entry({ status: 204 })).responses).toEqual([{ status: 204 }]);
    expect(routeFromLogEntry(entry({ path: '/a:b' })).path).toBe('/a::b');
  });

  it('takes the prefix off the path and refuses what cannot be a route, saying why', () => {
    expect(routeFromLogEntry(entry({ path: '/api/users/1' }), { prefix: '/api' }).path).toBe('/users/1');
    expect(routeFromLogEntry(entry({ path: '/api' }), { prefix: '/api' }).path).toBe('/');
    expect(() => routeFromLogEntry(entry({ path: '/apiary' }), { prefix: '/api' })).toThrow(
      /GET \/apiary is outside the mock's prefix \/api/,
    );
    expect(() => routeFromLogEntry(entry({ status: 0 }))).toThrow(/got no answer/);
    expect(() => routeFromLogEntry(entry({ body: '(300 bytes of binary data)' }))).toThrow(/is binary/);
    const cut = `${'x'.repeat(LOGGED_BODY_CHARS)}… (${LOGGED_BODY_CHARS + 5} characters)`;
    expect(() => routeFromLogEntry(entry({ body: cut }))).toThrow(/only the start/);
  });
});

describe('recording through the proxy', () => {
  it('keeps each proxied exchange as a route, latest answer per method and path, and a new mock answers the same', async () => {
    let version = 0;
    api = createServer((req, res) => {
      if (req.url?.startsWith('/api/users/')) {
        version++;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': String(version) });
        res.end(JSON.stringify({ id: req.url.split('/')[3]?.split('?')[0], version }));
      } else if (req.url === '/api/notes' && req.method === 'POST') {
        res.writeHead(201, { 'content-type': 'text/plain', location: '/api/notes/9' });
        res.end('created note 9');
      } else if (req.url === '/outside') {
        res.end('not under the prefix');
      } else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":"no such thing"}');
      }
    });
    await new Promise<void>((resolveListen) => api!.listen(0, '127.0.0.1', () => resolveListen()));
    const port = (api.address() as { port: number }).port;
    const recording: MockDefinition = {
      name: 'Recorder',
      port: 0,
      prefix: '/api',
      routes: [],
      proxy: { target: `http://127.0.0.1:${port}`, record: true },
    };
    const { url, server } = await serve(recording);
    const calls: [string, string][] = [
      ['GET', '/api/users/1'],
      ['GET', '/api/users/1?again=yes'],
      ['POST', '/api/notes'],
      ['GET', '/api/missing'],
      ['GET', '/outside'],
    ];
    const upstreamAnswers = [];
    for (const [method, path] of calls)
      upstreamAnswers.push(await call(`${url}${path}`, { method, body: method === 'POST' ? 'x' : undefined }));
    await logged(server, calls.length);

    const routes = server.recorded();
    expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual([
      'GET /users/1',
      'POST /notes',
      'GET /missing',
    ]);
    expect(routes[0]!.responses[0]!.body).toEqual({ id: '1', version: 2 });

    const replay = await serve(MockDefinitionSchema.parse({ name: 'Replay', port: 0, prefix: '/api', routes }));
    for (const [index, [method, path]] of calls.slice(1, 4).entries()) {
      const original = upstreamAnswers[index + 1]!;
      const again = await call(`${replay.url}${path}`, { method, body: method === 'POST' ? 'x' : undefined });
      expect(again.status).toBe(original.status);
      expect(again.headers['content-type']).toBe(original.headers['content-type']);
      expect(again.headers.location).toBe(original.headers.location);
      const parse = (text: string) => (original.headers['content-type']?.includes('json') ? JSON.parse(text) : text);
      expect(parse(again.text)).toEqual(parse(original.text));
    }
    server.clearRecorded();
    expect(server.recorded()).toEqual([]);
  });
});
