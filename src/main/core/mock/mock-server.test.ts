import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, connect, type Server as NetServer } from 'node:net';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { BodyCompiler } from './compile-mock';
import type { MockDefinition } from './mock-definition';
import { jsonResponse } from './mock-http';
import { parseMockYaml } from './mock-file';
import { createMockServer, type MockServer, type MockServerOptions } from './mock-server';
import { call, json } from './testing/http-call';

let root: string;
const servers: MockServer[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bb-mockserver-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  rmSync(root, { recursive: true, force: true });
});

async function serve(
  definition: MockDefinition | string,
  options: Partial<MockServerOptions> = {},
): Promise<{ server: MockServer; url: string }> {
  const parsed = typeof definition === 'string' ? parseMockYaml(definition, 'test.yaml') : definition;
  const server = createMockServer({ definition: parsed, root: options.root ?? root, port: 0, ...options });
  servers.push(server);
  const { url } = await server.start();
  return { server, url };
}

// a stand-in for the templating module: `{{param id}}` → the path parameter, `{{boom}}` fails when rendered
// `{{count}}` counts renders in the server's global variables, `{{base}}` is the base URL
const tinyTemplates: BodyCompiler = (source) => {
  if (source.includes('{{unclosed')) throw new Error('unclosed tag');
  return {
    render(request, state) {
      if (source.includes('{{boom}}')) throw new Error('helper boom failed');
      const count = ((state.globals.get('count') as number | undefined) ?? 0) + 1;
      if (source.includes('{{count}}')) state.globals.set('count', count);
      return source
        .replace(/\{\{param (\w+|\*)\}\}/g, (_all, name: string) => request.params[name] ?? '')
        .replace('{{count}}', String(count))
        .replace('{{base}}', state.baseUrl ?? '');
    },
  };
};

