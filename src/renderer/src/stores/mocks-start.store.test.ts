/* eslint-disable no-restricted-imports -- a real TCP server holds the port, as another program would */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMocksStore } from './mocks.store';
import { createNotificationsStore } from './notifications.store';
import { startCoreClient, type CoreClient } from './testing/core-client';

let core: CoreClient;

beforeAll(async () => {
  core = await startCoreClient();
}, 60_000);
afterAll(async () => {
  await core.close();
});

/** A TCP server on a free 127.0.0.1 port, holding it so a mock cannot start there. */
async function holdPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

describe('starting a mock', () => {
  it('dismisses its "could not start" toast once a later start works', async () => {
    const notifications = createNotificationsStore();
    const n = notifications.getState();
    const store = createMocksStore({
      client: core.client,
      notifier: { notify: n.notify, notifyError: n.notifyError, dismissKey: n.dismissKey },
    });
    const created = await store.getState().createMock('polish port in use');
    const path = created!.path;
    const held = await holdPort();
    await store.getState().openDoc(path);
    store.getState().editDraft(path, (d) => ({ ...d, port: held.port }));
    expect(await store.getState().saveDoc(path)).toBe(true);
    // another toast that has nothing to do with this mock stays
    n.notify({ kind: 'error', title: 'Something else', message: 'unrelated' });

    await store.getState().startMock(path);
    const titles = () => notifications.getState().toasts.map((t) => t.title);
    expect(titles()).toEqual(['Something else', 'Could not start the mock']);

    await new Promise<void>((resolve) => held.server.close(() => resolve()));
    await store.getState().startMock(path);
    expect(store.getState().mocks.find((m) => m.path === path)?.state).toBe('running');
    expect(titles()).toEqual(['Something else']);

    await store.getState().stopMock(path);
    await store.getState().deleteMock(path);
  });
});
