import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dereference } from '@readme/openapi-parser';
import { parse as parseYaml } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { MockDefinitionSchema, type MockDefinition } from '../../../../shared/mock-definition';
import { createMockServer, type MockServer } from '../mock-server';
import { compileTemplate } from '../templating/compile-template';
import { call } from '../testing/http-call';
import { createSchemaValidator, isObject, toJsonSchema, type SpecVersion } from './json-schema';
import { importOpenApi, toRoutePath } from './import-openapi';

const FIXTURES = join(import.meta.dirname, 'fixtures');
/** `bodies`: how many documented responses have a body to check. */
const SPECS: { file: string; version: SpecVersion; bodies: number }[] = [
  { file: 'petstore-3.0.yaml', version: '3.0', bodies: 8 },
  { file: 'inventory-3.1.json', version: '3.1', bodies: 4 },
  { file: 'users-swagger-2.0.yaml', version: '2.0', bodies: 4 },
];
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

let servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  servers = [];
});

async function serve(definition: MockDefinition): Promise<string> {
  const server = createMockServer({ definition, root: tmpdir(), port: 0, compileBody: compileTemplate });
  servers.push(server);
  return `${(await server.start()).url}${definition.prefix ?? ''}`;
}

/** The response schema the spec gives an operation's status, as JSON Schema (null: no body documented). */
function responseSchema(
  spec: Record<string, unknown>,
  version: SpecVersion,
  path: string,
  method: string,
  status: string,
) {
  const responses = ((spec.paths as Record<string, Record<string, Record<string, unknown>>>)[path]![method]!
    .responses ?? {}) as Record<string, Record<string, unknown>>;
  const response = responses[status] ?? responses.default!;
  const schema =
    version === '2.0'
      ? response.schema
      : (Object.values((response.content ?? {}) as Record<string, { schema?: unknown }>)[0]?.schema ?? undefined);
  return schema === undefined ? null : toJsonSchema(schema, version);
}

/** A concrete URL path for an OpenAPI path template. */
function concrete(template: string): string {
  return template.replace(/\{[^}]+\}/g, '7');
}

