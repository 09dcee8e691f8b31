import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockRequestSummary } from '../../../shared/contract/mock.contract';
import { addRoute } from './mock-edits';
import { createMocksStore, MOCK_LOG_LIMIT, type MocksState } from './mocks.store';
import type { Toast } from './store-deps';
import { startCoreClient, type CoreClient } from './testing/core-client';

let core: CoreClient;

beforeAll(async () => {
  core = await startCoreClient();
}, 60_000);
afterAll(async () => {
  await core.close();
});

function makeStore() {
  const toasts: Omit<Toast, 'id'>[] = [];
  const deleted: string[] = [];
  const store = createMocksStore({
    client: core.client,
    notifier: {
      notify: (toast) => toasts.push(toast),
      notifyError: (title, error) => toasts.push({ kind: 'error', title, message: String(error) }),
    },
    onDeleted: (path) => deleted.push(path),
  });
  // what bootstrap.ts wires in the app
  const off = [
    core.client.on('mock.statusChanged', (summary) => store.getState().applyStatus(summary)),
    core.client.on('mock.requestsLogged', (batch) => store.getState().applyRequests(batch)),
  ];
  return { store, toasts, deleted, dispose: () => off.forEach((f) => f()) };
}

/** Resolves once the store's state satisfies `ready` (events arrive in the background). */
function until(store: ReturnType<typeof makeStore>['store'], ready: (s: MocksState) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready(store.getState())) return resolve();
    const stop = store.subscribe((s) => {
      if (!ready(s)) return;
      stop();
      resolve();
    });
  });
}

const summary = (id: number): MockRequestSummary => ({
  id,
  time: '2026-12-07T05:00:00.000Z',
  method: 'GET',
  path: `/r/${id}`,
  query: '',
  route: null,
  responseIndex: null,
  status: 404,
  durationMs: 1,
});

describe('mocks store over the real core', () => {
  it('creates a mock, edits and saves a route, serves it, logs the call, adds a route from an unmatched call, stops and deletes', async () => {
    const { store, deleted, dispose } = makeStore();
    const created = await store.getState().createMock('mockpanel store flow');
    expect(created).not.toBeNull();
    const path = created!.path;
    expect(store.getState().mocks.some((m) => m.path === path && m.state === 'stopped')).toBe(true);

    await store.getState().openDoc(path);
    store
      .getState()
      .editDraft(path, (d) =>
        addRoute(d, { method: 'GET', path: '/hello', responses: [{ status: 200, body: { hi: 'there' } }] }),
      );
    expect(store.getState().docs[path]?.dirty).toBe(true);
    expect(await store.getState().saveDoc(path)).toBe(true);
    expect(store.getState().docs[path]?.dirty).toBe(false);
    expect(store.getState().docs[path]?.text).toContain('/hello');

    await store.getState().startMock(path);
    const running = store.getState().mocks.find((m) => m.path === path);
    expect(running?.state).toBe('running');
    const hello = await fetch(`${running!.url}/hello`);
    expect(await hello.json()).toEqual({ hi: 'there' });
    await until(store, (s) => (s.logs[path]?.requests.length ?? 0) >= 1);
    expect(store.getState().logs[path]?.requests[0]).toMatchObject({ method: 'GET', path: '/hello', status: 200 });

    expect((await fetch(`${running!.url}/nope`)).status).toBe(404);
    await until(store, (s) => (s.logs[path]?.requests.length ?? 0) >= 2);
    const unmatched = store.getState().logs[path]!.requests[1]!;
    expect(unmatched.route).toBeNull();
    expect(await store.getState().createRouteFromRequest(path, unmatched.id)).toBe(true);
    expect(store.getState().docs[path]?.saved?.routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /hello',
      'GET /nope',
    ]);
    // the running mock reloaded its routes without a restart
    expect((await fetch(`${running!.url}/nope`)).status).toBe(200);

    await store.getState().clearRequests(path);
    expect(store.getState().logs[path]?.requests).toEqual([]);

    await store.getState().stopMock(path);
    expect(store.getState().mocks.find((m) => m.path === path)?.state).toBe('stopped');
    expect(await store.getState().deleteMock(path)).toBe(true);
    expect(store.getState().mocks.some((m) => m.path === path)).toBe(false);
    expect(deleted).toEqual([path]);
    dispose();
  });

  it('refuses a YAML text that does not fit, naming the field, and keeps the file as it was', async () => {
    const { store, dispose } = makeStore();
    const { path } = (await store.getState().createMock('mockpanel yaml'))!;
    await store.getState().openDoc(path);
    const before = store.getState().docs[path]!.text;
    await store.getState().setYamlView(path, true);
    expect(store.getState().docs[path]?.yaml).toBe(before);
    store.getState().editYaml(path, 'name: mockpanel yaml\nport: not-a-port\nroutes: []\n');
    expect(await store.getState().saveDoc(path)).toBe(false);
    expect(store.getState().docs[path]?.saveError).toMatch(/port/);
    expect(store.getState().docs[path]?.dirty).toBe(true);
    expect((await core.client.mock.read({ path })).text).toBe(before);
    // the form cannot be shown while the typed text does not save
    await store.getState().setYamlView(path, false);
    expect(store.getState().docs[path]?.yaml).not.toBeNull();

    store.getState().editYaml(path, before.replace('routes: []', 'cors: true\nroutes: []'));
    expect(await store.getState().saveDoc(path)).toBe(true);
    expect(store.getState().docs[path]?.saved?.cors).toBe(true);
    await store.getState().setYamlView(path, false);
    expect(store.getState().docs[path]?.yaml).toBeNull();
    await store.getState().deleteMock(path);
    dispose();
  });

  it('serves tables as REST resources of the connection’s mock, adding each table once', async () => {
    const { store, dispose } = makeStore();
    const connectionName = 'mockpanel conn';
    const path = await store.getState().serveTables({ connectionName, tables: [{ schema: null, table: 'products' }] });
    expect(path).not.toBeNull();
    const again = await store.getState().serveTables({
      connectionName,
      tables: [
        { schema: null, table: 'products' },
        { schema: null, table: 'orders' },
      ],
    });
    expect(again).toBe(path);
    const read = await core.client.mock.read({ path: path! });
    expect(read.definition?.name).toBe('mockpanel conn API');
    expect(read.definition?.resources).toEqual([
      { path: '/products', connection: connectionName, table: 'products' },
      { path: '/orders', connection: connectionName, table: 'orders' },
    ]);
    await store.getState().deleteMock(path!);
    dispose();
  });
});

