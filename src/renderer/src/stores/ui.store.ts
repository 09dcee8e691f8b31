import { create } from 'zustand';

export type Theme = 'dark' | 'light';

/** A question the user must answer before something runs (see askConfirmation). */
export interface ConfirmationRequest {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
}

/** What the connection dialog edits: a new connection, or a saved one by id. */
export type ConnectionDialogState = { mode: 'create' } | { mode: 'edit'; connectionId: string } | null;

/** Where the UI keeps its layout between sessions (localStorage in the app, a map in tests). */
export interface UiStorage {
  read(): unknown;
  write(value: PersistedUi): void;
}

export interface PersistedUi {
  theme: Theme;
  sidebarWidth: number;
  connectionsPaneHeight: number;
  /** The user's choice for windows wide enough to show the sidebar. */
  sidebarCollapsed: boolean;
  /** Height of the SQL editor above its results, as the user dragged it; null for the default. */
  editorHeight: number | null;
}

export const SIDEBAR_MIN = 200;
export const SIDEBAR_MAX = 640;
/** Below this window width the sidebar collapses by itself (a 900×600 window keeps a usable editor). */
export const SIDEBAR_AUTO_COLLAPSE_WIDTH = 1000;

export interface UiState extends PersistedUi {
  /** The window's width, kept by the shell, so "collapse when narrow" is a plain selector. */
  viewportWidth: number;
  /** In a narrow window the sidebar is hidden unless opened for the moment. */
  sidebarOpenWhileNarrow: boolean;
  /** The id of the sidebar panel shown (panels are registered by features). */
  sidebarPanel: string;
  shortcutsHelpOpen: boolean;
  connectionDialog: ConnectionDialogState;
  /** The SQL tab whose first save asks for a file name, with the name proposed. */
  queryNamePrompt: { tabId: string; name: string } | null;
  /** The question on screen, with the function that answers it; null when none. */
  confirmation: (ConfirmationRequest & { answer(ok: boolean): void }) | null;
  /** Shows a confirmation dialog; resolves true when the user confirms, false when they cancel. */
  askConfirmation(request: ConfirmationRequest): Promise<boolean>;
  /** False while the event stream to the host is down (the host stopped or restarted); a banner says so. */
  hostReachable: boolean;
  setHostReachable(reachable: boolean): void;
  toggleTheme(): void;
  setSidebarWidth(width: number): void;
  setConnectionsPaneHeight(height: number): void;
  setViewportWidth(width: number): void;
  /** Collapses or opens the sidebar (for the moment in a narrow window, as the user's choice otherwise). */
  toggleSidebar(): void;
  /** Shows a sidebar panel, opening the sidebar when it is collapsed. */
  showSidebarPanel(panel: string): void;
  setShortcutsHelpOpen(open: boolean): void;
  setEditorHeight(height: number): void;
  askQueryName(prompt: { tabId: string; name: string } | null): void;
  openConnectionDialog(state: NonNullable<ConnectionDialogState>): void;
  closeConnectionDialog(): void;
}

/** True when the sidebar is hidden: by the user's choice, or because the window is narrow. */
export const selectSidebarCollapsed = (s: UiState): boolean =>
  s.viewportWidth < SIDEBAR_AUTO_COLLAPSE_WIDTH ? !s.sidebarOpenWhileNarrow : s.sidebarCollapsed;

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function readPersisted(storage: UiStorage): PersistedUi {
  const fallback: PersistedUi = {
    theme: 'dark',
    sidebarWidth: 300,
    connectionsPaneHeight: 150,
    sidebarCollapsed: false,
    editorHeight: null,
  };
  let raw: Partial<PersistedUi>;
  try {
    const value = storage.read();
    raw = typeof value === 'object' && value !== null ? (value as Partial<PersistedUi>) : {};
  } catch {
    return fallback; // storage disabled or corrupt: defaults are fine
  }
  return {
    theme: raw.theme === 'light' ? 'light' : 'dark',
    sidebarWidth:
      typeof raw.sidebarWidth === 'number' ? clamp(raw.sidebarWidth, SIDEBAR_MIN, SIDEBAR_MAX) : fallback.sidebarWidth,
    connectionsPaneHeight:
      typeof raw.connectionsPaneHeight === 'number'
        ? clamp(raw.connectionsPaneHeight, 80, 600)
        : fallback.connectionsPaneHeight,
    sidebarCollapsed: raw.sidebarCollapsed === true,
    editorHeight: typeof raw.editorHeight === 'number' ? clamp(raw.editorHeight, 80, 4000) : null,
  };
}