describe('importOpenApi', () => {
  for (const { file, version, bodies } of SPECS) {
    it(`serves every operation of ${file} with bodies that validate against the spec`, async () => {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      const { definition, warnings } = await importOpenApi({ text, fileName: file });
      expect(warnings).toEqual([]);
      expect(MockDefinitionSchema.parse(definition)).toEqual(definition);
      const spec = (await dereference(parseYaml(text) as never)) as unknown as Record<string, unknown>;
      const validator = createSchemaValidator();
      const base = await serve(definition);
      let checked = 0;
      for (const [template, item] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
        for (const method of METHODS.filter((one) => isObject(item[one]))) {
          const codes = Object.keys((item[method] as { responses: object }).responses);
          for (const code of codes) {
            const status = code === 'default' ? 500 : Number(code);
            const headers: Record<string, string> = code === codes[0] ? {} : { prefer: `code=${status}` };
            const result = await call(`${base}${concrete(template)}`, { method: method.toUpperCase(), headers });
            expect(result.status, `${method} ${template} ${code}`).toBe(status);
            const schema = responseSchema(spec, version, template, method, code);
            if (schema === null) {
              expect(result.text).toBe('');
              continue;
            }
            const contentType = String(result.headers['content-type']);
            const body: unknown = contentType.includes('json') ? JSON.parse(result.text) : result.text;
            expect(validator.check(schema, body), `${method} ${template} ${code}: ${result.text}`).toBeNull();
            checked++;
          }
        }
      }
      expect(checked).toBe(bodies);
    });
  }

  it('maps the server path to the prefix, path templates to params and keeps examples', async () => {
    const text = readFileSync(join(FIXTURES, 'petstore-3.0.yaml'), 'utf8');
    const { definition } = await importOpenApi({ text, fileName: 'petstore-3.0.yaml' });
    expect(definition).toMatchObject({ name: 'Pet Store', port: 4010, prefix: '/api/v1' });
    expect(definition.routes.map((route) => `${route.method} ${route.path}`)).toEqual([
      'GET /pets',
      'POST /pets',
      'GET /pets/:petId',
      'DELETE /pets/:petId',
      'GET /owners/:owner_id/contact',
      'GET /health',
    ]);
    const base = await serve(definition);
    const missing = await call(`${base}/pets/3`, { headers: { prefer: 'code=404' } });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toEqual({ code: 404, message: 'no such pet' });
    const contact = JSON.parse((await call(`${base}/owners/ab/contact`)).text) as Record<string, unknown>;
    expect(contact).toEqual({ kind: 'email', email: 'user@example.com' });
    const pets = JSON.parse((await call(`${base}/pets`)).text) as Record<string, unknown>[];
    expect(pets[0]).not.toHaveProperty('secret');
    const health = await call(`${base}/health`);
    expect([health.status, health.text, health.headers['content-type']]).toEqual([200, 'ok', 'text/plain']);
  });

  it('cuts a recursive schema and still validates (Swagger 2 User.manager)', async () => {
    const text = readFileSync(join(FIXTURES, 'users-swagger-2.0.yaml'), 'utf8');
    const { definition } = await importOpenApi({ text, fileName: 'users.yaml' });
    const body = definition.routes[1]!.responses[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({ id: 1, email: 'user@example.com', role: 'admin', nickname: 'str' });
  });

  it('rejects text that is not a valid spec, naming the file and the problem', async () => {
    await expect(importOpenApi({ text: 'name: x\nport: 1\n', fileName: 'a.yaml' })).rejects.toThrow(
      'a.yaml: not an OpenAPI document',
    );
    await expect(importOpenApi({ text: '{"openapi": "3.0.3", "paths": {}}', fileName: 'b.json' })).rejects.toThrow(
      /^b\.json: not a valid OpenAPI 3\.0 document: .*info/,
    );
    const broken = readFileSync(join(FIXTURES, 'petstore-3.0.yaml'), 'utf8').replace(
      "$ref: '#/components/schemas/Contact'",
      "$ref: '#/components/schemas/Nope'",
    );
    await expect(importOpenApi({ text: broken, fileName: 'c.yaml' })).rejects.toThrow(/^c\.yaml: .*Nope/);
    await expect(importOpenApi({ text: 'openapi: [', fileName: 'd.yaml' })).rejects.toThrow('d.yaml: not JSON or YAML');
  });

  it('names each problem in one line, with the line of the spec it is about, not a code frame', async () => {
    const text = JSON.stringify({
      openapi: '3.0.3',
      info: {},
      paths: { '/a': { get: { responses: { '200': { description: 1 } } } } },
    });
    const error = await importOpenApi({ text, fileName: 'd.json' }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      'd.json: not a valid OpenAPI 3.0 document: must have required property \'title\' (at "info": {}); ' +
        'must be string (at "description": 1)',
    );
  });

  it('never reads other files or URLs for $refs, and says so', async () => {
    const text = `openapi: 3.0.3
info: { title: Refs, version: '1' }
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '${join(FIXTURES, 'petstore-3.0.yaml')}#/components/schemas/Pet' }
        '404':
          description: gone
          content:
            application/json:
              schema: { $ref: 'http://127.0.0.1:9/schema.json' }
`;
    const { definition, warnings } = await importOpenApi({ text, fileName: 'refs.yaml' });
    expect(warnings).toEqual([
      `$refs to other files or URLs are not followed (${join(FIXTURES, 'petstore-3.0.yaml')}#/components/schemas/Pet, http://127.0.0.1:9/schema.json)`,
    ]);
    expect(definition.routes[0]!.responses.map((response) => response.status)).toEqual([200, 404]);
  });

  it('turns path templates into route params', () => {
    expect(toRoutePath('/a/{id}/b/{file-name}')).toBe('/a/:id/b/:file_name');
    expect(toRoutePath('x')).toBe('/x');
  });
});
