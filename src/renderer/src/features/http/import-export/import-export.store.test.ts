import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../../../../shared/contract/http.contract';
import type { HttpRequestFile } from '../../../../../shared/http-request';
import type { Toast } from '../../../stores/store-deps';
import { startCoreClient, type CoreClient } from '../../../stores/testing/core-client';
import { createImportExportStore } from './import-export.store';
import { routeFromResponse } from './mock-route-from-response';

let core: CoreClient;
beforeAll(async () => {
  core = await startCoreClient();
}, 60_000);
afterAll(async () => {
  await core.close();
});

const POSTMAN = JSON.stringify({
  info: {
    name: 'Tiny API',
    schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
  },
  item: [
    { name: 'List items', request: { method: 'GET', url: 'https://x.io/items' } },
    {
      name: 'Admin',
      item: [{ name: 'Delete item', request: { method: 'DELETE', url: 'https://x.io/items/1' } }],
    },
  ],
});

function response(change: Partial<HttpResponse> = {}): HttpResponse {
  return {
    status: 201,
    statusText: 'Created',
    httpVersion: '1.1',
    headers: [{ name: 'Content-Type', value: 'application/json; charset=utf-8' }],
    url: 'http://127.0.0.1:3001/api/users/7',
    redirects: [],
    redirectLimitReached: false,
    timing: { dnsMs: 0, connectMs: 0, tlsMs: 0, firstByteMs: 1, downloadMs: 0, totalMs: 1, reusedConnection: false },
    totalMs: 1,
    body: { size: 20, wireSize: 20, encoding: 'utf8', data: '{"id":7,"name":"Ada"}', handle: null },
    ...change,
  };
}

/** The environment chosen in the HTTP panel, as the store's dependency reads it. */
let chosenEnvironment: string | null = null;

function makeStore() {
  const toasts: Omit<Toast, 'id'>[] = [];
  const copied: string[] = [];
  const opened: HttpRequestFile[] = [];
  let reloads = 0;
  const drafts: Record<string, HttpRequestFile> = { t1: { name: 'Tab', method: 'GET', url: '' } };
  const store = createImportExportStore({
    client: core.client,
    notifier: {
      notify: (toast) => toasts.push(toast),
      notifyError: (title, error) => toasts.push({ kind: 'error', title, message: (error as Error).message }),
    },
    nativeSave: false,
    download: () => undefined,
    copy: async (text) => void copied.push(text),
    collectionsChanged: async () => void reloads++,
    openRequest: (request) => void opened.push(request),
    tabRequest: (tabId) => (drafts[tabId] ? { draft: drafts[tabId], path: null } : undefined),
    environment: () => chosenEnvironment,
    editDraft: (tabId, edit) => {
      drafts[tabId] = edit(drafts[tabId]!);
    },
    mocks: {
      create: async (name) => core.client.mock.create({ name }),
      addRoute: async (path, route) => {
        const { definition } = await core.client.mock.read({ path });
        await core.client.mock.save({ path, definition: { ...definition!, routes: [...definition!.routes, route] } });
        return true;
      },
      open: () => undefined,
    },
  });
  return { store, toasts, copied, opened, drafts, reloads: () => reloads };
}

