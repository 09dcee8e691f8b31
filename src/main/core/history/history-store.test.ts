import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppDatabase, type AppDatabase } from '../app-db/app-database';
import { ConnectionStore } from '../connections/connection-store';
import { FileKeySecretStore } from '../secrets/file-key-secret-store';
import { HistoryStore, escapeLike } from './history-store';

let dir: string;
let app: AppDatabase;
let a: string;
let b: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-hist-'));
  app = await openAppDatabase({ dataDir: dir });
  const conns = new ConnectionStore(app.db, FileKeySecretStore.inDataDir(dir));
  a = conns.create({ name: 'a', params: { engine: 'sqlite', file: '/tmp/a.db' } }).id;
  b = conns.create({ name: 'b', params: { engine: 'sqlite', file: '/tmp/b.db' } }).id;
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const at = new Date('2024-01-01T00:00:00Z');
function entry(connectionId: string, sql: string, status: 'ok' | 'error' | 'cancelled' = 'ok') {
  return {
    connectionId,
    sql,
    executedAt: at,
    durationMs: 1.5,
    rowCount: status === 'ok' ? 3 : null,
    status,
    errorMessage: status === 'error' ? 'boom' : null,
  };
}

describe('HistoryStore', () => {
  it('appends and lists newest first, per connection, with paging and total', () => {
    const store = new HistoryStore(app.db);
    for (let i = 0; i < 5; i++) store.append(entry(a, `SELECT ${i}`));
    store.append(entry(b, 'SELECT oops', 'error'));
    const all = store.list({ limit: 10 });
    expect(all.total).toBe(6);
    expect(all.entries[0]).toMatchObject({ connectionId: b, status: 'error', errorMessage: 'boom', rowCount: null });
    const page = store.list({ connectionId: a, limit: 2, offset: 1 });
    expect(page.total).toBe(5);
    expect(page.entries.map((e) => e.sql)).toEqual(['SELECT 3', 'SELECT 2']);
    expect(page.entries[0]).toMatchObject({ durationMs: 1.5, rowCount: 3, executedAt: at.toISOString() });
  });

  it('searches with LIKE, treating % _ and \\ literally', () => {
    const store = new HistoryStore(app.db);
    for (const sql of ["SELECT '50%'", 'SELECT 500', 'SELECT a_b FROM t', 'SELECT axb FROM t', 'select 1 -- c:\\dir']) {
      store.append(entry(a, sql));
    }
    expect(store.list({ search: '50%', limit: 10 }).entries.map((e) => e.sql)).toEqual(["SELECT '50%'"]);
    expect(store.list({ search: 'a_b', limit: 10 }).total).toBe(1);
    expect(store.list({ search: 'c:\\d', limit: 10 }).total).toBe(1);
    expect(store.list({ search: 'from T', limit: 10 }).total).toBe(2);
    expect(escapeLike('a%b_c\\')).toBe('a\\%b\\_c\\\\');
  });

  it('caps entries per connection, trimming the oldest', () => {
    const store = new HistoryStore(app.db, 3);
    for (let i = 0; i < 6; i++) store.append(entry(a, `q${i}`));
    store.append(entry(b, 'other'));
    expect(store.list({ connectionId: a, limit: 10 }).entries.map((e) => e.sql)).toEqual(['q5', 'q4', 'q3']);
    expect(store.list({ connectionId: b, limit: 10 }).total).toBe(1);
  });

  it('clears one connection or everything', () => {
    const store = new HistoryStore(app.db);
    store.append(entry(a, 'x'));
    store.append(entry(a, 'y'));
    store.append(entry(b, 'z'));
    expect(store.clear(a)).toBe(2);
    expect(store.list({ limit: 10 }).total).toBe(1);
    expect(store.clear()).toBe(1);
    expect(store.list({ limit: 10 }).total).toBe(0);
  });
});