/** Layout, theme and app-wide dialogs: pure UI state, no client calls. */
export function createUiStore(storage: UiStorage, initialViewportWidth: number) {
  return create<UiState>()((set, get) => {
    const save = () => {
      const { theme, sidebarWidth, connectionsPaneHeight, sidebarCollapsed, editorHeight } = get();
      try {
        storage.write({ theme, sidebarWidth, connectionsPaneHeight, sidebarCollapsed, editorHeight });
      } catch {
        // storage may be unavailable (private mode); the UI still works, it just forgets
      }
    };
    return {
      ...readPersisted(storage),
      viewportWidth: initialViewportWidth,
      sidebarOpenWhileNarrow: false,
      sidebarPanel: 'schema',
      shortcutsHelpOpen: false,
      connectionDialog: null,
      queryNamePrompt: null,
      confirmation: null,
      hostReachable: true,
      setHostReachable(reachable) {
        if (get().hostReachable !== reachable) set({ hostReachable: reachable });
      },
      toggleTheme() {
        set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' }));
        save();
      },
      setSidebarWidth(width) {
        set({ sidebarWidth: clamp(Math.round(width), SIDEBAR_MIN, SIDEBAR_MAX) });
        save();
      },
      setConnectionsPaneHeight(height) {
        set({ connectionsPaneHeight: clamp(Math.round(height), 80, 600) });
        save();
      },
      setViewportWidth(width) {
        const wasNarrow = get().viewportWidth < SIDEBAR_AUTO_COLLAPSE_WIDTH;
        const narrow = width < SIDEBAR_AUTO_COLLAPSE_WIDTH;
        // a sidebar opened "for the moment" closes again the next time the window becomes narrow
        set({ viewportWidth: width, ...(narrow && !wasNarrow ? { sidebarOpenWhileNarrow: false } : {}) });
      },
      toggleSidebar() {
        if (get().viewportWidth < SIDEBAR_AUTO_COLLAPSE_WIDTH) {
          set((s) => ({ sidebarOpenWhileNarrow: !s.sidebarOpenWhileNarrow }));
        } else {
          set((s) => ({ sidebarCollapsed: !s.sidebarCollapsed }));
          save();
        }
      },
      showSidebarPanel(panel) {
        set({ sidebarPanel: panel });
        if (selectSidebarCollapsed(get())) get().toggleSidebar();
      },
      setShortcutsHelpOpen(open) {
        set({ shortcutsHelpOpen: open });
      },
      setEditorHeight(height) {
        set({ editorHeight: clamp(Math.round(height), 80, 4000) });
        save();
      },
      askConfirmation(request) {
        // a question still open is answered "no": only one is shown at a time
        get().confirmation?.answer(false);
        return new Promise<boolean>((resolve) => {
          const answer = (ok: boolean) => {
            if (get().confirmation?.answer === answer) set({ confirmation: null });
            resolve(ok);
          };
          set({ confirmation: { ...request, answer } });
        });
      },
      askQueryName(prompt) {
        set({ queryNamePrompt: prompt });
      },
      openConnectionDialog(state) {
        set({ connectionDialog: state });
      },
      closeConnectionDialog() {
        set({ connectionDialog: null });
      },
    };
  });
}

export type UiStore = ReturnType<typeof createUiStore>;
