import { create } from 'zustand';
import type { EditorTab, EditorTabKind, SavedQuery } from '../../../shared/domain';
import type { AppClient, Notifier } from './store-deps';
import type {
  DataTabState,
  HttpTabState,
  NewTab,
  NewTabOfKind,
  StoredTabOfKind,
  TabModel,
  TabOfKind,
  TabState,
} from './tab-types';

export interface TabsState {
  tabs: TabState[];
  activeTabId: string | null;
  /** True once loadTabs finished; tabs are not persisted before that so a slow start never wipes them. */
  tabsLoaded: boolean;
  /** The tab whose close waits for the user to confirm losing its work, if any. */
  closeTabPromptId: string | null;
  /**
   * Opens (and activates) a tab; returns its id. When a tab already shows what `init` asks for (the same saved
   * file, the same SQL on the same connection) that one is activated instead.
   */
  openTab(init: NewTab): string;
  /** Closes the tab at once, unsaved work or not (the confirm dialog's "close" path). */
  closeTab(id: string): void;
  /** Closes the tab, first asking (closeTabPromptId) when that would lose work. */
  requestCloseTab(id: string): void;
  cancelCloseTab(): void;
  renameTab(id: string, title: string): void;
  setActiveTab(id: string): void;
  /** Activates the tab `delta` places to the right (negative: left), wrapping around. */
  activateAdjacentTab(delta: number): void;
  setTabConnection(id: string, connectionId: string | null): void;
  /**
   * Unbinds every tab from a deleted connection: the tab then asks for a connection instead of quietly running
   * its SQL somewhere else.
   */
  detachConnection(connectionId: string): void;
  /** Replaces a SQL tab's text (every keystroke). */
  updateSql(id: string, sql: string): void;
  /** Changes what a data tab shows (sort, filters, raw WHERE); stored with the tab. */
  updateDataView(id: string, view: Partial<Pick<DataTabState, 'sort' | 'filters' | 'where'>>): void;
  /** Keeps an HTTP tab's draft, dirty flag, file and title (the http store calls it; stored with the tab). */
  updateHttpTab(id: string, patch: Partial<Pick<HttpTabState, 'draft' | 'dirty' | 'path' | 'title'>>): void;
  /**
   * Writes a SQL tab's text to a .sql file in the workspace. `path` is required the first time (the UI asks for
   * a name); afterwards the tab's savedPath is reused. Resolves to null when it failed (a toast says why).
   */
  saveTabQuery(id: string, path?: string): Promise<SavedQuery | null>;
  /** Restores the tabs of the last session (called once at start). */
  loadTabs(): Promise<void>;
  /** Persists the tabs now (the debounced save calls this). */
  persistTabs(): Promise<void>;
  /** Saves at once when a debounced save is pending (the window is closing). */
  flushPendingSave(): void;
}

export interface TabsDeps {
  client: AppClient;
  notifier: Notifier;
  /** How each tab kind is created, stored and compared (registered by features). */
  tabModel<K extends EditorTabKind>(kind: K): TabModel<K>;
  /** The connection a new tab gets when the opener names none. */
  defaultConnectionId(): string | null;
  /** Ids of the saved connections (a restored tab whose connection was deleted falls back to the default). */
  connectionIds(): ReadonlySet<string>;
  /** A tab was closed: its results go with it. */
  onTabClosed(tabId: string): void;
  /** The user bound a tab to a connection: open it (and its schema). */
  onConnectionChosen(connectionId: string): void;
  saveDebounceMs?: number;
}

/** The active tab, if any. */
export const selectActiveTab = (s: TabsState): TabState | undefined => s.tabs.find((t) => t.id === s.activeTabId);

/** A SQL tab by id (undefined for another kind or a closed tab). */
export const selectSqlTab = (s: TabsState, id: string): TabOfKind<'sql'> | undefined => {
  const tab = s.tabs.find((t) => t.id === id);
  return tab?.kind === 'sql' ? tab : undefined;
};

