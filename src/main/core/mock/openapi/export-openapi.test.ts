import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '@readme/openapi-parser';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { MockDefinition } from '../../../../shared/mock-definition';
import { parseMockYaml } from '../mock-file';
import { importMockoon } from '../mockoon/import-mockoon';
import { exportOpenApi } from './export-openapi';
import { importOpenApi } from './import-openapi';

const FIXTURES = join(import.meta.dirname, 'fixtures');

const SHOP = parseMockYaml(
  `name: Shop
port: 3123
host: 127.0.0.1
prefix: /api
routes:
  - method: GET
    path: /products/:id
    responses:
      - body: { id: 1, name: Lamp, tags: [a, b], price: 9.5, stock: null }
      - status: 404
        rules: [{ target: query, name: missing, op: exists }]
        body: { error: no such product }
  - method: POST
    path: /products
    responses:
      - status: 201
        headers: { location: /api/products/2, content-type: application/json }
        body: '{"id": 2}'
  - method: GET
    path: /hello/:name
    responses:
      - headers: { content-type: text/plain }
        body: 'Hello {{urlParam "name"}}'
  - method: '*'
    path: /files/*
    responses:
      - bodyFile: files/readme.txt
  - method: PROPFIND
    path: /dav
    responses:
      - status: 207
`,
  'shop.yaml',
);

async function assertValid(document: Record<string, unknown>): Promise<void> {
  const result = await validate(structuredClone(document) as never);
  expect(result.valid, JSON.stringify(result)).toBe(true);
}

describe('exportOpenApi', () => {
  it('writes a valid OpenAPI 3.0 document with params, statuses and examples', async () => {
    const { document, warnings } = exportOpenApi(SHOP);
    await assertValid(document);
    expect(warnings).toEqual([
      'routes[3]: a route for any method is written as GET, POST, PUT, PATCH, DELETE',
      'routes[4]: OpenAPI has no PROPFIND operation; left out',
    ]);
    expect(document.servers).toEqual([{ url: 'http://127.0.0.1:3123/api' }]);
    const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(paths)).toEqual(['/products/{id}', '/products', '/hello/{name}', '/files/{wildcard}']);
    const get = paths['/products/{id}']!.get!;
    expect(get.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'missing', in: 'query', required: false, schema: { type: 'string' } },
    ]);
    expect(get.responses).toMatchObject({
      200: { content: { 'application/json': { example: { id: 1, name: 'Lamp' } } } },
      404: { description: 'Not Found', content: { 'application/json': { example: { error: 'no such product' } } } },
    });
    expect(paths['/products']!.post!.responses).toMatchObject({
      201: {
        headers: { location: { example: '/api/products/2' } },
        content: { 'application/json': { example: { id: 2 } } },
      },
    });
    expect(paths['/hello/{name}']!.get!.responses).toMatchObject({
      200: { content: { 'text/plain': { example: 'Hello {{urlParam "name"}}' } } },
    });
  });

  it('re-imports to the same routes, statuses and bodies', async () => {
    const { document } = exportOpenApi(SHOP);
    const again = await importOpenApi({ text: stringify(document), fileName: 'shop.openapi.yaml' });
    expect(again.warnings).toEqual([]);
    const summary = (definition: MockDefinition) =>
      definition.routes
        .filter((route) => route.method !== '*' && route.method !== 'PROPFIND' && !route.path.startsWith('/files'))
        .map((route) => ({
          method: route.method,
          path: route.path,
          responses: route.responses.map((response) => ({
            status: response.status ?? 200,
            body:
              typeof response.body === 'string' && response.body.startsWith('{')
                ? JSON.parse(response.body)
                : response.body,
          })),
        }));
    expect(summary(again.definition)).toEqual(summary(SHOP));
    expect(again.definition).toMatchObject({ name: 'Shop', port: 3123, prefix: '/api' });
  });

  it('exports every imported fixture back to a valid document', async () => {
    for (const file of ['petstore-3.0.yaml', 'inventory-3.1.json', 'users-swagger-2.0.yaml']) {
      const { definition } = await importOpenApi({ text: readFileSync(join(FIXTURES, file), 'utf8'), fileName: file });
      const { document, warnings } = exportOpenApi(definition);
      expect(warnings).toEqual([]);
      await assertValid(document);
      const again = await importOpenApi({ text: JSON.stringify(document), fileName: file });
      expect(
        again.definition.routes.map((route) => [
          route.method,
          route.path,
          route.responses.map((r) => [r.status, r.body]),
        ]),
      ).toEqual(
        definition.routes.map((route) => [route.method, route.path, route.responses.map((r) => [r.status, r.body])]),
      );
    }
  });

  it('exports a case-insensitive mock with inverted rules, and leaves text that is not a template unmarked', async () => {
    const file = join(FIXTURES, '..', '..', 'mockoon', 'fixtures', 'parity', 'parity.mockoon.json');
    const { definition } = importMockoon(JSON.parse(readFileSync(file, 'utf8')), { fileName: 'parity.mockoon.json' });
    expect(definition.caseSensitive).toBe(false);
    await assertValid(exportOpenApi(definition).document);
    const literal = parseMockYaml(
      'name: L\nport: 0\nroutes: [{ method: GET, path: /a, responses: [{ templating: false, body: "{{x}}" }] }]',
      'l.yaml',
    );
    const content = JSON.stringify(exportOpenApi(literal).document);
    expect(content).toContain('{{x}}');
    expect(content).not.toContain('x-backbench-template');
  });
});
