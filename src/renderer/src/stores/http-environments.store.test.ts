/* eslint-disable no-restricted-imports -- the test edits workspace files from outside the app, as a git pull does */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../../shared/events';
import { createHttpEnvironmentsStore, rowsToSave, selectEditorDirty } from './http-environments.store';
import { createHttpStore } from './http.store';
import type { HttpTabState } from './tab-types';
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

const toasts: string[] = [];
const notifier = { notify: (t: { title: string }) => toasts.push(t.title), notifyError: (t: string) => toasts.push(t) };
const prefsMap = new Map<string, string>();
const prefs = {
  read: (key: string) => prefsMap.get(key) ?? null,
  write: (key: string, value: string | null) => (value === null ? prefsMap.delete(key) : prefsMap.set(key, value)),
};
const makeStore = () => createHttpEnvironmentsStore({ client: core.client, notifier, prefs });

/** The next http.filesChanged that names `path` (the core watches the workspace). */
const changeNaming = (path: string) =>
  new Promise<EventPayload<'http.filesChanged'>>((resolve) =>
    core.client.on('http.filesChanged', (change) => {
      if ([...change.collections, ...change.environments].includes(path)) resolve(change);
    }),
  );

describe('http environments store over the real core', () => {
  it('creates an environment with a secret, selects it, and keeps the choice per workspace', async () => {
    const store = makeStore();
    await store.getState().loadEnvironments();
    expect(await store.getState().createEnvironment('Henv stage')).toBe(true);
    const path = store.getState().selected!;
    expect(path).toBe('henv-stage.yaml');
    expect(store.getState().editor?.target).toEqual({ kind: 'environment', path });
    store.getState().editVariables(() => [
      { name: 'host', value: 'stage.test' },
      { name: ' token ', value: 's3cret', secret: true },
      { name: '', value: 'half-typed row' },
    ]);
    expect(selectEditorDirty(store.getState().editor)).toBe(true);
    expect(await store.getState().saveEditor()).toBe(true);
    expect(selectEditorDirty(store.getState().editor)).toBe(false);
    expect(readFileSync(join(workspace, 'environments', path), 'utf8')).not.toContain('s3cret');
    const visible = await store.getState().visibleVariables();
    expect(visible.find((v) => v.name === 'token')).toMatchObject({ value: 's3cret', scope: 'environment' });

    // a second start reads the choice back; a choice whose file went falls back to none
    const again = makeStore();
    await again.getState().loadEnvironments();
    expect(again.getState().selected).toBe(path);
    prefs.write([...prefsMap.keys()][0]!, 'gone.yaml');
    const third = makeStore();
    await third.getState().loadEnvironments();
    expect(third.getState().selected).toBeNull();
  });

  it('follows an environment file changed on disk, unless the editor holds unsaved edits', async () => {
    const store = makeStore();
    await store.getState().loadEnvironments();
    await store.getState().createEnvironment('Henv live');
    const path = store.getState().selected!;
    const file = join(workspace, 'environments', path);
    let seen = changeNaming(path);
    writeFileSync(file, 'name: Henv live\nvariables:\n  - name: a\n    value: pulled\n');
    store.getState().applyFilesChanged(await seen);
    await vi.waitFor(() => expect(store.getState().editor?.variables).toEqual([{ name: 'a', value: 'pulled' }]));
    expect(store.getState().editor?.changedOnDisk).toBe(false);

    store.getState().editVariables((rows) => [...rows, { name: 'b', value: 'mine' }]);
    seen = changeNaming(path);
    writeFileSync(file, 'name: Henv live\nvariables:\n  - name: a\n    value: pulled again\n');
    store.getState().applyFilesChanged(await seen);
    await vi.waitFor(() => expect(store.getState().editor?.changedOnDisk).toBe(true));
    expect(rowsToSave(store.getState().editor!.variables).map((v) => v.name)).toEqual(['a', 'b']);
    await store.getState().reloadEditor();
    expect(store.getState().editor?.variables).toEqual([{ name: 'a', value: 'pulled again' }]);
  });

  it('keeps a row just added (still blank) when the file it edits reports a change, as its own creation does', async () => {
    const store = makeStore();
    await store.getState().loadEnvironments();
    const seen = changeNaming('henv-blank-row.yaml');
    await store.getState().createEnvironment('Henv blank row');
    // the user adds a row before the watcher reports the file the app just wrote
    store.getState().editVariables((rows) => [...rows, { name: '', value: '' }]);
    store.getState().applyFilesChanged(await seen);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(store.getState().editor?.variables).toEqual([{ name: '', value: '' }]);
    expect(store.getState().editor?.changedOnDisk).toBe(false);
  });

  it('edits a collection’s variables and leaves its other settings as they are', async () => {
    const { path } = await core.client.http.createCollection({ name: 'Henv coll' });
    await core.client.http.saveSettings({
      kind: 'collection',
      path,
      settings: { name: 'Henv coll', headers: [{ name: 'X-Team', value: 'qa' }] },
    });
    const store = makeStore();
    await store.getState().openEditor({ kind: 'collection', path });
    store.getState().editVariables(() => [{ name: 'base', value: 'http://127.0.0.1:9' }]);
    expect(await store.getState().saveEditor()).toBe(true);
    const read = await core.client.http.readSettings({ path });
    expect(read.settings).toMatchObject({ headers: [{ name: 'X-Team', value: 'qa' }], variables: [{ name: 'base' }] });
  });

  it('adds, edits (moving it) and removes cookies', async () => {
    const store = makeStore();
    expect(
      await store.getState().saveCookie({
        name: 'henv',
        value: '1',
        domain: '127.0.0.1',
        path: '/',
        expires: null,
        secure: false,
        httpOnly: false,
      }),
    ).toBe(true);
    const added = store.getState().cookies!.find((c) => c.name === 'henv')!;
    await store.getState().saveCookie({ ...added, name: 'henv2', path: '/a', value: '2' }, added);
    expect(store.getState().cookies!.map((c) => `${c.name}=${c.value} ${c.path}`)).toEqual(['henv2=2 /a']);
    await store.getState().removeCookies({ domain: '127.0.0.1' });
    expect(store.getState().cookies).toEqual([]);
    expect(await store.getState().saveCookie({ ...added, domain: 'not a domain' })).toBe(false);
    expect(toasts).toContain('Could not save the cookie');
  });
});

