import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../shared/client';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { createMemoryLogger } from '../logging/logger';
import { createServices, type Services } from '../services';
import { useTestServers } from './testing/test-servers';
import { utf8Boundary } from './http-service';

const { http } = useTestServers();
let dir: string;
let services: Services;
let client: Client;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-http-module-'));
  services = await createServices({ host: 'test', dataDir: dir, createSample: false, logger: createMemoryLogger([]) });
  client = createClient(createMemoryTransport(services.dispatch));
});
afterEach(async () => {
  await services.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('the http module through the contract', () => {
  it('sends a saved request with inherited auth, collection, environment (secret) and runtime variables', async () => {
    const server = await http((req, res) => {
      res.setHeader('set-cookie', 'sid=s1; Path=/');
      res.end(JSON.stringify({ url: req.url, auth: req.headers.authorization, key: req.headers['x-key'] }));
    });
    const { path: collection } = await client.http.createCollection({ name: 'Shop' });
    await client.http.saveSettings({
      kind: 'collection',
      path: collection,
      settings: {
        name: 'Shop',
        variables: [{ name: 'base', value: server.url }],
        auth: { type: 'apikey', name: 'X-Key', value: '{{apiKey}}', in: 'header' },
      },
    });
    const { path: env } = await client.http.createEnvironment({ name: 'Local' });
    await client.http.saveEnvironment({
      path: env,
      environment: {
        name: 'Local',
        variables: [
          { name: 'apiKey', value: 'k-secret', secret: true },
          { name: 'id', value: 'from-env' },
        ],
      },
    });
    expect(readFileSync(join(dir, 'workspace/environments', env), 'utf8')).not.toContain('k-secret');
    const { path } = await client.http.createRequest({
      parent: collection,
      request: { name: 'Get item', method: 'GET', url: '{{base}}/items/{{id}}' },
    });
    const saved = await client.http.readRequest({ path });
    const tree = await client.http.collections({});
    expect(tree).toMatchObject([
      { kind: 'folder', path: 'shop', name: 'Shop', children: [{ kind: 'request', path, method: 'GET' }] },
    ]);

    const response = await client.http.send({
      sendId: 's1',
      request: saved.request!,
      path,
      environment: env,
      variables: { id: 'from-script' },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.data!)).toEqual({ url: '/items/from-script', key: 'k-secret' });

    const visible = await client.http.variables({ path, environment: env });
    expect(visible.map(({ name, scope, secret }) => [name, scope, secret])).toEqual([
      ['apiKey', 'environment', true],
      ['base', 'collection', false],
      ['id', 'environment', false],
    ]);

    expect((await client.http.cookies({})).map((c) => c.name)).toEqual(['sid']);
    expect(await client.http.clearCookies({})).toEqual({ removed: 1 });

    await expect(
      client.http.send({ sendId: 's2', request: { name: 'x', method: 'GET', url: '{{base}}/{{nope}}' }, path }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { unresolved: ['nope', 'apiKey'] } });
  });

  it('manages folders and files through the contract, inside the collections folder only', async () => {
    const { path: collection } = await client.http.createCollection({ name: 'Files' });
    const { path: folder } = await client.http.createFolder({ parent: collection, name: 'Sub' });
    const { path } = await client.http.createRequest({
      parent: folder,
      request: { name: 'One', method: 'GET', url: '/one' },
    });
    expect(path).toBe('files/sub/one.request.yaml');
    expect(await client.http.rename({ path: folder, name: 'Renamed' })).toEqual({ path: 'files/renamed' });
    expect(await client.http.readSettings({ path: 'files/renamed' })).toEqual({
      kind: 'folder',
      path: 'files/renamed',
      settings: { name: 'Renamed' },
    });
    await expect(client.http.readRequest({ path: '../../outside.request.yaml' })).rejects.toMatchObject({
      code: 'PATH_OUTSIDE_ROOT',
    });
    expect(await client.http.delete({ path: 'files/renamed/one.request.yaml' })).toEqual({ deleted: true });
    expect(await client.http.delete({ path: 'files/renamed' })).toEqual({ deleted: true });
  });

  it('cancels a send by its id', async () => {
    let arrived: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const server = await http(() => arrived());
    const sending = client.http.send({ sendId: 'slow', request: { name: 'x', method: 'GET', url: server.url } });
    await reached;
    expect(await client.http.cancel({ sendId: 'slow' })).toEqual({ cancelled: true });
    await expect(sending).rejects.toMatchObject({ code: 'REQUEST_CANCELLED' });
    expect(await client.http.cancel({ sendId: 'slow' })).toEqual({ cancelled: false });
  });

  it('reads a big body in ranges that end on whole characters', async () => {
    const text = 'é'.repeat(1_500_000); // 3 MB of two-byte characters: past the inline threshold
    const server = await http((_req, res) => res.end(text));
    const response = await client.http.send({ sendId: 'big', request: { name: 'x', method: 'GET', url: server.url } });
    expect(response.body).toMatchObject({ size: 3_000_000, data: null });
    const handle = response.body.handle!;
    const first = await client.http.readBody({ handle, offset: 0, length: 1001 });
    expect(first).toMatchObject({ offset: 0, nextOffset: 1000, size: 3_000_000, encoding: 'utf8' });
    expect(first.data).toBe('é'.repeat(500));
    const raw = await client.http.readBody({ handle, offset: 1, length: 3, encoding: 'base64' });
    expect(Buffer.from(raw.data, 'base64')).toEqual(Buffer.from(text, 'utf8').subarray(1, 4));
    const last = await client.http.readBody({ handle, offset: 2_999_998, length: 100 });
    expect(last).toMatchObject({ data: 'é', nextOffset: 3_000_000 });
  });
});

describe('utf8Boundary', () => {
  it('cuts before an incomplete character only', () => {
    const bytes = Buffer.from('a€b😀', 'utf8'); // 1 + 3 + 1 + 4 bytes
    expect(utf8Boundary(bytes)).toBe(9);
    expect(utf8Boundary(bytes.subarray(0, 8))).toBe(5);
    expect(utf8Boundary(bytes.subarray(0, 3))).toBe(1);
    expect(utf8Boundary(bytes.subarray(0, 4))).toBe(4);
  });
});
