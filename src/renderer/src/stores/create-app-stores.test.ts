import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sqlTabModel } from '../features/query-editor/sql-tab.model';
import { lastInsertIdText, statusText } from '../features/results/result-status';
import { createAppStores, type AppStores } from './create-app-stores';
import { selectSelectedConnection } from './connections.store';
import type { TabModel } from './tab-types';
import { selectActiveTab, selectSqlTab } from './tabs.store';
import { startCoreClient, type CoreClient } from './testing/core-client';
import { memoryStorage } from './testing/memory-storage';

let core: CoreClient;
let sampleId: string;
let otherId: string;

function makeStores(): AppStores {
  return createAppStores({
    client: core.client,
    tabModel: (kind) => ({ sql: sqlTabModel })[kind] as unknown as TabModel<typeof kind>,
    uiStorage: memoryStorage(),
    viewportWidth: 1280,
    tabsSaveDebounceMs: 5,
  });
}

/** A fresh set of stores as after start-up: connections loaded, the sample selected and connected. */
async function booted(): Promise<AppStores> {
  const stores = makeStores();
  await stores.connections.getState().loadAppInfo();
  await stores.connections.getState().loadConnections();
  stores.connections.getState().selectConnection(sampleId);
  await stores.connections.getState().connect(sampleId);
  await stores.tabs.getState().loadTabs();
  return stores;
}

const sqlOf = (stores: AppStores, id: string) => selectSqlTab(stores.tabs.getState(), id)?.sql;

beforeAll(async () => {
  core = await startCoreClient();
  const info = await core.client.app.info({});
  sampleId = info.sampleConnectionId!;
  const other = await core.client.connections.create({
    name: 'Scratch',
    params: { engine: 'sqlite', file: core.file('scratch.db'), create: true },
  });
  otherId = other.id;
}, 60_000);

afterAll(async () => {
  await core.close();
});

