import { createHash } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonResponse } from '../mock-http';
import { parseMockYaml, stringifyMock } from '../mock-file';
import { call, json } from '../testing/http-call';
import { useMockServers } from '../testing/mock-server-fixture';
import { logged } from './proxy-test-support';

const { serve } = useMockServers();
const upstreams: Server[] = [];

afterEach(async () => {
  await Promise.all(
    upstreams.splice(0).map(
      (server) =>
        new Promise<void>((resolveClose) => {
          server.close(() => resolveClose());
          server.closeAllConnections();
        }),
    ),
  );
});

/** A real upstream API on a free port of 127.0.0.1. */
async function upstream(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  upstreams.push(server);
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen()));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('upstream has no port');
  return `http://127.0.0.1:${address.port}`;
}

/** Answers with what it received, as JSON. */
function echo(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = JSON.stringify({
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'yes', 'keep-alive': 'timeout=77' });
    res.end(body);
  });
}

const definition = (target: string, extra = '') => `
name: Proxied
port: 0
${extra}
routes:
  - method: GET
    path: /local
    responses: [{ body: from the mock }]
proxy:
  target: ${target}
  headers: { X-Api-Key: secret }
`;

interface Echoed {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

describe('proxy', () => {
  it('forwards method, path, query, headers and body of what no route matches; routes still answer first', async () => {
    const target = await upstream(echo);
    const { url, server } = await serve(definition(target));
    expect((await call(`${url}/local`)).text).toBe('from the mock');

    const answer = await call(`${url}/users/42?sort=name&x=%20y`, {
      method: 'PATCH',
      headers: {
        'content-type': 'application/json',
        'x-client': 'kept',
        'x-api-key': 'from the client',
        connection: 'keep-alive, x-hop',
        'x-hop': 'dropped because Connection names it',
        'keep-alive': 'timeout=1',
        'proxy-authorization': 'Basic eA==',
        te: 'trailers',
      },
      body: '{"name":"Ada"}',
    });
    expect(answer.status).toBe(201);
    expect(answer.headers['x-upstream']).toBe('yes');
    expect(answer.headers['keep-alive']).not.toBe('timeout=77');
    const seen = json(answer) as Echoed;
    expect(seen).toMatchObject({ method: 'PATCH', url: '/users/42?sort=name&x=%20y', body: '{"name":"Ada"}' });
    expect(seen.headers).toMatchObject({
      host: new URL(target).host,
      'content-type': 'application/json',
      'x-client': 'kept',
      'x-api-key': 'secret',
    });
    for (const hop of ['x-hop', 'proxy-authorization', 'te']) expect(seen.headers[hop]).toBeUndefined();

    await logged(server, 2);
    const entry = server.log.entries().at(-1)!;
    expect(entry).toMatchObject({
      method: 'PATCH',
      path: '/users/42',
      query: 'sort=name&x=%20y',
      route: null,
      status: 201,
      proxied: `${target}/users/42?sort=name&x=%20y`,
      request: { body: '{"name":"Ada"}' },
    });
    expect(JSON.parse(entry.response.body)).toMatchObject({ method: 'PATCH' });
    expect(server.log.entries()[0]!.proxied).toBeUndefined();
  });

  it('appends the path to the target path and removes the prefix when asked', async () => {
    const target = await upstream(echo);
    const kept = await serve(definition(`${target}/v2`, 'prefix: /api'));
    expect((json(await call(`${kept.url}/api/users?a=1`)) as Echoed).url).toBe('/v2/api/users?a=1');
    const yaml = definition(`${target}/v2/`, 'prefix: /api').replace('  headers:', '  removePrefix: true\n  headers:');
    const removed = await serve(yaml);
    expect((json(await call(`${removed.url}/api/users?a=1`)) as Echoed).url).toBe('/v2/users?a=1');
    expect((json(await call(`${removed.url}/api`)) as Echoed).url).toBe('/v2/');
    expect((json(await call(`${removed.url}/apiary`)) as Echoed).url).toBe('/v2/apiary');
  });

  it('streams a 5 MB body both ways without holding it whole', async () => {
    const size = 5 * 1024 * 1024;
    const sent = Buffer.alloc(size);
    for (let i = 0; i < size; i++) sent[i] = (i * 31 + 7) % 251;
    // the upstream tells when the first bytes arrive; the client sends the rest only then, so a proxy that
    // waited for the whole body before forwarding would never finish
    let firstBytes: () => void = () => {};
    const upstreamGotBytes = new Promise<void>((resolveFirst) => (firstBytes = resolveFirst));
    const target = await upstream((req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      req.once('data', () => firstBytes());
      req.pipe(res);
    });
    // a limit far under the body: the proxy does not read the body into memory
    const { url, server } = await serve(definition(target), { limitBytes: 1024 * 1024 });
    const received = await new Promise<Buffer>((resolveBody, rejectBody) => {
      const req = httpRequest(`${url}/upload`, { method: 'PUT', agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolveBody(Buffer.concat(chunks)));
        res.on('error', rejectBody);
      });
      req.on('error', rejectBody);
      req.write(sent.subarray(0, 64 * 1024));
      void upstreamGotBytes.then(() => req.end(sent.subarray(64 * 1024)));
    });
    await logged(server, 1);
    expect(received.length).toBe(size);
    expect(createHash('sha256').update(received).digest('hex')).toBe(createHash('sha256').update(sent).digest('hex'));
    const entry = server.log.entries().at(-1)!;
    expect(entry.status).toBe(200);
    expect(entry.response.body).toMatch(/^\(\d+ bytes of binary data\)$|… \(5242880 bytes\)$/);
  });

  it('answers 502 with JSON naming the target when the upstream is down, and keeps serving', async () => {
    const gone = await upstream(echo);
    await new Promise<void>((resolveClose) => upstreams.pop()!.close(() => resolveClose()));
    const { url, server } = await serve(definition(gone));
    const answer = await call(`${url}/anything`, { method: 'POST', body: 'x' });
    expect(answer.status).toBe(502);
    const body = json(answer) as { error: string; target: string };
    expect(body.target).toBe(gone);
    expect(body.error).toMatch(new RegExp(`^The proxy target ${gone} could not be reached: .*ECONNREFUSED`));
    expect(server.log.entries().at(-1)).toMatchObject({ status: 502, proxied: `${gone}/anything` });
    expect(server.log.entries().at(-1)!.error).toMatch(/ECONNREFUSED/);
    expect((await call(`${url}/local`)).text).toBe('from the mock');
  });

  it('answers 504 when the upstream stays silent past the timeout', async () => {
    const target = await upstream(() => {});
    const { url } = await serve(definition(target), { proxyTimeoutMs: 200 });
    const answer = await call(`${url}/slow`);
    expect(answer.status).toBe(504);
    expect((json(answer) as { error: string }).error).toBe(`The proxy target ${target} sent no answer within 200 ms.`);
  });

  it('adds CORS headers to proxied answers and answers preflights itself when CORS is on', async () => {
    const methods: string[] = [];
    const target = await upstream((req, res) => {
      methods.push(req.method ?? '');
      echo(req, res);
    });
    const { url } = await serve(definition(target, 'cors: true'));
    const answer = await call(`${url}/users`, { headers: { origin: 'http://app.test' } });
    expect(answer.headers['access-control-allow-origin']).toBe('http://app.test');
    const preflight = await call(`${url}/users`, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.test', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(204);
    expect(methods).toEqual(['GET']);
  });

  it('leaves the REST resources to the fallback and proxies the rest', async () => {
    const target = await upstream(echo);
    const yaml = `${definition(target, 'prefix: /api')}resources: [{ path: /items, connection: Sample, table: items }]\n`;
    const { url } = await serve(yaml, { fallback: (request) => jsonResponse(200, { rest: request.path }) });
    expect(json(await call(`${url}/api/items`))).toEqual({ rest: '/api/items' });
    expect(json(await call(`${url}/api/items/3`))).toEqual({ rest: '/api/items/3' });
    expect(json(await call(`${url}/api/_openapi.json`))).toEqual({ rest: '/api/_openapi.json' });
    expect((json(await call(`${url}/api/orders/3`)) as Echoed).url).toBe('/api/orders/3');
    expect((json(await call(`${url}/api/itemsx`)) as Echoed).url).toBe('/api/itemsx');
  });

  it('is written to the mock file after the resources, in a fixed key order, and refuses a bad target', () => {
    const parsed = parseMockYaml(
      'name: P\nport: 0\nroutes: []\nproxy: { headers: { b: "2", a: "1" }, record: true, target: "http://x.test/v1" }\nhttps: true\n',
      'p.yaml',
    );
    expect(stringifyMock(parsed)).toBe(
      'name: P\nport: 0\nhttps: true\nroutes: []\nproxy:\n  target: http://x.test/v1\n  record: true\n  headers:\n    a: "1"\n    b: "2"\n',
    );
    expect(() => parseMockYaml('name: P\nport: 0\nroutes: []\nproxy: { target: "ftp://x.test" }\n', 'p.yaml')).toThrow(
      /proxy\.target.*http:\/\/ or https:\/\//,
    );
  });
});
