import { client, onTransportDisconnected, onTransportReconnected, onTransportResync } from '../rpc/client';
import type { AppStores } from '../stores/create-app-stores';
import { selectActiveTab } from '../stores/tabs.store';

const SAMPLE_STARTER = 'SELECT * FROM customers LIMIT 100;\n';
const BLANK_STARTER =
  '-- Write SQL here, then press Ctrl+Enter (Cmd+Enter on macOS) to run the statement at the cursor.\n';

/** Applies pushed events to the stores: the backend is the source of truth, the stores copies kept fresh. */
function subscribeEvents(stores: AppStores): void {
  const { connections, schema, history, ui, notifications, tabs } = stores;
  client.on('connection.statusChanged', (status) => {
    const before = connections.getState().statusById[status.connectionId]?.state;
    connections.getState().applyConnectionStatus(status);
    if (
      status.state === 'connected' &&
      before !== 'connected' &&
      connections.getState().selectedConnectionId === status.connectionId
    ) {
      void schema.getState().loadSchema(status.connectionId);
    }
  });

  // several executions may land at once (run all): refresh history once they settle
  let historyTimer: ReturnType<typeof setTimeout> | null = null;
  client.on('history.appended', ({ connectionId }) => {
    if (ui.getState().sidebarPanel !== 'history') return;
    if (!history.getState().historyAllConnections && connections.getState().selectedConnectionId !== connectionId)
      return;
    if (historyTimer) clearTimeout(historyTimer);
    historyTimer = setTimeout(() => {
      historyTimer = null;
      void history.getState().loadHistory();
    }, 150);
  });

  // mocks: live status and request logs (the store bounds each log)
  client.on('mock.statusChanged', (summary) => stores.mocks.getState().applyStatus(summary));
  client.on('mock.requestsLogged', (batch) => {
    stores.mocks.getState().applyRequests(batch);
    // a full batch left requests out: read the log again while they are still in it
    if (batch.skipped > 0) void stores.mocks.getState().loadRequests(batch.path);
  });

  // events were missed beyond what the host could replay: re-read what they would have changed
  onTransportResync(() => {
    void stores.results.getState().refreshRunningExports();
    void stores.transfer.getState().refreshRunningImport();
    void stores.transfer.getState().refreshRunningExports();
    void connections.getState().loadConnections();
    if (stores.mocks.getState().loaded) void stores.mocks.getState().resync();
    // an http.filesChanged missed while away: the tree and the environments are read again
    if (stores.http.getState().collections !== null) void stores.http.getState().loadCollections();
    void stores.httpEnvironments.getState().loadEnvironments();
  });

  onTransportDisconnected(() => ui.getState().setHostReachable(false));
  onTransportReconnected(() => {
    ui.getState().setHostReachable(true);
    // the outage's errors are stale now; edits made meanwhile failed to save, so save them again
    notifications.getState().dismissCode('CONNECTION_LOST');
    if (tabs.getState().tabsLoaded) void tabs.getState().persistTabs();
    void connections.getState().loadConnections();
    if (ui.getState().sidebarPanel === 'history') void history.getState().loadHistory();
  });

  // a query saved from the editor shows up in the saved-queries list without a manual refresh
  let savedPaths = '';
  tabs.subscribe((state) => {
    const paths = state.tabs
      .map((t) => (t.kind === 'sql' ? (t.savedPath ?? '') : ''))
      .filter(Boolean)
      .sort()
      .join('\n');
    if (paths === savedPaths) return;
    savedPaths = paths;
    if (ui.getState().sidebarPanel === 'saved') void history.getState().loadSavedQueries();
  });

  // best effort: the debounced save may not have fired yet when the window closes
  window.addEventListener('beforeunload', () => tabs.getState().flushPendingSave());
}

/**
 * Start-up: app info → saved connections → the tabs of the last session (the sidebar and header then show the
 * active tab's connection) or one starter tab on the sample (or first) connection → connect what is shown.
 */
export async function bootstrap(stores: AppStores): Promise<void> {
  subscribeEvents(stores);
  const { connections, tabs, notifications } = stores;
  const info = await connections.getState().loadAppInfo();
  await connections.getState().loadConnections();
  const list = connections.getState().connections;
  const fallback =
    list.find((c) => c.id === info?.sampleConnectionId) ?? list.find((c) => c.isSample) ?? list[0] ?? null;
  // the connection of a tab restored without one (its connection was deleted), and of a starter tab
  if (fallback) connections.getState().selectConnection(fallback.id);
  try {
    await tabs.getState().loadTabs();
  } catch (error) {
    notifications.getState().notifyError('Could not restore the editor tabs', error);
  }
  void stores.data.getState().mentionDrafts();
  if (tabs.getState().tabs.length === 0) {
    tabs.getState().openTab({
      kind: 'sql',
      sql: fallback?.isSample ? SAMPLE_STARTER : BLANK_STARTER,
      connectionId: fallback?.id ?? null,
      title: 'Query 1',
    });
  }
  const shown = selectActiveTab(tabs.getState())?.connectionId ?? connections.getState().selectedConnectionId;
  if (shown) {
    connections.getState().selectConnection(shown);
    if (connections.getState().statusById[shown]?.state !== 'connected') void connections.getState().connect(shown);
  }
}