describe('stores over the real core', () => {
  it('loads the saved connections, connects the sample and loads its schema once connected', async () => {
    const stores = await booted();
    expect(stores.connections.getState().connections.map((c) => c.name)).toContain('Scratch');
    expect(stores.connections.getState().statusById[sampleId]?.state).toBe('connected');
    await vi.waitFor(() => expect(stores.schema.getState().schemaByConnection[sampleId]).toBeDefined());
    const tables = stores.schema.getState().schemaByConnection[sampleId]!.schemas.flatMap((s) => s.tables);
    expect(tables.map((t) => t.name)).toContain('customers');
  });

  it('persists tabs with their kind and restores them, the active one included', async () => {
    const first = await booted();
    const a = first.tabs.getState().openTab({ kind: 'sql', sql: 'SELECT 1 AS a' });
    const b = first.tabs.getState().openTab({ kind: 'sql', sql: 'SELECT 2 AS b', connectionId: otherId });
    first.tabs.getState().setActiveTab(a);
    await first.tabs.getState().persistTabs();
    expect((await core.client.workspace.loadTabs({})).tabs.map((t) => t.kind)).toEqual(['sql', 'sql']);

    const again = await booted();
    const tabs = again.tabs.getState().tabs;
    expect(tabs.map((t) => t.id)).toEqual([a, b]);
    expect(again.tabs.getState().activeTabId).toBe(a);
    expect(sqlOf(again, b)).toBe('SELECT 2 AS b');
    expect(tabs[1]!.connectionId).toBe(otherId);
  });

  it('shows the active tab’s connection in the sidebar and opens new tabs on it', async () => {
    const stores = await booted();
    const onSample = stores.tabs.getState().openTab({ kind: 'sql', sql: 'SELECT 1', connectionId: sampleId });
    const onOther = stores.tabs.getState().openTab({ kind: 'sql', sql: 'SELECT 2', connectionId: otherId });
    expect(stores.connections.getState().selectedConnectionId).toBe(otherId);
    stores.tabs.getState().setActiveTab(onSample);
    expect(selectSelectedConnection(stores.connections.getState())?.id).toBe(sampleId);
    stores.tabs.getState().setActiveTab(onOther);
    // "+": a new tab on the connection in use
    const fresh = stores.tabs.getState().openTab({ kind: 'sql' });
    expect(stores.tabs.getState().tabs.find((t) => t.id === fresh)!.connectionId).toBe(otherId);
    // binding a tab to another connection moves the sidebar along
    stores.tabs.getState().setTabConnection(fresh, sampleId);
    expect(stores.connections.getState().selectedConnectionId).toBe(sampleId);
  });

  it('focuses the tab that already holds the same SQL on the same connection instead of opening a twin', async () => {
    const stores = await booted();
    const before = stores.tabs.getState().tabs.length;
    const first = stores.tabs.getState().openTab({ kind: 'sql', sql: 'SELECT 42', connectionId: sampleId });
    stores.tabs.getState().openTab({ kind: 'sql', sql: 'SELECT 7' });
    const second = stores.tabs.getState().openTab({ kind: 'sql', sql: '  SELECT 42\n', connectionId: sampleId });
    expect(second).toBe(first);
    expect(stores.tabs.getState().activeTabId).toBe(first);
    expect(stores.tabs.getState().tabs).toHaveLength(before + 2);
    // the same SQL on another connection is another tab
    expect(stores.tabs.getState().openTab({ kind: 'sql', sql: 'SELECT 42', connectionId: otherId })).not.toBe(first);
  });

  it('moves to the next and previous tab, wrapping around', async () => {
    const stores = await booted();
    const ids = [1, 2, 3].map((n) => stores.tabs.getState().openTab({ kind: 'sql', sql: `SELECT ${n}0${n}` }));
    const all = stores.tabs.getState().tabs.map((t) => t.id);
    stores.tabs.getState().setActiveTab(ids[2]!);
    stores.tabs.getState().activateAdjacentTab(1);
    expect(stores.tabs.getState().activeTabId).toBe(all[(all.indexOf(ids[2]!) + 1) % all.length]);
    stores.tabs.getState().activateAdjacentTab(-1);
    expect(stores.tabs.getState().activeTabId).toBe(ids[2]);
  });

  it('runs a batch: words each result by statement kind and refreshes the tree’s row counts', async () => {
    const stores = await booted();
    await vi.waitFor(() => expect(stores.schema.getState().schemaByConnection[sampleId]).toBeDefined());
    const countOf = () =>
      stores.schema
        .getState()
        .schemaByConnection[sampleId]!.schemas.flatMap((s) => s.tables)
        .find((t) => t.name === 'categories')!.rowCount;
    const before = countOf()!;
    const sql = [
      'CREATE TABLE store_test (id INTEGER PRIMARY KEY, v TEXT)',
      "INSERT INTO store_test (v) VALUES ('a'), ('b')",
      "UPDATE store_test SET v = 'c'",
      "INSERT INTO categories (name) VALUES ('store test category')",
      'SELECT * FROM store_test',
    ].join(';\n');
    const tabId = stores.tabs.getState().openTab({ kind: 'sql', sql, connectionId: sampleId });
    // the UPDATE without WHERE asks first (the confirmation dialog answers through the ui store)
    const asked: string[] = [];
    const unsubscribe = stores.ui.subscribe((s) => {
      if (!s.confirmation) return;
      asked.push(s.confirmation.message);
      s.confirmation.answer(true);
    });
    await stores.results.getState().runAll(tabId);
    unsubscribe();
    expect(asked).toEqual(['This UPDATE has no WHERE clause: it changes every row of the table.']);

    const batch = stores.results.getState().resultsByEditorTab[tabId]!;
    const results = batch.ids.map((id) => stores.results.getState().resultsById[id]!);
    expect(results.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(statusText(results[0]!)).toMatch(/^Statement executed · /);
    expect(statusText(results[1]!)).toMatch(/^2 rows affected · /);
    expect(lastInsertIdText(results[1]!)).toBe('Last insert id: 2');
    expect(statusText(results[2]!)).toMatch(/^2 rows affected · /);
    expect(lastInsertIdText(results[2]!)).toBeNull();
    expect(statusText(results[4]!)).toMatch(/^2 rows · /);
    // the new table and the new category show in the tree without a manual refresh
    await vi.waitFor(() => expect(countOf()).toBe(before + 1));
    const names = stores.schema.getState().schemaByConnection[sampleId]!.schemas.flatMap((s) => s.tables);
    expect(names.map((t) => t.name)).toContain('store_test');
  });

  it('stops a batch at the first failure and says what was not run', async () => {
    const stores = await booted();
    const tabId = stores.tabs.getState().openTab({
      kind: 'sql',
      sql: 'SELECT 1; SELECT * FROM no_such_table; SELECT 3; SELECT 4',
      connectionId: sampleId,
    });
    await stores.results.getState().runAll(tabId);
    const batch = stores.results.getState().resultsByEditorTab[tabId]!;
    expect(batch.ids).toHaveLength(2);
    expect(batch.notice).toBe('Statement 2 failed; 2 statements after it were not run.');
    expect(stores.results.getState().resultsById[batch.ids[1]!]!.error?.code).toBeDefined();
  });

  it('reads ahead to a far row and to the last row of a big result, page by page', async () => {
    const stores = await booted();
    const sql = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) SELECT x FROM c';
    const tabId = stores.tabs.getState().openTab({ kind: 'sql', sql, connectionId: sampleId });
    await stores.results.getState().runAll(tabId);
    const resultId = stores.results.getState().resultsByEditorTab[tabId]!.activeId!;
    const result = () => stores.results.getState().resultsById[resultId]!;
    expect(result().done).toBe(false);

    await stores.results.getState().goToRow(resultId, 250_000);
    expect(result().rowsLoaded).toBeGreaterThan(250_000);
    expect(result().readingAhead).toBeNull();
    stores.results.getState().ensureRows(resultId, 250_000, 250_010);
    await vi.waitFor(() => expect(stores.results.getState().readRow(resultId, 250_000)).toEqual([250_001]));

    await stores.results.getState().goToEnd(resultId);
    expect(result()).toMatchObject({ done: true, rowsLoaded: 300_000, readingAhead: null });
  });

  it('closing a tab drops its results', async () => {
    const stores = await booted();
    const tabId = stores.tabs.getState().openTab({ kind: 'sql', sql: 'SELECT 99', connectionId: sampleId });
    await stores.results.getState().runAll(tabId);
    const [resultId] = stores.results.getState().resultsByEditorTab[tabId]!.ids;
    stores.tabs.getState().closeTab(tabId);
    expect(stores.results.getState().resultsByEditorTab[tabId]).toBeUndefined();
    expect(stores.results.getState().resultsById[resultId!]).toBeUndefined();
  });

  it('saves a tab as a query, then opens the saved query in that same tab', async () => {
    const stores = await booted();
    const tabId = stores.tabs.getState().openTab({ kind: 'sql', sql: 'SELECT 5 AS five', connectionId: sampleId });
    stores.tabs.getState().updateSql(tabId, 'SELECT 6 AS six');
    expect(selectSqlTab(stores.tabs.getState(), tabId)!.dirty).toBe(true);
    const saved = await stores.tabs.getState().saveTabQuery(tabId, 'store-tests/six.sql');
    expect(saved?.path).toBe('store-tests/six.sql');
    expect(selectSqlTab(stores.tabs.getState(), tabId)).toMatchObject({ dirty: false, title: 'six' });

    await stores.history.getState().loadSavedQueries();
    const query = stores.history.getState().savedQueries.find((q) => q.path === 'store-tests/six.sql')!;
    await stores.history.getState().openSavedQuery(query);
    expect(stores.tabs.getState().activeTabId).toBe(tabId);
    stores.tabs.getState().updateSql(tabId, 'SELECT 6 AS six ');
    expect(selectActiveTab(stores.tabs.getState())).toMatchObject({ dirty: true });
  });

  it('asks before closing a tab with unsaved SQL, and not for an empty one', async () => {
    const stores = await booted();
    const empty = stores.tabs.getState().openTab({ kind: 'sql' });
    stores.tabs.getState().requestCloseTab(empty);
    expect(stores.tabs.getState().tabs.some((t) => t.id === empty)).toBe(false);
    const typed = stores.tabs.getState().openTab({ kind: 'sql' });
    stores.tabs.getState().updateSql(typed, 'SELECT 1');
    stores.tabs.getState().requestCloseTab(typed);
    expect(stores.tabs.getState().closeTabPromptId).toBe(typed);
    stores.tabs.getState().cancelCloseTab();
    expect(stores.tabs.getState().tabs.some((t) => t.id === typed)).toBe(true);
  });

  it('unbinds the tabs of a deleted connection', async () => {
    const stores = await booted();
    const doomed = await stores.connections.getState().createConnection({
      name: 'Doomed',
      params: { engine: 'sqlite', file: core.file('doomed.db'), create: true },
    });
    const tabId = stores.tabs.getState().openTab({ kind: 'sql', sql: 'SELECT 1', connectionId: doomed.id });
    await stores.connections.getState().deleteConnection(doomed.id);
    expect(stores.tabs.getState().tabs.find((t) => t.id === tabId)!.connectionId).toBeNull();
    expect(stores.connections.getState().connections.some((c) => c.id === doomed.id)).toBe(false);
  });
});
