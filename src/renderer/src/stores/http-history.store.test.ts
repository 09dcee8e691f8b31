/* eslint-disable no-restricted-imports -- the test serves real HTTP on 127.0.0.1 for the core to call */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpHistoryStore, selectChecksMark, type ReopenedSend } from './http-history.store';
import { startCoreClient, type CoreClient } from './testing/core-client';

let core: CoreClient;
let server: Server;
let base: string;

beforeAll(async () => {
  core = await startCoreClient();
  server = createServer((req, res) => {
    res.writeHead(req.url === '/hhist/missing' ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ url: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await core.close();
});

const send = (url: string) =>
  core.client.http.send({ sendId: crypto.randomUUID(), request: { name: 'Hhist', method: 'GET', url } });

describe('http history store over the real core', () => {
  it('lists sends as they happen, searches, re-opens, compares and deletes', async () => {
    const opened: ReopenedSend[] = [];
    const toasts: string[] = [];
    const store = createHttpHistoryStore({
      client: core.client,
      notifier: { notify: (t) => toasts.push(t.title), notifyError: (title) => toasts.push(title) },
      openSend: (reopened) => opened.push(reopened),
    });
    await store.getState().load();
    expect(store.getState().entries).toEqual([]);
    const unwatch = store.getState().watch();

    await send(`${base}/hhist/ok`);
    await send(`${base}/hhist/missing`);
    await expect(send('http://127.0.0.1:9/hhist/refused')).rejects.toMatchObject({ code: 'CONNECTION_REFUSED' });
    await vi.waitFor(() => expect(store.getState().entries).toHaveLength(3));
    expect(store.getState().entries.map((e) => e.status)).toEqual([null, 404, 200]);

    store.getState().setSearch('missing');
    await store.getState().load();
    expect(store.getState().entries.map((e) => e.url)).toEqual([`${base}/hhist/missing`]);
    store.getState().setSearch('');
    await store.getState().load();

    await store.getState().setStatusFilter('4xx');
    expect(store.getState().entries.map((e) => e.status)).toEqual([404]);
    expect(store.getState().total).toBe(1);
    await store.getState().setStatusFilter('error');
    expect(store.getState().entries.map((e) => e.errorCode)).toEqual(['CONNECTION_REFUSED']);
    await store.getState().setStatusFilter(null);
    expect(store.getState().entries).toHaveLength(3);

    const [refused, missing, ok] = store.getState().entries;
    await store.getState().open(missing!.id);
    expect(opened[0]!.title).toBe('GET /hhist/missing');
    expect(opened[0]!.request).toMatchObject({ method: 'GET', url: `${base}/hhist/missing` });
    expect(opened[0]!.response).toMatchObject({ status: 404, body: { encoding: 'utf8', handle: null } });
    await store.getState().open(refused!.id);
    expect(opened[1]).toMatchObject({ response: null, error: { code: 'CONNECTION_REFUSED' } });

    // a third tick drops the oldest; compare reads both, older first
    store.getState().toggleSelected(missing!.id);
    store.getState().toggleSelected(refused!.id);
    store.getState().toggleSelected(ok!.id);
    expect(store.getState().selected).toEqual([refused!.id, ok!.id]);
    store.getState().toggleSelected(refused!.id);
    store.getState().toggleSelected(missing!.id);
    await store.getState().compareSelected();
    expect(store.getState().compare!.map((e) => e.status)).toEqual([200, 404]);

    await store.getState().remove(missing!.id);
    expect(store.getState().entries.map((e) => e.id)).toEqual([refused!.id, ok!.id]);
    expect(store.getState().selected).toEqual([ok!.id]);
    await store.getState().open(missing!.id);
    expect(toasts).toContain('Could not open the history entry');

    await store.getState().clear();
    expect(store.getState()).toMatchObject({ entries: [], total: 0, selected: [], compare: null });
    unwatch();
  });

  it('re-opens a send with its credentials, timing and test results, never the mask', async () => {
    const opened: ReopenedSend[] = [];
    const store = createHttpHistoryStore({
      client: core.client,
      notifier: { notify: () => undefined, notifyError: () => undefined },
      openSend: (reopened) => opened.push(reopened),
    });
    const request = {
      name: 'Hpolish reopen',
      method: 'GET',
      url: `${base}/hpolish/reopen`,
      auth: { type: 'bearer' as const, token: 'hpolish-literal-token' },
      scripts: { postResponse: "bb.test('hpolish seen', () => bb.expect(bb.response.status).to.equal(200));" },
    };
    await core.client.http.send({ sendId: crypto.randomUUID(), request });
    await store.getState().load();
    await store.getState().open(store.getState().entries[0]!.id);
    expect(opened[0]!.request).toEqual(request);
    expect(opened[0]!.response?.timing.totalMs).toBeGreaterThan(0);
    expect(opened[0]!.response?.tests).toEqual([expect.objectContaining({ name: 'hpolish seen', passed: true })]);
  });
});

describe('selectChecksMark', () => {
  const line = (checks: { passed: number; failed: number } | null) =>
    selectChecksMark({
      id: 1,
      sentAt: '2026-01-01T00:00:00.000Z',
      method: 'GET',
      url: 'http://x/',
      path: null,
      status: 200,
      durationMs: 1,
      size: 1,
      errorCode: null,
      errorMessage: null,
      checks,
    });
  it('marks passed and failed checks, and nothing when none ran', () => {
    expect(line(null)).toBeNull();
    expect(line({ passed: 1, failed: 0 })).toEqual({ passed: true, label: '1 check passed' });
    expect(line({ passed: 2, failed: 1 })).toEqual({ passed: false, label: '1 of 3 checks failed' });
  });
});
