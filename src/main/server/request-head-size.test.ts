import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../shared/dispatcher';
import { pageHeaders, send, signIn, tokenOf } from './http-test-client';
import { MAX_REQUEST_HEAD_BYTES, startWebHost, type WebHost } from './web-host';

/**
 * Cookie-jar flooding: browsers send every 127.0.0.1 cookie to every port of 127.0.0.1, so a page on another local
 * port can fill the jar with large cookies. With Node's default 16 KiB limit on a request head our host would
 * answer 431 to every request of the user's browser, locking them out.
 */
describe('browser host with a flooded cookie jar', () => {
  let root: string;
  let host: WebHost;
  let session: string;
  const dispatch: Dispatch = async (raw) => ({
    id: (raw as { id?: number }).id ?? 1,
    ok: true,
    value: { echoed: (raw as { method?: unknown }).method },
  });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bb-head-'));
    mkdirSync(join(root, 'renderer'));
    writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>Backbench</title>');
    host = await startWebHost({ dispatch, rendererDir: join(root, 'renderer') });
    session = await signIn(host.port, tokenOf(host.startUrl()));
  });

  afterAll(async () => {
    await host.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** What a browser sends after another port set `count` cookies of `size` bytes on 127.0.0.1. */
  const flood = (count: number, size: number, extra = ''): string =>
    Array.from({ length: count }, (_, i) => `flood${i}=${'x'.repeat(size)}`).join('; ') + extra;

  // ≈ 100 KiB: 25 cookies of 4 KiB, the largest a browser stores
  const cookie = flood(25, 4000);

  it('answers /, /health, POST /session and /rpc normally, not 431', async () => {
    expect(cookie.length).toBeGreaterThan(100_000);
    const page = await send(host.port, '/', { headers: { Host: `127.0.0.1:${host.port}`, Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Backbench</title>');

    const health = await send(host.port, '/health', { headers: { Host: `127.0.0.1:${host.port}`, Cookie: cookie } });
    expect(health.status).toBe(200);

    const start = await send(host.port, '/session', {
      method: 'POST',
      headers: pageHeaders(host.port, { Cookie: cookie }),
      body: JSON.stringify({ startToken: tokenOf(host.startUrl()) }),
    });
    expect(start.status, start.body).toBe(200);
    expect(JSON.parse(start.body)).toHaveProperty('session');

    const check = await send(host.port, '/session', {
      headers: pageHeaders(host.port, { Cookie: cookie, 'X-Backbench-Session': session }),
    });
    expect(check.status, check.body).toBe(204);

    const call = await send(host.port, '/rpc', {
      method: 'POST',
      headers: pageHeaders(host.port, { Cookie: cookie, 'X-Backbench-Session': session }),
      body: JSON.stringify({ id: 7, method: 'app.info', input: {} }),
    });
    expect(call.status, call.body).toBe(200);
    expect(JSON.parse(call.body)).toMatchObject({ id: 7, ok: true, value: { echoed: 'app.info' } });
  });

  it('takes the largest jar a browser sends (180 cookies of 4 KiB) and refuses only beyond the limit', async () => {
    const biggest = flood(180, 4000);
    expect(biggest.length).toBeLessThan(MAX_REQUEST_HEAD_BYTES);
    const ok = await send(host.port, '/health', { headers: { Host: `127.0.0.1:${host.port}`, Cookie: biggest } });
    expect(ok.status).toBe(200);

    // beyond the limit the host answers 431 and closes at once, so the client may see the reset first
    const tooBig = await send(host.port, '/health', {
      headers: { Host: `127.0.0.1:${host.port}`, Cookie: flood(300, 4000) },
    }).then(
      (reply) => String(reply.status),
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(['431', 'ECONNRESET', 'EPIPE']).toContain(tooBig);
  });

  it('ignores cookies: a session secret in a cookie signs nothing in', async () => {
    for (const name of ['bb_session', 'bb_token', `bb_token_${host.port}`, 'X-Backbench-Session']) {
      const call = await send(host.port, '/rpc', {
        method: 'POST',
        headers: pageHeaders(host.port, { Cookie: `${name}=${session}` }),
        body: JSON.stringify({ id: 1, method: 'app.info', input: {} }),
      });
      expect(call.status, name).toBe(401);
    }
    const bearer = await send(host.port, '/rpc', {
      method: 'POST',
      headers: pageHeaders(host.port, { Authorization: `Bearer ${session}` }),
      body: JSON.stringify({ id: 1, method: 'app.info', input: {} }),
    });
    expect(bearer.status).toBe(401);
  });
});
