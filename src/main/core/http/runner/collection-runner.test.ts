import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeScriptSandbox } from '../script/run-script';
import { useSender } from '../testing/sender-fixture';
import { useTestServers } from '../testing/test-servers';
import { loadDataFile } from './run-inputs';
import { planFromDirectory } from './run-plan';
import { runWith, writeCollectionDir } from './runner-fixture';

const { http, tempDir } = useTestServers();
const makeSender = useSender(tempDir);
afterAll(() => closeScriptSandbox());

let dirs = 0;
const newDir = () => join(tempDir(), `collection-${++dirs}`);

/** A JSON echo of method, URL and two headers. */
function echo() {
  return http((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ method: req.method, url: req.url, auth: req.headers['x-auth'] ?? null }));
  });
}

describe('runCollection', () => {
  it('runs a collection in tree order with inheritance, a data file and assertions, and reports counts and latencies', async () => {
    const server = await echo();
    const dir = writeCollectionDir(newDir(), {
      collection: {
        name: 'Shop',
        variables: [{ name: 'base', value: server.url }],
        headers: [{ name: 'X-Auth', value: 'from-collection' }],
      },
      folders: { users: { name: 'Users', order: 1 } },
      requests: {
        'users/get.request.yaml': {
          name: 'Get user',
          method: 'GET',
          url: '{{base}}/users/{{id}}',
          assertions: [
            { target: 'status', op: 'equals', value: 200 },
            { target: 'jsonpath', path: '$.url', op: 'equals', value: '/users/2' },
          ],
        },
        'health.request.yaml': { name: 'Health', method: 'HEAD', url: '{{base}}/health', order: 0 },
      },
    });
    const data = join(tempDir(), 'rows.csv');
    writeFileSync(data, 'id,name\n1,Ann\n2,Bob\n3,"Cy, Jr."\n');
    const sender = await makeSender();
    const { report, events, finished } = await runWith(sender, {
      plan: await planFromDirectory({ dir }),
      data: await loadDataFile(data),
    });

    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      'HEAD /health',
      'GET /users/1',
      'HEAD /health',
      'GET /users/2',
      'HEAD /health',
      'GET /users/3',
    ]);
    expect(server.received.every((r) => r.headers['x-auth'] === 'from-collection')).toBe(true);
    expect(events[0]).toEqual({ type: 'runStarted', collection: 'Shop', requests: 2, iterations: 3 });
    expect(events.at(-1)?.type).toBe('runFinished');
    expect(finished[1]).toMatchObject({ iteration: 0, path: 'Users / Get user', status: 200, passed: false });
    expect(finished[3]).toMatchObject({ iteration: 1, url: `${server.url}/users/2`, passed: true });
    expect(report.totals).toEqual({
      requests: 6,
      responses: 6,
      errors: 0,
      assertions: { total: 6, passed: 4, failed: 2 },
      tests: { total: 0, passed: 0, failed: 0 },
      scriptErrors: 0,
    });
    expect(report.passed).toBe(false);
    expect(report.iterations).toBe(3);
    const getUser = report.requests.find((r) => r.name === 'Get user')!;
    expect(getUser.runs).toBe(3);
    expect(getUser.statuses).toEqual({ 200: 3 });
    expect(getUser.checks).toEqual([
      { kind: 'assertion', name: 'status equals 200', passed: 3, failed: 0, firstFailure: null },
      {
        kind: 'assertion',
        name: '$.url equals "/users/2"',
        passed: 1,
        failed: 2,
        firstFailure: { iteration: 0, message: expect.stringContaining('/users/1') },
      },
    ]);
    expect(report.latency.p50).toBeGreaterThan(0);
    expect(report.latency.p95).toBeGreaterThanOrEqual(report.latency.p50);
    expect(report.latency.max).toBeGreaterThanOrEqual(report.latency.p95);
  });

  it('carries variables set by scripts to later requests, runs pm.test and sees the iteration data', async () => {
    const server = await http((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/login') res.end(JSON.stringify({ token: 'tok-9' }));
      else res.end(JSON.stringify({ auth: req.headers['x-auth'] ?? null }));
    });
    const dir = writeCollectionDir(newDir(), {
      collection: { name: 'Scripted', variables: [{ name: 'base', value: server.url }] },
      requests: {
        'a-login.request.yaml': {
          name: 'Login',
          method: 'POST',
          url: '{{base}}/login',
          order: 1,
          scripts: {
            postResponse: `pm.environment.set('token', pm.response.json().token);
pm.test('login ok', () => pm.response.to.have.status(200));`,
          },
        },
        'b-me.request.yaml': {
          name: 'Me',
          method: 'GET',
          url: '{{base}}/me',
          order: 2,
          headers: [{ name: 'X-Auth', value: '{{token}}' }],
          scripts: {
            postResponse: `pm.test('row ' + pm.iterationData.get('who') + ' at ' + pm.info.iteration, () => {
  pm.expect(pm.response.json().auth).to.eql('tok-9');
});`,
          },
        },
      },
    });
    const sender = await makeSender();
    const { report, finished } = await runWith(sender, {
      plan: await planFromDirectory({ dir }),
      environment: [{ name: 'token', value: 'none-yet' }],
      data: [{ who: 'ann' }, { who: 'bob' }],
    });
    expect(server.received.filter((r) => r.url === '/me').map((r) => r.headers['x-auth'])).toEqual(['tok-9', 'tok-9']);
    expect(finished.map((o) => o.checks.map((c) => `${c.kind}:${c.name}:${c.passed}`))).toEqual([
      ['test:login ok:true'],
      ['test:row ann at 0:true'],
      ['test:login ok:true'],
      ['test:row bob at 1:true'],
    ]);
    expect(report.totals.tests).toEqual({ total: 4, passed: 4, failed: 0 });
    expect(report.passed).toBe(true);
  });

  it('keeps n iterations in flight, each in order', async () => {
    let inFlight = 0;
    let most = 0;
    const server = await http((req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('ok');
      }, 20);
    });
    const dir = writeCollectionDir(newDir(), {
      collection: { name: 'Parallel' },
      requests: {
        'one.request.yaml': { name: 'one', method: 'GET', url: `${server.url}/one/{{n}}`, order: 1 },
        'two.request.yaml': { name: 'two', method: 'GET', url: `${server.url}/two/{{n}}`, order: 2 },
      },
    });
    const sender = await makeSender();
    const data = Array.from({ length: 6 }, (_, n) => ({ n: String(n) }));
    const { report } = await runWith(sender, { plan: await planFromDirectory({ dir }), data, concurrency: 3 });
    expect(most).toBe(3);
    expect(report.totals.responses).toBe(12);
    const urls = server.received.map((r) => r.url);
    for (let n = 0; n < 6; n++) expect(urls.indexOf(`/one/${n}`)).toBeLessThan(urls.indexOf(`/two/${n}`));
  });

  it('bails after the first failure, times out a slow request and reports an undefined variable', async () => {
    const server = await http((req, res) => {
      if (req.url === '/slow') setTimeout(() => res.end('late'), 2000);
      else res.end(req.url === '/fail' ? 'no' : 'ok');
    });
    const dir = writeCollectionDir(newDir(), {
      collection: { name: 'Failing' },
      requests: {
        '1.request.yaml': { name: 'slow', method: 'GET', url: `${server.url}/slow`, order: 1 },
        '2.request.yaml': { name: 'undefined', method: 'GET', url: `${server.url}/{{missing}}`, order: 2 },
        '3.request.yaml': { name: 'after', method: 'GET', url: `${server.url}/after`, order: 3 },
      },
    });
    const sender = await makeSender();
    const plan = await planFromDirectory({ dir });
    const plain = await runWith(sender, { plan, timeoutMs: 100 });
    expect(plain.finished.map((o) => [o.name, o.status, o.error?.code ?? null])).toEqual([
      ['slow', null, 'TIMEOUT'],
      ['undefined', null, 'INVALID_INPUT'],
      ['after', 200, null],
    ]);
    expect(plain.report.totals.errors).toBe(2);
    expect(plain.report.requests[1]!.firstError?.message).toContain('{{missing}}');

    const bailed = await runWith(sender, { plan, timeoutMs: 100, bail: true, iterations: 3 });
    expect(bailed.finished.map((o) => o.name)).toEqual(['slow']);
    expect(bailed.report).toMatchObject({ bailed: true, iterations: 1, passed: false });
  });

  it('stops when the signal aborts, cancelling the request in flight', async () => {
    const server = await http((req, res) => {
      if (req.url === '/hang') return; // never answers
      res.end('ok');
    });
    const dir = writeCollectionDir(newDir(), {
      requests: {
        'a.request.yaml': { name: 'a', method: 'GET', url: `${server.url}/a`, order: 1 },
        'b.request.yaml': { name: 'hang', method: 'GET', url: `${server.url}/hang`, order: 2 },
      },
    });
    const sender = await makeSender();
    const controller = new AbortController();
    const pending = runWith(sender, {
      plan: await planFromDirectory({ dir }),
      iterations: 100,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 150);
    const { report, finished } = await pending;
    expect(report.cancelled).toBe(true);
    expect(report.iterations).toBe(1);
    expect(finished.at(-1)).toMatchObject({ name: 'hang', error: { code: 'REQUEST_CANCELLED' } });
    expect(report.passed).toBe(false);
  });

  it('drops bodies streamed to disk once assertions have read them', async () => {
    const server = await http((req, res) => res.end('x'.repeat(10_000)));
    const dir = writeCollectionDir(newDir(), {
      requests: {
        'big.request.yaml': {
          name: 'big',
          method: 'GET',
          url: `${server.url}/big`,
          assertions: [{ target: 'body', op: 'contains', value: 'xxx' }],
        },
      },
    });
    const sender = await makeSender({ inlineBytes: 100 });
    const { report } = await runWith(sender, { plan: await planFromDirectory({ dir }), iterations: 5 });
    expect(report.totals.assertions).toEqual({ total: 5, passed: 5, failed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const bodiesDir = join(sender.dataDir, 'http-bodies');
    expect(readdirSync(bodiesDir).filter((name) => name.endsWith('.body'))).toEqual([]);
  });

  it('refuses bad options and a folder the collection does not have, naming them', async () => {
    const dir = writeCollectionDir(newDir(), {
      requests: { 'a.request.yaml': { name: 'a', method: 'GET', url: 'http://127.0.0.1:9/a' } },
    });
    const sender = await makeSender();
    const plan = await planFromDirectory({ dir });
    await expect(runWith(sender, { plan, iterations: 0 })).rejects.toThrow(/iterations must be a whole number/);
    await expect(runWith(sender, { plan, concurrency: 1.5 })).rejects.toThrow(/concurrency/);
    await expect(planFromDirectory({ dir, folder: 'nope' })).rejects.toThrow(/no folder "nope"/);
    await expect(planFromDirectory({ dir: join(dir, 'missing') })).rejects.toThrow(/no collection folder/);
  });
});
