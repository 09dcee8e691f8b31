import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../shared/client';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { createMemoryLogger } from '../logging/logger';
import { createServices, type Services } from '../services';

let root: string;
let services: Services;
let client: Client;
let workspaceDir: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bb-conn-module-'));
  workspaceDir = join(root, 'workspace');
  services = await createServices({
    host: 'test',
    dataDir: join(root, 'data'),
    workspaceDir,
    createSample: false,
    logger: createMemoryLogger(),
  });
  client = createClient(createMemoryTransport(services.dispatch));
});

afterAll(async () => {
  await services.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('a SQLite connection given a relative path', () => {
  it('names a file in the workspace folder, saved absolute (the rule the dialog shows)', async () => {
    const saved = await client.connections.create({
      name: 'shop',
      params: { engine: 'sqlite', file: 'shop.db', create: true },
    });
    expect(saved.params).toMatchObject({ file: join(workspaceDir, 'shop.db') });
    const moved = await client.connections.update({
      id: saved.id,
      params: { engine: 'sqlite', file: 'data/other.db', create: true },
    });
    expect(moved.params).toMatchObject({ file: join(workspaceDir, 'data', 'other.db') });
    const home = await client.connections.create({ name: 'home', params: { engine: 'sqlite', file: '~/x.db' } });
    expect(home.params).toMatchObject({ file: join(homedir(), 'x.db') });
  });

  it('is tested at that absolute path, and a missing file is named in full', async () => {
    await expect(
      client.connections.test({ params: { engine: 'sqlite', file: 'missing.db' }, password: null }),
    ).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: expect.stringContaining(join(workspaceDir, 'missing.db')),
    });
  });
});
