import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/client';
import { createMemoryTransport } from '../../shared/transport-memory';
import { PG_URL } from './connections/test-databases';
import { createServices, type Services } from './services';

let dataDir: string;
let services: Services | null = null;

async function start(): Promise<Client> {
  services = await createServices({ host: 'test', dataDir, createSample: false });
  const client: Client = createClient(createMemoryTransport(services.dispatch));
  return client;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'bb-statuses-'));
});
afterEach(async () => {
  await services?.dispose();
  services = null;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('connections.statuses', () => {
  it('reports every saved connection: connected with its version while a session is open, else disconnected', async () => {
    const client = await start();
    expect(await client.connections.statuses({})).toEqual([]);
    const lite = await client.connections.create({
      name: 'B lite',
      params: { engine: 'sqlite', file: join(dataDir, 'b.db'), create: true },
    });
    const missing = await client.connections.create({
      name: 'C missing',
      params: { engine: 'sqlite', file: join(dataDir, 'nope', 'c.db') },
    });
    const pg = await client.connections.parseUrl({ url: PG_URL });
    const server = await client.connections.create({ name: 'A pg', params: pg.params, password: pg.password });

    // in the order of connections.list
    expect(await client.connections.statuses({})).toEqual([
      { connectionId: server.id, state: 'disconnected' },
      { connectionId: lite.id, state: 'disconnected' },
      { connectionId: missing.id, state: 'disconnected' },
    ]);

    await client.connections.connect({ id: lite.id });
    await client.connections.connect({ id: server.id });
    await expect(client.connections.connect({ id: missing.id })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    const live = await client.connections.statuses({});
    expect(live.map((s) => [s.connectionId, s.state])).toEqual([
      [server.id, 'connected'],
      [lite.id, 'connected'],
      [missing.id, 'disconnected'],
    ]);
    expect(live[0]!.serverVersion).toMatch(/^\d+/);
    expect(live[1]!.serverVersion).toMatch(/^3\./);

    await client.connections.disconnect({ id: lite.id });
    expect((await client.connections.statuses({})).find((s) => s.connectionId === lite.id)).toEqual({
      connectionId: lite.id,
      state: 'disconnected',
    });
  });

  it('starts disconnected after a host restart, and connected again once reconnected', async () => {
    let client = await start();
    const lite = await client.connections.create({
      name: 'lite',
      params: { engine: 'sqlite', file: join(dataDir, 'r.db'), create: true },
    });
    await client.connections.connect({ id: lite.id });
    expect((await client.connections.statuses({}))[0]).toMatchObject({ state: 'connected' });

    await services!.dispose();
    client = await start();
    expect(await client.connections.statuses({})).toEqual([{ connectionId: lite.id, state: 'disconnected' }]);
    await client.connections.connect({ id: lite.id });
    expect(await client.connections.statuses({})).toEqual([
      { connectionId: lite.id, state: 'connected', serverVersion: expect.stringMatching(/^3\./) },
    ]);
  });
});
