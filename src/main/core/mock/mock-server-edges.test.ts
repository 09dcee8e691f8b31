import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMockYaml } from './mock-file';
import { call, json } from './testing/http-call';
import { tinyTemplates, useMockServers } from './testing/mock-server-fixture';

const { serve, root } = useMockServers();

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
    expect(slowEntry!.durationMs).toBeGreaterThanOrEqual(95);
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

describe('DNS rebinding', () => {
  it('answers only requests that name this machine in Host while bound to a loopback address', async () => {
    const { url } = await serve(`
name: Local
port: 0
routes:
  - method: GET
    path: /hi
    responses: [{ body: hi }]
`);
    const port = new URL(url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST`, `app.localhost:${port}`]) {
      expect((await call(`${url}/hi`, { headers: { host } })).text, host).toBe('hi');
    }
    for (const host of [`evil.example:${port}`, `127.0.0.1.evil.example`]) {
      const refused = await call(`${url}/hi`, { headers: { host } });
      expect(refused.status, host).toBe(403);
      expect(json(refused), host).toMatchObject({ error: expect.stringMatching(/not this machine/) });
    }
    // a foreign Host that comes after a local one is still refused (the check remembers only local values)
    expect((await call(`${url}/hi`, { headers: { host: `localhost:${port}` } })).status).toBe(200);
    expect((await call(`${url}/hi`, { headers: { host: 'rebound.example' } })).status).toBe(403);
  });
});

describe('body files', () => {
  it('serves a file of the mock folder and refuses every way out of it', async () => {
    const mockDir = join(root(), 'mock');
    mkdirSync(join(mockDir, 'data'), { recursive: true });
    writeFileSync(join(mockDir, 'data', 'user.json'), '{"id":1}');
    writeFileSync(join(root(), 'secret.txt'), 'top secret');
    symlinkSync(join(root(), 'secret.txt'), join(mockDir, 'data', 'link.txt'));
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
      await call(`${url}/raw/${encodeURIComponent(join(root(), 'secret.txt'))}`),
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
