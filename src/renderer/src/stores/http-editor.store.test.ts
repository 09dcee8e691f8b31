/* eslint-disable no-restricted-imports -- the test serves real HTTP on 127.0.0.1 for the core to call */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpStore } from './http.store';
import { withQueryParams, withUrl } from './http-url-params';
import type { HttpTabState } from './tab-types';
import { startCoreClient, type CoreClient } from './testing/core-client';

let core: CoreClient;
let server: Server;
let base: string;
const seen: { url: string; contentType: string; body: string }[] = [];

beforeAll(async () => {
  core = await startCoreClient();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ url: req.url!, contentType: req.headers['content-type'] ?? '', body });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await core.close();
});

const tabs = new Map<string, HttpTabState>();
const makeStore = () =>
  createHttpStore({
    client: core.client,
    notifier: { notify: () => undefined, notifyError: () => undefined },
    updateTab: (id, patch) => {
      const tab = tabs.get(id) ?? { kind: 'http', id, title: 'Request', connectionId: null, path: null, dirty: false };
      tabs.set(id, { ...tab, ...patch });
    },
    tabOf: (id) => tabs.get(id),
  });

describe('request editor edits through the store, sent by the real core', () => {
  it('sends query params written by the table and a :path param filled from its row', async () => {
    const store = makeStore();
    store.getState().ensureSession('p');
    store.getState().editDraft('p', (d) => withUrl(d, `${base}/users/:id?x=1`));
    expect(store.getState().byTab.p!.draft.pathParams).toEqual([{ name: 'id', value: '' }]);
    store.getState().editDraft('p', (d) => ({ ...d, pathParams: [{ name: 'id', value: 'a/b' }] }));
    store.getState().editDraft('p', (d) =>
      withUrl(
        d,
        withQueryParams(d.url, [
          { name: 'x', value: '2' },
          { name: 'q', value: 'a&b' },
        ]),
      ),
    );
    await store.getState().send('p');
    expect(store.getState().byTab.p!.error).toBeNull();
    expect(seen.at(-1)?.url).toBe('/users/a%2Fb?x=2&q=a%26b');
  });

  it('leaves form fields and multipart parts without a name out of the send (the row being typed)', async () => {
    const store = makeStore();
    store.getState().ensureSession('f', { method: 'POST', url: `${base}/form` });
    store.getState().editDraft('f', (d) => ({
      ...d,
      body: {
        type: 'form',
        fields: [
          { name: 'a', value: '1' },
          { name: '', value: '' },
        ],
      },
    }));
    await store.getState().send('f');
    expect(seen.at(-1)).toMatchObject({ contentType: 'application/x-www-form-urlencoded', body: 'a=1' });

    store.getState().editDraft('f', (d) => ({
      ...d,
      body: {
        type: 'multipart',
        parts: [
          { name: 'n', value: 'v' },
          { name: '', value: '' },
        ],
      },
    }));
    await store.getState().send('f');
    // an empty part name would fail the contract's check (a part needs a name); it is not sent at all
    expect(store.getState().byTab.f!.error).toBeNull();
    expect(seen.at(-1)?.body).toContain('name="n"');
  });

  it('reads the variables the request sees, with their scopes', async () => {
    await core.client.http.saveEnvironment({
      path: 'globals',
      environment: { name: 'globals', variables: [{ name: 'hedit_host', value: base }] },
    });
    const store = makeStore();
    store.getState().ensureSession('v', { url: '{{hedit_host}}/x' });
    await store.getState().loadVariables('v');
    expect(store.getState().byTab.v!.variables).toContainEqual({
      name: 'hedit_host',
      value: base,
      scope: 'global',
      secret: false,
    });
  });
});
