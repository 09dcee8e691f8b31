import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { HttpRequestFileSchema } from '../../../../shared/http-request';
import { ImportedCollectionSchema, walkRequests, type ImportedCollection } from './imported-collection';
import { importOpenApiCollection } from './openapi-import';

const load = async (file: string, dir = join(import.meta.dirname, 'fixtures')) =>
  importOpenApiCollection(readFileSync(join(dir, file), 'utf8'), file);
const requestNamed = (tree: ImportedCollection, name: string) =>
  [...walkRequests(tree.items)].find(({ request }) => request.name === name)?.request;

describe('importOpenApiCollection: OpenAPI 3.0', async () => {
  const { value: tree, warnings } = await load('bookstore-3.0.yaml');

  it('makes a request per operation in a folder per tag, with the server as baseUrl', () => {
    expect(warnings).toEqual([]);
    expect(ImportedCollectionSchema.parse(tree)).toEqual(tree);
    const shape = tree.items.map((item) =>
      item.kind === 'folder'
        ? { [item.name]: item.items.map((child) => (child.kind === 'request' ? child.request.name : child.name)) }
        : item.request.name,
    );
    expect(shape).toEqual([
      { Books: ['List books', 'Create a book', 'Get a book', 'replaceBook', 'Upload a cover'] },
      { Orders: ['Place an order', 'Download the invoice', 'Import orders (XML)'] },
      'Health check',
    ]);
    expect(tree.settings.variables).toEqual([
      { name: 'baseUrl', value: 'https://eu.books.example.com/v2' },
      { name: 'token', value: '', secret: true },
      { name: 'apiKey', value: '', secret: true },
      { name: 'clientId', value: '' },
      { name: 'clientSecret', value: '', secret: true },
      { name: 'username', value: '' },
      { name: 'password', value: '', secret: true },
    ]);
    expect(tree.settings.auth).toEqual({ type: 'bearer', token: '{{token}}' });
  });

  it('fills parameters from examples and bodies from examples or schemas', () => {
    expect(requestNamed(tree, 'List books')).toEqual({
      name: 'List books',
      method: 'GET',
      url: '{{baseUrl}}/books?limit=25',
      headers: [{ name: 'X-Request-Id', value: expect.stringMatching(/^[0-9a-f-]{36}$/), enabled: false }],
      order: 0,
    });
    expect(requestNamed(tree, 'Create a book')).toMatchObject({
      body: { type: 'json', text: JSON.stringify({ title: 'Dune', authorId: 7, tags: ['sci-fi'] }, null, 2) },
      docs: 'Adds a book to the catalogue.',
    });
    const replace = requestNamed(tree, 'replaceBook')!;
    expect(replace.pathParams).toEqual([{ name: 'bookId', value: '42' }]);
    expect(JSON.parse((replace.body as { text: string }).text)).toMatchObject({
      title: expect.any(String),
      authorId: expect.any(Number),
    });
    expect(requestNamed(tree, 'Upload a cover')!.body).toEqual({
      type: 'multipart',
      parts: [
        { name: 'caption', value: 'Front cover' },
        { name: 'image', file: './image' },
      ],
    });
    expect(requestNamed(tree, 'Place an order')!.body).toEqual({
      type: 'form',
      fields: [
        { name: 'bookId', value: '42' },
        { name: 'quantity', value: '1' },
      ],
    });
    expect(requestNamed(tree, 'Import orders (XML)')!.body).toEqual({
      type: 'xml',
      text: '<orders><order book="42" quantity="1"/></orders>',
    });
  });

  it('maps each operation security to an auth, `security: []` to none', () => {
    expect(requestNamed(tree, 'Get a book')!.auth).toEqual({
      type: 'apikey',
      name: 'api_key',
      value: '{{apiKey}}',
      in: 'query',
    });
    expect(requestNamed(tree, 'Place an order')!.auth).toEqual({
      type: 'oauth2',
      grant: 'client_credentials',
      tokenUrl: 'https://auth.books.example.com/oauth/token',
      clientId: '{{clientId}}',
      clientSecret: '{{clientSecret}}',
      scope: 'orders:write',
    });
    expect(requestNamed(tree, 'Download the invoice')!.auth).toEqual({
      type: 'basic',
      username: '{{username}}',
      password: '{{password}}',
    });
    expect(requestNamed(tree, 'Health check')!.auth).toEqual({ type: 'none' });
    expect(requestNamed(tree, 'List books')!.auth).toBeUndefined();
  });
});

