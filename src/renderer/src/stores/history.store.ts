import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';
import type { HistoryEntry, SavedQuery } from '../../../shared/domain';
import { toErrorShape } from '../rpc/error-shape';
import type { AppClient, Notifier } from './store-deps';

const HISTORY_PAGE = 200;

export interface HistoryState {
  historyEntries: HistoryEntry[];
  historyTotal: number;
  historyLoading: boolean;
  historyError: AppErrorShape | null;
  historySearch: string;
  /** Show every connection's history instead of the selected one's. */
  historyAllConnections: boolean;
  loadHistory(): Promise<void>;
  setHistorySearch(search: string): void;
  setHistoryAllConnections(all: boolean): void;
  /** Clears the history shown: the selected connection's, or everything with "all connections". */
  clearHistory(): Promise<void>;

  savedQueries: SavedQuery[];
  savedQueriesLoading: boolean;
  savedQueriesError: AppErrorShape | null;
  loadSavedQueries(): Promise<void>;
  /** Reads a saved .sql file and opens it in a new editor tab bound to that file. */
  openSavedQuery(query: SavedQuery): Promise<void>;
  deleteSavedQuery(path: string): Promise<void>;
}

export interface HistoryDeps {
  client: AppClient;
  notifier: Notifier;
  /** The connection whose history is shown (the selected one). */
  scopeConnectionId(): string | null;
  /** Opens a saved query's text in a tab bound to its file. */
  openQueryTab(query: { sql: string; path: string; name: string }): void;
}

/** History of executions and the workspace's saved queries: the two ways back to SQL run before. */
export function createHistoryStore({ client, notifier, scopeConnectionId, openQueryTab }: HistoryDeps) {
  // a later answer must not be overwritten by a slower earlier one (search-as-you-type)
  let historyRequest = 0;
  return create<HistoryState>()((set, get) => ({
    historyEntries: [],
    historyTotal: 0,
    historyLoading: false,
    historyError: null,
    historySearch: '',
    historyAllConnections: false,

    async loadHistory() {
      const { historyAllConnections, historySearch } = get();
      const selectedConnectionId = scopeConnectionId();
      if (!historyAllConnections && !selectedConnectionId) {
        set({ historyEntries: [], historyTotal: 0, historyError: null });
        return;
      }
      const request = ++historyRequest;
      set({ historyLoading: true });
      try {
        const search = historySearch.trim();
        const { entries, total } = await client.history.list({
          connectionId: historyAllConnections ? undefined : (selectedConnectionId ?? undefined),
          search: search || undefined,
          limit: HISTORY_PAGE,
        });
        if (request === historyRequest) set({ historyEntries: entries, historyTotal: total, historyError: null });
      } catch (error) {
        if (request === historyRequest) set({ historyError: toErrorShape(error) });
      } finally {
        if (request === historyRequest) set({ historyLoading: false });
      }
    },

    setHistorySearch(search) {
      set({ historySearch: search });
    },

    setHistoryAllConnections(all) {
      set({ historyAllConnections: all });
      void get().loadHistory();
    },

    async clearHistory() {
      const { historyAllConnections } = get();
      const selectedConnectionId = scopeConnectionId();
      try {
        const { removed } = await client.history.clear({
          connectionId: historyAllConnections ? undefined : (selectedConnectionId ?? undefined),
        });
        notifier.notify({
          kind: 'success',
          title: 'History cleared',
          message: `${removed.toLocaleString('en-US')} entries removed.`,
        });
      } catch (error) {
        notifier.notifyError('Could not clear the history', error);
      }
      await get().loadHistory();
    },

    savedQueries: [],
    savedQueriesLoading: false,
    savedQueriesError: null,

    async loadSavedQueries() {
      set({ savedQueriesLoading: true });
      try {
        set({ savedQueries: await client.workspace.listQueries({}), savedQueriesError: null });
      } catch (error) {
        set({ savedQueriesError: toErrorShape(error) });
      } finally {
        set({ savedQueriesLoading: false });
      }
    },

    async openSavedQuery(query) {
      try {
        const { sql, path } = await client.workspace.readQuery({ path: query.path });
        openQueryTab({ sql, path, name: query.name });
      } catch (error) {
        notifier.notifyError(`Could not open ${query.path}`, error);
      }
    },

    async deleteSavedQuery(path) {
      try {
        await client.workspace.deleteQuery({ path });
      } catch (error) {
        notifier.notifyError(`Could not delete ${path}`, error);
      }
      await get().loadSavedQueries();
    },
  }));
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;
