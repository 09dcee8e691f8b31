import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../../shared/client';
import type { EventPayload } from '../../../../shared/events';
import { createMemoryTransport } from '../../../../shared/transport-memory';
import { createMemoryLogger } from '../../logging/logger';
import { createServices, type Services } from '../../services';
import { useTestServers } from '../testing/test-servers';

type Progress = EventPayload<'http.runProgressed'>;

const { http } = useTestServers();
let dir: string;
let services: Services;
let client: Client;
let progress: Progress[];
let wake: () => void = () => {};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-http-runs-'));
  progress = [];
  services = await createServices({
    host: 'test',
    dataDir: dir,
    createSample: false,
    logger: createMemoryLogger([]),
    emit: (topic, payload) => {
      if (topic !== 'http.runProgressed') return;
      progress.push(payload as Progress);
      wake();
    },
  });
  client = createClient(createMemoryTransport(services.dispatch));
});
afterEach(async () => {
  await services.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function finished(runId: string): Promise<Progress> {
  for (;;) {
    const last = progress.find((p) => p.runId === runId && p.done);
    if (last) return last;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

async function shop(base: string) {
  const { path: collection } = await client.http.createCollection({ name: 'Shop' });
  await client.http.saveSettings({
    kind: 'collection',
    path: collection,
    settings: { name: 'Shop', variables: [{ name: 'token', value: 'secret-1', secret: true }] },
  });
  const { path: folder } = await client.http.createFolder({ parent: collection, name: 'Users' });
  await client.http.createRequest({
    parent: folder,
    request: {
      name: 'List users',
      method: 'GET',
      url: '{{base}}/users',
      headers: [{ name: 'X-Token', value: '{{token}}' }],
      assertions: [{ target: 'status', op: 'equals', value: 200 }],
    },
  });
  const { path: env } = await client.http.createEnvironment({ name: 'Local' });
  await client.http.saveEnvironment({
    path: env,
    environment: { name: 'Local', variables: [{ name: 'base', value: base }] },
  });
  return { collection, folder, env };
}

describe('http.runCollection', () => {
  it('runs a workspace folder with an environment and secret collection variables; progress then the report', async () => {
    const server = await http((req, res) => res.end(req.headers['x-token'] === 'secret-1' ? '[]' : 'no'));
    const { folder, env } = await shop(server.url);
    const { runId } = await client.http.runCollection({ path: folder, environment: env, iterations: 3 });
    const last = await finished(runId);
    expect(last.error).toBeUndefined();
    expect(last.report).toMatchObject({
      collection: 'Shop',
      iterations: 3,
      passed: true,
      totals: { requests: 3, responses: 3, assertions: { total: 3, passed: 3, failed: 0 } },
    });
    const outcomes = progress.filter((p) => p.runId === runId).flatMap((p) => p.outcomes);
    expect(outcomes.map((o) => [o.path, o.status])).toEqual([
      ['Users / List users', 200],
      ['Users / List users', 200],
      ['Users / List users', 200],
    ]);
    expect(server.received.every((r) => r.headers['x-token'] === 'secret-1')).toBe(true);
  });

  it('cancels a run, and reports a collection that does not exist as the last event', async () => {
    const server = await http(() => {}); // never answers
    const { collection, env } = await shop(server.url);
    const { runId } = await client.http.runCollection({ path: collection, environment: env, iterations: 100 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await client.http.cancelRun({ runId })).toEqual({ cancelled: true });
    const last = await finished(runId);
    expect(last.report).toMatchObject({ cancelled: true, passed: false });
    expect(await client.http.cancelRun({ runId })).toEqual({ cancelled: false });

    const missing = await client.http.runCollection({ path: 'nope' });
    expect((await finished(missing.runId)).error).toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});

describe('kept run reports (http.runs, http.runReport)', () => {
  it('keeps a finished report in the app database, across a restart, and lists a run under way', async () => {
    let hold = false;
    const server = await http((_req, res) => {
      if (!hold) res.end('[]');
    });
    const { folder, env } = await shop(server.url);
    const { runId } = await client.http.runCollection({ path: folder, environment: env, iterations: 2 });
    await finished(runId);

    hold = true; // the next run waits on the server: it is under way while we look
    const slow = await client.http.runCollection({ path: folder, environment: env, iterations: 5 });
    const { runs } = await client.http.runs({ path: folder });
    expect(runs.map((r) => [r.id, r.running])).toEqual([
      [slow.runId, true],
      [runId, false],
    ]);
    expect(runs[1]).toMatchObject({ path: folder, passed: true, requests: 2, failed: 0, error: null });
    const under = await client.http.runReport({ id: slow.runId });
    expect(under).toMatchObject({ report: null, summary: { running: true, finishedAt: null } });
    await client.http.cancelRun({ runId: slow.runId });
    await finished(slow.runId);

    // a new core on the same data dir (an app restart) still has both reports
    await services.dispose();
    services = await createServices({
      host: 'test',
      dataDir: dir,
      createSample: false,
      logger: createMemoryLogger([]),
      emit: () => {},
    });
    client = createClient(createMemoryTransport(services.dispatch));
    const after = await client.http.runs({ path: folder });
    expect(after.runs.map((r) => [r.id, r.running, r.cancelled])).toEqual([
      [slow.runId, false, true],
      [runId, false, false],
    ]);
    const kept = await client.http.runReport({ id: runId });
    expect(kept.report).toMatchObject({ passed: true, totals: { requests: 2, responses: 2 } });
    expect((await client.http.runs({ path: 'elsewhere' })).runs).toEqual([]);
    await expect(client.http.runReport({ id: 'gone' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps a run that could not start, with its error', async () => {
    const { runId } = await client.http.runCollection({ path: 'nope' });
    await finished(runId);
    const { runs } = await client.http.runs({ path: 'nope' });
    expect(runs).toMatchObject([{ id: runId, passed: false, error: { code: 'FILE_NOT_FOUND' } }]);
    expect((await client.http.runReport({ id: runId })).report).toBeNull();
  });
});
