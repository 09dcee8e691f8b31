import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../../shared/client';
import { MASKED } from '../../../../shared/http-history';
import { createMemoryTransport } from '../../../../shared/transport-memory';
import { openAppDatabase } from '../../app-db/app-database';
import { createMemoryLogger } from '../../logging/logger';
import { createServices, type Services } from '../../services';
import { useTestServers } from '../testing/test-servers';
import { HttpHistoryStore } from './http-history-store';

const { http } = useTestServers();
let dir: string;
let services: Services;
let client: Client;
let appended: number[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-hhist-'));
  appended = [];
  services = await createServices({
    host: 'test',
    dataDir: dir,
    createSample: false,
    logger: createMemoryLogger([]),
    emit: (topic, payload) => {
      if (topic === 'http.historyAppended') appended.push((payload as { id: number }).id);
    },
  });
  client = createClient(createMemoryTransport(services.dispatch));
});
afterEach(async () => {
  await services.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const send = (request: Parameters<Client['http']['send']>[0]['request'], extra = {}) =>
  client.http.send({ sendId: crypto.randomUUID(), request, ...extra });

describe('the HTTP history', () => {
  it('keeps each send with its request as sent, secrets masked, and its response', async () => {
    const server = await http((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('set-cookie', 'sid=abc123; Path=/');
      res.end(JSON.stringify({ path: req.url?.split('?')[0], hhist: 'yes' }));
    });
    const { path: env } = await client.http.createEnvironment({ name: 'Hhist' });
    await client.http.saveEnvironment({
      path: env,
      environment: { name: 'Hhist', variables: [{ name: 'apiSecret', value: 's3cr3t-value', secret: true }] },
    });
    await send(
      {
        name: 'Create',
        method: 'POST',
        url: `${server.url}/items?token=t0k3n&page=2`,
        headers: [
          { name: 'Authorization', value: 'Bearer literal-token' },
          { name: 'X-Trace', value: 'q-{{apiSecret}}' },
        ],
        body: { type: 'json', text: '{"secret":"{{apiSecret}}","n":1}' },
        auth: { type: 'basic', username: 'ann', password: 'pw-literal' },
      },
      { environment: env },
    );
    const { entries, total } = await client.http.history({ limit: 10 });
    expect(total).toBe(1);
    expect(appended).toEqual([entries[0]!.id]);
    expect(entries[0]).toMatchObject({
      method: 'POST',
      url: `${server.url}/items?token=${MASKED}&page=2`,
      status: 200,
      path: null,
      errorCode: null,
    });
    const entry = await client.http.historyEntry({ id: entries[0]!.id });
    expect(entry.sent.headers).toContainEqual({ name: 'Authorization', value: `Bearer ${MASKED}` });
    expect(entry.sent.headers).toContainEqual({ name: 'X-Trace', value: `q-${MASKED}` });
    expect(entry.sent.body).toEqual({
      encoding: 'utf8',
      data: `{"secret":"${MASKED}","n":1}`,
      size: expect.any(Number),
      truncated: false,
    });
    // the request as edited keeps references and masks literal credentials
    expect(entry.request.auth).toEqual({ type: 'basic', username: 'ann', password: MASKED });
    expect(entry.request.headers).toContainEqual({ name: 'X-Trace', value: 'q-{{apiSecret}}' });
    expect(entry.request.body).toEqual({ type: 'json', text: '{"secret":"{{apiSecret}}","n":1}' });
    expect(entry.response).toMatchObject({ status: 200, statusText: 'OK' });
    expect(entry.response!.headers).toContainEqual({ name: 'set-cookie', value: `sid=${MASKED}; Path=/` });
    expect(JSON.parse(entry.response!.body.data)).toEqual({ path: '/items', hhist: 'yes' });
    // the server saw the real values
    expect(server.received[0]!.url).toBe('/items?token=t0k3n&page=2');
    expect(server.received[0]!.headers['x-trace']).toBe('q-s3cr3t-value');
    expect(JSON.stringify(entry)).not.toMatch(/s3cr3t-value|literal-token|pw-literal|t0k3n&|abc123/);
  });

  it('keeps failures with their code, lists newest first, searches and deletes', async () => {
    const server = await http((req, res) => {
      res.statusCode = req.url === '/missing' ? 404 : 200;
      res.end(req.url === '/missing' ? 'no such hhist thing' : 'fine');
    });
    await send({ name: 'A', method: 'GET', url: `${server.url}/ok` });
    await send({ name: 'B', method: 'DELETE', url: `${server.url}/missing` });
    await expect(send({ name: 'C', method: 'GET', url: 'http://127.0.0.1:9/refused' })).rejects.toMatchObject({
      code: 'CONNECTION_REFUSED',
    });
    await expect(send({ name: 'D', method: 'GET', url: '{{nowhere}}/x' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });

    const all = await client.http.history({ limit: 10 });
    expect(all.entries.map((e) => [e.method, e.status, e.errorCode])).toEqual([
      ['GET', null, 'INVALID_INPUT'],
      ['GET', null, 'CONNECTION_REFUSED'],
      ['DELETE', 404, null],
      ['GET', 200, null],
    ]);
    expect(all.entries[0]!.url).toBe('{{nowhere}}/x');
    const failed = await client.http.historyEntry({ id: all.entries[1]!.id });
    expect(failed.response).toBeNull();
    expect(failed.errorMessage).toBeTruthy();

    const byBody = await client.http.history({ search: 'HHIST THING', limit: 10 });
    expect(byBody.entries.map((e) => e.status)).toEqual([404]);
    expect((await client.http.history({ search: '404', limit: 10 })).total).toBe(1);
    expect((await client.http.history({ search: 'delete', limit: 10 })).total).toBe(1);
    expect((await client.http.history({ search: '100%_', limit: 10 })).total).toBe(0);
    const paged = await client.http.history({ limit: 2, offset: 2 });
    expect(paged).toMatchObject({ total: 4 });
    expect(paged.entries.map((e) => e.status)).toEqual([404, 200]);

    // status classes, also with a search
    const only = async (status: '2xx' | '3xx' | '4xx' | '5xx' | 'error', search?: string) =>
      (await client.http.history({ status, search, limit: 10 })).entries.map((e) => e.status ?? e.errorCode);
    expect(await only('2xx')).toEqual([200]);
    expect(await only('4xx')).toEqual([404]);
    expect(await only('5xx')).toEqual([]);
    expect(await only('error')).toEqual(['INVALID_INPUT', 'CONNECTION_REFUSED']);
    expect(await only('error', 'refused')).toEqual(['CONNECTION_REFUSED']);
    expect((await client.http.history({ status: '4xx', limit: 10 })).total).toBe(1);
    expect(all.entries.every((e) => e.checks === null)).toBe(true);

    expect(await client.http.deleteHistory({ id: all.entries[0]!.id })).toEqual({ removed: 1 });
    await expect(client.http.historyEntry({ id: all.entries[0]!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await client.http.deleteHistory({})).toEqual({ removed: 3 });
    expect((await client.http.history({ limit: 10 })).total).toBe(0);
  });

  it('counts the assertions and tests that ran, passed and failed, in the list', async () => {
    const server = await http((_req, res) => res.end('{"ok":true}'));
    await send({
      name: 'Checked',
      method: 'GET',
      url: `${server.url}/checked`,
      assertions: [
        { target: 'status', op: 'equals', value: 200 },
        { target: 'status', op: 'equals', value: 201 },
      ],
      scripts: { postResponse: "pm.test('status is 200', function () { pm.response.to.have.status(200); });" },
    });
    const [entry] = (await client.http.history({ limit: 1 })).entries;
    expect(entry!.checks).toEqual({ passed: 2, failed: 1 });
  });

  it('keeps the first MB of a big body (read from disk) and notes it as truncated', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    const server = await http((_req, res) => res.end(big));
    const response = await send({ name: 'Big', method: 'GET', url: `${server.url}/big` });
    expect(response.body.handle).not.toBeNull();
    const [summary] = (await client.http.history({ limit: 1 })).entries;
    const entry = await client.http.historyEntry({ id: summary!.id });
    expect(entry.response!.body).toMatchObject({ encoding: 'utf8', size: big.length, truncated: true });
    expect(entry.response!.body.data.length).toBe(1024 * 1024);
  });

  it('records the request file path of a saved request', async () => {
    const server = await http((_req, res) => res.end('ok'));
    const { path: collection } = await client.http.createCollection({ name: 'Hhist' });
    const request = { name: 'Ping', method: 'GET', url: `${server.url}/ping` };
    const { path } = await client.http.createRequest({ parent: collection, request });
    await send(request, { path });
    expect((await client.http.history({ limit: 1 })).entries[0]).toMatchObject({ path, status: 200 });
  });
});

describe('the HTTP history table', () => {
  it('keeps the newest entries within the count and the bytes', async () => {
    const app = await openAppDatabase({ dataDir: join(dir, 'table') });
    const store = new HttpHistoryStore(app.db, { entries: 3, bytes: 5_000 });
    const entry = (n: number, bodySize: number) => ({
      sentAt: new Date(n * 1000).toISOString(),
      method: 'GET',
      url: `http://127.0.0.1/hhist/${n}`,
      path: null,
      status: 200,
      durationMs: 1,
      size: bodySize,
      errorCode: null,
      errorMessage: null,
      sent: { method: 'GET', url: `http://127.0.0.1/hhist/${n}`, headers: [], body: null },
      request: { name: 'n', method: 'GET', url: '/' },
      response: {
        status: 200,
        statusText: 'OK',
        httpVersion: '1.1',
        headers: [],
        url: '/',
        totalMs: 1,
        body: { encoding: 'utf8' as const, data: 'b'.repeat(bodySize), size: bodySize, truncated: false },
      },
    });
    for (let n = 1; n <= 5; n++) store.append(entry(n, 10));
    expect(store.list({ limit: 10 }).entries.map((e) => e.url.split('/').pop())).toEqual(['5', '4', '3']);
    store.append(entry(6, 4_000));
    expect(store.list({ limit: 10 }).entries.map((e) => e.url.split('/').pop())).toEqual(['6', '5', '4']);
    store.append(entry(7, 4_000));
    expect(store.list({ limit: 10 }).entries.map((e) => e.url.split('/').pop())).toEqual(['7']);
    store.append(entry(8, 9_000));
    expect(store.list({ limit: 10 }).entries.map((e) => e.url.split('/').pop())).toEqual(['8']);
    app.close();
  });
});
