import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../shared/dispatcher';
import { MAX_REQUEST_BYTES } from '../../shared/rpc';
import { pageHeaders, rpc, send, signIn, tokenOf, type Reply } from './http-test-client';
import { MAX_EVENT_STREAMS, startWebHost, type WebHost } from './web-host';

const SECRET = 'TOP-SECRET-CONTENT';

describe('browser host', () => {
  let root: string;
  let host: WebHost;
  let session: string;
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
    writeFileSync(join(root, 'exports', 'gadget.js'), 'alert(document.domain)');
    writeFileSync(join(root, 'exports', 'page.html'), '<script>alert(1)</script>');
    writeFileSync(join(root, 'exports', 'data.json'), '[{"a":"<script>alert(1)</script>"}]');
    // symlinks pointing out of the served folders
    symlinkSync(join(root, 'package.json'), join(rendererDir, 'assets', 'leak.js'));
    symlinkSync(join(root, 'package.json'), join(root, 'exports', 'leak.csv'));
    host = await startWebHost({ dispatch, rendererDir, exportsDir: join(root, 'exports') });
    session = await signIn(host.port, tokenOf(host.startUrl()));
  });

  afterAll(async () => {
    await host.close();
    rmSync(root, { recursive: true, force: true });
  });

  const hostHeader = () => `127.0.0.1:${host.port}`;
  const plain = (extra: Record<string, string> = {}) => ({ Host: hostHeader(), ...extra });
  const authed = (extra: Record<string, string> = {}) => plain({ 'X-Backbench-Session': session, ...extra });
  const rpcHeaders = (extra: Record<string, string> = {}) =>
    pageHeaders(host.port, { 'X-Backbench-Session': session, ...extra });

  /** A one-time download link for a file of the exports folder. */
  const ticketFor = async (name: string): Promise<string> => {
    const reply = await send(host.port, '/download-ticket', {
      method: 'POST',
      headers: rpcHeaders(),
      body: JSON.stringify({ name }),
    });
    expect(reply.status, reply.body).toBe(200);
    return (JSON.parse(reply.body) as { url: string }).url;
  };

  it('binds 127.0.0.1 by default and mints a new start link with a 32-byte hex token each time', () => {
    const address = host.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    const first = host.startUrl();
    expect(first).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[0-9a-f]{64}$`));
    expect(host.startUrl()).not.toBe(first);
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
  });

  it('serves the renderer without a session, with content types and security headers', async () => {
    const index = await send(host.port, '/', { headers: plain() });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>Backbench</title>');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    const asset = await send(host.port, '/assets/app.js', { headers: plain() });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.body).toBe('console.log(1)');
  });

  it('answers GET /health with 200 and nothing else, without a session', async () => {
    const health = await send(host.port, '/health', { headers: plain() });
    expect(health.status).toBe(200);
    expect(health.body).toBe('');
  });

  it('refuses every API path without a session, pointing to a new start link', async () => {
    for (const [method, path] of [
      ['POST', '/rpc'],
      ['GET', '/events'],
      ['GET', '/session'],
      ['POST', '/session/tab'],
      ['POST', '/download-ticket'],
    ] as const) {
      const reply = await send(host.port, path, { method, headers: pageHeaders(host.port), body: '{}' });
      expect(reply.status, path).toBe(401);
      expect(JSON.parse(reply.body).error.code, path).toBe('UNAUTHORIZED');
      expect(reply.body, path).toContain('press Enter for a new start link');
    }
    const wrong = await rpc(host.port, 'f'.repeat(64), 'app.info');
    expect(wrong.status).toBe(401);
  });

  it('falls back to index.html for client routes but 404s a missing asset', async () => {
    const route = await send(host.port, '/connections/abc', { headers: plain() });
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>Backbench</title>');
    const missing = await send(host.port, '/assets/missing.js', { headers: plain() });
    expect(missing.status).toBe(404);
  });

  it('rejects a foreign Origin with 403', async () => {
    const page = await send(host.port, '/', { headers: plain({ Origin: 'http://evil.example' }) });
    expect(page.status).toBe(403);
    const call = await send(host.port, '/rpc', {
      method: 'POST',
      headers: rpcHeaders({ Origin: `http://localhost:${host.port + 1}` }),
      body: JSON.stringify({ method: 'app.info', input: {} }),
    });
    expect(call.status).toBe(403);
    expect(JSON.parse(call.body).error.code).toBe('FORBIDDEN');
    const start = await send(host.port, '/session', {
      method: 'POST',
      headers: pageHeaders(host.port, { Origin: 'http://evil.example' }),
      body: JSON.stringify({ startToken: tokenOf(host.startUrl()) }),
    });
    expect(start.status).toBe(403);
  });

  it('rejects a foreign Host header (DNS rebinding) with 403, even with a session', async () => {
    const reply = await send(host.port, '/', { headers: { Host: `evil.example:${host.port}` } });
    expect(reply.status).toBe(403);
    const call = await send(host.port, '/rpc', {
      method: 'POST',
      headers: rpcHeaders({ Host: `evil.example:${host.port}`, Origin: `http://evil.example:${host.port}` }),
      body: JSON.stringify({ method: 'app.info', input: {} }),
    });
    expect(call.status).toBe(403);
    const wrongPort = await send(host.port, '/', { headers: { Host: `127.0.0.1:${host.port + 1}` } });
    expect(wrongPort.status).toBe(403);
    const localhost = await send(host.port, '/', { headers: { Host: `localhost:${host.port}` } });
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

  it('demands a JSON content type on POST /rpc and /session (a form cannot send one)', async () => {
    const body = JSON.stringify({ method: 'app.info', input: {} });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const call = await send(host.port, '/rpc', {
        method: 'POST',
        headers: rpcHeaders({ 'Content-Type': contentType }),
        body,
      });
      expect(call.status, contentType).toBe(415);
      const start = await send(host.port, '/session', {
        method: 'POST',
        headers: pageHeaders(host.port, { 'Content-Type': contentType }),
        body: JSON.stringify({ startToken: 'x' }),
      });
      expect(start.status, contentType).toBe(415);
    }
  });

  it('answers 413 with PAYLOAD_TOO_LARGE for an oversized body', async () => {
    const big = Buffer.alloc(MAX_REQUEST_BYTES + 10, 0x20);
    const reply = await send(host.port, '/rpc', { method: 'POST', headers: rpcHeaders(), body: big });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    const start = await send(host.port, '/session', {
      method: 'POST',
      headers: pageHeaders(host.port),
      body: Buffer.alloc(64 * 1024, 0x20),
    });
    expect(start.status).toBe(413);
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
      '/assets/leak.js',
    ];
    for (const path of attempts) {
      const reply = await send(host.port, path, { headers: plain() });
      expect([400, 403, 404], path).toContain(reply.status);
      expect(reply.body, path).not.toContain(SECRET);
    }
  });

  it('downloads an export once with a ticket, as an inert attachment', async () => {
    const url = await ticketFor('result 1.csv');
    expect(url).toMatch(/^\/exports\/[0-9a-f]{64}$/);
    // the link is followed by a navigation of our page: no session header, only the ticket
    const file = await send(host.port, url, {
      headers: plain({ 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'navigate' }),
    });
    expect(file.status).toBe(200);
    expect(file.body).toBe('a,b\n1,2\n');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="result 1.csv"; filename*=UTF-8''result%201.csv`,
    );
    expect(file.headers['content-type']).toBe('application/octet-stream');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toBe('no-store');
    const again = await send(host.port, url, { headers: plain() });
    expect(again.status).toBe(404);
    expect(again.body).toContain('already used or has expired');
  });

  it('serves no export as script or HTML, whatever its name (no script-src gadget)', async () => {
    for (const name of ['gadget.js', 'page.html', 'data.json']) {
      const reply = await send(host.port, await ticketFor(name), { headers: plain() });
      expect(reply.status, name).toBe(200);
      expect(reply.headers['content-type'], name).toBe('application/octet-stream');
      expect(reply.headers['content-disposition'], name).toMatch(/^attachment;/);
      expect(reply.headers['x-content-type-options'], name).toBe('nosniff');
      expect(reply.headers['content-security-policy'], name).toMatch(/^sandbox;/);
    }
  });

  it('gives no ticket for a path outside the exports folder, a symlink out of it, or a missing file', async () => {
    for (const name of [
      '../package.json',
      '..',
      'sub/../../package.json',
      'leak.csv',
      'missing.csv',
      '',
      '/etc/passwd',
    ]) {
      const reply = await send(host.port, '/download-ticket', {
        method: 'POST',
        headers: rpcHeaders(),
        body: JSON.stringify({ name }),
      });
      expect(reply.status, name).toBe(404);
      expect(reply.body).not.toContain(SECRET);
    }
    // a guessed or old-style path is not a ticket
    for (const path of ['/exports/result%201.csv', `/exports/${'0'.repeat(64)}`, '/exports/..%2fpackage.json']) {
      const reply = await send(host.port, path, { headers: authed() });
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain(SECRET);
    }
    // HEAD must not use a ticket up
    const url = await ticketFor('result 1.csv');
    expect((await send(host.port, url, { method: 'HEAD', headers: plain() })).status).toBe(405);
    expect((await send(host.port, url, { headers: plain() })).status).toBe(200);
  });

  it('refuses cross-origin subresource requests by fetch metadata, but lets a page be navigated to', async () => {
    const noCors = { 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'script' };
    for (const path of ['/events', await ticketFor('result 1.csv'), '/assets/app.js', '/']) {
      const reply = await send(host.port, path, { headers: authed(noCors) });
      expect(reply.status, path).toBe(403);
      expect(reply.body, path).not.toContain('a,b');
    }
    const cors = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Dest': 'empty' };
    expect((await send(host.port, '/events', { headers: authed(cors) })).status).toBe(403);
    // a navigation to a download (a link on a foreign page) would drop the file into Downloads: refused too
    const navigate = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' };
    const ticket = await ticketFor('result 1.csv');
    expect((await send(host.port, ticket, { headers: plain(navigate) })).status).toBe(403);
    // a framed page is refused (frame-ancestors also forbids it)
    expect((await send(host.port, '/', { headers: plain({ ...navigate, 'Sec-Fetch-Dest': 'iframe' }) })).status).toBe(
      403,
    );
    // following a link to the app works; the cross-site attempt above did not use the ticket up
    expect((await send(host.port, '/', { headers: plain(navigate) })).status).toBe(200);
    const own = { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' };
    expect((await send(host.port, ticket, { headers: plain(own) })).status).toBe(200);
  });

  it('rejects an opaque (null) Origin on every route', async () => {
    for (const path of ['/', '/events', '/health']) {
      expect((await send(host.port, path, { headers: authed({ Origin: 'null' }) })).status, path).toBe(403);
    }
    for (const path of ['/rpc', '/session', '/download-ticket']) {
      const reply = await send(host.port, path, {
        method: 'POST',
        headers: rpcHeaders({ Origin: 'null' }),
        body: '{}',
      });
      expect(reply.status, path).toBe(403);
    }
  });

  it('puts the CSP and nosniff on every HTML response, and no-store on API answers', async () => {
    const replies = [
      await send(host.port, '/', { headers: plain() }),
      await send(host.port, '/assets/missing.js', { headers: plain() }),
      await send(host.port, '/', { headers: plain({ Origin: 'http://evil.example' }) }),
      await send(host.port, '/exports/nothing', { headers: plain() }),
    ];
    for (const reply of replies) {
      expect(reply.headers['content-security-policy'], String(reply.status)).toContain("frame-ancestors 'none'");
      expect(reply.headers['content-security-policy']).toContain("form-action 'self'");
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['x-frame-options']).toBe('DENY');
    }
    const call = await rpc(host.port, session, 'app.info');
    expect(call.headers['cache-control']).toBe('no-store');
    expect(call.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('browser host limits', () => {
  let rendererDir: string;
  let host: WebHost;
  let session: string;

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'bb-web-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Backbench</title>');
    host = await startWebHost({
      dispatch: async () => ({ ok: true, value: null }),
      rendererDir,
      headersTimeoutMs: 500,
      requestTimeoutMs: 1000,
    });
    session = await signIn(host.port, tokenOf(host.startUrl()));
  });

  afterAll(async () => {
    await host.close();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  it('caps the number of open event streams', async () => {
    const headers = { Host: `127.0.0.1:${host.port}`, 'X-Backbench-Session': session };
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
          `POST /rpc HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Backbench-Session: ${session}\r\n` +
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
  it('falls back to a free port when the asked one is taken', async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'bb-web-'));
    const dispatch: Dispatch = async () => ({ ok: true, value: null });
    const first = await startWebHost({ dispatch, rendererDir });
    const second = await startWebHost({ dispatch, rendererDir, port: first.port, fallbackToFreePort: true });
    try {
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
      expect(host.startUrl()).toContain('http://127.0.0.1:');
    } finally {
      await host.close();
      rmSync(rendererDir, { recursive: true, force: true });
    }
  });
});
