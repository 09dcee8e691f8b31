/* eslint-disable no-restricted-imports -- the body file is written into the real core's mocks folder */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CONNECTION_NAME } from '../../../main/core/services';
import { addRoute, updateResponse } from './mock-edits';
import { addResource, patchFault, setBodySource, setFaultKind, updateResource } from './mock-edits-form';
import { createMocksStore } from './mocks.store';
import { startCoreClient, type CoreClient } from './testing/core-client';

let core: CoreClient;
beforeAll(async () => {
  core = await startCoreClient();
}, 60_000);
afterAll(async () => {
  await core.close();
});

function makeStore() {
  return createMocksStore({
    client: core.client,
    notifier: { notify: () => undefined, notifyError: () => undefined },
  });
}

describe('the mock form’s faults, body files and resources, saved through the real core', () => {
  it('saves a body file and faults made in the form; the running mock serves them', async () => {
    const store = makeStore();
    const { path } = (await store.getState().createMock('mockform faults'))!;
    await store.getState().openDoc(path);
    const mocksDir = join(core.dataDir, 'workspace', 'mocks');
    mkdirSync(join(mocksDir, 'mockform-bodies'), { recursive: true });
    writeFileSync(join(mocksDir, 'mockform-bodies', 'user.json'), '{"from": "file"}');

    store.getState().editDraft(path, (d) => {
      let next = addRoute(d, { method: 'GET', path: '/file', responses: [{ status: 200, body: 'typed' }] });
      next = addRoute(next, { method: 'GET', path: '/fails', responses: [{ status: 200, body: 'never' }] });
      next = addRoute(next, { method: 'GET', path: '/drops', responses: [{ status: 200, body: 'never' }] });
      next = updateResponse(next, 0, 0, (r) => setBodySource(r, 'file', 'mockform-bodies/user.json'));
      next = updateResponse(next, 1, 0, (r) => patchFault(setFaultKind(r, 'error'), { status: 503, rate: 1 }));
      return updateResponse(next, 2, 0, (r) => setFaultKind(r, 'drop'));
    });
    expect(await store.getState().saveDoc(path)).toBe(true);
    const text = store.getState().docs[path]!.text;
    expect(text).toContain('bodyFile: mockform-bodies/user.json');
    expect(text).toContain('fault:\n          type: error\n          rate: 1\n          status: 503');
    expect(text).toContain('fault:\n          type: drop');
    expect(store.getState().docs[path]?.saved?.routes[0]?.responses[0]).toEqual({
      status: 200,
      bodyFile: 'mockform-bodies/user.json',
    });

    await store.getState().startMock(path);
    const url = store.getState().mocks.find((m) => m.path === path)!.url!;
    const file = await fetch(`${url}/file`);
    expect(file.headers.get('content-type')).toMatch(/application\/json/);
    expect(await file.json()).toEqual({ from: 'file' });
    expect((await fetch(`${url}/fails`)).status).toBe(503);
    await expect(fetch(`${url}/drops`)).rejects.toThrow();
    await store.getState().stopMock(path);
    await store.getState().deleteMock(path);
  });

  it('refuses a body file outside the mock’s folder and keeps the core’s message for that field', async () => {
    const store = makeStore();
    const { path } = (await store.getState().createMock('mockform outside'))!;
    await store.getState().openDoc(path);
    const before = store.getState().docs[path]!.text;
    store
      .getState()
      .editDraft(path, (d) =>
        updateResponse(addRoute(d, { method: 'GET', path: '/secret', responses: [{ status: 200 }] }), 0, 0, (r) =>
          setBodySource(r, 'file', '../secret.json'),
        ),
      );
    expect(await store.getState().saveDoc(path)).toBe(false);
    const doc = store.getState().docs[path]!;
    expect(doc.saveIssues).toEqual({ 'routes.0.responses.0.bodyFile': "must be a path inside the mock's folder" });
    expect(doc.saveError).toContain("routes.0.responses.0.bodyFile: must be a path inside the mock's folder");
    expect(doc.dirty).toBe(true);
    expect((await core.client.mock.read({ path })).text).toBe(before);
    // editing again clears the field's message until the next save
    store.getState().editDraft(path, (d) => updateResponse(d, 0, 0, (r) => ({ ...r, bodyFile: 'inside.json' })));
    expect(store.getState().docs[path]?.saveIssues).toEqual({});
    expect(await store.getState().saveDoc(path)).toBe(true);
    expect(store.getState().docs[path]?.saveIssues).toEqual({});
    await store.getState().deleteMock(path);
  });

  it('adds a resource in the form, makes it read-only, and the mock answers GET but not POST', async () => {
    const store = makeStore();
    const { path } = (await store.getState().createMock('mockform resource'))!;
    await store.getState().openDoc(path);
    store.getState().editDraft(path, (d) => addResource(d, SAMPLE_CONNECTION_NAME));
    // a resource without its table is named by the save
    expect(await store.getState().saveDoc(path)).toBe(false);
    expect(store.getState().docs[path]?.saveIssues['resources.0.table']).toBe('must not be empty');

    store
      .getState()
      .editDraft(path, (d) => updateResource(d, 0, { table: 'categories', path: '/categories', readOnly: true }));
    expect(await store.getState().saveDoc(path)).toBe(true);
    expect(store.getState().docs[path]?.text).toContain('readOnly: true');
    await store.getState().startMock(path);
    const url = store.getState().mocks.find((m) => m.path === path)!.url!;
    expect((await fetch(`${url}/categories`)).status).toBe(200);
    const post = await fetch(`${url}/categories`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "refused"}',
    });
    expect(post.status).toBe(405);
    await store.getState().stopMock(path);
    await store.getState().deleteMock(path);
  });
});