describe('routing', () => {
  const yaml = `
name: Routes
port: 0
prefix: /api
routes:
  - method: GET
    path: /users/:id
    responses:
      - body: { kind: user }
  - method: GET
    path: /users/:id/orders/:orderId
    responses:
      - body: orders
  - method: '*'
    path: /anything
    responses:
      - body: any method
  - method: GET
    path: /files/*
    responses:
      - body: wildcard
  - method: GET
    path: /img/:name(^\\d+).png
    responses:
      - body: numbered image
`;

  it('matches params, wildcards, regex and any method, and puts the params in the request', async () => {
    const { server, url } = await serve(yaml);
    const user = await call(`${url}/api/users/42`);
    expect(user.status).toBe(200);
    expect(user.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json(user)).toEqual({ kind: 'user' });
    expect((await call(`${url}/api/users/42/orders/7`)).text).toBe('orders');
    for (const method of ['GET', 'POST', 'DELETE', 'PATCH']) {
      expect((await call(`${url}/api/anything`, { method })).text).toBe('any method');
    }
    expect((await call(`${url}/api/files/a/b/c.txt`)).text).toBe('wildcard');
    expect((await call(`${url}/api/img/123.png`)).text).toBe('numbered image');
    expect((await call(`${url}/api/img/abc.png`)).status).toBe(404);
    const entries = server.log.entries();
    expect(entries[0]).toMatchObject({
      method: 'GET',
      path: '/api/users/42',
      route: 'GET /api/users/:id',
      routeIndex: 0,
    });
    expect(entries.at(-2)).toMatchObject({ route: 'GET /api/img/:name(^\\d+).png', status: 200 });
  });

  it('answers an unmatched request 404 with JSON naming the method and the path', async () => {
    const { url } = await serve(yaml);
    const missing = await call(`${url}/api/nope?x=1`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(json(missing)).toEqual({ error: 'No route for POST /api/nope', method: 'POST', path: '/api/nope' });
    // without the prefix nothing matches
    expect((await call(`${url}/users/42`)).status).toBe(404);
  });

  it('hands what no route matches to the fallback handler; its failure is a 500', async () => {
    const { url, server } = await serve(yaml, {
      fallback: async (request) => {
        if (request.path === '/fail') throw new Error('table gone');
        return jsonResponse(200, { served: request.path, q: request.query.q });
      },
    });
    expect(json(await call(`${url}/items?q=1`))).toEqual({ served: '/items', q: '1' });
    expect((await call(`${url}/api/users/1`)).text).toBe('{"kind":"user"}');
    const failed = await call(`${url}/fail`);
    expect(failed.status).toBe(500);
    expect(json(failed)).toEqual({ error: 'The request could not be answered: table gone' });
    expect(server.log.entries().map((entry) => [entry.route, entry.status])).toEqual([
      [null, 200],
      ['GET /api/users/:id', 200],
      [null, 500],
    ]);
  });

  it('answers HEAD from the GET route without a body', async () => {
    const { url } = await serve(yaml);
    const head = await call(`${url}/api/users/1`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });
});

describe('rules and modes over HTTP', () => {
  it('picks the response whose rules hold, else the default', async () => {
    const { url, server } = await serve(`
name: Rules
port: 0
routes:
  - method: POST
    path: /login
    responses:
      - status: 200
        rulesOperator: AND
        rules:
          - { target: body, path: user.name, op: equals, value: ada }
          - { target: header, name: X-Tenant, op: exists }
        body: welcome
      - status: 403
        rules:
          - { target: query, name: role, op: regex, value: '^guest' }
          - { target: cookie, name: banned, op: equals, value: 'yes' }
        rulesOperator: OR
        body: refused
      - status: 401
        default: true
        body: who are you
`);
    const post = (body: unknown, headers: Record<string, string> = {}, query = '') =>
      call(`${url}/login${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    expect((await post({ user: { name: 'ada' } }, { 'x-tenant': 't1' })).status).toBe(200);
    expect((await post({ user: { name: 'ada' } })).status).toBe(401);
    expect((await post({}, {}, '?role=guest-1')).status).toBe(403);
    expect((await post({}, { cookie: 'a=1; banned=yes' })).status).toBe(403);
    expect(server.log.entries().map((entry) => entry.responseIndex)).toEqual([0, 2, 1, 1]);
  });

  it('takes responses in turn in sequential mode, and random mode picks by the injected random', async () => {
    const draws = [0.9, 0.1];
    const { url } = await serve(
      `
name: Modes
port: 0
routes:
  - method: GET
    path: /seq
    responseMode: sequential
    responses: [{ body: one }, { body: two }, { body: three }]
  - method: GET
    path: /rnd
    responseMode: random
    responses: [{ body: a }, { body: b }]
`,
      { random: () => draws.shift() ?? 0 },
    );
    const seq: string[] = [];
    for (let i = 0; i < 4; i++) seq.push((await call(`${url}/seq`)).text);
    expect(seq).toEqual(['one', 'two', 'three', 'one']);
    expect((await call(`${url}/rnd`)).text).toBe('b');
    expect((await call(`${url}/rnd`)).text).toBe('a');
  });
});

describe('request parsing', () => {
  const echoYaml = `
name: Echo
port: 0
routes:
  - method: POST
    path: /echo
    responses:
      - rules: [{ target: body, path: n, op: equals, value: 1 }]
        body: json one
      - rules: [{ target: body, path: kind, op: equals, value: form }]
        body: a form
      - default: true
        body: other
`;

  it('answers a malformed JSON body 400 and parses JSON and form bodies', async () => {
    const { url, server } = await serve(echoYaml);
    const bad = await call(`${url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"n":',
    });
    expect(bad.status).toBe(400);
    expect((json(bad) as { error: string }).error).toMatch(/^The JSON body does not parse/);
    const ok = await call(`${url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"n":1}',
    });
    expect(ok.text).toBe('json one');
    const form = await call(`${url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'kind=form&x=1',
    });
    expect(form.text).toBe('a form');
    expect(server.log.entries()[0]).toMatchObject({ status: 400, route: null });
  });

  it('answers 413 to a body or headers over the limit', async () => {
    const { url } = await serve(echoYaml, { limitBytes: 4096 });
    const declared = await call(`${url}/echo`, { method: 'POST', body: 'x'.repeat(5000) });
    expect(declared.status).toBe(413);
    // chunked: no Content-Length, the limit is found while reading
    const chunked = await new Promise<number>((resolveStatus, rejectStatus) => {
      const req = httpRequest(`${url}/echo`, { method: 'POST', agent: false }, (res) => {
        res.resume();
        resolveStatus(res.statusCode ?? 0);
      });
      req.on('error', rejectStatus);
      req.write('y'.repeat(3000));
      req.end('y'.repeat(3000));
    });
    expect(chunked).toBe(413);
    const headers = await call(`${url}/echo`, { method: 'POST', headers: { 'x-big': 'z'.repeat(5000) }, body: '' });
    expect(headers.status).toBe(413);
    expect((await call(`${url}/echo`, { method: 'POST', body: 'small' })).text).toBe('other');
  });

  it('answers 408 and closes the connection of a client too slow to send its request', async () => {
    const { url } = await serve(echoYaml, { requestTimeoutMs: 300 });
    const { port } = new URL(url);
    const answer = await new Promise<string>((resolveAnswer, rejectAnswer) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('POST /echo HTTP/1.1\r\nHost: x\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolveAnswer(text));
      socket.on('error', rejectAnswer);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('keeps a connection alive across requests', async () => {
    const { url } = await serve(echoYaml);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const reused: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolveCall, rejectCall) => {
        const req = httpRequest(`${url}/echo`, { method: 'POST', agent }, (res) => {
          reused.push(req.reusedSocket);
          res.resume();
          res.on('end', () => resolveCall());
        });
        req.on('error', rejectCall);
        req.end('x');
      });
    }
    agent.destroy();
    expect(reused).toEqual([false, true, true]);
  });
});

describe('latency and faults', () => {
  it('waits the global plus the response latency before answering', async () => {
    const { url, server } = await serve(`
name: Slow
port: 0
latency: 60
routes:
  - method: GET
    path: /slow
    responses: [{ latency: { min: 40, max: 40 }, body: late }]
  - method: GET
    path: /fast
    responses: [{ body: soon }]
`);
    const order: string[] = [];
    const slow = call(`${url}/slow`).then((result) => order.push(result.text));
    await new Promise((resolveWait) => setTimeout(resolveWait, 10));
    expect(order).toEqual([]);
    await slow;
    expect(order).toEqual(['late']);
    const [slowEntry] = server.log.entries();
    expect(slowEntry!.durationMs).toBeGreaterThanOrEqual(99);
  });

  it('drops the connection or answers an error as the fault says, at its rate', async () => {
    const draws: number[] = [];
    const { url, server } = await serve(
      `
name: Faults
port: 0
routes:
  - method: GET
    path: /drop
    responses: [{ fault: { type: drop }, body: never }]
  - method: GET
    path: /flaky
    responses: [{ fault: { type: error, rate: 0.5, status: 503 }, body: fine }]
`,
      { random: () => draws.shift() ?? 0 },
    );
    await expect(call(`${url}/drop`)).rejects.toThrow(/socket hang up|ECONNRESET/);
    draws.push(0.2);
    const failed = await call(`${url}/flaky`);
    expect(failed.status).toBe(503);
    draws.push(0.7);
    expect((await call(`${url}/flaky`)).text).toBe('fine');
    expect(server.log.entries().map((entry) => [entry.status, entry.fault])).toEqual([
      [0, 'drop'],
      [503, 'error'],
      [200, undefined],
    ]);
  });
});

describe('CORS', () => {
  const yaml = (cors: boolean) => `
name: Cors
port: 0
cors: ${cors}
routes:
  - method: PUT
    path: /items/:id
    responses: [{ body: put }]
`;

  it('answers a preflight and adds the allow-origin header when enabled', async () => {
    const { url } = await serve(yaml(true));
    const preflight = await call(`${url}/items/1`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://app.test',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'x-token',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://app.test');
    expect(preflight.headers['access-control-allow-methods']).toContain('PUT');
    expect(preflight.headers['access-control-allow-headers']).toBe('x-token');
    const put = await call(`${url}/items/1`, { method: 'PUT', headers: { origin: 'http://app.test' } });
    expect(put.headers['access-control-allow-origin']).toBe('http://app.test');
  });

  it('leaves OPTIONS to the routes when disabled', async () => {
    const { url } = await serve(yaml(false));
    const preflight = await call(`${url}/items/1`, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.test', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(404);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('body files', () => {
  it('serves a file of the mock folder and refuses every way out of it', async () => {
    const mockDir = join(root, 'mock');
    mkdirSync(join(mockDir, 'data'), { recursive: true });
    writeFileSync(join(mockDir, 'data', 'user.json'), '{"id":1}');
    writeFileSync(join(root, 'secret.txt'), 'top secret');
    symlinkSync(join(root, 'secret.txt'), join(mockDir, 'data', 'link.txt'));
    const { url, server } = await serve(
      `
name: Files
port: 0
routes:
  - method: GET
    path: /user
    responses: [{ bodyFile: data/user.json }]
  - method: GET
    path: /link
    responses: [{ bodyFile: data/link.txt }]
  - method: GET
    path: /encoded
    responses: [{ bodyFile: '..%2Fsecret.txt' }]
  - method: GET
    path: /files/*
    responses: [{ bodyFile: 'data/{{param *}}' }]
  - method: GET
    path: /raw/*
    responses: [{ bodyFile: '{{param *}}' }]
`,
      { root: mockDir, compileBody: tinyTemplates },
    );
    const user = await call(`${url}/user`);
    expect(user.status).toBe(200);
    expect(user.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(user.text).toBe('{"id":1}');
    expect((await call(`${url}/files/user.json`)).text).toBe('{"id":1}');

    const refused = [
      await call(`${url}/link`),
      // the wildcard's value is decoded by the router: these become ../../secret.txt and an absolute path
      await call(`${url}/files/..%2F..%2Fsecret.txt`),
      await call(`${url}/files/%2E%2E/%2E%2E/secret.txt`),
      await call(`${url}/raw/${encodeURIComponent(join(root, 'secret.txt'))}`),
    ];
    expect(refused.map((answer) => answer.status)).toEqual([500, 500, 500, 500]);
    for (const answer of refused) {
      expect(answer.status).toBe(500);
      expect(answer.text).not.toContain('top secret');
      expect(answer.text).toMatch(/outside the mock's folder/);
    }
    // percent signs in a file name are not decoded: this names a file that does not exist in the folder
    const encoded = await call(`${url}/encoded`);
    expect(encoded.status).toBe(500);
    expect(encoded.text).toMatch(/does not exist in the mock's folder/);
    expect(server.log.entries().filter((entry) => entry.error).length).toBe(5);
  });

  it('refuses a mock whose body file path is absolute or climbs out, when it loads', () => {
    expect(() =>
      parseMockYaml(
        'name: x\nport: 0\nroutes: [{ method: GET, path: /, responses: [{ bodyFile: ../a.json }] }]',
        'up.yaml',
      ),
    ).toThrow("up.yaml: routes[0].responses[0].bodyFile: must be a path inside the mock's folder");
    expect(() =>
      parseMockYaml(
        'name: x\nport: 0\nroutes: [{ method: GET, path: /, responses: [{ bodyFile: /etc/passwd }] }]',
        'abs.yaml',
      ),
    ).toThrow("abs.yaml: routes[0].responses[0].bodyFile: must be a path inside the mock's folder");
  });
});

describe('failures while answering', () => {
  it('answers 500 when rendering throws, logs the error and keeps serving', async () => {
    const errors: unknown[] = [];
    const { url, server } = await serve(
      `
name: Broken
port: 0
routes:
  - method: GET
    path: /broken
    responses: [{ body: 'x {{boom}}' }]
  - method: GET
    path: /users/:id
    responses: [{ body: 'user {{param id}}' }]
`,
      { compileBody: tinyTemplates, onError: (error) => errors.push(error) },
    );
    const broken = await call(`${url}/broken`);
    expect(broken.status).toBe(500);
    expect(json(broken)).toEqual({ error: 'The response of GET /broken could not be made: helper boom failed' });
    expect(errors).toHaveLength(1);
    expect(server.log.entries()[0]).toMatchObject({ status: 500, error: 'helper boom failed' });
    expect((await call(`${url}/users/7`)).text).toBe('user 7');
  });

  it('renders bodies, header values and text body files through the compiler; state outlives a reload', async () => {
    writeFileSync(join(root, 'page.txt'), 'file for {{param id}}');
    const yaml = (extra: string) => `
name: Templated
port: 0
prefix: /v1
routes:
  - method: GET
    path: /count
    responses: [{ headers: { X-Base: '{{base}}' }, body: 'call {{count}}' }]
  - method: GET
    path: /page/:id
    responses: [{ bodyFile: page.txt }]
${extra}`;
    const { url, server } = await serve(yaml(''), { compileBody: tinyTemplates });
    const first = await call(`${url}/v1/count`);
    expect(first.text).toBe('call 1');
    expect(first.headers['x-base']).toBe(`${url}/v1`);
    expect((await call(`${url}/v1/page/3`)).text).toBe('file for 3');
    writeFileSync(join(root, 'page.txt'), 'changed {{param id}}');
    expect((await call(`${url}/v1/page/4`)).text).toBe('changed 4');
    server.reload(parseMockYaml(yaml('  - { method: GET, path: /new, responses: [{ body: new }] }'), 't.yaml'));
    expect((await call(`${url}/v1/count`)).text).toBe('call 2');
  });

  it('refuses a template that does not compile when the mock loads, naming the field', () => {
    const definition = parseMockYaml(
      'name: x\nport: 0\nroutes: [{ method: GET, path: /, responses: [{ body: "{{unclosed" }] }]',
      'bad.yaml',
    );
    expect(() => createMockServer({ definition, root, compileBody: tinyTemplates })).toThrow(
      'routes[0].responses[0].body: the template does not compile: unclosed tag',
    );
    expect(() => createMockServer({ definition, root, compileBody: tinyTemplates, fileName: 'bad.yaml' })).toThrow(
      'bad.yaml: routes[0].responses[0].body: the template does not compile: unclosed tag',
    );
  });
});

describe('lifecycle', () => {
  it('reloads routes under the open socket and keeps the sequence and the log', async () => {
    const first = `
name: Live
port: 0
routes:
  - method: GET
    path: /seq
    responseMode: sequential
    responses: [{ body: one }, { body: two }, { body: three }]
`;
    const { url, server } = await serve(first);
    expect((await call(`${url}/seq`)).text).toBe('one');
    const outcome = server.reload(
      parseMockYaml(`${first}  - method: GET\n    path: /new\n    responses: [{ body: added }]\n`, 'live.yaml'),
    );
    expect(outcome).toEqual({ restartNeeded: false });
    expect((await call(`${url}/seq`)).text).toBe('two');
    expect((await call(`${url}/new`)).text).toBe('added');
    expect(server.log.entries()).toHaveLength(3);
    expect(server.address()?.url).toBe(url);

    // a definition that does not compile leaves the running one in place
    const broken = parseMockYaml(
      'name: Live\nport: 0\nroutes: [{ method: GET, path: "/a/:id(", responses: [{}] }]',
      'x.yaml',
    );
    expect(() => server.reload(broken)).toThrow(/routes\[0\]\.path/);
    expect((await call(`${url}/new`)).text).toBe('added');
  });

  it('says a port in use is taken, naming the port', async () => {
    const blocker: NetServer = createNetServer();
    await new Promise<void>((resolveListen) => blocker.listen(0, '127.0.0.1', resolveListen));
    const port = (blocker.address() as { port: number }).port;
    try {
      const server = createMockServer({
        definition: parseMockYaml(`name: X\nport: ${port}\nroutes: []`, 'x.yaml'),
        root,
      });
      const failure = await server.start().then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(AppError);
      expect(failure).toMatchObject({ code: 'CONFLICT', details: { port, host: '127.0.0.1' } });
      expect((failure as Error).message).toContain(`Port ${port} is already in use`);
      expect(server.address()).toBeNull();
    } finally {
      await new Promise((resolveClose) => blocker.close(resolveClose));
    }
  });

  it('binds 127.0.0.1 by default and stops, refusing connections after', async () => {
    const { url, server } = await serve('name: X\nport: 0\nroutes: []');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await server.stop();
    await expect(call(`${url}/`)).rejects.toThrow(/ECONNREFUSED/);
    await server.stop();
  });

  it('keeps the last requests only, and tells listeners of each', async () => {
    const { url, server } = await serve('name: X\nport: 0\nroutes: []', { logCapacity: 3 });
    const heard: string[] = [];
    const unsubscribe = server.log.subscribe((entry) => heard.push(entry.path));
    for (let i = 1; i <= 5; i++) await call(`${url}/p${i}?q=${i}`);
    unsubscribe();
    await call(`${url}/after`);
    expect(heard).toEqual(['/p1', '/p2', '/p3', '/p4', '/p5']);
    expect(server.log.entries().map((entry) => entry.path)).toEqual(['/p4', '/p5', '/after']);
    expect(server.log.entries()[0]).toMatchObject({ id: 4, query: 'q=4', status: 404 });
  });
});
