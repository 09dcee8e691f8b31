import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectionScope } from './collection-service';
import { useWorkspace } from './collections-fixture';
import { GLOBALS_PATH } from './environment-files';

const openWorkspace = useWorkspace();

describe('inheritance from folders and the collection', () => {
  it('takes the nearest auth, merges headers by name and settings field by field, lists scripts outermost first', async () => {
    const { files, service } = await openWorkspace();
    await files.createCollection('API');
    await service.saveSettings({
      kind: 'collection',
      path: 'api',
      settings: {
        name: 'API',
        variables: [{ name: 'base', value: 'http://127.0.0.1' }],
        auth: { type: 'bearer', token: '{{token}}' },
        headers: [
          { name: 'X-Client', value: 'bb' },
          { name: 'Accept', value: 'text/plain' },
        ],
        settings: { timeoutMs: 1000, verifyTls: false },
        scripts: { preRequest: 'outer()' },
      },
    });
    await files.createFolder('api', 'Admin');
    await service.saveSettings({
      kind: 'folder',
      path: 'api/admin',
      settings: {
        name: 'Admin',
        auth: { type: 'basic', username: 'root', password: '{{pw}}' },
        headers: [{ name: 'accept', value: 'application/json' }],
        settings: { maxRedirects: 3 },
        scripts: { preRequest: 'middle()' },
      },
    });
    await files.createFolder('api/admin', 'Open');
    await service.saveSettings({ kind: 'folder', path: 'api/admin/open', settings: { auth: { type: 'none' } } });

    const inAdmin = await files.createRequest('api/admin', { name: 'Stats', method: 'GET', url: '{{base}}/stats' });
    const stats = await service.effective(inAdmin);
    expect(stats.auth).toEqual({ type: 'basic', username: 'root', password: '{{pw}}' });
    expect(stats.authFrom).toBe('api/admin');
    expect(stats.headers).toEqual([
      { name: 'X-Client', value: 'bb' },
      { name: 'accept', value: 'application/json' },
    ]);
    expect(stats.settings).toEqual({ timeoutMs: 1000, followRedirects: true, maxRedirects: 3, verifyTls: false });
    expect(stats.scripts).toEqual([{ preRequest: 'outer()' }, { preRequest: 'middle()' }]);
    expect(stats.collectionVariables).toEqual([{ name: 'base', value: 'http://127.0.0.1' }]);

    const own = await service.effective(inAdmin, {
      name: 'Stats',
      method: 'GET',
      url: '/',
      auth: { type: 'inherit' },
      settings: { timeoutMs: 0 },
    });
    expect(own.authFrom).toBe('api/admin');
    expect(own.settings.timeoutMs).toBe(0);

    const inOpen = await files.createRequest('api/admin/open', { name: 'Ping', method: 'GET', url: '/' });
    expect((await service.effective(inOpen)).auth).toBeUndefined();
    const atRoot = await files.createRequest('api', { name: 'Root', method: 'GET', url: '/' });
    expect(await service.effective(atRoot)).toMatchObject({ auth: { type: 'bearer' }, authFrom: 'collection' });
  });

  it('keeps secret collection variables out of collection.yaml', async () => {
    const { files, service, secrets } = await openWorkspace();
    await files.createCollection('Sec');
    await service.saveSettings({
      kind: 'collection',
      path: 'sec',
      settings: { name: 'Sec', variables: [{ name: 'apiKey', value: 'K-123', secret: true }] },
    });
    const text = readFileSync(join(files.root, 'sec/collection.yaml'), 'utf8');
    expect(text).not.toContain('K-123');
    expect(text).toBe('name: Sec\nvariables:\n  - name: apiKey\n    secret: true\n');
    expect(secrets.get(collectionScope('sec'), 'apiKey')).toBe('K-123');
    const read = await service.readSettings('sec');
    expect(read).toMatchObject({ kind: 'collection', settings: { variables: [{ name: 'apiKey', value: 'K-123' }] } });
  });
});

describe('environments', () => {
  it('write secret values to the secret store only, and read them back', async () => {
    const { environments, workspace } = await openWorkspace();
    const path = await environments.create('Staging');
    expect(path).toBe('staging.yaml');
    await environments.save(path, {
      name: 'Staging',
      variables: [
        { name: 'base', value: 'https://staging.example' },
        { name: 'password', value: 'hunter2', secret: true },
        { name: 'old', value: 'x', enabled: false },
      ],
    });
    const text = readFileSync(join(workspace, 'environments/staging.yaml'), 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).toBe(
      'name: Staging\nvariables:\n  - name: base\n    value: https://staging.example\n  - name: password\n    secret: true\n  - name: old\n    value: x\n    enabled: false\n',
    );
    expect((await environments.read(path)).variables[1]).toEqual({ name: 'password', value: 'hunter2', secret: true });
    expect(await environments.list()).toEqual([{ path: 'staging.yaml', name: 'Staging', error: null }]);

    // saving without the secret's value keeps the kept one; dropping the variable forgets it
    await environments.save(path, { name: 'Staging', variables: [{ name: 'password', secret: true }] });
    expect((await environments.read(path)).variables[0]).toEqual({ name: 'password', value: 'hunter2', secret: true });
    await environments.save(path, { name: 'Staging', variables: [] });
    await environments.save(path, { name: 'Staging', variables: [{ name: 'password', secret: true }] });
    expect((await environments.read(path)).variables[0]).toEqual({ name: 'password', secret: true });

    await expect(environments.create('staging')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(environments.read('../staging.yaml')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await environments.delete(path)).toBe(true);
    expect(await environments.list()).toEqual([]);
  });

  it('keep the globals in globals.yaml, empty until saved', async () => {
    const { environments, workspace } = await openWorkspace();
    expect(await environments.read(GLOBALS_PATH)).toEqual({ name: 'Globals', variables: [] });
    await environments.save(GLOBALS_PATH, { name: 'Globals', variables: [{ name: 'v', value: '1' }] });
    expect(readFileSync(join(workspace, 'globals.yaml'), 'utf8')).toBe(
      'name: Globals\nvariables:\n  - name: v\n    value: "1"\n',
    );
  });
});
