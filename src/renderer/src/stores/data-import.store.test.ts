/* eslint-disable no-restricted-imports -- the upload goes to the real core's uploads folder, as the browser host's does */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveUpload } from '../../../main/core/transfer/upload-store';
import { createDataTabModel } from '../features/data-grid/data-tab.model';
import { createAppStores, type AppStores } from './create-app-stores';
import { countChanges } from './data-edits';
import type { TabModel } from './tab-types';
import { startCoreClient, type CoreClient } from './testing/core-client';
import { memoryStorage } from './testing/memory-storage';

let core: CoreClient;
let connectionId: string;

const query = async (sql: string) => {
  const result = await core.client.query.run({ connectionId, sql, runId: crypto.randomUUID(), pageSize: 100 });
  return result.kind === 'rows' ? result.rows : [];
};

function makeStores(): AppStores {
  const stores: AppStores = createAppStores({
    client: core.client,
    tabModel: (kind) =>
      (
        ({ data: createDataTabModel((id) => countChanges(stores.data.getState().byTab[id]!.edits) > 0) }) as Record<
          string,
          unknown
        >
      )[kind] as TabModel<typeof kind>,
    uiStorage: memoryStorage(),
    viewportWidth: 1280,
    tabsSaveDebounceMs: 5,
    draftDebounceMs: 5,
    // what the browser host's POST /upload does with the request body
    upload: async (file) => {
      const { fileId } = await saveUpload(
        core.dataDir,
        file.name,
        Readable.from(Buffer.from(await file.arrayBuffer())),
      );
      return { fileId, name: file.name, format: 'csv' };
    },
  });
  return stores;
}

/** Resolves once `ready` holds for the store's state (an import and the reloads it causes end in the background). */
function until<S>(store: { getState(): S; subscribe(f: (s: S) => void): () => void }, ready: (s: S) => boolean) {
  return new Promise<void>((resolve) => {
    if (ready(store.getState())) return resolve();
    const stop = store.subscribe((s) => {
      if (!ready(s)) return;
      stop();
      resolve();
    });
  });
}

beforeAll(async () => {
  core = await startCoreClient();
  connectionId = (
    await core.client.connections.create({
      name: 'Import count',
      params: { engine: 'sqlite', file: core.file('polish-import.db'), create: true },
    })
  ).id;
  await core.client.connections.connect({ id: connectionId });
  await query('CREATE TABLE polish_imported (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  await query("INSERT INTO polish_imported (name) VALUES ('a'), ('b')");
  await query('CREATE INDEX polish_imported_name ON polish_imported (name)');
  // the planner's estimate (sqlite_stat1) says 2 rows until the next ANALYZE
  await query('ANALYZE');
}, 60_000);

afterAll(async () => {
  await core.close();
});

describe('a data tab after an import into its table', () => {
  it('shows the new rows and the new count, not the planner’s stale estimate', async () => {
    const stores = makeStores();
    await stores.connections.getState().loadConnections();
    await stores.schema.getState().loadSchema(connectionId);
    const tabId = stores.tabs
      .getState()
      .openTab({ kind: 'data', connectionId, schema: null, table: 'polish_imported' });
    await stores.data.getState().open(tabId);
    expect(stores.data.getState().byTab[tabId]).toMatchObject({ status: 'ready', estimatedRows: 2, exactCount: null });

    const transfer = stores.transfer.getState();
    transfer.openImport({ connectionId, schema: null, table: 'polish_imported' });
    await transfer.uploadFile(new File(['name\nc\nd\ne\n'], 'three.csv'));
    await stores.transfer.getState().startImport({ schema: null, table: 'polish_imported', create: false });
    await until(stores.transfer, (s) => !!s.dialog?.job && s.dialog.job.state !== 'running');
    expect(stores.transfer.getState().dialog?.job).toMatchObject({ state: 'done', rowsImported: 3 });

    // the tab is read again and counts what the schema tree counts (5), though sqlite_stat1 still says 2
    await until(stores.data, (s) => s.byTab[tabId]?.exactCount != null);
    expect(stores.data.getState().byTab[tabId]?.exactCount).toBe(5);
    expect(await query("SELECT stat FROM sqlite_stat1 WHERE tbl = 'polish_imported'")).toEqual([['2 1']]);
  });
});
