import type { StateCreator } from 'zustand';
import type { EditorTab, SavedQuery } from '../../../shared/domain';
import { client } from '../rpc/client';
import type { AppState } from './app-store';

/** An open editor tab; `dirty` means its SQL differs from the .sql file it was opened from / last saved to. */
export interface EditorTabState extends EditorTab {
  dirty: boolean;
}

export interface OpenTabInit {
  sql?: string;
  /** Defaults to the selected connection. */
  connectionId?: string | null;
  title?: string;
  savedPath?: string | null;
}

export interface EditorSlice {
  tabs: EditorTabState[];
  activeTabId: string | null;
  /** True once loadTabs finished; tabs are not persisted before that so a slow start never wipes them. */
  tabsLoaded: boolean;
  /** The tab whose close waits for the user to confirm losing its unsaved SQL, if any. */
  closeTabPromptId: string | null;
  /** Opens (and activates) a tab; returns its id. An already open saved query is activated instead. */
  openTab(init?: OpenTabInit): string;
  /** Closes the tab at once, unsaved SQL or not (the confirm dialog's "close" path). */
  closeTab(id: string): void;
  /** Closes the tab, first asking (closeTabPromptId) when that would lose unsaved, non-empty SQL. */
  requestCloseTab(id: string): void;
  cancelCloseTab(): void;
  renameTab(id: string, title: string): void;
  setActiveTab(id: string): void;
  updateSql(id: string, sql: string): void;
  setTabConnection(id: string, connectionId: string | null): void;
  /**
   * Unbinds every tab from a deleted connection: the tab then asks for a connection instead of quietly running
   * its SQL somewhere else.
   */
  detachConnection(connectionId: string): void;
  /** Restores the tabs of the last session (called once at start). */
  loadTabs(): Promise<void>;
  /** Persists the tabs now (the debounced save calls this). */
  persistTabs(): Promise<void>;
  /**
   * Writes the tab's SQL to a .sql file in the workspace. `path` is required the first time (the UI asks for a
   * name); afterwards the tab's savedPath is reused. Resolves to null when it failed (a toast says why).
   */
  saveTabQuery(id: string, path?: string): Promise<SavedQuery | null>;
}

/** True when closing the tab would lose SQL: it is not empty and differs from its saved file (or has none). */
export const selectTabHasUnsavedSql = (tab: EditorTabState): boolean => tab.dirty && tab.sql.trim().length > 0;

/** The active editor tab, if any. */
export const selectActiveTab = (s: AppState): EditorTabState | undefined => s.tabs.find((t) => t.id === s.activeTabId);

const SAVE_DEBOUNCE_MS = 500;
let saveTimer: ReturnType<typeof setTimeout> | null = null;
let unloadHooked = false;
let untitledCounter = 0;

/** Last saved text per saved path, so `dirty` can be recomputed on every edit. */
const savedTextByTab = new Map<string, string>();

function titleFromPath(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.sql$/i, '');
}