describe('importOpenApiCollection: Swagger 2 and OpenAPI 3.1', () => {
  it('reads host/basePath, body and formData parameters and the accessCode flow', async () => {
    const { value: tree } = await load('library-swagger-2.0.yaml');
    expect(tree.settings.variables?.[0]).toEqual({ name: 'baseUrl', value: 'https://library.example.com/api' });
    expect(requestNamed(tree, 'Get a member')).toMatchObject({
      url: '{{baseUrl}}/members/:id?expand=loans',
      pathParams: [{ name: 'id', value: 'm-001' }],
    });
    expect(JSON.parse((requestNamed(tree, 'Lend a book')!.body as { text: string }).text)).toEqual({
      memberId: 'm-001',
      isbn: '978-0441013593',
      days: 21,
    });
    expect(requestNamed(tree, 'Lend a book')!.auth).toEqual({
      type: 'oauth2',
      grant: 'authorization_code',
      tokenUrl: 'https://library.example.com/oauth/token',
      authorizationUrl: 'https://library.example.com/oauth/authorize',
      clientId: '{{clientId}}',
      scope: 'loans',
    });
    expect(requestNamed(tree, 'Upload a photo')!.body).toEqual({
      type: 'multipart',
      parts: [
        { name: 'photo', file: './photo' },
        { name: 'note', value: 'string' },
      ],
    });
  });

  it('uses named examples and warns about a cookie API key it cannot send', async () => {
    const { value: tree, warnings } = await load('weather-3.1.json');
    expect(requestNamed(tree, 'getForecast')).toMatchObject({
      url: '{{baseUrl}}/forecast/:city?days=1',
      pathParams: [{ name: 'city', value: 'Paris' }],
      auth: { type: 'apikey', name: 'X-Weather-Key', value: '{{apiKey}}', in: 'header' },
    });
    expect(requestNamed(tree, 'Subscribe to alerts')!.body).toEqual({
      type: 'json',
      text: JSON.stringify({ city: 'Oslo', level: 'severe' }, null, 2),
    });
    expect(warnings).toEqual([
      'POST /alerts: no supported security scheme ("cookieSession" (apiKey in cookie) is not supported); sent without auth',
    ]);
  });

  it("imports the mock server's OpenAPI fixtures into valid requests", async () => {
    const dir = join(import.meta.dirname, '../../mock/openapi/fixtures');
    for (const file of ['petstore-3.0.yaml', 'inventory-3.1.json', 'users-swagger-2.0.yaml']) {
      const { value: tree } = await load(file, dir);
      const requests = [...walkRequests(tree.items)];
      expect(requests.length).toBeGreaterThan(2);
      for (const { request } of requests) expect(HttpRequestFileSchema.parse(request)).toEqual(request);
    }
  });
});

describe('importOpenApiCollection: errors', () => {
  it('names the file and the problem', async () => {
    await expect(importOpenApiCollection('title: x', 'notes.yaml')).rejects.toThrow(
      'notes.yaml: not an OpenAPI document',
    );
    await expect(importOpenApiCollection('openapi: 3.0.3\ninfo: {}\npaths: {}', 'bad.yaml')).rejects.toThrow(
      /^bad\.yaml: not a valid OpenAPI 3\.0 document/,
    );
    await expect(importOpenApiCollection('{"openapi": ', 'cut.json')).rejects.toBeInstanceOf(AppError);
  });
});
