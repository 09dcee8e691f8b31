import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../shared/dispatcher';
import { MAX_REQUEST_BYTES, type EventMessage } from '../../shared/rpc';
import { MAX_EVENT_STREAMS, startWebHost, type WebHost } from './web-host';

const SECRET = 'TOP-SECRET-CONTENT';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: the path is sent exactly as given (no client-side normalisation of `..`). */
function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolveReply({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser host', () => {
  let root: string;
  let host: WebHost;
  let sink: ((message: EventMessage) => void) | undefined;
  const calls: unknown[] = [];
  const dispatch: Dispatch = async (raw) => {
    calls.push(raw);
    const method = (raw as { method?: unknown }).method;
    return { id: 1, ok: true, value: { echoed: method } };
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bb-web-'));
    const rendererDir = join(root, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(
      join(rendererDir, 'index.html'),
      '<!doctype html><title>Backbench</title><script src="/assets/app.js"></script>',
    );
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'package.json'), SECRET);
    mkdirSync(join(root, 'exports'));
    writeFileSync(join(root, 'exports', 'result 1.csv'), 'a,b\n1,2\n');
    // symlinks pointing out of the served folders
    symlinkSync(join(root, 'package.json'), join(rendererDir, 'assets', 'leak.js'));
    symlinkSync(join(root, 'package.json'), join(root, 'exports', 'leak.csv'));
    host = await startWebHost({
      dispatch,
      subscribe: (s) => {
        sink = s;
        return () => (sink = undefined);
      },
      rendererDir,
      exportsDir: join(root, 'exports'),
    });
  });

  afterAll(async () => {
    await host.close();
    rmSync(root, { recursive: true, force: true });
  });

  const hostHeader = () => `127.0.0.1:${host.port}`;
  const cookie = () => `bb_token_${host.port}=${host.token}`;
  const authed = (extra: Record<string, string> = {}) => ({ Host: hostHeader(), Cookie: cookie(), ...extra });
  const rpcHeaders = (extra: Record<string, string> = {}) =>
    authed({ 'Content-Type': 'application/json', Origin: `http://${hostHeader()}`, ...extra });

  it('binds 127.0.0.1 by default and prints a start URL with a 32-byte hex token', () => {
    const address = host.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
  });

  it('answers 401 with a hint to the printed URL without the token', async () => {
    const reply = await send(host.port, '/', { headers: { Host: hostHeader() } });
    expect(reply.status).toBe(401);
    expect(reply.body).toContain('URL printed in the terminal');
    const asset = await send(host.port, '/assets/app.js', { headers: { Host: hostHeader() } });
    expect(asset.status).toBe(401);
    const wrongCookie = await send(host.port, '/', {
      headers: { Host: hostHeader(), Cookie: `bb_token_${host.port}=nope` },
    });
    expect(wrongCookie.status).toBe(401);
  });

  it('trades the token in the start URL for an HttpOnly SameSite=Strict cookie and redirects to /', async () => {
    const reply = await send(host.port, `/?token=${host.token}`, { headers: { Host: hostHeader() } });
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/');
    const setCookie = reply.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toContain(`bb_token_${host.port}=${host.token}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const wrong = await send(host.port, '/?token=deadbeef', { headers: { Host: hostHeader() } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('opens the browser with a launch URL that works once and carries no token', async () => {
    const launch = host.launchUrl();
    expect(launch).not.toContain(host.token);
    const path = launch.slice(host.origin.length);
    expect(path).toMatch(/^\/\?launch=[0-9a-f]{64}$/);
    const first = await send(host.port, path, { headers: { Host: hostHeader() } });
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/');
    expect(first.headers['set-cookie']?.[0]).toContain(
      `bb_token_${host.port}=${host.token}; HttpOnly; SameSite=Strict`,
    );
    const again = await send(host.port, path, { headers: { Host: hostHeader() } });
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    const forged = await send(host.port, `/?launch=${'0'.repeat(64)}`, { headers: { Host: hostHeader() } });
    expect(forged.status).toBe(401);
  });

  it('serves the renderer with the cookie, with content types and security headers', async () => {
    const index = await send(host.port, '/', { headers: authed() });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>Backbench</title>');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    const asset = await send(host.port, '/assets/app.js', { headers: authed() });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.body).toBe('console.log(1)');
  });

  it('accepts a bearer token for tools', async () => {
    const reply = await send(host.port, '/', {
      headers: { Host: hostHeader(), Authorization: `Bearer ${host.token}` },
    });
    expect(reply.status).toBe(200);
  });

  it('falls back to index.html for client routes but 404s a missing asset', async () => {
    const route = await send(host.port, '/connections/abc', { headers: authed() });
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>Backbench</title>');
    const missing = await send(host.port, '/assets/missing.js', { headers: authed() });
    expect(missing.status).toBe(404);
  });

  it('rejects a foreign Origin with 403', async () => {
    const page = await send(host.port, '/', { headers: authed({ Origin: 'http://evil.example' }) });
    expect(page.status).toBe(403);
    const rpc = await send(host.port, '/rpc', {
      method: 'POST',
      headers: rpcHeaders({ Origin: `http://localhost:${host.port + 1}` }),
      body: JSON.stringify({ method: 'app.info', input: {} }),
    });
    expect(rpc.status).toBe(403);
    expect(JSON.parse(rpc.body).error.code).toBe('FORBIDDEN');
  });

  it('rejects a foreign Host header (DNS rebinding) with 403, even with the token', async () => {
    const reply = await send(host.port, '/', { headers: { Host: `evil.example:${host.port}`, Cookie: cookie() } });
    expect(reply.status).toBe(403);
    const start = await send(host.port, `/?token=${host.token}`, { headers: { Host: `evil.example:${host.port}` } });
    expect(start.status).toBe(403);
    const wrongPort = await send(host.port, '/', { headers: { Host: `127.0.0.1:${host.port + 1}`, Cookie: cookie() } });
    expect(wrongPort.status).toBe(403);
    const localhost = await send(host.port, '/', { headers: { Host: `localhost:${host.port}`, Cookie: cookie() } });
    expect(localhost.status).toBe(200);
  });

  it('dispatches POST /rpc and returns the response as JSON', async () => {
    const reply = await send(host.port, '/rpc', {
      method: 'POST',
      headers: rpcHeaders(),
      body: JSON.stringify({ id: 1, method: 'app.info', input: {} }),
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(reply.body)).toEqual({ id: 1, ok: true, value: { echoed: 'app.info' } });
    expect(calls.at(-1)).toEqual({ id: 1, method: 'app.info', input: {} });
  });

  it('requires proof of same origin for a cookie-authenticated POST /rpc, and a JSON content type', async () => {
    const body = JSON.stringify({ method: 'app.info', input: {} });
    const noOrigin = await send(host.port, '/rpc', {
      method: 'POST',
      headers: authed({ 'Content-Type': 'application/json' }),
      body,
    });
    expect(noOrigin.status).toBe(403);
    const fetchMeta = await send(host.port, '/rpc', {
      method: 'POST',
      headers: authed({ 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' }),
      body,
    });
    expect(fetchMeta.status).toBe(200);
    const formPost = await send(host.port, '/rpc', {
      method: 'POST',
      headers: rpcHeaders({ 'Content-Type': 'text/plain' }),
      body,
    });
    expect(formPost.status).toBe(415);
    const tool = await send(host.port, '/rpc', {
      method: 'POST',
      headers: { Host: hostHeader(), Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body,
    });
    expect(tool.status).toBe(200);
    const noAuth = await send(host.port, '/rpc', {
      method: 'POST',
      headers: { Host: hostHeader(), 'Content-Type': 'application/json' },
      body,
    });
    expect(noAuth.status).toBe(401);
    expect(JSON.parse(noAuth.body).error.code).toBe('UNAUTHORIZED');
  });

  it('answers 413 with PAYLOAD_TOO_LARGE for an oversized body', async () => {
    const big = Buffer.alloc(MAX_REQUEST_BYTES + 10, 0x20);
    const reply = await send(host.port, '/rpc', { method: 'POST', headers: rpcHeaders(), body: big });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 413 for an oversized chunked body without a Content-Length', async () => {
    const reply = await new Promise<Reply>((resolveReply, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/rpc',
          method: 'POST',
          headers: rpcHeaders({ 'Transfer-Encoding': 'chunked' }),
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolveReply({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
          );
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < 5; i++) req.write(chunk);
      req.end();
    });
    expect(reply.status).toBe(413);
  });

  it('answers 400 with INVALID_INPUT for malformed JSON', async () => {
    const reply = await send(host.port, '/rpc', {
      method: 'POST',
      headers: rpcHeaders(),
      body: '{"method": "app.info",',
    });
    expect(reply.status).toBe(400);
    const parsed = JSON.parse(reply.body);
    expect(parsed.ok).toBe(false);
    expect(parsed.error.code).toBe('INVALID_INPUT');
  });

  it('never serves files outside the renderer folder', async () => {
    const attempts = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E%2Fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%5cpackage.json',
      '/%00index.html',
      '/%E0%A4%A',
    ];
    for (const path of attempts) {
      const reply = await send(host.port, path, { headers: authed() });
      expect([400, 403, 404], path).toContain(reply.status);
      expect(reply.body, path).not.toContain(SECRET);
    }
  });

  it('delivers core events over SSE', async () => {
    const received = await new Promise<string>((resolveEvent, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: host.port, path: '/events', headers: authed(), agent: false },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            if (buffer.includes(': connected')) {
              if (!buffer.includes('data:')) sink?.({ topic: 'history.appended', payload: { connectionId: 'c1' } });
            }
            const match = /data: (.*)\n\n/.exec(buffer);
            if (match) {
              resolveEvent(match[1]!);
              req.destroy();
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(received)).toEqual({ topic: 'history.appended', payload: { connectionId: 'c1' } });
  });

  it('streams an export as an attachment and refuses paths outside the exports folder', async () => {
    const file = await send(host.port, '/exports/result%201.csv', { headers: authed() });
    expect(file.status).toBe(200);
    expect(file.body).toBe('a,b\n1,2\n');
    expect(file.headers['content-disposition']).toContain('attachment;');
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''result%201.csv");
    for (const path of ['/exports/..%2fpackage.json', '/exports/../package.json', '/exports/missing.csv']) {
      const reply = await send(host.port, path, { headers: authed() });
      expect([403, 404], path).toContain(reply.status);
      expect(reply.body).not.toContain(SECRET);
    }
    const noAuth = await send(host.port, '/exports/result%201.csv', { headers: { Host: hostHeader() } });
    expect(noAuth.status).toBe(401);
  });
  it('refuses cross-origin subresource requests by fetch metadata, but lets a page be navigated to', async () => {
    // what a page on another localhost port gets: the cookie is sent (same site), the Origin often is not
    const noCors = { 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'script' };
    for (const path of ['/events', '/exports/result%201.csv', '/assets/app.js', '/']) {
      const reply = await send(host.port, path, { headers: authed(noCors) });
      expect(reply.status, path).toBe(403);
      expect(reply.body, path).not.toContain('a,b');
    }
    const eventSource = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Dest': 'empty' };
    expect((await send(host.port, '/events', { headers: authed(eventSource) })).status).toBe(403);
    // a navigation to an export (a link on a foreign page) would drop the file into Downloads: refused too
    const navigate = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' };
    expect((await send(host.port, '/exports/result%201.csv', { headers: authed(navigate) })).status).toBe(403);
    // a framed page is refused (frame-ancestors also forbids it)
    const framed = { ...navigate, 'Sec-Fetch-Dest': 'iframe' };
    expect((await send(host.port, '/', { headers: authed(framed) })).status).toBe(403);
    // following a link to the app, or the start URL from another page, still works
    expect((await send(host.port, '/', { headers: authed(navigate) })).status).toBe(200);
    const start = await send(host.port, `/?token=${host.token}`, { headers: { Host: hostHeader(), ...navigate } });
    expect(start.status).toBe(302);
    // the app's own requests, and a URL typed into the address bar
    const own = { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Dest': 'empty' };
    expect((await send(host.port, '/exports/result%201.csv', { headers: authed(own) })).status).toBe(200);
    const typed = { 'Sec-Fetch-Site': 'none', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' };
    expect((await send(host.port, '/exports/result%201.csv', { headers: authed(typed) })).status).toBe(200);
  });

  it('rejects an opaque (null) Origin on every route', async () => {
    for (const path of ['/', '/events', '/exports/result%201.csv']) {
      expect((await send(host.port, path, { headers: authed({ Origin: 'null' }) })).status, path).toBe(403);
    }
    const rpc = await send(host.port, '/rpc', {
      method: 'POST',
      headers: rpcHeaders({ Origin: 'null' }),
      body: JSON.stringify({ method: 'app.info', input: {} }),
    });
    expect(rpc.status).toBe(403);
    // a form post (urlencoded) from our own origin is still not an RPC
    const form = await send(host.port, '/rpc', {
      method: 'POST',
      headers: rpcHeaders({ 'Content-Type': 'application/x-www-form-urlencoded' }),
      body: 'method=app.info',
    });
    expect(form.status).toBe(415);
  });

  it('puts the CSP and nosniff on every HTML response, and no-store on API answers', async () => {
    const replies = [
      await send(host.port, '/', { headers: authed() }),
      await send(host.port, '/', { headers: { Host: hostHeader() } }),
      await send(host.port, '/assets/missing.js', { headers: authed() }),
      await send(host.port, '/', { headers: authed({ Origin: 'http://evil.example' }) }),
      await send(host.port, `/?token=${host.token}`, { headers: { Host: hostHeader() } }),
    ];
    for (const reply of replies) {
      expect(reply.headers['content-security-policy'], String(reply.status)).toContain("frame-ancestors 'none'");
      expect(reply.headers['content-security-policy']).toContain("form-action 'self'");
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['x-frame-options']).toBe('DENY');
    }
    const rpc = await send(host.port, '/rpc', {
      method: 'POST',
      headers: rpcHeaders(),
      body: JSON.stringify({ method: 'app.info', input: {} }),
    });
    expect(rpc.headers['cache-control']).toBe('no-store');
    expect(rpc.headers['x-content-type-options']).toBe('nosniff');
  });

  it('does not follow symlinks out of the renderer or exports folder', async () => {
    for (const path of ['/assets/leak.js', '/exports/leak.csv']) {
      const reply = await send(host.port, path, { headers: authed() });
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).not.toContain(SECRET);
    }
  });
});

describe('browser host limits', () => {
  let rendererDir: string;
  let host: WebHost;

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'bb-web-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Backbench</title>');
    host = await startWebHost({
      dispatch: async () => ({ ok: true, value: null }),
      rendererDir,
      headersTimeoutMs: 500,
      requestTimeoutMs: 1000,
    });
  });

  afterAll(async () => {
    await host.close();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  it('caps the number of open event streams', async () => {
    const headers = { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${host.token}` };
    const open = (): Promise<{ status: number; close: () => void }> =>
      new Promise((resolveOpen, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: host.port, path: '/events', headers, agent: false },
          (res) => {
            res.resume();
            resolveOpen({ status: res.statusCode ?? 0, close: () => req.destroy() });
          },
        );
        req.on('error', reject);
        req.end();
      });
    const streams = [];
    try {
      for (let i = 0; i < MAX_EVENT_STREAMS; i++) streams.push(await open());
      expect(streams.every((s) => s.status === 200)).toBe(true);
      const extra = await open();
      extra.close();
      expect(extra.status).toBe(503);
    } finally {
      for (const s of streams) s.close();
    }
  });

  it('drops a client that never finishes its headers (slowloris)', async () => {
    const closedBy = await new Promise<string>((resolveClosed, reject) => {
      const socket = connect(host.port, '127.0.0.1', () => {
        socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Slow: 1\r\n`);
      });
      let reply = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (reply += chunk));
      socket.on('close', () => resolveClosed(reply));
      socket.on('error', reject);
    });
    expect(closedBy).toMatch(/^HTTP\/1\.1 408/);
  });

  it('drops a client that never finishes its body', async () => {
    const closedBy = await new Promise<string>((resolveClosed, reject) => {
      const socket = connect(host.port, '127.0.0.1', () => {
        socket.write(
          `POST /rpc HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${host.token}\r\n` +
            'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"method":',
        );
      });
      let reply = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (reply += chunk));
      socket.on('close', () => resolveClosed(reply));
      socket.on('error', reject);
    });
    expect(closedBy).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe('browser host options', () => {
  it('uses a given token and falls back to a free port when the asked one is taken', async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'bb-web-'));
    const dispatch: Dispatch = async () => ({ ok: true, value: null });
    const first = await startWebHost({ dispatch, rendererDir, token: 'a'.repeat(64) });
    const second = await startWebHost({ dispatch, rendererDir, port: first.port, fallbackToFreePort: true });
    try {
      expect(first.token).toBe('a'.repeat(64));
      expect(second.port).not.toBe(first.port);
      await expect(startWebHost({ dispatch, rendererDir, port: first.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await Promise.all([first.close(), second.close()]);
      rmSync(rendererDir, { recursive: true, force: true });
    }
  });

  it('warns when asked to listen on a non-loopback address', async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'bb-web-'));
    const warnings: string[] = [];
    const host = await startWebHost({
      dispatch: async () => ({ ok: true, value: null }),
      rendererDir,
      host: '0.0.0.0',
      warn: (m) => warnings.push(m),
    });
    try {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('0.0.0.0');
      expect(host.url).toContain('http://127.0.0.1:');
    } finally {
      await host.close();
      rmSync(rendererDir, { recursive: true, force: true });
    }
  });
});
