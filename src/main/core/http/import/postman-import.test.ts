/// <reference types="postman-collection/types" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Collection } from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { EnvironmentFileSchema, HttpRequestFileSchema } from '../../../../shared/http-request';
import { exportPostmanCollection } from '../export/postman-export';
import { ImportedCollectionSchema, walkRequests, type ImportedCollection } from './imported-collection';
import { importPostmanCollection, importPostmanEnvironment } from './postman-import';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const SHOP = fixture('shop-api.postman_collection.json');

/** The members of postman-collection's Item read here (its bundled typings leave them out). */
interface SdkItem {
  name: string;
  request: {
    method: string;
    url: { toString(): string };
    headers: { toObject(excludeDisabled: boolean): Record<string, string> };
    body?: { mode: string };
  };
  getAuth(): { type: string; parameters(): { toObject(a: boolean, b: boolean): Record<string, string> } } | undefined;
  events: { listeners(name: string): { script: { toSource(): string } }[] };
}
type SdkCollection = { forEachItem(callback: (item: SdkItem) => void): void };

const requestNamed = (tree: ImportedCollection, name: string) =>
  [...walkRequests(tree.items)].find(({ request }) => request.name === name)!.request;

describe('importPostmanCollection', () => {
  const { value: tree, warnings } = importPostmanCollection(SHOP);

  it('keeps the folder tree, order, collection variables, auth and scripts', () => {
    expect(ImportedCollectionSchema.parse(tree)).toEqual(tree);
    expect(tree.settings).toEqual({
      name: 'Shop API',
      variables: [
        { name: 'baseUrl', value: 'https://api.shop.example.com/v1' },
        { name: 'token', value: '' },
        { name: 'legacyBaseUrl', value: 'https://old.shop.example.com', enabled: false },
      ],
      auth: { type: 'bearer', token: '{{token}}' },
      scripts: { postResponse: "pm.test('fast', () => pm.expect(pm.response.responseTime).to.be.below(2000));" },
      docs: 'Orders, users and uploads of the shop backend.',
    });
    const shape = (items: ImportedCollection['items']): unknown[] =>
      items.map((item) => (item.kind === 'folder' ? { [item.name]: shape(item.items) } : item.request.name));
    expect(shape(tree.items)).toEqual([
      { Auth: ['Login', 'Who am I (basic)'] },
      {
        Users: [
          'List users',
          'Get user',
          'Create user',
          'Upload avatar',
          { Admin: ['Delete user', 'Audit log (digest)'] },
        ],
      },
      { Orders: ['Search orders (GraphQL)', 'Export invoice (XML)', 'Archive to S3 (AWS)', 'Order notes'] },
      'Health',
    ]);
    for (const { request } of walkRequests(tree.items)) expect(HttpRequestFileSchema.parse(request)).toEqual(request);
  });

  it('maps bodies, keeping disabled rows and dropping the Content-Type the body type implies', () => {
    expect(requestNamed(tree, 'Login')).toMatchObject({
      method: 'POST',
      url: '{{baseUrl}}/auth/login',
      auth: { type: 'none' },
      body: {
        type: 'form',
        fields: [
          { name: 'username', value: '{{username}}' },
          { name: 'password', value: '{{password}}' },
          { name: 'otp', value: '', enabled: false },
        ],
      },
    });
    expect(requestNamed(tree, 'Login').headers).toBeUndefined();
    expect(requestNamed(tree, 'Upload avatar').body).toEqual({
      type: 'multipart',
      parts: [
        { name: 'caption', value: 'Profile picture' },
        { name: 'avatar', file: '/home/ada/avatar.png', contentType: 'image/png' },
        { name: 'thumbnail', file: 'thumb.png', enabled: false },
      ],
    });
    expect(requestNamed(tree, 'Search orders (GraphQL)').body).toEqual({
      type: 'graphql',
      query: 'query Orders($status: String!) {\n  orders(status: $status) { id total }\n}',
      variables: '{\n  "status": "open"\n}',
    });
    expect(requestNamed(tree, 'Export invoice (XML)').body).toEqual({
      type: 'xml',
      text: '<invoice><order>1001</order></invoice>',
    });
    expect(requestNamed(tree, 'Order notes')).toMatchObject({
      body: { type: 'text', text: 'Leave at the door.' },
      headers: [{ name: 'Content-Type', value: 'text/plain; charset=utf-8' }],
    });
    expect(requestNamed(tree, 'Archive to S3 (AWS)').body).toEqual({
      type: 'binary',
      file: 'invoices/1001.pdf',
      contentType: 'application/pdf',
    });
  });

  it('maps URLs with path variables, headers, settings, docs and every auth kind', () => {
    expect(requestNamed(tree, 'Get user')).toMatchObject({
      url: '{{baseUrl}}/users/:userId',
      pathParams: [{ name: 'userId', value: '42' }],
    });
    expect(requestNamed(tree, 'List users')).toEqual({
      name: 'List users',
      method: 'GET',
      url: '{{baseUrl}}/users?page=1&limit=20',
      headers: [
        { name: 'Accept', value: 'application/json' },
        { name: 'X-Debug', value: '1', enabled: false },
      ],
      settings: { followRedirects: false, verifyTls: false },
      order: 0,
      docs: 'Pages of 20 users.',
    });
    const folders = tree.items.filter((item) => item.kind === 'folder');
    const admin = folders[1]!.items.find((item) => item.kind === 'folder')!;
    expect(admin.settings?.auth).toEqual({ type: 'apikey', name: 'X-Admin-Key', value: '{{adminKey}}', in: 'header' });
    expect(folders[2]!.settings?.auth).toEqual({
      type: 'oauth2',
      grant: 'client_credentials',
      tokenUrl: '{{authServer}}/oauth/token',
      clientId: 'shop-cli',
      clientSecret: '{{clientSecret}}',
      scope: 'orders:read orders:write',
    });
    expect(requestNamed(tree, 'Audit log (digest)').auth).toEqual({
      type: 'digest',
      username: 'auditor',
      password: '{{auditPassword}}',
    });
    expect(requestNamed(tree, 'Archive to S3 (AWS)').auth).toEqual({
      type: 'awsv4',
      accessKeyId: '{{awsKey}}',
      secretAccessKey: '{{awsSecret}}',
      region: 'eu-central-1',
      service: 's3',
    });
    expect(requestNamed(tree, 'Who am I (basic)').auth).toEqual({
      type: 'basic',
      username: '{{username}}',
      password: '{{password}}',
    });
    expect(folders[1]!.settings?.scripts?.preRequest).toContain("pm.request.headers.add({ key: 'X-Request-Id'");
  });

  it('names what it left out', () => {
    expect(warnings).toEqual(['item "Users / List users": disabled query parameters "role" left out']);
  });

  it('rejects input that is not a v2 collection, naming the problem and the item', () => {
    const bad = (document: unknown) => () => importPostmanCollection(JSON.stringify(document));
    expect(() => importPostmanCollection('{"info": ')).toThrow(/^Postman collection: not JSON/);
    expect(bad({ id: 'x', name: 'Old', requests: [] })).toThrow('Postman collection: this is a v1 collection');
    const info = { name: 'C', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' };
    expect(bad({ info, item: [{ name: 'A', item: [{ name: 'Login' }] }] })).toThrow(
      'Postman collection: item "A / Login" has no request',
    );
    expect(bad({ info, item: [{ name: 'Up', request: { url: 'x', body: { mode: 'stream' } } }] })).toThrow(
      /item "Up": body mode "stream"/,
    );
    try {
      bad({ info, item: {} })();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('INVALID_INPUT');
    }
    expect.assertions(6);
  });

  it('keeps the type of an HTML raw body and reads an explicit inherit as inheriting', () => {
    const info = { name: 'C', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' };
    const request = {
      url: 'https://x.io/page',
      method: 'POST',
      auth: { type: 'inherit' },
      body: { mode: 'raw', raw: '<p>hi</p>', options: { raw: { language: 'html' } } },
    };
    const { value } = importPostmanCollection(JSON.stringify({ info, item: [{ name: 'Page', request }] }));
    expect(requestNamed(value, 'Page')).toEqual({
      name: 'Page',
      method: 'POST',
      url: 'https://x.io/page',
      headers: [{ name: 'Content-Type', value: 'text/html' }],
      body: { type: 'text', text: '<p>hi</p>' },
      order: 0,
    });
  });

  it('warns about an unsupported auth scheme and sends none instead of inheriting', () => {
    const info = { name: 'C', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' };
    const { value, warnings: leftOut } = importPostmanCollection(
      JSON.stringify({ info, item: [{ name: 'N', request: { url: 'https://x.io', auth: { type: 'ntlm' } } }] }),
    );
    expect(requestNamed(value, 'N').auth).toEqual({ type: 'none' });
    expect(leftOut).toEqual(['item "N": ntlm auth is not supported; left out']);
  });
});

describe('importPostmanEnvironment', () => {
  it('marks secret values secret and disabled rows disabled', () => {
    const environment = importPostmanEnvironment(fixture('shop-staging.postman_environment.json'));
    expect(EnvironmentFileSchema.parse(environment)).toEqual({
      name: 'Shop staging',
      variables: [
        { name: 'baseUrl', value: 'https://staging.shop.example.com/v1' },
        { name: 'username', value: 'qa@example.com' },
        { name: 'password', value: 'hunter2', secret: true },
        { name: 'adminKey', value: 'ak_live_123', secret: true, enabled: false },
        { name: 'retries', value: '3' },
      ],
    });
  });

  it('rejects a file without values', () => {
    expect(() => importPostmanEnvironment('{"name":"x"}')).toThrow('Postman environment: no "values" list');
  });
});

describe('exportPostmanCollection', () => {
  const { value: tree } = importPostmanCollection(SHOP);

  it('round-trips: Postman → tree → Postman → the same tree', () => {
    const { collection, warnings } = exportPostmanCollection(tree);
    expect(warnings).toEqual([]);
    expect(importPostmanCollection(JSON.stringify(collection))).toEqual({ value: tree, warnings: [] });
  });

  it('writes a v2.1 collection that postman-collection reads back as the same requests', () => {
    const { collection } = exportPostmanCollection(tree);
    expect(collection.info).toMatchObject({
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    });
    const original = new Collection(JSON.parse(SHOP)) as unknown as SdkCollection;
    const exported = new Collection(collection) as unknown as SdkCollection;
    const summary = (c: SdkCollection) => {
      const rows: unknown[] = [];
      c.forEachItem((item) => {
        const auth = item.getAuth();
        rows.push({
          path: item.name,
          method: item.request.method,
          url: item.request.url.toString(),
          headers: item.request.headers.toObject(true),
          auth: auth?.type,
          authParams: auth?.parameters().toObject(true, false),
          body: item.request.body?.mode,
          tests: item.events.listeners('test').map((event) => event.script.toSource()),
        });
      });
      return rows;
    };
    const expected = summary(original).map((row) => {
      // what Backbench does not keep: Postman's digest algorithm choice, the oauth2 token placement, the
      // disabled `role` query parameter, and a Content-Type header the body type already implies
      const r = row as { path: string; url: string; authParams: Record<string, string>; headers: object };
      delete r.authParams.algorithm;
      delete r.authParams.addTokenTo;
      const { 'content-type': contentType, ...headers } = r.headers as Record<string, string>;
      const keep =
        contentType &&
        !['application/json', 'application/xml', 'application/x-www-form-urlencoded'].includes(contentType);
      return { ...r, headers: keep ? r.headers : headers };
    });
    expect(summary(exported)).toEqual(expected);
  });

  it('leaves out secret values and names what Postman cannot hold', () => {
    const { collection, warnings } = exportPostmanCollection({
      settings: { name: 'S', variables: [{ name: 'apiKey', value: 'sk_live', secret: true }] },
      items: [
        {
          kind: 'request',
          request: {
            name: 'Ping',
            method: 'GET',
            url: 'https://x.io/ping',
            settings: { timeoutMs: 500 },
            assertions: [{ target: 'status', op: 'equals', value: 200 }],
          },
        },
      ],
      environments: [],
    });
    expect(collection.variable).toEqual([{ key: 'apiKey', value: '', type: 'secret' }]);
    expect(warnings).toEqual(['request "Ping": the timeout has no Postman counterpart']);
    // assertions travel as Postman tests
    expect((collection.item as { event?: unknown }[])[0]!.event).toEqual([
      {
        listen: 'test',
        script: {
          type: 'text/javascript',
          exec: ['pm.test("status equals 200", () => pm.expect(pm.response.code).to.eql(200));'],
        },
      },
    ]);
  });
});
