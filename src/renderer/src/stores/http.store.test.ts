/* eslint-disable no-restricted-imports -- the test serves real HTTP on 127.0.0.1 for the core to call */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpStore, requestToSend } from './http.store';
import type { HttpTabState } from './tab-types';
import { startCoreClient, type CoreClient } from './testing/core-client';

let core: CoreClient;
let server: Server;
let base: string;
/** Requests that stay unanswered until the test says so (to cancel one in flight). */
const held: (() => void)[] = [];

beforeAll(async () => {
  core = await startCoreClient();
  server = createServer((req, res) => {
    if (req.url === '/slow') {
      held.push(() => res.end('late'));
      return;
    }
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(3 * 1024 * 1024));
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-seen': req.headers['x-trace'] ?? 'none' });
      res.end(JSON.stringify({ method: req.method, body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  held.forEach((answer) => answer());
  await new Promise((resolve) => server.close(resolve));
  await core.close();
});

const until = (check: () => boolean) =>
  new Promise<void>((resolve) => {
    const poll = () => (check() ? resolve() : setTimeout(poll, 10));
    poll();
  });

/** The tabs the store keeps its drafts in (the tabs store's part, as a map). */
const tabs = new Map<string, HttpTabState>();
const toasts: string[] = [];
const makeStore = () =>
  createHttpStore({
    client: core.client,
    notifier: { notify: (t) => toasts.push(t.title), notifyError: (title) => toasts.push(title) },
    updateTab: (id, patch) => {
      const tab = tabs.get(id) ?? { kind: 'http', id, title: 'Request', connectionId: null, path: null, dirty: false };
      tabs.set(id, { ...tab, ...patch });
    },
    tabOf: (id) => tabs.get(id),
  });

describe('http store over the real core', () => {
  it('drops header rows without a name from what is sent', () => {
    const sent = requestToSend({
      name: 'r',
      method: ' ',
      url: ' http://x/ ',
      headers: [
        { name: 'A', value: '1' },
        { name: ' ', value: 'typed' },
      ],
    });
    expect(sent).toMatchObject({ method: 'GET', url: 'http://x/', headers: [{ name: 'A', value: '1' }] });
  });

  it('sends the draft with its headers and JSON body and keeps the response', async () => {
    const store = makeStore();
    store.getState().ensureSession('t1', { method: 'POST', url: `${base}/items` });
    store.getState().editDraft('t1', (d) => ({
      ...d,
      headers: [
        { name: 'X-Trace', value: 'abc' },
        { name: 'X-Off', value: 'no', enabled: false },
      ],
      body: { type: 'json', text: '{"a":1}' },
    }));
    await store.getState().send('t1');
    const session = store.getState().byTab.t1!;
    expect(session.error).toBeNull();
    expect(session.sendId).toBeNull();
    expect(session.response?.status).toBe(201);
    expect(session.response?.headers).toContainEqual({ name: 'x-seen', value: 'abc' });
    expect(JSON.parse(session.response!.body.data!)).toEqual({ method: 'POST', body: '{"a":1}' });
  });

  it('keeps a prefilled request with its tab before any edit, without marking it unsaved', () => {
    const store = makeStore();
    store.getState().ensureSession('seeded', { method: 'PUT', url: `${base}/items/1` });
    expect(tabs.get('seeded')).toMatchObject({ dirty: false, draft: { method: 'PUT', url: `${base}/items/1` } });
    // a restart restores it from the tab
    const again = makeStore();
    again.getState().restoreSession('seeded', { path: null, draft: tabs.get('seeded')!.draft, title: 'Request' });
    expect(again.getState().byTab.seeded?.draft).toMatchObject({ method: 'PUT', url: `${base}/items/1` });
    // a blank new request keeps nothing until it is edited
    store.getState().ensureSession('blank');
    expect(tabs.get('blank')).toBeUndefined();
  });

  it('names host:port when the connection is refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const store = makeStore();
    store.getState().ensureSession('t2', { url: `http://127.0.0.1:${port}/` });
    await store.getState().send('t2');
    const { error, response } = store.getState().byTab.t2!;
    expect(response).toBeNull();
    expect(error?.code).toBe('CONNECTION_REFUSED');
    expect(error?.message).toContain(`127.0.0.1:${port}`);
  });

  it('cancels a send under way', async () => {
    const store = makeStore();
    store.getState().ensureSession('t3', { url: `${base}/slow` });
    const sending = store.getState().send('t3');
    await until(() => held.length > 0);
    expect(store.getState().byTab.t3!.sendId).not.toBeNull();
    await store.getState().cancel('t3');
    await sending;
    expect(store.getState().byTab.t3!.error?.code).toBe('REQUEST_CANCELLED');
    expect(store.getState().byTab.t3!.sendId).toBeNull();
  });

  it('keeps only the handle of a body too big to come back inline (the big-body viewer reads it)', async () => {
    const store = makeStore();
    store.getState().ensureSession('t4', { url: `${base}/big` });
    await store.getState().send('t4');
    const session = store.getState().byTab.t4!;
    expect(session.response?.body.handle).not.toBeNull();
    expect(session.response?.body.size).toBe(3 * 1024 * 1024);
    expect(Object.keys(session)).not.toContain('preview');
  });

  it('keeps an edited draft in the tab, saves it to a new collection and clears the dirty flag', async () => {
    const store = makeStore();
    store.getState().ensureSession('s1', { url: `${base}/a` });
    store.getState().editDraft('s1', (d) => ({ ...d, method: 'PUT' }));
    expect(tabs.get('s1')).toMatchObject({ dirty: true, draft: { method: 'PUT', url: `${base}/a` } });

    await store.getState().save('s1');
    expect(store.getState().savePromptTabId).toBe('s1');
    expect(await store.getState().saveAs('s1', 'Draft shop/users/Put item')).toBe(true);
    const tab = tabs.get('s1');
    expect(tab).toMatchObject({ dirty: false, title: 'Put item', draft: undefined });
    expect(tab?.path).toMatch(/\.request\.yaml$/);
    const shop = store.getState().collections?.find((c) => c.name === 'Draft shop');
    const users = shop?.children.find((c) => c.kind === 'folder' && c.name === 'users');
    expect(users && users.kind === 'folder' ? users.children : []).toEqual([
      expect.objectContaining({ kind: 'request', name: 'Put item', method: 'PUT', path: tab?.path }),
    ]);

    store.getState().editDraft('s1', (d) => ({ ...d, url: `${base}/b` }));
    expect(tabs.get('s1')?.dirty).toBe(true);
    await store.getState().save('s1');
    expect(tabs.get('s1')).toMatchObject({ dirty: false, draft: undefined });
    const file = await core.client.http.readRequest({ path: tab?.path ?? '' });
    expect(file.request).toMatchObject({ name: 'Put item', method: 'PUT', url: `${base}/b` });
  });

  it('restores a file tab from its file, or keeps its stored draft and compares it with the file', async () => {
    const { path } = await core.client.http.createRequest({
      parent: (await core.client.http.createCollection({ name: 'Restore shop' })).path,
      request: { name: 'Get one', method: 'GET', url: `${base}/one` },
    });
    const store = makeStore();
    store.getState().restoreSession('r1', { path, title: 'Get one' });
    await until(() => store.getState().byTab.r1?.saved !== null);
    expect(store.getState().byTab.r1?.draft).toMatchObject({ url: `${base}/one` });
    expect(tabs.get('r1')?.dirty).toBe(false);

    tabs.set('r2', { kind: 'http', id: 'r2', title: 'Get one', connectionId: null, path, dirty: true });
    const draft = { name: 'Get one', method: 'DELETE', url: `${base}/one` };
    tabs.set('r2', { ...(tabs.get('r2') as HttpTabState), draft });
    store.getState().restoreSession('r2', { path, title: 'Get one', draft });
    await until(() => store.getState().byTab.r2?.saved !== null);
    expect(store.getState().byTab.r2?.draft.method).toBe('DELETE');
    expect(tabs.get('r2')?.dirty).toBe(true);
  });

  it('is saved once saved with a blank form field or multipart part being typed', async () => {
    const { path } = await core.client.http.createRequest({
      parent: (await core.client.http.createCollection({ name: 'Hpolish blank rows' })).path,
      request: { name: 'Form', method: 'POST', url: `${base}/form` },
    });
    const store = makeStore();
    tabs.set('b1', { kind: 'http', id: 'b1', title: 'Form', connectionId: null, path, dirty: false });
    store.getState().restoreSession('b1', { path, title: 'Form' });
    await until(() => store.getState().byTab.b1?.saved !== null);
    const form = {
      type: 'form' as const,
      fields: [
        { name: 'a', value: '1' },
        { name: '', value: '' },
      ],
    };
    store.getState().editDraft('b1', (d) => ({ ...d, body: form }));
    expect(tabs.get('b1')?.dirty).toBe(true);
    await store.getState().save('b1');
    expect(tabs.get('b1')?.dirty).toBe(false);
    const parts = {
      type: 'multipart' as const,
      parts: [
        { name: 'p', value: 'x' },
        { name: ' ', value: '' },
      ],
    };
    store.getState().editDraft('b1', (d) => ({ ...d, body: parts }));
    await store.getState().save('b1');
    expect(tabs.get('b1')?.dirty).toBe(false);
    // the row being typed stays in the editor
    expect(store.getState().byTab.b1?.draft.body).toEqual(parts);
  });

  it('reloads a tab changed on disk only when asked; keeping the edits dismisses the notice', async () => {
    const request = { name: 'Disk', method: 'GET', url: `${base}/one` };
    const { path } = await core.client.http.createRequest({
      parent: (await core.client.http.createCollection({ name: 'Hpolish disk' })).path,
      request,
    });
    const store = makeStore();
    tabs.set('d1', { kind: 'http', id: 'd1', title: 'Disk', connectionId: null, path, dirty: false });
    store.getState().restoreSession('d1', { path, title: 'Disk' });
    await until(() => store.getState().byTab.d1?.saved !== null);
    store.getState().editDraft('d1', (d) => ({ ...d, url: `${base}/mine` }));
    // another writer (a git pull) changes the file
    await core.client.http.saveRequest({ path, request: { ...request, url: `${base}/theirs` } });
    await store.getState().applyFilesChanged([path]);
    expect(store.getState().byTab.d1?.changedOnDisk).toBe(true);

    await store.getState().resolveChangedOnDisk('d1', 'keep');
    expect(store.getState().byTab.d1).toMatchObject({ changedOnDisk: false, draft: { url: `${base}/mine` } });
    expect(tabs.get('d1')?.dirty).toBe(true);

    await core.client.http.saveRequest({ path, request: { ...request, url: `${base}/again` } });
    await store.getState().applyFilesChanged([path]);
    expect(store.getState().byTab.d1?.changedOnDisk).toBe(true);
    await store.getState().resolveChangedOnDisk('d1', 'reload');
    expect(store.getState().byTab.d1).toMatchObject({ changedOnDisk: false, draft: { url: `${base}/again` } });
    expect(tabs.get('d1')).toMatchObject({ dirty: false, draft: undefined });
  });
});
