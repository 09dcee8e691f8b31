/* eslint-disable no-restricted-imports -- the upload goes through the real core upload store, as the browser host does */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
