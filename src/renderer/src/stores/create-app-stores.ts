import type { EditorTabKind } from '../../../shared/domain';
import { safetyOf } from '../../../shared/connection-safety';
import { createConnectionsStore, selectEngine } from './connections.store';
import { createDataStore, type DataTabView } from './data.store';
import { createDesignerStore, type LayoutFn } from './designer.store';
import { createHistoryStore } from './history.store';
import { createHttpStore } from './http.store';
import { createHttpEnvironmentsStore, type PrefsStorage } from './http-environments.store';
import { createHttpHistoryStore } from './http-history.store';
import { countRequests, createHttpRunnerStore } from './http-runner.store';
import { createMocksStore } from './mocks.store';
import { createNotificationsStore } from './notifications.store';
import { createResultsStore, PAGE_SIZE } from './results.store';
import { createSchemaStore } from './schema.store';
import type { AppClient, Notifier } from './store-deps';
import type { HttpTabState, TabModel } from './tab-types';
import type { TransferDeps } from './transfer.store';
import { createTabsStore, selectActiveTab } from './tabs.store';
import { createTransferStore } from './transfer.store';
import { createUiStore, type UiStorage } from './ui.store';

export interface AppStoresOptions {
  client: AppClient;
  /** Uploads a file to import to the browser host (absent on the desktop, which uses its open dialog). */
  upload?: TransferDeps['upload'];
  /** How each tab kind is created and stored (from the registry in the app). */
  tabModel<K extends EditorTabKind>(kind: K): TabModel<K>;
  uiStorage: UiStorage;
  viewportWidth: number;
  tabsSaveDebounceMs?: number;
  toastMs?: number;
  draftDebounceMs?: number;
  /** Where the chosen HTTP environment is kept per workspace (localStorage when absent, else memory). */
  prefsStorage?: PrefsStorage;
  /** The designer's auto-layout (ELK in a web worker in the app; absent in Node tests). */
  designLayout?: LayoutFn;
  designSaveDebounceMs?: number;
}

/**
 * One store per domain, linked by explicit functions (no store reads another's state type): the composition
 * root of the renderer's state. The app makes one set over the real client; tests make theirs over an
 * in-memory transport.
 */