const MAX_STORED_TABS = 200;

/** The open tabs of every kind, which one is active, and their persistence between sessions. */
export function createTabsStore(deps: TabsDeps) {
  const { client, notifier } = deps;
  const model = <K extends EditorTabKind>(kind: K): TabModel<K> => deps.tabModel(kind);
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let untitledCounter = 0;

  return create<TabsState>()((set, get) => {
    const scheduleSave = () => {
      if (!get().tabsLoaded) return;
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => {
        saveTimer = null;
        void get().persistTabs();
      }, deps.saveDebounceMs ?? 500);
    };
    const patchTab = (id: string, patch: (tab: TabState) => Partial<TabState>) => {
      set((s) => ({ tabs: s.tabs.map((t) => (t.id === id ? ({ ...t, ...patch(t) } as TabState) : t)) }));
      scheduleSave();
    };
    const untitled = (prefix: string) => {
      const used = new Set(get().tabs.map((t) => t.title));
      do untitledCounter++;
      while (used.has(`${prefix} ${untitledCounter}`));
      return `${prefix} ${untitledCounter}`;
    };

    /** Compares restored SQL tabs with their .sql files so the dirty dot is right after a restart. */
    const refreshDirtyFromFiles = async (tabs: TabState[]) => {
      for (const tab of tabs) {
        if (tab.kind !== 'sql' || !tab.savedPath) continue;
        try {
          const file = await client.workspace.readQuery({ path: tab.savedPath });
          patchTab(tab.id, (t) => (t.kind === 'sql' ? { savedSql: file.sql, dirty: t.sql !== file.sql } : {}));
        } catch {
          // the file was deleted or moved: the tab keeps its text and counts as unsaved
          patchTab(tab.id, () => ({ savedSql: null, dirty: true }));
        }
      }
    };

    return {
      tabs: [],
      activeTabId: null,
      tabsLoaded: false,
      closeTabPromptId: null,

      openTab(init) {
        const connectionId = init.connectionId === undefined ? deps.defaultConnectionId() : init.connectionId;
        const resolved = { ...init, connectionId } as NewTabOfKind<typeof init.kind>;
        const existing = model(init.kind).findOpen(get().tabs, resolved);
        if (existing) {
          get().setActiveTab(existing.id);
          return existing.id;
        }
        const tab = model(init.kind).create(resolved, { id: crypto.randomUUID(), connectionId, untitled });
        set((s) => ({ tabs: [...s.tabs, tab], activeTabId: tab.id }));
        scheduleSave();
        return tab.id;
      },

      closeTab(id) {
        const { tabs, activeTabId } = get();
        const index = tabs.findIndex((t) => t.id === id);
        if (index < 0) return;
        const rest = tabs.filter((t) => t.id !== id);
        // activate the neighbour to the right (or left), like every tabbed editor
        const nextActive = activeTabId === id ? (rest[Math.min(index, rest.length - 1)]?.id ?? null) : activeTabId;
        set((s) => ({
          tabs: rest,
          activeTabId: nextActive,
          closeTabPromptId: s.closeTabPromptId === id ? null : s.closeTabPromptId,
        }));
        deps.onTabClosed(id);
        scheduleSave();
      },

      requestCloseTab(id) {
        const tab = get().tabs.find((t) => t.id === id);
        if (!tab) return;
        if (!model(tab.kind).hasUnsavedWork(tab)) return get().closeTab(id);
        // show the tab being asked about, so the user sees what would be lost
        get().setActiveTab(id);
        set({ closeTabPromptId: id });
      },

      cancelCloseTab() {
        set({ closeTabPromptId: null });
      },

      renameTab(id, title) {
        const clean = title.trim().slice(0, 200);
        if (clean) patchTab(id, () => ({ title: clean }));
      },

      setActiveTab(id) {
        if (get().activeTabId === id || !get().tabs.some((t) => t.id === id)) return;
        set({ activeTabId: id });
        scheduleSave();
      },

      activateAdjacentTab(delta) {
        const { tabs, activeTabId } = get();
        if (tabs.length === 0) return;
        const index = tabs.findIndex((t) => t.id === activeTabId);
        const next = tabs[((((index < 0 ? 0 : index) + delta) % tabs.length) + tabs.length) % tabs.length];
        if (next) get().setActiveTab(next.id);
      },

      setTabConnection(id, connectionId) {
        patchTab(id, () => ({ connectionId }));
        if (connectionId) deps.onConnectionChosen(connectionId);
      },

      detachConnection(connectionId) {
        for (const tab of get().tabs)
          if (tab.connectionId === connectionId) patchTab(tab.id, () => ({ connectionId: null }));
      },

      updateSql(id, sql) {
        patchTab(id, (t) =>
          t.kind !== 'sql' ? {} : { sql, dirty: t.savedPath ? t.savedSql !== sql : sql.trim().length > 0 },
        );
      },

      updateDataView(id, view) {
        patchTab(id, (t) => (t.kind === 'data' ? view : {}));
      },

      updateHttpTab(id, patch) {
        patchTab(id, (t) => (t.kind === 'http' ? patch : {}));
      },

      async saveTabQuery(id, path) {
        const tab = selectSqlTab(get(), id);
        const target = path ?? tab?.savedPath;
        if (!tab || !target) return null;
        try {
          const saved = await client.workspace.saveQuery({ path: target, sql: tab.sql });
          patchTab(id, (t) =>
            t.kind !== 'sql'
              ? {}
              : {
                  savedPath: saved.path,
                  savedSql: tab.sql,
                  title: t.savedPath === saved.path ? t.title : saved.name,
                  dirty: t.sql !== tab.sql,
                },
          );
          notifier.notify({ kind: 'success', title: 'Query saved', message: saved.path });
          return saved;
        } catch (error) {
          notifier.notifyError('Could not save the query', error);
          return null;
        }
      },

      async loadTabs() {
        try {
          const { tabs, activeTabId } = await client.workspace.loadTabs({});
          const known = deps.connectionIds();
          const restored: TabState[] = tabs.map((stored: EditorTab) => {
            const tab = model(stored.kind).restore(stored as StoredTabOfKind<typeof stored.kind>);
            // a connection deleted since the last session falls back to the default one
            const connectionId =
              tab.connectionId && known.has(tab.connectionId) ? tab.connectionId : deps.defaultConnectionId();
            return { ...tab, connectionId };
          });
          set((s) => ({
            // tabs opened while loading (e.g. from the saved-queries panel) are kept after the restored ones
            tabs: [...restored, ...s.tabs.filter((t) => !restored.some((r) => r.id === t.id))],
            activeTabId:
              s.activeTabId ?? (restored.some((t) => t.id === activeTabId) ? activeTabId : (restored[0]?.id ?? null)),
            tabsLoaded: true,
          }));
          void refreshDirtyFromFiles(restored);
        } catch (error) {
          set({ tabsLoaded: true });
          notifier.notifyError('Could not restore the editor tabs', error);
        }
      },

      async persistTabs() {
        if (saveTimer) {
          clearTimeout(saveTimer);
          saveTimer = null;
        }
        const { tabs, activeTabId } = get();
        try {
          await client.workspace.saveTabs({
            tabs: tabs
              .slice(0, MAX_STORED_TABS)
              .map((t) => model(t.kind).persist(t as TabOfKind<typeof t.kind>) as EditorTab),
            activeTabId,
          });
        } catch (error) {
          notifier.notifyError('Could not save the editor tabs', error);
        }
      },

      flushPendingSave() {
        if (saveTimer) void get().persistTabs();
      },
    };
  });
}

export type TabsStore = ReturnType<typeof createTabsStore>;
