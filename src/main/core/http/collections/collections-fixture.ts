/** A workspace with collection and environment stores over a real app database, for the collection tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openAppDatabase, type AppDatabase } from '../../app-db/app-database';
import { FileKeySecretStore } from '../../secrets/file-key-secret-store';
import { SecretVariables } from '../variables/secret-variables';
import { CollectionFiles } from './collection-files';
import { CollectionService } from './collection-service';
import { EnvironmentFiles } from './environment-files';

export function useWorkspace() {
  const opened: { dir: string; app: AppDatabase }[] = [];
  afterEach(() => {
    for (const { dir, app } of opened.splice(0)) {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-collections-'));
    const app = await openAppDatabase({ dataDir: join(dir, 'data'), now: () => new Date() });
    opened.push({ dir, app });
    const secrets = new SecretVariables(app.db, FileKeySecretStore.inDataDir(join(dir, 'data')));
    const workspace = join(dir, 'workspace');
    const files = new CollectionFiles(workspace);
    return {
      workspace,
      app,
      secrets,
      files,
      service: new CollectionService(files, secrets),
      environments: new EnvironmentFiles(workspace, secrets),
    };
  };
}
