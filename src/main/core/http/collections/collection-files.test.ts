import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HttpRequestFile } from '../../../../shared/http-request';
import { parseRequestYaml, stringifyRequest } from './http-yaml';
import { useWorkspace } from './collections-fixture';

const openWorkspace = useWorkspace();

const full: HttpRequestFile = {
  name: 'Create user',
  method: 'POST',
  url: '{{base}}/users/:org',
  pathParams: [{ name: 'org', value: 'acme' }],
  headers: [
    { name: 'X-Trace', value: '1', enabled: false },
    { name: 'Accept', value: 'application/json' },
  ],
  body: {
    type: 'multipart',
    parts: [
      { name: 'meta', value: '{"a":1}', contentType: 'application/json' },
      { name: 'file', file: 'fixtures/a.png' },
    ],
  },
  auth: { type: 'apikey', name: 'X-Key', value: '{{key}}', in: 'header' },
  settings: { timeoutMs: 5000, followRedirects: false },
  assertions: [{ target: 'status', op: 'equals', value: 201 }],
  scripts: { postResponse: 'bb.test("ok", () => {})\n' },
  order: 2,
  docs: 'Makes a user.\n\nTwo lines.',
};

describe('request files', () => {
  it('are written in a fixed key order whatever order the model came in, and round trip byte for byte', () => {
    const shuffled = Object.fromEntries(Object.entries(full).reverse()) as HttpRequestFile;
    const text = stringifyRequest(shuffled);
    expect(text).toBe(stringifyRequest(full));
    expect(
      text
        .split('\n')
        .filter((line) => /^\w/.test(line))
        .map((line) => line.split(':')[0]),
    ).toEqual([
      'name',
      'method',
      'url',
      'pathParams',
      'headers',
      'body',
      'auth',
      'settings',
      'assertions',
      'scripts',
      'order',
      'docs',
    ]);
    const parsed = parseRequestYaml(text, 'x.request.yaml');
    expect(parsed).toEqual(full);
    expect(stringifyRequest(parsed)).toBe(text);
  });

  it('name the file and the field when they do not load', () => {
    expect(() => parseRequestYaml('name: x\nmethod: GET\nurl: /\nbody: { type: json }\n', 'a/b.request.yaml')).toThrow(
      /a\/b\.request\.yaml: body\.text: is required/,
    );
    expect(() => parseRequestYaml('name: x\nmethod: GET\nurl: /\nbogus: 1\n', 'r.request.yaml')).toThrow(
      /bogus: unknown field/,
    );
  });
});

describe('the collections folder', () => {
  it('lists collections, folders and requests as a tree ordered by order then name', async () => {
    const { files, service } = await openWorkspace();
    const shop = await files.createCollection('Shop API');
    expect(shop).toBe('shop-api');
    const users = await files.createFolder(shop, 'Users');
    await files.createRequest(users, { name: 'List users', method: 'GET', url: '/users' });
    const second = await files.createRequest(users, { name: 'List users', method: 'GET', url: '/users?page=2' });
    expect(second).toBe('shop-api/users/list-users-2.request.yaml');
    await files.createRequest(shop, { name: 'Health', method: 'GET', url: '/health', order: 1 });
    writeFileSync(join(files.root, 'shop-api/broken.request.yaml'), 'name: [');
    writeFileSync(join(files.root, 'shop-api/notes.txt'), 'not a request');

    const tree = await files.tree();
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ kind: 'folder', path: 'shop-api', name: 'Shop API' });
    expect(tree[0]!.children.map((n) => [n.kind, n.name, n.path])).toEqual([
      ['request', 'Health', 'shop-api/health.request.yaml'],
      ['request', 'broken', 'shop-api/broken.request.yaml'],
      ['folder', 'Users', 'shop-api/users'],
    ]);
    expect(tree[0]!.children[1]).toMatchObject({ method: null, error: expect.stringContaining('broken.request.yaml') });

    const read = await service.readRequest('shop-api/health.request.yaml');
    expect(read.request).toEqual({ name: 'Health', method: 'GET', url: '/health', order: 1 });
    const broken = await service.readRequest('shop-api/broken.request.yaml');
    expect(broken).toMatchObject({ text: 'name: [', request: null, error: expect.stringContaining('line') });
  });

  it('saves text as typed (byte for byte) and refuses a text that does not load, leaving the file as it was', async () => {
    const { files, service } = await openWorkspace();
    await files.createCollection('c');
    const text = '# kept comment\nname: Ping\nmethod: GET\nurl: http://127.0.0.1/ping   # trailing\n';
    await service.saveRequest('c/ping.request.yaml', { text });
    expect(readFileSync(join(files.root, 'c/ping.request.yaml'), 'utf8')).toBe(text);
    await expect(
      service.saveRequest('c/ping.request.yaml', { text: 'name: Ping\nmethod: GET\n' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('url: is required') });
    expect(readFileSync(join(files.root, 'c/ping.request.yaml'), 'utf8')).toBe(text);
    await service.saveRequest('c/ping.request.yaml', { request: full });
    expect(readFileSync(join(files.root, 'c/ping.request.yaml'), 'utf8')).toBe(stringifyRequest(full));
  });

  it('renames requests, folders and collections (file and name), and deletes them', async () => {
    const { files, service } = await openWorkspace();
    await files.createCollection('Old');
    await files.createFolder('old', 'Inner');
    const path = await files.createRequest('old/inner', { name: 'A', method: 'GET', url: '/a' });
    const renamed = await files.rename(path, 'B thing');
    expect(renamed).toBe('old/inner/b-thing.request.yaml');
    expect((await service.readRequest(renamed)).request?.name).toBe('B thing');
    expect(await files.rename('old/inner', 'Deeper')).toBe('old/deeper');
    expect(await files.rename('old', 'New Name')).toBe('new-name');
    const tree = await files.tree();
    expect(tree[0]).toMatchObject({ name: 'New Name', path: 'new-name' });
    expect(tree[0]!.children[0]).toMatchObject({ name: 'Deeper', path: 'new-name/deeper' });
    await expect(files.createCollection('New Name')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await files.delete('new-name/deeper/b-thing.request.yaml')).toBe(true);
    expect(await files.delete('new-name/deeper')).toBe(true);
    expect(await files.delete('new-name/deeper')).toBe(false);
    await expect(files.delete('new-name/collection.yaml')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('keeps every path inside the collections folder, symlinks included', async () => {
    const { files, service, workspace } = await openWorkspace();
    await files.createCollection('c');
    for (const bad of [
      '../x.request.yaml',
      'c/../../x.request.yaml',
      '/etc/passwd.request.yaml',
      'c\0/a.request.yaml',
    ]) {
      await expect(service.readRequest(bad)).rejects.toMatchObject({
        code: expect.stringMatching(/PATH_OUTSIDE_ROOT|INVALID_INPUT/),
      });
    }
    mkdirSync(join(workspace, 'outside'));
    writeFileSync(join(workspace, 'outside/secret.request.yaml'), 'name: s\nmethod: GET\nurl: /\n');
    symlinkSync(join(workspace, 'outside'), join(files.root, 'c/link'));
    await expect(service.readRequest('c/link/secret.request.yaml')).rejects.toMatchObject({
      code: 'PATH_OUTSIDE_ROOT',
    });
    await expect(files.delete('c/link/secret.request.yaml')).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
  });
});
