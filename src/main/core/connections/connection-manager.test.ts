import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../shared/domain';
import { openAppDatabase, type AppDatabase } from '../app-db/app-database';
import { FileKeySecretStore } from '../secrets/file-key-secret-store';
import { ConnectionManager } from './connection-manager';
import { ConnectionStore } from './connection-store';
import { openSession } from './open-session';

let dir: string;
let app: AppDatabase;
let store: ConnectionStore;
let manager: ConnectionManager;
let statuses: ConnectionStatus[];
let opened: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-manager-'));
  app = await openAppDatabase({ dataDir: dir });
  store = new ConnectionStore(app.db, FileKeySecretStore.inDataDir(dir));
  statuses = [];
  opened = 0;
  manager = new ConnectionManager({
    store,
    openSession: async (options) => {
      opened++;
      return openSession(options);
    },
    emit: (topic, payload) => {
      if (topic === 'connection.statusChanged') statuses.push(payload as ConnectionStatus);
    },
  });
});
afterEach(async () => {
  await manager.dispose();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

function sqliteConnection(name: string, create = true): string {
  return store.create({ name, params: { engine: 'sqlite', file: join(dir, `${name}.sqlite`), create } }).id;
}

describe('ConnectionManager', () => {
  it('shares one opening between concurrent requests and caches the session', async () => {
    const id = sqliteConnection('a');
    const [s1, s2, status] = await Promise.all([manager.get(id), manager.get(id), manager.connect(id)]);
    expect(s1).toBe(s2);
    expect(await manager.get(id)).toBe(s1);
    expect(opened).toBe(1);
    expect(status).toMatchObject({
      connectionId: id,
      state: 'connected',
      serverVersion: expect.stringMatching(/^3\./),
    });
    expect(statuses).toEqual([{ connectionId: id, state: 'connected', serverVersion: status.serverVersion }]);
  });

  it('disconnects (running close listeners first) and reconnects on next use', async () => {
    const id = sqliteConnection('b');
    const first = await manager.get(id);
    const closed: string[] = [];
    manager.onClose((cid) => {
      closed.push(cid);
    });
    expect(await manager.disconnect(id)).toEqual({ connectionId: id, state: 'disconnected' });
    expect(closed).toEqual([id]);
    expect(manager.isOpen(id)).toBe(false);
    expect(statuses.at(-1)).toEqual({ connectionId: id, state: 'disconnected' });
    const second = await manager.get(id);
    expect(second).not.toBe(first);
    expect(opened).toBe(2);
  });

  it('reports a failed opening as an error status and does not cache it', async () => {
    const id = sqliteConnection('missing', false);
    await expect(manager.connect(id)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect(manager.isOpen(id)).toBe(false);
    expect(statuses.at(-1)).toMatchObject({ connectionId: id, state: 'error', message: expect.any(String) });
    await expect(manager.get('no-such-id')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('tests saved and unsaved targets with a temporary session', async () => {
    const id = sqliteConnection('c');
    const saved = await manager.test({ id });
    expect(saved.serverVersion).toMatch(/^3\./);
    expect(saved.latencyMs).toBeGreaterThanOrEqual(0);
    expect(manager.isOpen(id)).toBe(false);
    const unsaved = await manager.test({ params: { engine: 'sqlite', file: join(dir, 'c.sqlite') } });
    expect(unsaved.serverVersion).toBe(saved.serverVersion);
    await expect(manager.test({ params: { engine: 'sqlite', file: join(dir, 'nope.sqlite') } })).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });

  it('closes everything on dispose and refuses new work', async () => {
    const a = sqliteConnection('d');
    const b = sqliteConnection('e');
    await Promise.all([manager.get(a), manager.get(b)]);
    await manager.dispose();
    expect(manager.isOpen(a) || manager.isOpen(b)).toBe(false);
    await expect(manager.get(a)).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });
});
