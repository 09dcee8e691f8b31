import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../shared/dispatcher';
import { pageHeaders, postSession, rpc, send, signIn, tokenOf, type Reply } from './http-test-client';
import { START_TOKEN_TTL_MS, DOWNLOAD_TICKET_TTL_MS } from './web-auth';
import { startWebHost, type WebHost } from './web-host';
import { SESSION_IDLE_MS, SESSIONS_FILE } from './web-sessions';

const dispatch: Dispatch = async (raw) => ({
  id: 1,
  ok: true,
  value: { echoed: (raw as { method?: unknown }).method },
});

let root: string;
let rendererDir: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bb-web-auth-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Backbench</title>');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const hosts: WebHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

async function start(options: Partial<Parameters<typeof startWebHost>[0]> = {}): Promise<WebHost> {
  const host = await startWebHost({ dispatch, rendererDir, ...options });
  hosts.push(host);
  return host;
}

/** Collects every cookie a server sets, as a browser's jar for 127.0.0.1 would (cookies ignore the port). */
function collectCookies(replies: Reply[]): string[] {
  return replies.flatMap((r) => r.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!);
}

describe('signing in to the browser host', () => {
  it('trades a start token once for a session; the session works and the token is used up', async () => {
    const host = await start();
    const token = tokenOf(host.startUrl());
    const first = await postSession(host.port, token);
    expect(first.status).toBe(200);
    const { session } = JSON.parse(first.body) as { session: string };
    expect(session).toMatch(/^[0-9a-f]{64}$/);
    expect(first.headers['set-cookie']).toBeUndefined();
    expect(first.headers['cache-control']).toBe('no-store');
    expect((await rpc(host.port, session, 'app.info')).status).toBe(200);

    const again = await postSession(host.port, token);
    expect(again.status).toBe(401);
    expect(JSON.parse(again.body).error.message).toContain('already used or has expired');
    expect((await postSession(host.port, '0'.repeat(64))).status).toBe(401);
    expect((await postSession(host.port, '')).status).toBe(401);
    const noToken = await send(host.port, '/session', { method: 'POST', headers: pageHeaders(host.port), body: '{}' });
    expect(noToken.status).toBe(401);
  });

  it('refuses a start token after 10 minutes unused, and a download ticket after a minute', async () => {
    let now = 1_000_000;
    const exportsDir = join(root, 'exports-clock');
    mkdirSync(exportsDir, { recursive: true });
    writeFileSync(join(exportsDir, 'x.csv'), 'a\n');
    const host = await start({ now: () => now, exportsDir });
    const late = tokenOf(host.startUrl());
    const inTime = tokenOf(host.startUrl());
    now += START_TOKEN_TTL_MS - 1;
    const session = await signIn(host.port, inTime);
    now += 2;
    expect((await postSession(host.port, late)).status).toBe(401);

    const ticket = async () => {
      const reply = await send(host.port, '/download-ticket', {
        method: 'POST',
        headers: pageHeaders(host.port, { 'X-Backbench-Session': session }),
        body: JSON.stringify({ name: 'x.csv' }),
      });
      return (JSON.parse(reply.body) as { url: string }).url;
    };
    const stale = await ticket();
    now += DOWNLOAD_TICKET_TTL_MS + 1;
    expect((await send(host.port, stale, { headers: { Host: `127.0.0.1:${host.port}` } })).status).toBe(404);
    const fresh = await ticket();
    expect((await send(host.port, fresh, { headers: { Host: `127.0.0.1:${host.port}` } })).status).toBe(200);
  });

  it('lets BACKBENCH_TOKEN (a fixed start token) sign in any number of times, each with its own session', async () => {
    const fixed = 'fixed-token-0123456789abcdef0123456789';
    const host = await start({ fixedStartToken: fixed });
    const a = await signIn(host.port, fixed);
    const b = await signIn(host.port, fixed);
    expect(a).not.toBe(b);
    for (const s of [a, b]) expect((await rpc(host.port, s, 'app.info')).status).toBe(200);
    // the fixed token is a start token only: it never authorizes a call itself
    expect((await rpc(host.port, fixed, 'app.info')).status).toBe(401);
  });

  it('gives another tab its own session through a signed-in tab, and checks a kept session', async () => {
    const host = await start();
    const session = await signIn(host.port, tokenOf(host.startUrl()));
    const headers = pageHeaders(host.port, { 'X-Backbench-Session': session });
    const check = await send(host.port, '/session', { headers });
    expect(check.status).toBe(204);
    const forTab = await send(host.port, '/session/tab', { method: 'POST', headers, body: '{}' });
    expect(forTab.status).toBe(200);
    const other = (JSON.parse(forTab.body) as { session: string }).session;
    expect(other).not.toBe(session);
    expect((await rpc(host.port, other, 'app.info')).status).toBe(200);
    expect(
      (await send(host.port, '/session/tab', { method: 'POST', headers: pageHeaders(host.port), body: '{}' })).status,
    ).toBe(401);
  });

  it('never puts the start token in a redirect, a Location or a cookie; an old ?token= link just loads the page', async () => {
    const host = await start();
    const token = tokenOf(host.startUrl());
    const page = await send(host.port, `/?token=${token}`, { headers: { Host: `127.0.0.1:${host.port}` } });
    expect(page.status).toBe(200);
    expect(page.headers.location).toBeUndefined();
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).not.toContain(token);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    // loading the page did not use the token: the page's script trades it
    expect((await postSession(host.port, token)).status).toBe(200);
  });
});

