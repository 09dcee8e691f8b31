import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { getSetting, setSetting } from '../app-db/settings';
import type { ConnectionStore } from '../connections/connection-store';
import { buildSampleDatabase, samplePath } from './sample-database';

export const SAMPLE_CONNECTION_NAME = 'Sample shop (SQLite)';
/** Set once the sample connection was created, so a user who deletes it does not get it back. */
const SAMPLE_CREATED_KEY = 'sample.connectionCreated';

/**
 * First start: build the sample shop and save its connection, once. Later starts rebuild a missing sample
 * file for an existing sample connection; a sample connection the user deleted stays deleted.
 */
export function ensureSample(db: Database.Database, store: ConnectionStore, dataDir: string): void {
  const file = samplePath(dataDir);
  const existing = store.findSample();
  if (existing) {
    if (existing.params.engine === 'sqlite' && !existsSync(existing.params.file))
      buildSampleDatabase(existing.params.file);
    return;
  }
  if (getSetting(db, SAMPLE_CREATED_KEY) !== null) return;
  if (!existsSync(file)) buildSampleDatabase(file);
  const taken = new Set(store.list().map((c) => c.name.toLowerCase()));
  let name = SAMPLE_CONNECTION_NAME;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${SAMPLE_CONNECTION_NAME} ${n}`;
  const created = store.create({ name, params: { engine: 'sqlite', file }, isSample: true });
  setSetting(db, SAMPLE_CREATED_KEY, created.id);
}