describe('http store live pickup', () => {
  it('reloads a clean tab whose file changed; a dirty one keeps its edits and is marked', async () => {
    const tabs = new Map<string, HttpTabState>();
    const store = createHttpStore({
      client: core.client,
      notifier,
      updateTab: (id, patch) => tabs.set(id, { ...tabs.get(id)!, ...patch }),
      tabOf: (id) => tabs.get(id),
    });
    const { path: root } = await core.client.http.createCollection({ name: 'Henv pickup' });
    const { path } = await core.client.http.createRequest({
      parent: root,
      request: { name: 'R', method: 'GET', url: 'http://127.0.0.1:9/one' },
    });
    tabs.set('t', { kind: 'http', id: 't', title: 'R', connectionId: null, path, dirty: false });
    store.getState().restoreSession('t', { path, title: 'R' });
    await vi.waitFor(() => expect(store.getState().byTab.t?.saved?.url).toBe('http://127.0.0.1:9/one'));
    const file = join(workspace, 'collections', path);

    writeFileSync(file, readFileSync(file, 'utf8').replace('/one', '/two'));
    await store.getState().applyFilesChanged([path]);
    expect(store.getState().byTab.t?.draft.url).toBe('http://127.0.0.1:9/two');
    expect(tabs.get('t')?.dirty).toBe(false);

    store.getState().editDraft('t', (d) => ({ ...d, url: 'http://127.0.0.1:9/mine' }));
    writeFileSync(file, readFileSync(file, 'utf8').replace('/two', '/three'));
    await store.getState().applyFilesChanged([root]);
    expect(store.getState().byTab.t?.draft.url).toBe('http://127.0.0.1:9/mine');
    expect(store.getState().byTab.t?.changedOnDisk).toBe(true);
    expect(toasts).toContain('Changed on disk');
  });
});
