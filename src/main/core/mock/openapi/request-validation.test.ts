import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../mock-server';
import { compileTemplate } from '../templating/compile-template';
import { call } from '../testing/http-call';
import { importOpenApi } from './import-openapi';

const FIXTURES = join(import.meta.dirname, 'fixtures');
let server: MockServer | null = null;
afterEach(() => server?.stop());

async function serveFixture(file: string): Promise<string> {
  const text = readFileSync(join(FIXTURES, file), 'utf8');
  const { definition, warnings } = await importOpenApi({ text, fileName: file, validateRequests: true });
  expect(warnings).toEqual([]);
  server = createMockServer({ definition, root: tmpdir(), port: 0, compileBody: compileTemplate });
  return `${(await server.start()).url}${definition.prefix ?? ''}`;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

describe('importOpenApi with validateRequests', () => {
  it('answers the documented 400 to a body that misses or breaks the schema (OpenAPI 3.0)', async () => {
    const base = await serveFixture('petstore-3.0.yaml');
    const post = (body?: string, headers: Record<string, string> = JSON_HEADERS) =>
      call(`${base}/pets`, { method: 'POST', headers, body });
    expect((await post(JSON.stringify({ name: 'Rex', status: 'available' }))).status).toBe(201);
    const missing = await post(JSON.stringify({ status: 'available' }));
    expect([missing.status, JSON.parse(missing.text)]).toEqual([400, { code: 400, message: 'string' }]);
    expect((await post(JSON.stringify({ name: 'Rex', status: 'lost' }))).status).toBe(400);
    expect((await post(undefined, {})).status).toBe(400);
    expect(
      (await post(JSON.stringify({ name: 'Rex', status: 'sold' }), { ...JSON_HEADERS, prefer: 'code=400' })).status,
    ).toBe(400);
    // operations without a required body or parameter are not touched
    expect((await call(`${base}/pets`)).status).toBe(200);
    expect((await call(`${base}/pets/1`, { headers: { prefer: 'code=404' } })).status).toBe(404);
  });

  it('checks a Swagger 2 body parameter and answers a made 400 when none is documented', async () => {
    const base = await serveFixture('users-swagger-2.0.yaml');
    const put = (body: unknown) =>
      call(`${base}/users/5`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify(body) });
    expect((await put({ id: 5, email: 'a@b.example', role: 'member' })).status).toBe(200);
    const wrong = await put({ id: 5, email: 'a@b.example', role: 'owner' });
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.text)).toMatchObject({
      error: expect.stringContaining('does not match the API description'),
    });
  });

  it('requires required query parameters', async () => {
    const text = `openapi: 3.0.3
info: { title: Search, version: '1' }
paths:
  /search:
    get:
      parameters:
        - { name: q, in: query, required: true, schema: { type: string } }
        - { name: X-Key, in: header, required: true, schema: { type: string } }
      responses:
        '200': { description: ok, content: { application/json: { example: { hits: [] } } } }
`;
    const { definition } = await importOpenApi({ text, fileName: 's.yaml', validateRequests: true });
    server = createMockServer({ definition, root: tmpdir(), port: 0 });
    const base = (await server.start()).url;
    expect((await call(`${base}/search?q=a`, { headers: { 'x-key': 'k' } })).status).toBe(200);
    expect((await call(`${base}/search?q=a`)).status).toBe(400);
    expect((await call(`${base}/search`, { headers: { 'x-key': 'k' } })).status).toBe(400);
  });
});
