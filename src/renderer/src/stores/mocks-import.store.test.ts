/* eslint-disable no-restricted-imports -- the upload goes through the real core upload store, as the browser host does */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { saveUpload } from '../../../main/core/transfer/upload-store';
import { createMocksStore } from './mocks.store';
import type { Toast } from './store-deps';
import { startCoreClient, type CoreClient } from './testing/core-client';

let core: CoreClient;
beforeAll(async () => {
  core = await startCoreClient();
}, 60_000);
afterAll(async () => {
  await core.close();
});

const PETSTORE = join(import.meta.dirname, '../../../main/core/mock/openapi/fixtures/petstore-3.0.yaml');

function makeStore() {
  const toasts: Omit<Toast, 'id'>[] = [];
  const store = createMocksStore({
    client: core.client,
    notifier: {
      notify: (toast) => toasts.push(toast),
      notifyError: (title, error) => toasts.push({ kind: 'error', title, message: String(error) }),
    },
    // what the browser host's upload does, straight into the core's upload store
    upload: async (file) => {
      const body = Readable.from([Buffer.from(await file.arrayBuffer())]);
      const { fileId } = await saveUpload(core.dataDir, file.name, body);
      return { fileId, name: file.name, format: null };
    },
  });
  return { store, toasts };
}

describe('mocks store: import and export', () => {
  it('imports an uploaded OpenAPI file as a listed mock and exports it back as OpenAPI JSON', async () => {
    const { store, toasts } = makeStore();
    expect(store.getState().canUpload).toBe(true);
    const file = new File([readFileSync(PETSTORE)], 'petstore-3.0.yaml');
    const imported = await store.getState().importMock(file);
    expect(imported).toMatchObject({ path: 'pet-store.yaml', name: 'Pet Store' });
    expect(store.getState().mocks.map((m) => m.path)).toContain('pet-store.yaml');
    expect(toasts.at(-1)?.title).toMatch(/^Imported Pet Store/);

    const document = await store.getState().exportOpenApi('pet-store.yaml');
    expect(JSON.parse(document!)).toMatchObject({ openapi: expect.stringMatching(/^3\.0\./) });
  });

  it('says why a file is refused, naming it, and adds no mock', async () => {
    const { store, toasts } = makeStore();
    const before = (await core.client.mock.list({})).length;
    const imported = await store.getState().importMock(new File(['- a\n- list\n'], 'nothing.yaml'));
    expect(imported).toBeNull();
    expect(toasts.at(-1)).toMatchObject({ kind: 'error', title: 'Could not import the mock' });
    expect(toasts.at(-1)?.message).toContain('nothing.yaml');
    expect(await core.client.mock.list({})).toHaveLength(before);
  });
});

describe('mocks store: recorded routes', () => {
  it('appends what the recording proxy made, saves, and adds nothing twice', async () => {
    const upstream = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"recorded":true}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const { store, toasts } = makeStore();
    try {
      const target = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
      const created = (await store.getState().createMock('Recording store'))!;
      await core.client.mock.save({
        path: created.path,
        definition: { name: 'Recording store', port: created.port!, routes: [], proxy: { target, record: true } },
      });
      await store.getState().openDoc(created.path);
      const started = await core.client.mock.start({ path: created.path });
      expect((await fetch(`${started.url}/orders/7`)).status).toBe(200);
      await vi.waitFor(async () => expect(await core.client.mock.requests({ path: created.path })).toHaveLength(1));

      expect(await store.getState().addRecordedRoutes(created.path)).toBe(1);
      const saved = await core.client.mock.read({ path: created.path });
      expect(saved.definition?.routes.map((route) => `${route.method} ${route.path}`)).toEqual(['GET /orders/7']);
      expect(store.getState().docs[created.path]?.dirty).toBe(false);

      expect(await store.getState().addRecordedRoutes(created.path)).toBe(0);
      expect(toasts.at(-1)).toMatchObject({ kind: 'info', title: 'No new recorded routes' });
      await core.client.mock.stop({ path: created.path });
    } finally {
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});
