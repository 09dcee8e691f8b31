import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockDefinition } from '../../../shared/mock-definition';
import { openMockFixture, type MockFixture } from './mock-test-support';

let fx: MockFixture | undefined;
afterEach(async () => {
  await fx?.dispose();
  fx = undefined;
});

describe('mock resources: tables of a saved connection, by name, as REST', () => {
  it('serves an SQLite table next to the routes, keeps serving it across a reload, and names what is missing', async () => {
    fx = await openMockFixture();
    const { client } = fx;
    const conn = await client.connections.create({
      name: 'Mock shop mockmodule',
      params: { engine: 'sqlite', file: join(fx.dir, 'shop.db'), create: true },
      password: null,
    });
    await client.query.run({
      connectionId: conn.id,
      sql: 'CREATE TABLE mockmodule_items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)',
      runId: 'create',
      pageSize: 10,
    });
    await client.query.run({
      connectionId: conn.id,
      sql: "INSERT INTO mockmodule_items (name) VALUES ('pen'), ('ink')",
      runId: 'insert',
      pageSize: 10,
    });
    const definition: MockDefinition = {
      name: 'Items',
      port: 0,
      prefix: '/api',
      routes: [{ method: 'GET', path: '/health', responses: [{ body: 'ok' }] }],
      // the connection by name, in another case: a file means the same in every clone
      resources: [{ path: '/items', connection: 'mock shop MOCKMODULE', table: 'mockmodule_items' }],
    };
    const { path } = await client.mock.create({ name: 'Items' });
    await client.mock.save({ path, definition });
    const started = await client.mock.start({ path });
    expect(started).toMatchObject({ state: 'running', resourceCount: 1, routeCount: 1 });
    const base = started.url!;
    expect(base).toMatch(/\/api$/);

    expect(await (await fetch(`${base}/health`)).text()).toBe('ok');
    const list = await fetch(`${base}/items?_sort=id`);
    expect(list.headers.get('x-total-count')).toBe('2');
    expect(await list.json()).toEqual([
      { id: 1, name: 'pen' },
      { id: 2, name: 'ink' },
    ]);
    const created = await fetch(`${base}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: "'); DROP TABLE mockmodule_items; --" }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/items/3');
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
    expect(((await (await fetch(`${base}/_openapi.json`)).json()) as { paths: object }).paths).toHaveProperty(
      '/api/items/{id}',
    );

    // a save while running: new routes, the same table and its data
    await client.mock.save({
      path,
      definition: { ...definition, routes: [{ method: 'GET', path: '/health', responses: [{ body: 'fine' }] }] },
    });
    expect(await (await fetch(`${base}/health`)).text()).toBe('fine');
    expect(await (await fetch(`${base}/items/3`)).json()).toEqual({
      id: 3,
      name: "'); DROP TABLE mockmodule_items; --",
    });
    const log = await client.mock.requests({ path });
    expect(log.map((r) => `${r.method} ${r.path} ${r.status}`)).toContain('POST /api/items 201');
    // the log names the table's route that answered, as it names a mock route
    const routes = new Map(log.map((r) => [`${r.method} ${r.path}`, r.route]));
    expect(routes.get('POST /api/items')).toBe('POST /api/items');
    expect(routes.get('GET /api/items/3')).toBe('GET /api/items/:id');
    expect(routes.get('GET /api/health')).toBe('GET /api/health');
    expect(routes.get('GET /api/nothing')).toBeNull();
    expect(routes.get('GET /api/_openapi.json')).toBe('GET /api/_openapi.json');

    // saved while running, but its connection is gone: the file is written, the mock keeps serving and says why
    const gone = { ...definition, resources: [{ ...definition.resources![0]!, connection: 'Gone' }] };
    const kept = await client.mock.save({ path, definition: gone });
    expect(kept).toMatchObject({ state: 'running', error: expect.stringContaining('"Gone"') });
    expect((await client.mock.read({ path })).definition?.resources?.[0]?.connection).toBe('Gone');
    expect((await fetch(`${base}/items/1`)).status).toBe(200);
    await client.mock.stop({ path });

    // a missing connection or table: the mock does not start, and the error names it
    await client.mock.save({
      path,
      definition: { ...definition, resources: [{ ...definition.resources![0]!, connection: 'Gone' }] },
    });
    await expect(client.mock.start({ path })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/items\.yaml: resources\[0\]\.connection: there is no saved connection "Gone"/),
    });
    expect((await client.mock.list({}))[0]).toMatchObject({ state: 'failed', error: expect.stringContaining('Gone') });
    await client.mock.save({
      path,
      definition: { ...definition, resources: [{ ...definition.resources![0]!, table: 'nope' }] },
    });
    await expect(client.mock.start({ path })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('resources[0].table: there is no table "nope"'),
    });
  });

  it('has the Shop API mock over the sample database on first start, not running, serving /api/products', async () => {
    fx = await openMockFixture({ createSample: true });
    const { client } = fx;
    const [shop] = await client.mock.list({});
    expect(shop).toMatchObject({
      path: 'shop-api.yaml',
      name: 'Shop API',
      port: 3001,
      state: 'stopped',
      error: null,
      resourceCount: 6,
    });
    const { definition } = await client.mock.read({ path: 'shop-api.yaml' });
    expect(definition).toMatchObject({ prefix: '/api', port: 3001 });
    expect(definition!.resources!.map((r) => r.path)).toEqual([
      '/products',
      '/categories',
      '/customers',
      '/orders',
      '/order-items',
      '/reviews',
    ]);
    // port 0 here: 3001 may be taken on a machine running tests in parallel
    await client.mock.save({ path: 'shop-api.yaml', definition: { ...definition!, port: 0 } });
    const started = await client.mock.start({ path: 'shop-api.yaml' });
    const products = await fetch(`${started.url}/products?_limit=2&_sort=id`);
    expect(products.status).toBe(200);
    expect(Number(products.headers.get('x-total-count'))).toBeGreaterThan(2);
    const rows = (await products.json()) as { id: number; name: string }[];
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
    expect(await (await fetch(`${started.url}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${started.url}/hello/Ada`)).json()).toMatchObject({ message: 'Hello, Ada!' });
    expect((await fetch(`${started.url}/order-items/1`)).status).toBe(200);
  });

  it('does not write the Shop API mock without the sample', async () => {
    fx = await openMockFixture({ createSample: false });
    expect(await fx.client.mock.list({})).toEqual([]);
  });
});

describe('mock.requestsLogged', () => {
  it('batches many requests into few events whose counts add up', async () => {
    fx = await openMockFixture();
    const { client } = fx;
    const { path } = await client.mock.create({ name: 'Busy log' });
    await client.mock.save({
      path,
      definition: { name: 'Busy log', port: 0, routes: [{ method: 'GET', path: '/n/:i', responses: [{ body: 'x' }] }] },
    });
    const { url } = await client.mock.start({ path });
    const total = 600;
    for (let start = 0; start < total; start += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => fetch(`${url}/n/${start + i}`).then((r) => r.text())));
    }
    await client.mock.stop({ path }); // sends what is pending
    const events = fx.eventsOf('mock.requestsLogged').filter((e) => e.path === path);
    expect(events.length).toBeLessThan(total);
    for (const event of events) expect(event.requests.length).toBeLessThanOrEqual(200);
    expect(events.reduce((sum, e) => sum + e.requests.length + e.skipped, 0)).toBe(total);
    const ids = events.flatMap((e) => e.requests.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect((await client.mock.requests({ path })).length).toBe(total);
  });
});
