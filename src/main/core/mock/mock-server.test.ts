import { writeFileSync } from 'node:fs';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { parseMockYaml } from './mock-file';
import { jsonResponse } from './mock-http';
import { createMockServer } from './mock-server';
import { call, json } from './testing/http-call';
import { tinyTemplates, useMockServers } from './testing/mock-server-fixture';

const { serve, root } = useMockServers();

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

  it('logs full request and response details, sharing what a static response logs and nothing else', async () => {
    const { server, url } = await serve(
      `
name: Log
port: 0
routes:
  - method: GET
    path: /static
    responses:
      - headers: { x-kind: fixed }
        body: { same: true }
  - method: GET
    path: /templated/:id
    responses:
      - body: 'id {{param id}}'
`,
      { compileBody: tinyTemplates },
    );
    await call(`${url}/static`);
    await call(`${url}/static?a=1`, { headers: { cookie: 'session=abc' } });
    await call(`${url}/templated/1`);
    await call(`${url}/templated/2`);
    const [first, second, one, two] = server.log.entries();
    expect(second).toMatchObject({ path: '/static', query: 'a=1', status: 200 });
    expect(second!.request.headers).toMatchObject({ cookie: 'session=abc' });
    expect(first!.response).toEqual({
      headers: { 'x-kind': 'fixed', 'content-type': 'application/json; charset=utf-8' },
      body: '{"same":true}',
    });
    // made once at load: every entry of the static response holds the same (frozen) record
    expect(second!.response).toBe(first!.response);
    expect(Object.isFrozen(first!.response)).toBe(true);
    expect(one!.response.body).toBe('id 1');
    expect(two!.response.body).toBe('id 2');
    expect(two!.response).not.toBe(one!.response);
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

  it('answers 500, on every request, when a static header value is not valid HTTP', async () => {
    const { url, server } = await serve(
      'name: H\nport: 0\nroutes: [{ method: GET, path: /h, responses: [{ headers: { X-V: "a\\x01b" }, body: ok }] }]',
    );
    for (let i = 0; i < 2; i++) {
      const answer = await call(`${url}/h`);
      expect(answer.status).toBe(500);
      expect((json(answer) as { error: string }).error).toMatch(/^The response headers are not valid/);
    }
    expect(server.log.entries().map((entry) => entry.status)).toEqual([500, 500]);
  });

  it('answers 500 when a template puts a newline in a header value', async () => {
    const { url, server } = await serve(
      'name: H\nport: 0\nroutes: [{ method: GET, path: /h/:v, responses: [{ headers: { X-V: "{{param v}}" }, body: ok }] }]',
      { compileBody: tinyTemplates },
    );
    expect((await call(`${url}/h/fine`)).headers['x-v']).toBe('fine');
    const split = await call(`${url}/h/a%0D%0ASet-Cookie:%20x=1`);
    expect(split.status).toBe(500);
    expect(split.headers['set-cookie']).toBeUndefined();
    expect((json(split) as { error: string }).error).toMatch(/^The response headers are not valid/);
    expect(server.log.entries().at(-1)).toMatchObject({ status: 500 });
  });

  it('renders bodies, header values and text body files through the compiler; state outlives a reload', async () => {
    writeFileSync(join(root(), 'page.txt'), 'file for {{param id}}');
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
    writeFileSync(join(root(), 'page.txt'), 'changed {{param id}}');
    expect((await call(`${url}/v1/page/4`)).text).toBe('changed 4');
    server.reload(parseMockYaml(yaml('  - { method: GET, path: /new, responses: [{ body: new }] }'), 't.yaml'));
    expect((await call(`${url}/v1/count`)).text).toBe('call 2');
  });

  it('sends the body as written when templating is off, still filling headers and the file path', async () => {
    writeFileSync(join(root(), 'raw-3.txt'), 'file for {{param id}}');
    const { url } = await serve(
      `
name: Literal
port: 0
routes:
  - method: GET
    path: /text
    responses: [{ templating: false, headers: { X-Base: '{{base}}' }, body: 'call {{count}}' }]
  - method: GET
    path: /file/:id
    responses: [{ templating: false, bodyFile: 'raw-{{param id}}.txt' }]
`,
      { compileBody: tinyTemplates },
    );
    const text = await call(`${url}/text`);
    expect([text.text, text.headers['x-base']]).toEqual(['call {{count}}', url]);
    expect((await call(`${url}/file/3`)).text).toBe('file for {{param id}}');
  });

  it('refuses a template that does not compile when the mock loads, naming the field', () => {
    const definition = parseMockYaml(
      'name: x\nport: 0\nroutes: [{ method: GET, path: /, responses: [{ body: "{{unclosed" }] }]',
      'bad.yaml',
    );
    expect(() => createMockServer({ definition, root: root(), compileBody: tinyTemplates })).toThrow(
      'routes[0].responses[0].body: the template does not compile: unclosed tag',
    );
    expect(() =>
      createMockServer({ definition, root: root(), compileBody: tinyTemplates, fileName: 'bad.yaml' }),
    ).toThrow('bad.yaml: routes[0].responses[0].body: the template does not compile: unclosed tag');
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
        root: root(),
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

  it('answers 1,000 concurrent connections', async () => {
    const { url, server } = await serve(
      'name: X\nport: 0\nroutes: [{ method: GET, path: /n/:n, responses: [{ body: ok }] }]',
    );
    const answers = await Promise.all(Array.from({ length: 1000 }, (_, n) => call(`${url}/n/${n}`)));
    expect(answers.every((answer) => answer.status === 200 && answer.text === 'ok')).toBe(true);
    expect(server.log.entries()).toHaveLength(1000);
  });

  it('stops with a request still waiting on its latency: the client is cut off, nothing is left running', async () => {
    const { url, server } = await serve(
      'name: X\nport: 0\nroutes: [{ method: GET, path: /slow, responses: [{ latency: 60000, body: late }] }]',
    );
    const pending = call(`${url}/slow`);
    pending.catch(() => undefined);
    while (server.activeRequests() === 0) await new Promise((resolveWait) => setTimeout(resolveWait, 5));
    await server.stop();
    expect(server.activeRequests()).toBe(0);
    await expect(pending).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(server.log.entries()).toMatchObject([{ path: '/slow', status: 0 }]);
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
