/* eslint-disable no-restricted-imports -- the test reads the workspace files the store wrote, as a user would */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  createHttpFolderSettingsStore,
  fileWith,
  nearestAuth,
  selectSettingsDirty,
  type FolderOrCollectionSettings,
} from './http-folder-settings.store';
import { startCoreClient, type CoreClient } from './testing/core-client';

let core: CoreClient;
let workspace: string;
beforeAll(async () => {
  core = await startCoreClient();
  workspace = (await core.client.app.info({})).workspaceDir;
}, 60_000);
afterAll(async () => {
  await core.close();
});

const errors: string[] = [];
const notifier = { notify: () => undefined, notifyError: (title: string) => errors.push(title) };
const makeStore = () => createHttpFolderSettingsStore({ client: core.client, notifier });

describe('folder settings logic', () => {
  it('lists the collection, then each folder, above a path', () => {
    expect(ancestorsOf('shop/users/admins/get.request.yaml')).toEqual(['shop', 'shop/users', 'shop/users/admins']);
    expect(ancestorsOf('shop/users')).toEqual(['shop']);
    expect(ancestorsOf('shop')).toEqual([]);
  });

  it('takes the nearest auth that is set; inherit passes up, none stops', () => {
    const collection: FolderOrCollectionSettings = {
      kind: 'collection',
      path: 'shop',
      settings: { name: 'Shop', auth: { type: 'basic', username: 'ada', password: 'x' } },
    };
    const folder = (auth: FolderOrCollectionSettings['settings']['auth']): FolderOrCollectionSettings => ({
      kind: 'folder',
      path: 'shop/users',
      settings: auth ? { auth } : {},
    });
    expect(nearestAuth([collection, folder(undefined)])).toMatchObject({ from: 'shop', kind: 'collection' });
    expect(nearestAuth([collection, folder({ type: 'inherit' })])?.from).toBe('shop');
    expect(nearestAuth([collection, folder({ type: 'bearer', token: 't' })])).toEqual({
      auth: { type: 'bearer', token: 't' },
      from: 'shop/users',
      kind: 'folder',
      name: 'users',
    });
    expect(nearestAuth([collection, folder({ type: 'none' })])).toBeNull();
    expect(nearestAuth([])).toBeNull();
  });

  it('writes back what it does not edit, and leaves out what was emptied', () => {
    const file: FolderOrCollectionSettings = {
      kind: 'collection',
      path: 'shop',
      settings: { name: 'Shop', docs: 'kept', settings: { timeoutMs: 5 }, headers: [{ name: 'X-A', value: '1' }] },
    };
    const out = fileWith(file, {
      auth: { type: 'inherit' },
      headers: [{ name: ' ', value: 'half-typed' }],
      variables: [{ name: ' host ', value: 'h' }],
      scripts: { preRequest: '  ' },
    });
    expect(out).toEqual({
      kind: 'collection',
      path: 'shop',
      settings: { name: 'Shop', docs: 'kept', settings: { timeoutMs: 5 }, variables: [{ name: 'host', value: 'h' }] },
    });
  });
});

describe('http folder settings store over the real core', () => {
  it("edits a folder's auth, headers and scripts, saves folder.yaml, and requests below inherit the auth", async () => {
    const { path: collection } = await core.client.http.createCollection({ name: 'Runner settings shop' });
    const { path: folder } = await core.client.http.createFolder({ parent: collection, name: 'Users' });
    const { path: request } = await core.client.http.createRequest({
      parent: folder,
      request: { name: 'Get user', method: 'GET', url: 'http://127.0.0.1:1/users' },
    });
    const store = makeStore();
    expect(await store.getState().loadInherited(request)).toBeNull();

    await store.getState().open(folder);
    const opened = store.getState().editor!;
    expect(opened).toMatchObject({ kind: 'folder', path: folder, loading: false, error: null, parentAuth: null });
    expect(selectSettingsDirty(opened)).toBe(false);

    store.getState().edit((d) => ({ ...d, auth: { type: 'bearer', token: '{{userToken}}' } }));
    store.getState().edit((d) => ({ ...d, headers: [{ name: 'X-Team', value: 'runner' }] }));
    store.getState().edit((d) => ({ ...d, scripts: { preRequest: "bb.variables.set('a', '1');" } }));
    expect(selectSettingsDirty(store.getState().editor)).toBe(true);
    expect(await store.getState().save()).toBe(true);
    expect(selectSettingsDirty(store.getState().editor)).toBe(false);

    const yaml = readFileSync(join(workspace, 'collections', folder, 'folder.yaml'), 'utf8');
    expect(yaml).toContain('bearer');
    expect(yaml).toContain('{{userToken}}');
    expect(yaml).toContain('X-Team');
    expect((await core.client.http.readSettings({ path: folder })).settings).toMatchObject({
      auth: { type: 'bearer', token: '{{userToken}}' },
      headers: [{ name: 'X-Team', value: 'runner' }],
      scripts: { preRequest: "bb.variables.set('a', '1');" },
    });
    expect(await store.getState().loadInherited(request)).toEqual({
      auth: { type: 'bearer', token: '{{userToken}}' },
      from: folder,
      kind: 'folder',
      name: 'Users',
    });
    expect(errors).toEqual([]);
  });

  it("edits a collection's variables and auth, keeping its name; a folder below shows what it inherits", async () => {
    const { path: collection } = await core.client.http.createCollection({ name: 'Runner settings vars' });
    const { path: folder } = await core.client.http.createFolder({ parent: collection, name: 'Orders' });
    const store = makeStore();
    await store.getState().open(collection);
    expect(store.getState().editor).toMatchObject({ kind: 'collection', name: 'Runner settings vars' });
    store.getState().edit((d) => ({
      ...d,
      variables: [{ name: 'base', value: 'http://127.0.0.1:9' }],
      auth: { type: 'basic', username: 'ada', password: '{{pw}}' },
    }));
    expect(await store.getState().save()).toBe(true);
    const read = await core.client.http.readSettings({ path: collection });
    expect(read.settings).toMatchObject({
      name: 'Runner settings vars',
      variables: [{ name: 'base', value: 'http://127.0.0.1:9' }],
      auth: { type: 'basic', username: 'ada' },
    });

    await store.getState().open(folder);
    expect(store.getState().editor?.parentAuth).toMatchObject({ from: collection, kind: 'collection' });
    // a folder has no variables section's data to write
    store.getState().edit((d) => ({ ...d, auth: { type: 'none' } }));
    expect(await store.getState().save()).toBe(true);
    expect(await store.getState().loadInherited(`${folder}/x.request.yaml`)).toBeNull();
  });
});