export function createAppStores(options: AppStoresOptions) {
  const { client } = options;
  const notifications = createNotificationsStore({ infoMs: options.toastMs });
  const note: Notifier = {
    notify: (toast) => notifications.getState().notify(toast),
    notifyError: (title, error, key) => notifications.getState().notifyError(title, error, key),
    dismissKey: (key) => notifications.getState().dismissKey(key),
  };
  const ui = createUiStore(options.uiStorage, options.viewportWidth);
  const schema = createSchemaStore({ client, notifier: note });
  const connections = createConnectionsStore({
    client,
    notifier: note,
    onSchemaWanted: (id) => void schema.getState().loadSchema(id),
    onDeleted: (id) => {
      schema.getState().forgetSchema(id);
      tabs.getState().detachConnection(id);
    },
  });
  const ensureConnected = async (id: string) =>
    connections.getState().statusById[id]?.state === 'connected' || (await connections.getState().connect(id));
  const tabs = createTabsStore({
    client,
    notifier: note,
    tabModel: options.tabModel,
    defaultConnectionId: () => connections.getState().selectedConnectionId,
    connectionIds: () => new Set(connections.getState().connections.map((c) => c.id)),
    onTabClosed: (id) => {
      results.getState().disposeResults(id);
      data.getState().disposeTab(id);
      transfer.getState().forgetTableExport(id);
      http.getState().disposeTab(id);
      httpRunner.getState().disposeTab(id);
      // a closed design's pending edits are written before it is forgotten
      const designPaths = new Set(tabs.getState().tabs.flatMap((t) => (t.kind === 'design' ? [t.path] : [])));
      void designer.getState().release(designPaths);
    },
    onConnectionChosen: (id) => {
      if (connections.getState().statusById[id]?.state !== 'connected') void connections.getState().connect(id);
      else void schema.getState().loadSchema(id);
    },
    saveDebounceMs: options.tabsSaveDebounceMs,
  });
  const safetyById = (id: string) => {
    const saved = connections.getState().connections.find((c) => c.id === id);
    return saved ? safetyOf(saved.params) : 'normal';
  };
  // what rows a data tab shows, for data.open and data.export
  const dataViewOf = (id: string): DataTabView | undefined => {
    const tab = tabs.getState().tabs.find((t) => t.id === id);
    if (tab?.kind !== 'data' || !tab.connectionId) return undefined;
    const { connectionId, schema, table, sort, filters, where } = tab;
    // filters are stored as typed; data.open checks them and says which one is wrong
    return { connectionId, schema, table, sort, filters: filters as DataTabView['filters'], where };
  };
  const results = createResultsStore({
    client,
    notifier: note,
    readTab: (id) => {
      const tab = tabs.getState().tabs.find((t) => t.id === id);
      return tab?.kind === 'sql' ? { sql: tab.sql, connectionId: tab.connectionId } : undefined;
    },
    dialectOf: (id) => selectEngine(connections.getState(), id),
    ensureConnected,
    nativeDialogs: () => connections.getState().appInfo?.nativeDialogs === true,
    dataViewOf,
    onChanged: (id) => void schema.getState().refreshAfterChange(id),
    safetyOf: safetyById,
    confirm: (request) => ui.getState().askConfirmation(request),
  });
  const data = createDataStore({
    client,
    notifier: note,
    readView: dataViewOf,
    updateView: (id, view) => tabs.getState().updateDataView(id, view),
    ensureConnected,
    showResult: (id, run) => results.getState().adoptResult(id, run),
    hasOpenTab: (t) =>
      tabs
        .getState()
        .tabs.some(
          (tab) =>
            tab.kind === 'data' &&
            tab.connectionId === t.connectionId &&
            tab.table === t.table &&
            (tab.schema === t.schema || tab.schema === null || t.schema === null),
        ),
    connectionName: (id) => connections.getState().connections.find((c) => c.id === id)?.name,
    onChanged: (id) => void schema.getState().refreshAfterChange(id),
    pageSize: PAGE_SIZE,
    draftDebounceMs: options.draftDebounceMs,
    safetyOf: safetyById,
    confirm: (request) => ui.getState().askConfirmation(request),
  });
  const transfer = createTransferStore({
    client,
    notifier: note,
    upload: options.upload,
    engineOf: (id) => selectEngine(connections.getState(), id),
    dataViewOf,
    nativeDialogs: () => connections.getState().appInfo?.nativeDialogs === true,
    onImported: (t) => {
      const sameSchema = (a: string | null, b: string | null) => a === b || a === null || b === null;
      // the tree's count of the table once read again (exact on SQLite), for the data tabs' counts
      const counted = schema
        .getState()
        .refreshAfterChange(t.connectionId)
        .then(() => {
          const tree = schema.getState().schemaByConnection[t.connectionId];
          for (const s of tree?.schemas ?? []) {
            if (!sameSchema(s.name, t.schema)) continue;
            const table = s.tables.find((x) => x.name === t.table);
            if (table) return { rows: table.rowCount, exact: table.rowCountExact };
          }
          return null;
        });
      // open data tabs of the table show the new rows and count (staged edits are kept across a reload)
      for (const tab of tabs.getState().tabs)
        if (
          tab.kind === 'data' &&
          tab.connectionId === t.connectionId &&
          tab.table === t.table &&
          sameSchema(tab.schema, t.schema) &&
          data.getState().byTab[tab.id]
        )
          void data.getState().reloadAfterWrite(tab.id, counted);
    },
  });
  const history = createHistoryStore({
    client,
    notifier: note,
    scopeConnectionId: () => connections.getState().selectedConnectionId,
    openQueryTab: ({ sql, path, name }) => tabs.getState().openTab({ kind: 'sql', sql, savedPath: path, title: name }),
  });

  const mocks = createMocksStore({
    client,
    notifier: note,
    upload: options.upload,
    // a deleted mock's tabs close (there is nothing left to edit)
    onDeleted: (path) => {
      for (const tab of tabs.getState().tabs)
        if (tab.kind === 'mock' && tab.path === path) tabs.getState().closeTab(tab.id);
    },
  });

  const http = createHttpStore({
    client,
    notifier: note,
    updateTab: (id, patch) => tabs.getState().updateHttpTab(id, patch),
    tabOf: (id) => tabs.getState().tabs.find((t): t is HttpTabState => t.id === id && t.kind === 'http'),
    environment: () => httpEnvironments.getState().selected,
  });
  const httpEnvironments = createHttpEnvironmentsStore({
    client,
    notifier: note,
    prefs: options.prefsStorage ?? localPrefs(),
  });
  // live pickup of collections and environments changed outside the app (a git pull)
  client.on('http.filesChanged', (change) => {
    void http.getState().applyFilesChanged(change.collections);
    httpEnvironments.getState().applyFilesChanged(change);
  });

  // a past send re-opened: a new request tab holding its request and the response it got
  const httpHistory = createHttpHistoryStore({
    client,
    notifier: note,
    openSend: ({ title, request, response, error }) => {
      const id = tabs.getState().openTab({ kind: 'http', connectionId: null, title });
      http.getState().ensureSession(id, request);
      http.setState((s) => {
        const session = s.byTab[id];
        return session ? { byTab: { ...s.byTab, [id]: { ...session, response, error } } } : s;
      });
    },
  });

  // collection runs (run tabs), their progress from http.runProgressed
  const httpRunner = createHttpRunnerStore({
    client,
    notifier: note,
    environment: () => httpEnvironments.getState().selected,
    requestCount: (path) => countRequests(http.getState().collections, path),
  });

  // schema designs (issue 9): the Designs panel and the design tabs
  const designer = createDesignerStore({
    client,
    notifier: note,
    layout: options.designLayout,
    saveDebounceMs: options.designSaveDebounceMs,
    onDeleted: (path) => {
      for (const tab of tabs.getState().tabs)
        if (tab.kind === 'design' && tab.path === path) tabs.getState().closeTab(tab.id);
    },
  });
  client.on('designer.filesChanged', ({ paths }) => void designer.getState().applyFilesChanged(paths));

  // the sidebar tree and the header show the active tab's connection: follow it when the active tab changes or
  // is bound to another connection (a click in the connections list still shows any other one meanwhile)
  let followed: string | null = null;
  tabs.subscribe((state) => {
    const connectionId = selectActiveTab(state)?.connectionId ?? null;
    if (connectionId === followed) return;
    followed = connectionId;
    if (connectionId) connections.getState().selectConnection(connectionId);
  });

  return {
    ui,
    notifications,
    connections,
    schema,
    tabs,
    results,
    data,
    history,
    transfer,
    mocks,
    http,
    httpEnvironments,
    httpHistory,
    httpRunner,
    designer,
  };
}

/** localStorage where there is one (the app), a map otherwise (tests in Node). */
function localPrefs(): PrefsStorage {
  const memory = new Map<string, string>();
  const storage = typeof localStorage === 'undefined' ? null : localStorage;
  return {
    read: (key) => (storage ? storage.getItem(key) : (memory.get(key) ?? null)),
    write: (key, value) => {
      if (value === null) {
        if (storage) storage.removeItem(key);
        else memory.delete(key);
      } else if (storage) storage.setItem(key, value);
      else memory.set(key, value);
    },
  };
}

export type AppStores = ReturnType<typeof createAppStores>;