describe('a session stolen through another local port', () => {
  let evil: Server;
  let evilPort: number;
  let received: IncomingMessage[] = [];

  beforeAll(async () => {
    // another local web server the user visits: it records everything the browser sends it
    evil = createServer((req, res) => {
      received.push(req);
      res.end('hello');
    });
    await new Promise<void>((resolveListen) => evil.listen(0, '127.0.0.1', () => resolveListen()));
    evilPort = (evil.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolveClose) => evil.close(() => resolveClose())));

  it('gets nothing from every cookie the browser would send it, nor from a legacy token', async () => {
    const dataDir = join(root, 'data-theft');
    mkdirSync(dataDir, { recursive: true });
    // what an earlier version kept as its permanent token; a page could have captured it back then
    const legacy = 'a'.repeat(64);
    writeFileSync(join(dataDir, 'web-token'), `${legacy}\n`, { mode: 0o600 });
    const exportsDir = join(dataDir, 'exports');
    mkdirSync(exportsDir);
    writeFileSync(join(exportsDir, 'secret.csv'), 'card\n4111\n');
    const host = await start({ dataDir, exportsDir });
    expect(existsSync(join(dataDir, 'web-token'))).toBe(false);

    // the user signs in the way the page does, and uses the app; the browser keeps every cookie it is given
    const startUrl = host.startUrl();
    const replies: Reply[] = [await send(host.port, '/', { headers: { Host: `127.0.0.1:${host.port}` } })];
    const signedIn = await postSession(host.port, tokenOf(startUrl));
    replies.push(signedIn);
    const session = (JSON.parse(signedIn.body) as { session: string }).session;
    replies.push(await rpc(host.port, session, 'app.info'));
    const jar = collectCookies(replies);
    expect(jar).toEqual([]);

    // the browser visits the other port: 127.0.0.1 cookies go to every port, so it gets the whole jar
    received = [];
    await send(evilPort, '/', {
      headers: { Host: `127.0.0.1:${evilPort}`, ...(jar.length ? { Cookie: jar.join('; ') } : {}) },
    });
    const stolenCookie = received[0]?.headers.cookie;

    // the other server replays whatever it has, plus the legacy token, every way the old host accepted it
    const forged: Record<string, string>[] = [
      {},
      ...(stolenCookie ? [{ Cookie: stolenCookie }] : []),
      { Cookie: `bb_token_${host.port}=${legacy}` },
      { Authorization: `Bearer ${legacy}` },
      { 'X-Backbench-Session': legacy },
    ];
    for (const extra of forged) {
      const label = JSON.stringify(extra);
      const call = await send(host.port, '/rpc', {
        method: 'POST',
        headers: pageHeaders(host.port, extra),
        body: JSON.stringify({ method: 'app.info', input: {} }),
      });
      expect(call.status, label).toBe(401);
      const events = await send(host.port, '/events', { headers: { Host: `127.0.0.1:${host.port}`, ...extra } });
      expect(events.status, label).toBe(401);
      const download = await send(host.port, '/exports/secret.csv', {
        headers: { Host: `127.0.0.1:${host.port}`, ...extra },
      });
      expect(download.status, label).toBe(404);
      expect(download.body).not.toContain('4111');
      const ticket = await send(host.port, '/download-ticket', {
        method: 'POST',
        headers: pageHeaders(host.port, extra),
        body: JSON.stringify({ name: 'secret.csv' }),
      });
      expect(ticket.status, label).toBe(401);
    }
    // the real tab is unaffected
    expect((await rpc(host.port, session, 'app.info')).status).toBe(200);
  });

  it('cannot lock the user out by tossing a cookie (bb_token_<port>=x; path=/rpc)', async () => {
    const host = await start();
    const session = await signIn(host.port, tokenOf(host.startUrl()));
    for (const cookie of [`bb_token_${host.port}=x`, `bb_token_${host.port}=x; bb_token_${host.port}=y`, 'x=y']) {
      const call = await rpc(host.port, session, 'app.info');
      expect(call.status).toBe(200);
      const withCookie = await send(host.port, '/rpc', {
        method: 'POST',
        headers: pageHeaders(host.port, { 'X-Backbench-Session': session, Cookie: cookie }),
        body: JSON.stringify({ method: 'app.info', input: {} }),
      });
      expect(withCookie.status, cookie).toBe(200);
    }
  });
});