describe('after missed events', () => {
  it('resync reads the list, the logs shown and the docs without unsaved edits again', async () => {
    const { store, dispose } = makeStore();
    await store.getState().loadMocks();
    const { path } = (await store.getState().createMock('mockpanel resync'))!;
    await store.getState().openDoc(path);
    // what a tab whose event stream was down missed: a change made elsewhere and a served request
    const read = await core.client.mock.read({ path });
    const elsewhere = { ...read.definition!, cors: true };
    dispose();
    await core.client.mock.save({ path, definition: elsewhere });
    const started = await core.client.mock.start({ path });
    store.setState((s) => ({ logs: { ...s.logs, [path]: { requests: [], skipped: 0 } } }));
    expect((await fetch(`${started.url}/missed`)).status).toBe(404);
    await expect.poll(async () => (await core.client.mock.requests({ path })).length).toBe(1);
    expect(store.getState().mocks.find((m) => m.path === path)?.state).toBe('stopped');

    await store.getState().resync();
    expect(store.getState().mocks.find((m) => m.path === path)?.state).toBe('running');
    expect(store.getState().logs[path]?.requests.map((r) => r.path)).toEqual(['/missed']);
    expect(store.getState().docs[path]?.saved?.cors).toBe(true);
    await core.client.mock.stop({ path });
    await core.client.mock.delete({ path });
  });
});

describe('a mock file that is gone', () => {
  it('records why it cannot be read, for the tab to say so', async () => {
    const { store, dispose } = makeStore();
    await store.getState().openDoc('mockpanel-missing.yaml');
    expect(store.getState().docs['mockpanel-missing.yaml']).toBeUndefined();
    expect(store.getState().readErrors['mockpanel-missing.yaml']?.code).toBe('FILE_NOT_FOUND');
    dispose();
  });
});

describe('request log in the renderer', () => {
  it('keeps the newest requests up to the limit and ignores ones it already has', () => {
    const { store, dispose } = makeStore();
    const path = 'bounded.yaml';
    store.getState().applyRequests({ path, requests: [summary(1), summary(2)], skipped: 0 });
    store.getState().applyRequests({ path, requests: [summary(2), summary(3)], skipped: 0 });
    expect(store.getState().logs[path]?.requests.map((r) => r.id)).toEqual([1, 2, 3]);
    const many = Array.from({ length: MOCK_LOG_LIMIT + 5 }, (_, i) => summary(i + 4));
    store.getState().applyRequests({ path, requests: many, skipped: 7 });
    const kept = store.getState().logs[path]!;
    expect(kept.requests).toHaveLength(MOCK_LOG_LIMIT);
    expect(kept.requests[0]?.id).toBe(9);
    expect(kept.requests[MOCK_LOG_LIMIT - 1]?.id).toBe(MOCK_LOG_LIMIT + 8);
    expect(kept.skipped).toBe(7);
    dispose();
  });
});