describe('import-export store', () => {
  it('previews pasted text, imports it as a collection and marks it selected', async () => {
    const { store, toasts, reloads } = makeStore();
    store.getState().openImport();
    store.getState().setText(POSTMAN);
    await store.getState().previewText();
    expect(store.getState().dialog?.preview).toMatchObject({
      format: 'postman',
      kind: 'collection',
      name: 'Tiny API',
      requests: 2,
      folders: 1,
    });
    expect(await store.getState().runImport()).toBe(true);
    expect(store.getState().dialog).toBeNull();
    expect(store.getState().selectedCollection).toBe('tiny-api');
    expect(reloads()).toBe(1);
    expect(toasts.at(-1)).toMatchObject({ kind: 'success', title: 'Imported Tiny API' });
    const tree = await core.client.http.collections({});
    expect(tree.find((c) => c.path === 'tiny-api')?.children.map((n) => n.name)).toEqual(['List items', 'Admin']);
  });

  it('shows why pasted text cannot be imported, and opens a cURL command as a request', async () => {
    const { store, opened } = makeStore();
    store.getState().openImport();
    store.getState().setText('{"hello": "world"}');
    await store.getState().previewText();
    expect(store.getState().dialog?.error?.message).toMatch(/^pasted text: not a Postman collection/);
    store.getState().setText('curl -X PATCH https://x.io/a');
    await store.getState().previewText();
    expect(store.getState().dialog?.error).toBeNull();
    expect(await store.getState().runImport()).toBe(true);
    expect(opened).toMatchObject([{ name: 'PATCH /a', method: 'PATCH', url: 'https://x.io/a' }]);
  });

  it('fills a tab from a pasted cURL command and copies it back as cURL', async () => {
    const { store, drafts, copied } = makeStore();
    expect(
      await store.getState().pasteCurl('t1', `curl https://x.io/items -H 'X-A: 1' --json '{"a":1}' -u ada:pw`),
    ).toBe(true);
    expect(drafts.t1).toMatchObject({
      name: 'Tab',
      method: 'POST',
      url: 'https://x.io/items',
      headers: expect.arrayContaining([{ name: 'X-A', value: '1' }]) as unknown,
      body: { type: 'json', text: '{"a":1}' },
      auth: { type: 'basic', username: 'ada', password: 'pw' },
    });
    expect(await store.getState().copyRequestAs('t1', 'curl')).toBe(true);
    expect(copied[0]).toMatch(/^curl https:\/\/x\.io\/items \\/);
    expect(await store.getState().copyRequestAs('t1', 'fetch')).toBe(true);
    expect(copied[1]).toContain('fetch("https://x.io/items"');
  });

  it('copies as cURL with variables resolved in the chosen environment, secrets only when asked', async () => {
    const { store, drafts, copied, toasts } = makeStore();
    const { path } = await core.client.http.createEnvironment({ name: 'Hpolish copy' });
    await core.client.http.saveEnvironment({
      path,
      environment: {
        name: 'Hpolish copy',
        variables: [
          { name: 'hpolishBase', value: 'https://env.example.com' },
          { name: 'hpolishKey', value: 'k-s3cret', secret: true },
        ],
      },
    });
    chosenEnvironment = path;
    drafts.t1 = {
      name: 'Tab',
      method: 'GET',
      url: '{{hpolishBase}}/items',
      headers: [{ name: 'X-Key', value: '{{hpolishKey}}' }],
    };
    expect(await store.getState().copyRequestAs('t1', 'curl')).toBe(true);
    expect(copied.at(-1)).toContain('{{hpolishBase}}/items');
    expect(await store.getState().copyRequestAs('t1', 'curl', { resolve: true })).toBe(true);
    expect(copied.at(-1)).toContain('https://env.example.com/items');
    expect(copied.at(-1)).toContain("'X-Key: {{hpolishKey}}'");
    expect(toasts.at(-1)).toMatchObject({ title: 'Copied as cURL (variables resolved)' });
    expect(toasts.at(-1)?.message).toContain('{{hpolishKey}}');
    expect(await store.getState().copyRequestAs('t1', 'curl', { resolve: true, secrets: true })).toBe(true);
    expect(copied.at(-1)).toContain("'X-Key: k-s3cret'");
    chosenEnvironment = null;
  });

  it('makes a route of a JSON response in a new mock', async () => {
    const { store, toasts } = makeStore();
    const path = await store.getState().createMockRoute({
      method: 'post',
      response: response(),
      mockPath: null,
      newMockName: 'Users from responses',
    });
    expect(path).toBe('users-from-responses.yaml');
    const { definition } = await core.client.mock.read({ path: path! });
    expect(definition?.routes.at(-1)).toEqual({
      method: 'POST',
      path: '/api/users/7',
      responses: [
        { status: 201, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: { id: 7, name: 'Ada' } },
      ],
    });
    expect(toasts.at(-1)).toMatchObject({ kind: 'success', title: 'Route added to Users from responses' });
  });
});

describe('routeFromResponse', () => {
  it("takes the mock's prefix off the path the request reached first", () => {
    const made = routeFromResponse(
      {
        method: 'GET',
        response: response({
          url: 'http://127.0.0.1:3001/elsewhere',
          redirects: [{ method: 'GET', url: 'http://h/api/a:b', status: 302, location: '/elsewhere', totalMs: 1 }],
        }),
      },
      '/api',
    );
    expect(made).toMatchObject({ route: { method: 'GET', path: '/a::b' } });
  });

  it('says why a response cannot be a route', () => {
    expect(routeFromResponse({ method: 'GET', response: response({ headers: [] }) }, undefined)).toMatchObject({
      route: { path: '/api/users/7' },
    });
    const html = response({ headers: [{ name: 'content-type', value: 'text/html' }] });
    expect(routeFromResponse({ method: 'GET', response: html }, undefined)).toEqual({
      problem: 'The response has no JSON body (a body kept on disk is not copied).',
    });
    expect(routeFromResponse({ method: 'FETCHX', response: response() }, undefined)).toEqual({
      problem: 'A mock route cannot answer the method FETCHX.',
    });
  });
});