describe('browser sessions across restarts', () => {
  it('keeps a session working after the host restarts with the same data dir; only hashes are on disk, 0600', async () => {
    const dataDir = join(root, 'data-restart');
    mkdirSync(dataDir, { recursive: true });
    const first = await start({ dataDir });
    const session = await signIn(first.port, tokenOf(first.startUrl()));
    const unusedLink = first.startUrl();
    await first.close();

    const file = join(dataDir, SESSIONS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(session);

    const second = await start({ dataDir });
    expect((await rpc(second.port, session, 'app.info')).status).toBe(200);
    // start links are not kept: one printed before the restart no longer works
    expect((await postSession(second.port, tokenOf(unusedLink))).status).toBe(401);
    // another data dir knows nothing of it
    mkdirSync(join(root, 'data-other'), { recursive: true });
    const elsewhere = await start({ dataDir: join(root, 'data-other') });
    expect((await rpc(elsewhere.port, session, 'app.info')).status).toBe(401);
  });

  it('forgets a session unused for 7 days', async () => {
    let now = 5_000_000;
    const dataDir = join(root, 'data-idle');
    mkdirSync(dataDir, { recursive: true });
    const host = await start({ dataDir, now: () => now });
    const idle = await signIn(host.port, tokenOf(host.startUrl()));
    const busy = await signIn(host.port, tokenOf(host.startUrl()));
    now += SESSION_IDLE_MS - 1000;
    expect((await rpc(host.port, busy, 'app.info')).status).toBe(200);
    now += 2000;
    expect((await rpc(host.port, idle, 'app.info')).status).toBe(401);
    expect((await rpc(host.port, busy, 'app.info')).status).toBe(200);
    await host.close();
    // and the idle one is not brought back by a restart
    const again = await start({ dataDir, now: () => now });
    expect((await rpc(again.port, idle, 'app.info')).status).toBe(401);
    expect((await rpc(again.port, busy, 'app.info')).status).toBe(200);
  });

  it('ignores a damaged sessions file and tightens a too-open one', async () => {
    const dataDir = join(root, 'data-damaged');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, SESSIONS_FILE), '{not json', { mode: 0o644 });
    const warnings: string[] = [];
    const host = await start({ dataDir, warn: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toContain('unreadable session file');
    const session = await signIn(host.port, tokenOf(host.startUrl()));
    expect((await rpc(host.port, session, 'app.info')).status).toBe(200);
    expect(statSync(join(dataDir, SESSIONS_FILE)).mode & 0o777).toBe(0o600);
  });
});
