import { client, onTransportDisconnected, onTransportReconnected } from '../rpc/client';
import { useAppStore } from '../stores/app-store';

const SAMPLE_STARTER = 'SELECT * FROM customers LIMIT 100;\n';
const BLANK_STARTER =
  '-- Write SQL here, then press Ctrl+Enter (Cmd+Enter on macOS) to run the statement at the cursor.\n';

/** Applies pushed events to the store: the backend is the source of truth, the store a copy kept fresh. */
function subscribeEvents(): void {
  client.on('connection.statusChanged', (status) => {
    const before = useAppStore.getState().statusById[status.connectionId]?.state;
    useAppStore.getState().applyConnectionStatus(status);
    const state = useAppStore.getState();
    if (status.state === 'connected' && before !== 'connected' && state.selectedConnectionId === status.connectionId) {
      void state.loadSchema(status.connectionId);
    }
  });

  // several executions may land at once (run all): refresh history once they settle
  let historyTimer: ReturnType<typeof setTimeout> | null = null;
  client.on('history.appended', ({ connectionId }) => {
    const state = useAppStore.getState();
    if (state.sidebarPanel !== 'history') return;
    if (!state.historyAllConnections && state.selectedConnectionId !== connectionId) return;
    if (historyTimer) clearTimeout(historyTimer);
    historyTimer = setTimeout(() => {
      historyTimer = null;
      void useAppStore.getState().loadHistory();
    }, 150);
  });

  onTransportDisconnected(() => useAppStore.getState().setHostReachable(false));
  onTransportReconnected(() => {
    const state = useAppStore.getState();
    state.setHostReachable(true);
    // the outage's errors are stale now; edits made meanwhile failed to save, so save them again
    state.dismissToastsWithCode('CONNECTION_LOST');
    if (state.tabsLoaded) void state.persistTabs();
    void state.loadConnections();
    if (state.sidebarPanel === 'history') void state.loadHistory();
  });

  // a query saved from the editor shows up in the saved-queries list without a manual refresh
  let savedPaths = '';
  useAppStore.subscribe((state) => {
    const paths = state.tabs
      .map((t) => t.savedPath ?? '')
      .filter(Boolean)
      .sort()
      .join('\n');
    if (paths === savedPaths) return;
    savedPaths = paths;
    if (state.sidebarPanel === 'saved') void state.loadSavedQueries();
  });
}

/**
 * Start-up: app info → saved connections → select and connect the sample (or first) connection → its schema →
 * the editor tabs of the last session (or one starter tab).
 */
export async function bootstrap(): Promise<void> {
  subscribeEvents();
  const store = useAppStore.getState;
  const info = await store().loadAppInfo();
  await store().loadConnections();
  const { connections } = store();
  const target =
    connections.find((c) => c.id === info?.sampleConnectionId) ?? connections.find((c) => c.isSample) ?? connections[0];
  if (target) {
    store().selectConnection(target.id);
    // the tabs can load while the connection opens
    void store().connect(target.id);
  }
  try {
    await store().loadTabs();
  } catch (error) {
    store().notifyError('Could not restore the editor tabs', error);
  }
  if (store().tabs.length === 0) {
    store().openTab({
      sql: target?.isSample ? SAMPLE_STARTER : BLANK_STARTER,
      connectionId: target?.id ?? null,
      title: 'Query 1',
    });
  }
}