function nextUntitled(tabs: EditorTabState[]): string {
  const used = new Set(tabs.map((t) => t.title));
  do untitledCounter++;
  while (used.has(`Query ${untitledCounter}`));
  return `Query ${untitledCounter}`;
}

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set, get) => {
  const scheduleSave = () => {
    if (!get().tabsLoaded) return;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = null;
      void get().persistTabs();
    }, SAVE_DEBOUNCE_MS);
  };
  const patchTab = (id: string, patch: (tab: EditorTabState) => Partial<EditorTabState>) => {
    set((s) => ({ tabs: s.tabs.map((t) => (t.id === id ? { ...t, ...patch(t) } : t)) }));
    scheduleSave();
  };

  return {
    tabs: [],
    activeTabId: null,
    tabsLoaded: false,
    closeTabPromptId: null,

    openTab(init = {}) {
      const { tabs } = get();
      if (init.savedPath) {
        const existing = tabs.find((t) => t.savedPath === init.savedPath);
        if (existing) {
          set({ activeTabId: existing.id });
          return existing.id;
        }
      }
      const id = crypto.randomUUID();
      const tab: EditorTabState = {
        id,
        title: init.title ?? (init.savedPath ? titleFromPath(init.savedPath) : nextUntitled(tabs)),
        connectionId: init.connectionId === undefined ? get().selectedConnectionId : init.connectionId,
        sql: init.sql ?? '',
        savedPath: init.savedPath ?? null,
        dirty: false,
      };
      if (tab.savedPath) savedTextByTab.set(id, tab.sql);
      set((s) => ({ tabs: [...s.tabs, tab], activeTabId: id }));
      scheduleSave();
      return id;
    },

    closeTab(id) {
      const { tabs, activeTabId } = get();
      const index = tabs.findIndex((t) => t.id === id);
      if (index < 0) return;
      const rest = tabs.filter((t) => t.id !== id);
      // activate the neighbour to the right (or left), like every tabbed editor
      const nextActive = activeTabId === id ? (rest[Math.min(index, rest.length - 1)]?.id ?? null) : activeTabId;
      savedTextByTab.delete(id);
      set((s) => ({
        tabs: rest,
        activeTabId: nextActive,
        closeTabPromptId: s.closeTabPromptId === id ? null : s.closeTabPromptId,
      }));
      get().disposeResults(id);
      scheduleSave();
    },

    requestCloseTab(id) {
      const tab = get().tabs.find((t) => t.id === id);
      if (!tab) return;
      if (!selectTabHasUnsavedSql(tab)) return get().closeTab(id);
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
      if (get().activeTabId === id) return;
      set({ activeTabId: id });
      scheduleSave();
    },

    updateSql(id, sql) {
      patchTab(id, (t) => ({ sql, dirty: t.savedPath ? savedTextByTab.get(id) !== sql : sql.trim().length > 0 }));
    },

    detachConnection(connectionId) {
      for (const tab of get().tabs)
        if (tab.connectionId === connectionId) patchTab(tab.id, () => ({ connectionId: null }));
    },

    setTabConnection(id, connectionId) {
      patchTab(id, () => ({ connectionId }));
      if (!connectionId) return;
      const state = get();
      if (state.statusById[connectionId]?.state !== 'connected') void state.connect(connectionId);
      else void state.loadSchema(connectionId);
    },

    async loadTabs() {
      try {
        const { tabs, activeTabId } = await client.workspace.loadTabs({});
        const known = new Set(get().connections.map((c) => c.id));
        const restored: EditorTabState[] = tabs.map((t) => ({
          ...t,
          // a connection deleted since the last session falls back to the selected one
          connectionId: t.connectionId && known.has(t.connectionId) ? t.connectionId : get().selectedConnectionId,
          dirty: !t.savedPath && t.sql.trim().length > 0,
        }));
        set((s) => ({
          // tabs opened while loading (e.g. from the saved-queries panel) are kept after the restored ones
          tabs: [...restored, ...s.tabs.filter((t) => !restored.some((r) => r.id === t.id))],
          activeTabId:
            s.activeTabId ?? (restored.some((t) => t.id === activeTabId) ? activeTabId : (restored[0]?.id ?? null)),
          tabsLoaded: true,
        }));
        void refreshDirtyFromFiles(restored, set, get);
      } catch (error) {
        set({ tabsLoaded: true });
        get().notifyError('Could not restore the editor tabs', error);
      }
      if (!unloadHooked && typeof window !== 'undefined') {
        unloadHooked = true;
        // best effort: the debounced save may not have fired yet when the window closes
        window.addEventListener('beforeunload', () => {
          if (saveTimer) void get().persistTabs();
        });
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
            .slice(0, 200)
            .map(({ id, title, connectionId, sql, savedPath }) => ({ id, title, connectionId, sql, savedPath })),
          activeTabId,
        });
      } catch (error) {
        get().notifyError('Could not save the editor tabs', error);
      }
    },

    async saveTabQuery(id, path) {
      const tab = get().tabs.find((t) => t.id === id);
      const target = path ?? tab?.savedPath;
      if (!tab || !target) return null;
      try {
        const saved = await client.workspace.saveQuery({ path: target, sql: tab.sql });
        savedTextByTab.set(id, tab.sql);
        patchTab(id, (t) => ({
          savedPath: saved.path,
          title: t.savedPath === saved.path ? t.title : titleFromPath(saved.path),
          dirty: t.sql !== tab.sql,
        }));
        get().notify({ kind: 'success', title: 'Query saved', message: saved.path });
        return saved;
      } catch (error) {
        get().notifyError('Could not save the query', error);
        return null;
      }
    },
  };
};

/** Compares restored tabs with their .sql files so the dirty dot is right after a restart. */
async function refreshDirtyFromFiles(
  tabs: EditorTabState[],
  set: (fn: (s: AppState) => Partial<AppState>) => void,
  get: () => AppState,
): Promise<void> {
  for (const tab of tabs) {
    if (!tab.savedPath) continue;
    try {
      const file = await client.workspace.readQuery({ path: tab.savedPath });
      savedTextByTab.set(tab.id, file.sql);
      const current = get().tabs.find((t) => t.id === tab.id);
      if (current)
        set((s) => ({ tabs: s.tabs.map((t) => (t.id === tab.id ? { ...t, dirty: t.sql !== file.sql } : t)) }));
    } catch {
      // the file was deleted or moved: the tab keeps its text and counts as unsaved
      savedTextByTab.delete(tab.id);
      set((s) => ({ tabs: s.tabs.map((t) => (t.id === tab.id ? { ...t, dirty: true } : t)) }));
    }
  }
}
