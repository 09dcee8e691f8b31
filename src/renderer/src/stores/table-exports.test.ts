import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataTabModel } from '../features/data-grid/data-tab.model';
import { sqlTabModel } from '../features/query-editor/sql-tab.model';
import { createAppStores, type AppStores } from './create-app-stores';
import { countChanges } from './data-edits';
import type { TabModel } from './tab-types';
import { startCoreClient, type CoreClient } from './testing/core-client';
import { memoryStorage } from './testing/memory-storage';
import type { TransferState } from './transfer.store';

let core: CoreClient;
let connectionId: string;

function makeStores(): AppStores {
  const stores: AppStores = createAppStores({
    client: core.client,
    tabModel: (kind) =>
      (
        ({
          sql: sqlTabModel,
          data: createDataTabModel((id) => countChanges(stores.data.getState().byTab[id]!.edits) > 0),
        }) as Record<string, unknown>
      )[kind] as TabModel<typeof kind>,
    uiStorage: memoryStorage(),
    viewportWidth: 1280,
    tabsSaveDebounceMs: 5,
  });
  return stores;
}

/** Resolves once the transfer store's state satisfies `ready` (exports report progress by events). */
function until(stores: AppStores, ready: (s: TransferState) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready(stores.transfer.getState())) return resolve();
    const stop = stores.transfer.subscribe((s) => {
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
      name: 'Exports',
      params: { engine: 'sqlite', file: core.file('exports.db'), create: true },
    })
  ).id;
  await core.client.connections.connect({ id: connectionId });
  // a view without end: its export runs until it is cancelled, whatever the machine's speed
  await core.client.query.run({
    connectionId,
    sql: 'CREATE VIEW dataleft_endless AS WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT n FROM c',
    runId: crypto.randomUUID(),
    pageSize: 10,
  });
}, 60_000);

afterAll(async () => {
  await core.close();
});

describe("a data tab's export", () => {
  it('stays shown, with its progress and Cancel, when the tab reloads its rows while it runs', async () => {
    const stores = makeStores();
    await stores.connections.getState().loadConnections();
    const tabId = stores.tabs
      .getState()
      .openTab({ kind: 'data', connectionId, schema: null, table: 'dataleft_endless' });
    await stores.data.getState().open(tabId);
    const firstResult = stores.data.getState().byTab[tabId]!.resultId;
    expect(firstResult).not.toBeNull();

    void stores.transfer.getState().startTableExport(tabId, 'csv');
    await until(stores, (s) => (s.tableExports[tabId]?.rowsWritten ?? 0) > 0);
    const exportId = stores.transfer.getState().tableExports[tabId]!.exportId;

    // the reload replaces the rows on screen (a new result), not the export
    await stores.data.getState().open(tabId);
    expect(stores.data.getState().byTab[tabId]!.status).toBe('ready');
    expect(stores.data.getState().byTab[tabId]!.resultId).not.toBe(firstResult);
    const during = stores.transfer.getState().tableExports[tabId]!;
    expect(during).toMatchObject({ exportId, format: 'csv', done: false, error: null });
    const written = during.rowsWritten;
    await until(stores, (s) => (s.tableExports[tabId]?.rowsWritten ?? 0) > written);

    // a re-read after missed events keeps it running; Cancel still reaches it
    await stores.transfer.getState().refreshRunningExports();
    expect(stores.transfer.getState().tableExports[tabId]).toMatchObject({ exportId, done: false });
    await stores.transfer.getState().cancelTableExport(tabId);
    await until(stores, (s) => s.tableExports[tabId]?.done === true);
    expect(stores.transfer.getState().tableExports[tabId]).toMatchObject({ exportId, cancelled: true, error: null });

    stores.transfer.getState().dismissTableExport(tabId);
    expect(stores.transfer.getState().tableExports[tabId]).toBeUndefined();
  });

  it('a second export of the tab waits for the first; closing the tab forgets it', async () => {
    const stores = makeStores();
    await stores.connections.getState().loadConnections();
    const tabId = stores.tabs
      .getState()
      .openTab({ kind: 'data', connectionId, schema: null, table: 'dataleft_endless' });
    await stores.data.getState().open(tabId);
    void stores.transfer.getState().startTableExport(tabId, 'json');
    await until(stores, (s) => (s.tableExports[tabId]?.rowsWritten ?? 0) > 0);
    const exportId = stores.transfer.getState().tableExports[tabId]!.exportId;
    await stores.transfer.getState().startTableExport(tabId, 'csv');
    expect(stores.transfer.getState().tableExports[tabId]).toMatchObject({ exportId, format: 'json' });

    await stores.transfer.getState().cancelTableExport(tabId);
    await until(stores, (s) => s.tableExports[tabId]?.done === true);
    stores.tabs.getState().closeTab(tabId);
    expect(stores.transfer.getState().tableExports[tabId]).toBeUndefined();
  });
});
