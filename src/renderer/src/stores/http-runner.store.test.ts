/* eslint-disable no-restricted-imports -- the test serves HTTP from Node, as the app's users' APIs do */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRequests, createHttpRunnerStore, selectOutcomesFailuresFirst } from './http-runner.store';
import { startCoreClient, type CoreClient } from './testing/core-client';

let core: CoreClient;
let server: Server;
let base: string;
const slow = new Set<() => void>();

beforeAll(async () => {
  core = await startCoreClient();
  server = createServer((req, res) => {
    if (req.url?.startsWith('/slow')) {
      // answers only when the test ends (or never, when the run is cancelled)
      slow.add(() => res.end('late'));
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, user: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  for (const answer of slow) answer();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await core.close();
});

const toasts: string[] = [];
const notifier = { notify: (t: { title: string }) => toasts.push(t.title), notifyError: (t: string) => toasts.push(t) };

async function collection(name: string, slowOne = false) {
  const { client } = core;
  const { path } = await client.http.createCollection({ name });
  await client.http.createRequest({
    parent: path,
    request: {
      name: 'Ok',
      method: 'GET',
      url: '{{base}}/users/{{id}}',
      assertions: [{ target: 'status', op: 'equals', value: 200 }],
    },
  });
  await client.http.createRequest({
    parent: path,
    request: {
      name: slowOne ? 'Slow' : 'Wrong',
      method: 'GET',
      url: slowOne ? '{{base}}/slow' : '{{base}}/x',
      assertions: [{ target: 'status', op: 'equals', value: 201 }],
    },
  });
  const { path: env } = await client.http.createEnvironment({ name: `${name} env` });
  await client.http.saveEnvironment({
    path: env,
    environment: { name: `${name} env`, variables: [{ name: 'base', value: base }] },
  });
  return { path, env };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(check()).toBe(true);
};

describe('http runner store over the real core', () => {
  it('runs a collection with a data file and an environment: progress, then the report and its exports', async () => {
    const { path, env } = await collection('Runui shop');
    const tree = await core.client.http.collections({});
    const store = createHttpRunnerStore({
      client: core.client,
      notifier,
      environment: () => env,
      requestCount: (p) => countRequests(tree, p),
    });
    store.getState().ensureSession('t1', path);
    expect(store.getState().byTab.t1?.form.environment).toBe(env);

    expect(await store.getState().loadDataFile('t1', { name: 'ids.csv', text: 'id,name\n1,"A, b"\n2,B\n3,C\n' })).toBe(
      true,
    );
    expect(store.getState().byTab.t1?.form).toMatchObject({ iterations: '3', data: { columns: ['id', 'name'] } });
    expect(store.getState().byTab.t1?.form.data?.rows[0]).toEqual({ id: '1', name: 'A, b' });

    expect(await store.getState().start('t1')).toBe(true);
    expect(store.getState().byTab.t1?.expected).toBe(6);
    await until(() => store.getState().byTab.t1?.status === 'done');
    const session = store.getState().byTab.t1!;
    expect(session).toMatchObject({ finished: 6, passed: 3, failed: 3, error: null });
    expect(session.outcomes.filter((o) => o.name === 'Ok').map((o) => o.url)).toEqual([
      `${base}/users/1`,
      `${base}/users/2`,
      `${base}/users/3`,
    ]);
    expect(selectOutcomesFailuresFirst(session)[0]?.passed).toBe(false);
    expect(session.report).toMatchObject({
      iterations: 3,
      passed: false,
      totals: { requests: 6, assertions: { total: 6, passed: 3, failed: 3 } },
    });
    expect(session.report!.latency.p95).toBeGreaterThanOrEqual(session.report!.latency.p50);

    const junit = await store.getState().formatReport('t1', 'junit');
    expect(junit).toContain('<testsuites');
    expect(junit).toContain('Failed in 3 of 3');
    expect(JSON.parse((await store.getState().formatReport('t1', 'json'))!)).toMatchObject({ passed: false });
  });

  it('says which option is wrong, reads a bad data file as an error, and cancels a slow run', async () => {
    const { path, env } = await collection('Runui slow', true);
    const store = createHttpRunnerStore({
      client: core.client,
      notifier,
      environment: () => env,
      requestCount: () => null,
    });
    store.getState().ensureSession('t2', path);
    store.getState().editForm('t2', { concurrency: '0' });
    expect(await store.getState().start('t2')).toBe(false);
    expect(store.getState().byTab.t2?.formError).toBe('Concurrency must be a whole number from 1 to 100 (it is "0").');

    expect(await store.getState().loadDataFile('t2', { name: 'rows.json', text: '{"id":1}' })).toBe(false);
    expect(toasts).toContain('Could not read the data file rows.json');

    store.getState().editForm('t2', { concurrency: '1', iterations: '50' });
    expect(await store.getState().start('t2')).toBe(true);
    await until(() => (store.getState().byTab.t2?.finished ?? 0) >= 1);
    await store.getState().cancel('t2');
    await until(() => store.getState().byTab.t2?.status === 'done');
    expect(store.getState().byTab.t2?.report).toMatchObject({ cancelled: true, passed: false });
    expect(store.getState().byTab.t2!.finished).toBeLessThan(100);
  });

  it('after a reload shows the last report, lists earlier runs, and re-attaches to a run under way', async () => {
    const deps = (env: string) => ({ client: core.client, notifier, environment: () => env, requestCount: () => null });
    const done = await collection('Runui reload');
    const first = createHttpRunnerStore(deps(done.env));
    first.getState().ensureSession('a', done.path);
    await until(() => first.getState().byTab.a?.runs !== null);
    expect(await first.getState().start('a')).toBe(true);
    await until(() => first.getState().byTab.a?.status === 'done');
    expect(await first.getState().start('a')).toBe(true);
    await until(() => first.getState().byTab.a?.status === 'done' && first.getState().byTab.a?.runs?.length === 2);
    const [newest, older] = first.getState().byTab.a!.runs!;

    // a new store over the same core is the renderer after a reload
    const reloaded = createHttpRunnerStore(deps(done.env));
    reloaded.getState().ensureSession('a', done.path);
    await until(() => reloaded.getState().byTab.a?.status === 'done');
    expect(reloaded.getState().byTab.a).toMatchObject({
      runId: newest!.id,
      // no data file: {{id}} is undefined, so both requests fail
      finished: 2,
      passed: 0,
      failed: 2,
      report: { passed: false, totals: { requests: 2, errors: 1 } },
    });
    await reloaded.getState().showRun('a', older!.id);
    expect(reloaded.getState().byTab.a?.runId).toBe(older!.id);

    const slowOne = await collection('Runui reattach', true);
    const starter = createHttpRunnerStore(deps(slowOne.env));
    starter.getState().ensureSession('s', slowOne.path);
    starter.getState().editForm('s', { iterations: '20' });
    expect(await starter.getState().start('s')).toBe(true);
    await until(() => (starter.getState().byTab.s?.finished ?? 0) >= 1);

    const attached = createHttpRunnerStore(deps(slowOne.env));
    attached.getState().ensureSession('s', slowOne.path);
    await until(() => attached.getState().byTab.s?.status === 'running');
    expect(attached.getState().byTab.s).toMatchObject({ runId: starter.getState().byTab.s!.runId, finished: 1 });
    expect(attached.getState().byTab.s?.outcomes.map((o) => o.name)).toEqual(['Ok']);
    // progress keeps coming to the re-attached tab: its Cancel ends the run and the report arrives
    await attached.getState().cancel('s');
    await until(() => attached.getState().byTab.s?.status === 'done');
    expect(attached.getState().byTab.s?.report).toMatchObject({ cancelled: true });
    await until(() => attached.getState().byTab.s?.runs?.[0]?.running === false);
    expect(attached.getState().byTab.s?.runs?.[0]).toMatchObject({ cancelled: true });
  });
});
