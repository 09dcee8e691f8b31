/* eslint-disable no-restricted-imports -- the test serves real HTTP on 127.0.0.1 for the core to call */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_LINES, createBodyViewStore, matchesOnLine, selectLine } from './http-body-view';
import { startCoreClient, type CoreClient } from './testing/core-client';

let core: CoreClient;
let server: Server;
let handle: string;
/** 3 MB of text lines (kept on disk: past the 2 MB threshold); "needle" on every 10,000th line. */
const lines = Array.from(
  { length: 60_000 },
  (_, i) => `line ${i}${i % 10_000 === 9_999 ? ' Needle' : ''} ${'x'.repeat(40)}`,
);

beforeAll(async () => {
  core = await startCoreClient();
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(lines.join('\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const response = await core.client.http.send({ sendId: 'bv', request: { name: 'Big', method: 'GET', url } });
  handle = response.body.handle!;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await core.close();
});

const until = (check: () => boolean) =>
  new Promise<void>((resolve) => {
    const poll = () => (check() ? resolve() : setTimeout(poll, 10));
    poll();
  });

describe('the big-body view store', () => {
  it('follows the build, fetches the blocks asked for, once each', async () => {
    const store = createBodyViewStore({ client: core.client, pollMs: 10 });
    await store.getState().open(handle);
    const entry = () => store.getState().byHandle[handle]!;
    expect(entry().status).toMatchObject({ indexing: false, lineCount: 60_000, formatted: false });
    store.getState().ensureLines(handle, 59_990, 60_100);
    store.getState().ensureLines(handle, 59_990, 60_100);
    await until(() => selectLine(entry(), 59_999) !== undefined);
    expect(selectLine(entry(), 59_999)).toBe(lines[59_999]);
    expect([...entry().blocks.keys()]).toEqual([Math.floor(59_990 / BLOCK_LINES)]);
    expect(selectLine(entry(), 0)).toBeUndefined();
  });

  it('searches, steps through the matches (wrapping) and marks them by line', async () => {
    const store = createBodyViewStore({ client: core.client, pollMs: 10 });
    await store.getState().open(handle);
    await store.getState().search(handle, 'needle', false);
    const search = () => store.getState().byHandle[handle]!.search!;
    expect(search()).toMatchObject({ complete: true, current: 0, busy: false });
    expect(search().matches.map((m) => m.line)).toEqual([9_999, 19_999, 29_999, 39_999, 49_999, 59_999]);
    expect(matchesOnLine(search().matches, 19_999)).toEqual([
      { index: 1, match: { line: 19_999, column: 'line 19999 '.length, length: 6 } },
    ]);
    await store.getState().step(handle, -1);
    expect(search().current).toBe(5);
    await store.getState().step(handle, 1);
    expect(search().current).toBe(0);
    await store.getState().search(handle, 'needle', true);
    expect(search().matches).toEqual([]);
    store.getState().clearSearch(handle);
    expect(store.getState().byHandle[handle]!.search).toBeNull();
    store.getState().close(handle);
    expect(store.getState().byHandle[handle]).toBeUndefined();
  });
});
