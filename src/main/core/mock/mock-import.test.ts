import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveUpload } from '../transfer/upload-store';
import { openMockFixture, type MockFixture } from './mock-test-support';

let fx: MockFixture;
beforeEach(async () => {
  fx = await openMockFixture();
});
afterEach(async () => {
  await fx.dispose();
});

const OPENAPI = join(import.meta.dirname, 'openapi', 'fixtures', 'petstore-3.0.yaml');
const MOCKOON = join(import.meta.dirname, 'mockoon', 'fixtures', 'bookshop.mockoon.json');

async function upload(name: string, text: string): Promise<string> {
  return (await saveUpload(fx.dir, name, Readable.from([Buffer.from(text)]))).fileId;
}

async function get(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
}

describe('mock.importFile and mock.exportOpenApi', () => {
  it('imports an uploaded OpenAPI 3 YAML as a new mock that serves its examples', async () => {
    const fileId = await upload('petstore-3.0.yaml', readFileSync(OPENAPI, 'utf8'));
    const imported = await fx.client.mock.importFile({ fileId });
    expect(imported).toMatchObject({ path: 'pet-store.yaml', name: 'Pet Store', state: 'stopped', error: null });
    expect(imported.routeCount).toBeGreaterThanOrEqual(6);
    expect(imported.port).toBeGreaterThanOrEqual(3001);
    expect(Array.isArray(imported.warnings)).toBe(true);
    expect((await fx.client.mock.list({})).map((mock) => mock.path)).toEqual(['pet-store.yaml']);

    const started = await fx.client.mock.start({ path: imported.path });
    expect(await get(`${started.url}/health`)).toEqual({ status: 200, text: 'ok' });
    const pet = await get(`${started.url}/pets/9`);
    expect(pet.status).toBe(200);
    expect(JSON.parse(pet.text)).toMatchObject({ id: expect.any(Number) });
    await fx.client.mock.stop({ path: imported.path });
  });

  it('imports a Mockoon environment under the given name and serves its routes', async () => {
    const fileId = await upload('bookshop.mockoon.json', readFileSync(MOCKOON, 'utf8'));
    const imported = await fx.client.mock.importFile({ fileId, name: 'Books from Mockoon' });
    expect(imported).toMatchObject({ path: 'books-from-mockoon.yaml', name: 'Books from Mockoon', error: null });
    expect(imported.warnings.length).toBeGreaterThan(0);
    const started = await fx.client.mock.start({ path: imported.path });
    expect(await get(`${started.url}/status`)).toEqual({ status: 200, text: 'up' });
    // a second import of the same name is refused, the first file kept
    await expect(fx.client.mock.importFile({ fileId, name: 'Books from Mockoon' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('refuses a file that is no mock, naming the file, and an unknown id', async () => {
    const fileId = await upload('notes.yaml', 'openapi: 3.0.3\npaths: {}\n');
    await expect(fx.client.mock.importFile({ fileId })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^notes\.yaml: /),
    });
    const other = await upload('list.yaml', '- just\n- a list\n');
    await expect(fx.client.mock.importFile({ fileId: other })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('list.yaml'),
    });
    await expect(fx.client.mock.importFile({ fileId: '../../etc/passwd' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await fx.client.mock.list({})).toEqual([]);
  });

  it('exports any mock as OpenAPI 3.0 JSON', async () => {
    const created = await fx.client.mock.create({ name: 'Shop' });
    await fx.client.mock.save({
      path: created.path,
      definition: {
        name: 'Shop',
        port: created.port!,
        routes: [{ method: 'GET', path: '/products/:id', responses: [{ body: { id: 1, name: 'Lamp' } }] }],
      },
    });
    const { document, warnings } = await fx.client.mock.exportOpenApi({ path: created.path });
    const parsed = JSON.parse(document) as { openapi: string; paths: Record<string, unknown> };
    expect(parsed.openapi).toMatch(/^3\.0\.\d+$/);
    expect(Object.keys(parsed.paths)).toEqual(['/products/{id}']);
    expect(warnings).toEqual([]);
    await expect(fx.client.mock.exportOpenApi({ path: 'missing.yaml' })).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });
});

describe('mock.recorded', () => {
  it('returns the routes a recording proxy made and forgets them when asked', async () => {
    const upstream = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"from":"upstream"}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    try {
      const target = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
      const created = await fx.client.mock.create({ name: 'Recorder' });
      expect(await fx.client.mock.recorded({ path: created.path })).toEqual([]);
      await fx.client.mock.save({
        path: created.path,
        definition: { name: 'Recorder', port: created.port!, routes: [], proxy: { target, record: true } },
      });
      const started = await fx.client.mock.start({ path: created.path });
      expect(await get(`${started.url}/things/1`)).toEqual({ status: 200, text: '{"from":"upstream"}' });
      await vi.waitFor(async () => expect(await fx.client.mock.requests({ path: created.path })).toHaveLength(1));

      const routes = await fx.client.mock.recorded({ path: created.path, clear: true });
      expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(['GET /things/1']);
      expect(routes[0]!.responses[0]!.body).toEqual({ from: 'upstream' });
      expect(await fx.client.mock.recorded({ path: created.path })).toEqual([]);
      await expect(fx.client.mock.recorded({ path: 'nope.yaml' })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
      await fx.client.mock.stop({ path: created.path });
    } finally {
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});
