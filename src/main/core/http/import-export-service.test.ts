import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../shared/client';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { createMemoryLogger } from '../logging/logger';
import { createServices, type Services } from '../services';
import { saveUpload } from '../transfer/upload-store';

const FIXTURES = join(import.meta.dirname, 'import/fixtures');
const fixture = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');

let dir: string;
let services: Services;
let client: Client;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-http-import-'));
  services = await createServices({ host: 'test', dataDir: dir, createSample: false, logger: createMemoryLogger([]) });
  client = createClient(createMemoryTransport(services.dispatch));
});
afterEach(async () => {
  await services.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Uploads a fixture as the browser host's POST /upload would; returns its id. */
async function upload(file: string, text = fixture(file)): Promise<string> {
  return (await saveUpload(dir, file, Readable.from([Buffer.from(text)]))).fileId;
}

const collectionsDir = () => join(dir, 'workspace/collections');

describe('http.importFile', () => {
  it('imports the Postman fixture as a collection of request files, in source order', async () => {
    const fileId = await upload('shop-api.postman_collection.json');
    const preview = await client.http.previewImport({ fileId });
    expect(preview).toMatchObject({
      fileName: 'shop-api.postman_collection.json',
      format: 'postman',
      kind: 'collection',
      name: 'Shop API',
    });
    expect(preview.requests).toBeGreaterThan(3);

    const outcome = await client.http.importFile({ fileId });
    expect(outcome).toMatchObject({ kind: 'collection', format: 'postman', path: 'shop-api', name: 'Shop API' });
    if (outcome.kind !== 'collection') throw new Error('expected a collection');
    expect(outcome.requests).toBe(preview.requests);
    expect(outcome.folders).toBe(preview.folders);
    expect(outcome.warnings).toContain(
      'request "Users / Upload avatar": /home/ada/avatar.png is an absolute path; put the file in the workspace and choose it again',
    );

    const [tree] = await client.http.collections({});
    expect(tree).toMatchObject({ path: 'shop-api', name: 'Shop API' });
    // the tree shows folders and requests as the Postman file lists them
    expect(tree!.children.map((node) => node.name).slice(0, 1)).toEqual(['Auth']);
    const auth = tree!.children[0]!;
    if (auth.kind !== 'folder') throw new Error('expected a folder');
    expect(auth.children[0]).toMatchObject({ name: 'Login', method: 'POST' });
    const login = await client.http.readRequest({ path: auth.children[0]!.path });
    expect(login.request).toMatchObject({ method: 'POST', url: '{{baseUrl}}/auth/login' });
    expect(login.request?.body?.type).toBe('form');
  });

  it('gives a second import of the same collection a free name', async () => {
    await client.http.importFile({ text: fixture('shop-api.postman_collection.json') });
    const again = await client.http.importFile({ text: fixture('shop-api.postman_collection.json') });
    expect(again).toMatchObject({ kind: 'collection', path: 'shop-api-2', name: 'Shop API 2' });
    expect(readdirSync(collectionsDir()).sort()).toEqual(['shop-api', 'shop-api-2']);
  });

  it.each([
    ['bookstore-3.0.yaml', 'openapi'],
    ['library-swagger-2.0.yaml', 'openapi'],
    ['weather-3.1.json', 'openapi'],
    ['shop-session.har', 'har'],
    ['payments.insomnia.yaml', 'insomnia'],
  ])('imports %s (%s) as a collection whose requests load', async (file, format) => {
    const outcome = await client.http.importFile({ fileId: await upload(file) });
    expect(outcome).toMatchObject({ kind: 'collection', format });
    if (outcome.kind !== 'collection') throw new Error('expected a collection');
    expect(outcome.requests).toBeGreaterThan(0);
    const walk = (nodes: Awaited<ReturnType<Client['http']['collections']>>[number]['children']): string[] =>
      nodes.flatMap((node) => (node.kind === 'request' ? [node.error ?? 'ok'] : walk(node.children)));
    const tree = (await client.http.collections({})).find((node) => node.path === outcome.path)!;
    expect(walk(tree.children)).toEqual(Array.from({ length: outcome.requests }, () => 'ok'));
  });

  it('writes the environments an Insomnia export carries', async () => {
    const outcome = await client.http.importFile({ text: fixture('payments.insomnia.yaml'), fileName: 'p.yaml' });
    if (outcome.kind !== 'collection') throw new Error('expected a collection');
    const listed = (await client.http.environments({})).map((env) => env.path);
    expect(outcome.environments.length).toBeGreaterThan(0);
    for (const path of outcome.environments) expect(listed).toContain(path);
  });

  it('imports a Postman environment with its secrets kept out of the file', async () => {
    const outcome = await client.http.importFile({ fileId: await upload('shop-staging.postman_environment.json') });
    expect(outcome).toEqual({
      kind: 'environment',
      format: 'postman-environment',
      path: 'shop-staging.yaml',
      name: 'Shop staging',
      variables: 5,
      warnings: [],
    });
    const file = readFileSync(join(dir, 'workspace/environments/shop-staging.yaml'), 'utf8');
    expect(file).not.toContain('hunter2');
    const read = await client.http.readEnvironment({ path: 'shop-staging.yaml' });
    expect(read.variables.find((v) => v.name === 'password')).toMatchObject({ value: 'hunter2', secret: true });
    const again = await client.http.importFile({ text: fixture('shop-staging.postman_environment.json') });
    expect(again).toMatchObject({ kind: 'environment', path: 'shop-staging-2.yaml' });
  });

  it('returns a pasted cURL command as a request without writing it', async () => {
    const outcome = await client.http.importFile({ text: "curl -X PUT https://x.io/a -d 'x=1'" });
    expect(outcome).toMatchObject({
      kind: 'request',
      format: 'curl',
      request: { method: 'PUT', url: 'https://x.io/a' },
    });
    expect(readdirSync(collectionsDir())).toEqual([]);
  });

  it('refuses bad input naming the file and what is wrong, writing nothing', async () => {
    await expect(client.http.importFile({ fileId: await upload('notes.yaml', 'name: notes\n') })).rejects.toMatchObject(
      {
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/^notes\.yaml: not a Postman collection/) as unknown,
      },
    );
    await expect(
      client.http.importFile({ fileId: await upload('env.json', '{"name": "", "values": []}') }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'env.json: Postman environment: no "name"' });
    await expect(
      client.http.previewImport({ text: fixture('shop-session.har'), fileName: 'a.har', format: 'postman' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'a.har: is not a Postman collection (it looks like a HAR file).',
    });
    await expect(client.http.importFile({ fileId: await upload('empty.json', '  \n') })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('empty.json: is empty') as unknown,
    });
    await expect(client.http.importFile({ fileId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(client.http.importFile({})).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(client.http.chooseImportFile({})).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
    expect(readdirSync(collectionsDir())).toEqual([]);
    expect(existsSync(join(dir, 'workspace/environments/env.yaml'))).toBe(false);
  });
});

describe('http.parseCurl and http.exportRequest', () => {
  it('reads a cURL command into a request and writes it back as cURL and fetch', async () => {
    const { request } = await client.http.parseCurl({
      command: `curl 'https://api.example.com/items' -H 'X-Trace: 1' -u ada:pw --data-raw '{"a":1}' -H 'Content-Type: application/json'`,
    });
    expect(request).toMatchObject({
      method: 'POST',
      url: 'https://api.example.com/items',
      // the JSON body implies its Content-Type, so the header is not kept twice
      headers: [{ name: 'X-Trace', value: '1' }],
      body: { type: 'json', text: '{"a":1}' },
      auth: { type: 'basic', username: 'ada', password: 'pw' },
    });
    const curl = await client.http.exportRequest({ request, format: 'curl' });
    expect(curl.code).toBe(
      [
        'curl https://api.example.com/items \\',
        "  -H 'X-Trace: 1' \\",
        "  -H 'Content-Type: application/json' \\",
        '  -u ada:pw \\',
        // no -L: the pasted command did not follow redirects either
        `  --data-raw '{"a":1}'`,
      ].join('\n'),
    );
    const fetched = await client.http.exportRequest({ request, format: 'fetch' });
    expect(fetched.code).toContain('await fetch("https://api.example.com/items"');
    await expect(client.http.parseCurl({ command: 'wget https://x.io' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'cURL command: expected text starting with "curl"',
    });
  });

  it('puts the auth a request inherits from its collection into the code when given its file', async () => {
    const { path: collection } = await client.http.createCollection({ name: 'Inherit' });
    await client.http.saveSettings({
      kind: 'collection',
      path: collection,
      settings: { name: 'Inherit', auth: { type: 'bearer', token: '{{token}}' } },
    });
    const request = { name: 'Ping', method: 'GET', url: 'https://x.io/ping' };
    const { path } = await client.http.createRequest({ parent: collection, request });
    const { code } = await client.http.exportRequest({ request, format: 'curl', path });
    expect(code).toContain("--oauth2-bearer '{{token}}'");
  });
});

describe('http.exportCollection', () => {
  it('exports an imported collection as Postman v2.1 that imports again to the same requests', async () => {
    const first = await client.http.importFile({ text: fixture('shop-api.postman_collection.json') });
    if (first.kind !== 'collection') throw new Error('expected a collection');
    const exported = await client.http.exportCollection({ path: first.path });
    expect(exported).toMatchObject({ fileName: 'shop-api.postman_collection.json', savedTo: null });
    const document = JSON.parse(exported.document!) as { info: { name: string; schema: string } };
    expect(document.info).toMatchObject({
      name: 'Shop API',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    });
    const second = await client.http.importFile({ text: exported.document!, fileName: exported.fileName });
    expect(second).toMatchObject({ kind: 'collection', requests: first.requests, folders: first.folders });
  });

  it('names what it cannot export', async () => {
    await expect(client.http.exportCollection({ path: 'missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.http.exportCollection({ path: 'a/b' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const { path } = await client.http.createCollection({ name: 'Broken' });
    await client.http.createRequest({ parent: path, request: { name: 'Ok', method: 'GET', url: '/ok' } });
    const broken = join(collectionsDir(), path, 'bad.request.yaml');
    await import('node:fs/promises').then(({ writeFile }) => writeFile(broken, 'method: [\n'));
    const exported = await client.http.exportCollection({ path });
    expect(exported.warnings).toEqual([expect.stringMatching(/^broken\/bad\.request\.yaml was left out: /)]);
    await expect(client.http.exportCollection({ path, saveAs: true })).rejects.toMatchObject({
      code: 'NOT_SUPPORTED',
    });
  });
});

describe('http.exportRequest with resolve', () => {
  it('resolves variables through the chosen environment; secrets only when asked', async () => {
    const { path: collection } = await client.http.createCollection({ name: 'Hpolish resolve' });
    await client.http.saveSettings({
      kind: 'collection',
      path: collection,
      settings: { name: 'Hpolish resolve', auth: { type: 'bearer', token: '{{hpolishToken}}' } },
    });
    const { path: env } = await client.http.createEnvironment({ name: 'Hpolish staging' });
    await client.http.saveEnvironment({
      path: env,
      environment: {
        name: 'Hpolish staging',
        variables: [
          { name: 'hpolishHost', value: 'staging.example.com' },
          { name: 'hpolishToken', value: 'tok-s3cret', secret: true },
        ],
      },
    });
    const request = {
      name: 'Get',
      method: 'GET',
      url: 'https://{{hpolishHost}}/items',
      headers: [{ name: 'X-Missing', value: '{{hpolishNowhere}}' }],
    };
    const { path } = await client.http.createRequest({ parent: collection, request });

    const plain = await client.http.exportRequest({ request, format: 'curl', path });
    expect(plain.code).toContain('https://{{hpolishHost}}/items');

    const resolved = await client.http.exportRequest({
      request,
      format: 'curl',
      path,
      resolve: true,
      environment: env,
    });
    expect(resolved.code).toContain('https://staging.example.com/items');
    expect(resolved.code).toContain("--oauth2-bearer '{{hpolishToken}}'");
    expect(resolved.code).not.toContain('tok-s3cret');
    expect(resolved.warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Secret variables kept as written: {{hpolishToken}}'),
        expect.stringContaining('kept as written: {{hpolishNowhere}}'),
      ]),
    );

    const withSecrets = await client.http.exportRequest({
      request,
      format: 'fetch',
      path,
      resolve: true,
      environment: env,
      resolveSecrets: true,
    });
    expect(withSecrets.code).toContain('tok-s3cret');
    expect(withSecrets.code).toContain('https://staging.example.com/items');
    expect(withSecrets.warnings.join(' ')).not.toContain('Secret variables');

    // without an environment the host is not defined anywhere: kept and named
    const noEnv = await client.http.exportRequest({ request, format: 'curl', resolve: true });
    expect(noEnv.code).toContain('{{hpolishHost}}');
    expect(noEnv.warnings.join(' ')).toContain('{{hpolishHost}}');
  });
});
