import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../app-db/app-database';
import { FileKeySecretStore } from '../../secrets/file-key-secret-store';
import { SecretVariables } from './secret-variables';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('secret variable values', () => {
  it('are kept encrypted in the app database, per scope, and never in plain text', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bb-secrets-'));
    dirs.push(dataDir);
    const app = await openAppDatabase({ dataDir, now: () => new Date() });
    const store = new SecretVariables(app.db, FileKeySecretStore.inDataDir(dataDir));
    store.set('env:Staging', 'password', 'hunter2-πß');
    store.set('env:Staging', 'a:b', 'colon');
    store.set('env:Prod', 'password', 'other');
    expect(store.get('env:Staging', 'password')).toBe('hunter2-πß');
    expect(store.get('env:Prod', 'password')).toBe('other');
    expect(store.get('env:Staging', 'missing')).toBeNull();
    expect(store.names('env:Staging')).toEqual(['a:b', 'password']);

    const raw = app.db.prepare("SELECT value FROM settings WHERE key LIKE 'http.secret%'").all() as {
      value: string;
    }[];
    expect(raw).toHaveLength(3);
    for (const row of raw) expect(row.value).not.toMatch(/hunter2|colon|other/);
    app.close();
    for (const file of readdirSync(dataDir).filter((name) => name.startsWith('app'))) {
      expect(readFileSync(join(dataDir, file)).includes('hunter2')).toBe(false);
    }

    const reopened = await openAppDatabase({ dataDir, now: () => new Date() });
    const again = new SecretVariables(reopened.db, FileKeySecretStore.inDataDir(dataDir));
    expect(again.get('env:Staging', 'password')).toBe('hunter2-πß');
    again.prune('env:Staging', new Set(['password']));
    expect(again.names('env:Staging')).toEqual(['password']);
    again.set('env:Staging', 'password', null);
    expect(again.get('env:Staging', 'password')).toBeNull();
    reopened.close();
  });
});
