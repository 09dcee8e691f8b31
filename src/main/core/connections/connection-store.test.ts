import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionParams } from '../../../shared/domain';
import { openAppDatabase, type AppDatabase } from '../app-db/app-database';
import { FileKeySecretStore } from '../secrets/file-key-secret-store';
import { ConnectionStore } from './connection-store';

const pg: ConnectionParams = {
  engine: 'postgres',
  host: '127.0.0.1',
  port: 5432,
  user: 'postgres',
  database: 'test',
  sslMode: 'disable',
};

let dir: string;
let app: AppDatabase;
let store: ConnectionStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-conn-'));
  app = await openAppDatabase({ dataDir: dir });
  store = new ConnectionStore(app.db, FileKeySecretStore.inDataDir(dir));
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ConnectionStore', () => {
  it('creates, reads and lists connections without ever exposing the password', () => {
    const created = store.create({ name: ' Local PG ', params: pg, password: 's3cret' });
    expect(created).toMatchObject({ name: 'Local PG', params: pg, hasPassword: true, isSample: false });
    expect(JSON.stringify(created)).not.toContain('s3cret');
    expect(store.get(created.id)).toEqual(created);
    expect(store.getPassword(created.id)).toBe('s3cret');
    // stored encrypted
    const raw = app.db.prepare('SELECT password_cipher FROM connections').get() as { password_cipher: string };
    expect(raw.password_cipher.startsWith('v1:')).toBe(true);
    expect(raw.password_cipher).not.toContain('s3cret');

    store.create({ name: 'sample', params: { engine: 'sqlite', file: '/tmp/x.db' }, isSample: true });
    store.create({ name: 'alpha', params: { engine: 'sqlite', file: '/tmp/a.db' } });
    expect(store.list().map((c) => c.name)).toEqual(['sample', 'alpha', 'Local PG']);
    expect(store.findSample()?.name).toBe('sample');
  });

  it('drops the saved password when the engine, host, port or user changes, unless a new one is given', () => {
    const c = store.create({ name: 'prod', params: pg, password: 'secret' });
    const moves: ConnectionParams[] = [
      { ...pg, host: 'evil.example' },
      { ...pg, host: '127.0.0.2' },
      { ...pg, port: 6543 },
      { ...pg, user: 'someone_else' },
      { ...pg, engine: 'mysql', port: 5432 },
    ];
    for (const params of moves) {
      store.update({ id: c.id, params: pg, password: 'secret' });
      const moved = store.update({ id: c.id, params });
      expect(moved.hasPassword, JSON.stringify(params)).toBe(false);
      expect(store.getPassword(c.id)).toBeNull();
    }
    // a new password given with the move is what gets saved
    const withNew = store.update({ id: c.id, params: { ...pg, host: 'db.example.com' }, password: 'for-db' });
    expect(withNew.hasPassword).toBe(true);
    expect(store.getPassword(c.id)).toBe('for-db');
  });

  it('keeps the saved password when only the database, SSL mode, timeout or name change (host compared without case)', () => {
    const c = store.create({ name: 'prod', params: pg, password: 'secret' });
    for (const params of [
      { ...pg, database: 'other' },
      { ...pg, sslMode: 'require' as const },
      { ...pg, connectTimeoutMs: 5000 },
      { ...pg, host: ' 127.0.0.1 ' },
    ]) {
      expect(store.update({ id: c.id, params }).hasPassword, JSON.stringify(params)).toBe(true);
      expect(store.getPassword(c.id)).toBe('secret');
    }
    expect(store.update({ id: c.id, name: 'renamed' }).hasPassword).toBe(true);
    const local = store.create({ name: 'local', params: { ...pg, host: 'DB.example.com' }, password: 'x' });
    expect(store.update({ id: local.id, params: { ...pg, host: 'db.EXAMPLE.com' } }).hasPassword).toBe(true);
  });

  it('updates name, params and password (omitted keeps, null clears)', () => {
    const c = store.create({ name: 'a', params: pg, password: 'p1' });
    const renamed = store.update({ id: c.id, name: 'b' });
    expect(renamed.name).toBe('b');
    expect(store.getPassword(c.id)).toBe('p1');
    store.update({ id: c.id, password: 'p2' });
    expect(store.getPassword(c.id)).toBe('p2');
    const cleared = store.update({ id: c.id, params: { ...pg, port: 5433 }, password: null });
    expect(cleared.hasPassword).toBe(false);
    expect(cleared.params).toMatchObject({ port: 5433 });
    expect(store.getPassword(c.id)).toBeNull();
    // changing only the case of its own name is allowed
    expect(store.update({ id: c.id, name: 'B' }).name).toBe('B');
  });

  it('rejects duplicate names case-insensitively with CONFLICT', () => {
    store.create({ name: 'Prod', params: pg });
    const other = store.create({ name: 'Other', params: pg });
    expect(() => store.create({ name: 'prod', params: pg })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => store.create({ name: 'ÄBC', params: pg })).not.toThrow();
    expect(() => store.create({ name: 'äbc', params: pg })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => store.update({ id: other.id, name: 'PROD' })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it('duplicates with the password under "(copy)", "(copy 2)"…', () => {
    const c = store.create({ name: 'Main', params: pg, password: 'pw' });
    const copy1 = store.duplicate(c.id);
    const copy2 = store.duplicate(c.id);
    const copy3 = store.duplicate(copy1.id);
    expect([copy1.name, copy2.name, copy3.name]).toEqual(['Main (copy)', 'Main (copy 2)', 'Main (copy 3)']);
    expect(copy1.id).not.toBe(c.id);
    expect(store.getPassword(copy2.id)).toBe('pw');
  });

  it('deletes, and names the id in NOT_FOUND errors', () => {
    const c = store.create({ name: 'x', params: pg });
    expect(store.delete(c.id)).toBe(true);
    expect(store.delete(c.id)).toBe(false);
    for (const fn of [
      () => store.get(c.id),
      () => store.update({ id: c.id, name: 'y' }),
      () => store.duplicate(c.id),
    ]) {
      expect(fn).toThrow(expect.objectContaining({ code: 'NOT_FOUND', details: { id: c.id } }));
    }
    expect(() => store.get('nope')).toThrow(/"nope"/);
  });
});
