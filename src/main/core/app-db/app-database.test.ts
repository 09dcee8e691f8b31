import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppDatabase } from './app-database';
import { LATEST_VERSION, currentVersion, migrate } from './migrations';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bb-appdb-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[])
    .map((r) => r.name)
    .filter((n) => !n.startsWith('sqlite_'));
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('app data is private to the user', () => {
  it('creates the data folder 0700 and the database, its WAL and SHM 0600', async () => {
    const dir = join(tempDir(), 'data');
    const app = await openAppDatabase({ dataDir: dir });
    app.db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    expect(mode(dir)).toBe(0o700);
    expect(mode(app.path)).toBe(0o600);
    expect(mode(`${app.path}-wal`)).toBe(0o600);
    expect(mode(`${app.path}-shm`)).toBe(0o600);
    app.close();
  });

  it('tightens a world-readable folder and database left by an older version', async () => {
    const dir = join(tempDir(), 'data');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const first = await openAppDatabase({ dataDir: dir });
    first.close();
    chmodSync(first.path, 0o644);
    writeFileSync(`${first.path}-wal`, '');
    chmodSync(`${first.path}-wal`, 0o644);
    chmodSync(dir, 0o755);
    const again = await openAppDatabase({ dataDir: dir });
    expect(mode(dir)).toBe(0o700);
    expect(mode(again.path)).toBe(0o600);
    expect(mode(`${again.path}-wal`)).toBe(0o600);
    again.close();
  });
});

describe('app database', () => {
  it('creates a fresh database at the latest version with WAL and foreign keys', async () => {
    const dir = tempDir();
    const app = await openAppDatabase({ dataDir: dir });
    expect(app.path).toBe(join(dir, 'backbench.db'));
    expect(app.migration).toEqual({ from: 0, to: LATEST_VERSION, backupPath: null });
    expect(currentVersion(app.db)).toBe(LATEST_VERSION);
    expect(app.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(app.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(app.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(tableNames(app.db)).toEqual([
      'connections',
      'data_drafts',
      'editor_tabs',
      'http_history',
      'http_runs',
      'query_history',
      'settings',
    ]);
    const indexes = app.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'query_history'")
      .all();
    expect(indexes).toContainEqual({ name: 'query_history_connection' });
    app.close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('is idempotent: reopening migrates nothing and takes no backup', async () => {
    const dir = tempDir();
    (await openAppDatabase({ dataDir: dir })).close();
    const again = await openAppDatabase({ dataDir: dir });
    expect(again.migration).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION, backupPath: null });
    again.close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('backs up an existing database before upgrading it, keeping its data', async () => {
    const dir = tempDir();
    const v1 = await openAppDatabase({ dataDir: dir, upTo: 1 });
    expect(currentVersion(v1.db)).toBe(1);
    expect(tableNames(v1.db)).toEqual(['connections', 'settings']);
    v1.db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    v1.close();

    const now = () => new Date('2024-05-06T07:08:09.010Z');
    const upgraded = await openAppDatabase({ dataDir: dir, now });
    expect(upgraded.migration.from).toBe(1);
    expect(upgraded.migration.to).toBe(LATEST_VERSION);
    const backupPath = upgraded.migration.backupPath;
    expect(backupPath).toBe(join(dir, 'backups', 'backbench-v1-2024-05-06T07-08-09-010Z.db'));
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(1);
    expect(upgraded.db.prepare('SELECT value FROM settings WHERE key = ?').get('k')).toEqual({ value: 'v' });
    upgraded.close();

    // the backup is a readable v1 database with the data as it was
    const backup = new Database(backupPath!, { readonly: true });
    expect(currentVersion(backup)).toBe(1);
    expect(backup.prepare('SELECT value FROM settings').get()).toEqual({ value: 'v' });
    backup.close();
  });

  it('refuses a database written by a newer schema', async () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    await expect(migrate(db)).rejects.toThrow(/newer Backbench/);
    db.close();
  });
});
