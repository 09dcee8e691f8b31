import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../../shared/client';
import { MASKED } from '../../../../shared/http-history';
import type { HttpRequestFile } from '../../../../shared/http-request';
import { createMemoryTransport } from '../../../../shared/transport-memory';
import { createMemoryLogger } from '../../logging/logger';
import { createServices, type Services } from '../../services';
import { useTestServers } from '../testing/test-servers';
import { maskDeep, withoutMasks } from './reopen-request';

const { http } = useTestServers();
let dir: string;
let services: Services;
let client: Client;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-hpolish-'));
  services = await createServices({ host: 'test', dataDir: dir, createSample: false, logger: createMemoryLogger([]) });
  client = createClient(createMemoryTransport(services.dispatch));
});
afterEach(async () => {
  await services.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** The app database beside the running services (WAL: a second connection reads and writes). */
const withDb = <T>(use: (db: Database.Database) => T): T => {
  const db = new Database(join(dir, 'backbench.db'));
  try {
    return use(db);
  } finally {
    db.close();
  }
};

const request = (url: string): HttpRequestFile => ({
  name: 'Hpolish secret',
  method: 'GET',
  url: `${url}/start?token=t0k3n-literal&page=2`,
  headers: [
    { name: 'Authorization', value: 'Bearer literal-token' },
    { name: 'X-Ref', value: '{{hpolishRef}}' },
  ],
  auth: { type: 'basic', username: 'ann', password: 'pw-literal' },
  assertions: [{ target: 'status', op: 'equals', value: 200 }],
  scripts: { postResponse: "bb.test('hpolish ok', () => bb.expect(bb.response.status).to.equal(200));" },
});

describe('re-opening a recorded request', () => {
  it('keeps the timing, redirect hops, tests and assertions, and restores the credentials it masks', async () => {
    const server = await http((req, res) => {
      if (req.url?.startsWith('/start')) {
        res.writeHead(302, { location: '/end' });
        res.end();
        return;
      }
      res.end('{"ok":true}');
    });
    const sent = request(server.url);
    await client.http.send({ sendId: crypto.randomUUID(), request: sent, variables: { hpolishRef: 'r-1' } });
    const [summary] = (await client.http.history({ limit: 1 })).entries;
    const entry = await client.http.historyEntry({ id: summary!.id });
    expect(entry.response?.timing?.totalMs).toBeGreaterThan(0);
    expect(entry.response?.redirects).toEqual([
      expect.objectContaining({ status: 302, url: `${server.url}/start?token=${MASKED}&page=2`, location: '/end' }),
    ]);
    expect(entry.response?.tests).toEqual([expect.objectContaining({ name: 'hpolish ok', passed: true })]);
    expect(entry.response?.assertions).toEqual([expect.objectContaining({ passed: true })]);
    // the entry shows masks; the kept copy is ciphertext
    expect(entry.request.auth).toMatchObject({ password: MASKED });
    const sealed = withDb(
      (db) =>
        db.prepare('SELECT request_sealed FROM http_history WHERE id = ?').get(summary!.id) as {
          request_sealed: string;
        },
    ).request_sealed;
    expect(sealed).toBeTruthy();
    expect(sealed).not.toContain('pw-literal');

    const reopened = await client.http.historyRequest({ id: summary!.id });
    expect(reopened).toEqual({ request: sent, restored: true, cleared: [] });
    expect(JSON.stringify(reopened)).not.toContain(MASKED);
  });

  it('empties and names the masked fields when no usable copy was kept, so the mask is never sent', async () => {
    const server = await http((_req, res) => res.end('ok'));
    await client.http.send({
      sendId: crypto.randomUUID(),
      request: request(server.url),
      variables: { hpolishRef: 'r' },
    });
    const [summary] = (await client.http.history({ limit: 1 })).entries;
    // an entry kept before this column, or one whose key was replaced
    withDb((db) => db.prepare("UPDATE http_history SET request_sealed = 'not-a-cipher' WHERE id = ?").run(summary!.id));
    const reopened = await client.http.historyRequest({ id: summary!.id });
    expect(reopened.restored).toBe(false);
    expect(reopened.cleared).toEqual(['URL', 'header Authorization', 'auth password']);
    expect(JSON.stringify(reopened.request)).not.toContain(MASKED);
    expect(reopened.request).toMatchObject({
      url: `${server.url}/start?token=&page=2`,
      headers: [
        { name: 'Authorization', value: 'Bearer ' },
        { name: 'X-Ref', value: '{{hpolishRef}}' },
      ],
      auth: { type: 'basic', username: 'ann', password: '' },
    });
    await expect(client.http.historyRequest({ id: 999_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps nothing extra for a request without literal credentials', async () => {
    const server = await http((_req, res) => res.end('ok'));
    const plain: HttpRequestFile = { name: 'Plain', method: 'GET', url: `${server.url}/p`, headers: [] };
    await client.http.send({ sendId: crypto.randomUUID(), request: plain });
    const [summary] = (await client.http.history({ limit: 1 })).entries;
    const row = withDb(
      (db) => db.prepare('SELECT request_sealed FROM http_history WHERE id = ?').get(summary!.id) as object,
    );
    expect(row).toEqual({ request_sealed: null });
    expect(await client.http.historyRequest({ id: summary!.id })).toEqual({
      request: plain,
      restored: true,
      cleared: [],
    });
  });
});

describe('history masking helpers', () => {
  it('masks every string of a nested value and empties masked fields', () => {
    expect(maskDeep({ a: ['x-secret-x', 1, null], b: { c: 'secret' } }, (t) => t.replace('secret', MASKED))).toEqual({
      a: [`x-${MASKED}-x`, 1, null],
      b: { c: MASKED },
    });
    expect(withoutMasks({ name: 'n', method: 'GET', url: 'http://x/' })).toEqual({
      request: { name: 'n', method: 'GET', url: 'http://x/' },
      cleared: [],
    });
  });
});
