import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonResponse, type MockHandler, type MockRequest } from '../mock-http';
import { startRestHttpServer, type RunningRestServer } from './rest-http-server';

describe('the REST HTTP glue', () => {
  let server: RunningRestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });
  const start = async (handler: MockHandler, maxBodyBytes?: number, cors?: boolean) => {
    server = await startRestHttpServer({ handler, port: 0, maxBodyBytes, cors });
    return server.url;
  };

  it('hands the handler the request as a MockRequest and writes its response', async () => {
    let seen: MockRequest | null = null;
    const url = await start((request) => {
      seen = request;
      return jsonResponse(202, { ok: true }, { 'x-extra': ['a', 'b'] });
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/items/a%20b?x=1&x=2&y=%27%3B&z=`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: 'a=1; b=two' },
      body: '{"name": "x"}',
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('x-extra')).toBe('a, b');
    expect(seen).toMatchObject({
      method: 'PATCH',
      path: '/items/a%20b',
      params: {},
      query: { x: ['1', '2'], y: "';", z: '' },
      cookies: { a: '1', b: 'two' },
      bodyText: '{"name": "x"}',
      body: { name: 'x' },
    });
  });

  it('answers 400 for malformed JSON and 413 for a body over the limit, without calling the handler', async () => {
    let calls = 0;
    const url = await start(() => {
      calls++;
      return jsonResponse(200, {});
    }, 1000);
    const bad = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
    const large = await fetch(url, { method: 'POST', body: 'x'.repeat(100_000) });
    expect(large.status).toBe(413);
    expect(calls).toBe(0);
  });

  it('answers 500 when the handler fails and writes no body for 204', async () => {
    const url = await start((request) => {
      if (request.path === '/fail') throw new Error('secret internals');
      return { status: 204, headers: {}, body: 'ignored' };
    });
    const failed = await fetch(`${url}/fail`);
    expect(failed.status).toBe(500);
    expect(await failed.text()).not.toContain('secret internals');
    const empty = await fetch(`${url}/ok`, { method: 'DELETE' });
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });

  it('refuses foreign Host names (DNS rebinding) and pages of other sites on a loopback address', async () => {
    let calls = 0;
    const url = await start(() => {
      calls++;
      return jsonResponse(200, {});
    });
    const port = Number(new URL(url).port);
    const status = (headers: Record<string, string>) =>
      new Promise<number>((done, fail) => {
        const req = request({ host: '127.0.0.1', port, path: '/items', method: 'POST', headers }, (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        });
        req.on('error', fail);
        req.end('{}');
      });
    expect(await status({ host: `evil.example:${port}` })).toBe(403);
    expect(await status({ host: `127.0.0.1.evil.example:${port}` })).toBe(403);
    expect(await status({ host: `localhost:${port}`, origin: 'https://evil.example' })).toBe(403);
    expect(await status({ host: `localhost:${port}`, origin: 'null' })).toBe(403);
    expect(calls).toBe(0);
    expect(await status({ host: `localhost:${port}`, origin: 'http://localhost:3000' })).toBe(200);
    expect(await status({ host: `127.0.0.1:${port}` })).toBe(200);
    expect(await status({ host: `[::1]:${port}`, origin: 'http://127.0.0.1:5173' })).toBe(200);
    expect(calls).toBe(3);
  });

  it('with cors, answers preflights and pages of other origins, and still refuses foreign Host names', async () => {
    let calls = 0;
    const url = await start(
      () => {
        calls++;
        return jsonResponse(200, { ok: true }, { 'x-total-count': '1' });
      },
      undefined,
      true,
    );
    const port = Number(new URL(url).port);
    const send = (method: string, headers: Record<string, string>) =>
      new Promise<{ status: number; headers: Record<string, unknown> }>((done, fail) => {
        const req = request({ host: '127.0.0.1', port, path: '/items', method, headers }, (res) => {
          res.resume();
          done({ status: res.statusCode ?? 0, headers: res.headers });
        });
        req.on('error', fail);
        req.end();
      });
    const pre = await send('OPTIONS', {
      host: `localhost:${port}`,
      origin: 'https://app.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    expect(pre.status).toBe(204);
    expect(pre.headers).toMatchObject({
      'access-control-allow-origin': 'https://app.example',
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
      'access-control-allow-headers': 'content-type',
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
    expect(calls).toBe(0);
    const get = await send('GET', { host: `localhost:${port}`, origin: 'https://app.example' });
    expect(get.status).toBe(200);
    expect(get.headers['access-control-allow-origin']).toBe('https://app.example');
    expect((await send('GET', { host: `127.0.0.1:${port}` })).headers['access-control-allow-origin']).toBe('*');
    expect((await send('GET', { host: `evil.example:${port}`, origin: 'https://evil.example' })).status).toBe(403);
    expect(calls).toBe(2);
  });

  it('names the port that is taken', async () => {
    const url = await start(() => jsonResponse(200, {}));
    const port = Number(new URL(url).port);
    await expect(startRestHttpServer({ handler: () => jsonResponse(200, {}), port })).rejects.toThrow(
      `Port ${port} is already in use`,
    );
  });
});
