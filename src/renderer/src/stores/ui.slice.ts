import type { StateCreator } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';
import { toErrorShape } from '../rpc/error-shape';
import type { AppState } from './app-store';
import { addToast } from './toast-list';

export type Theme = 'dark' | 'light';
export type SidebarPanel = 'schema' | 'history' | 'saved';

export interface Toast {
  id: number;
  kind: 'error' | 'info' | 'success';
  /** Short context ("Could not connect to Sample shop"). */
  title: string;
  message: string;
  code?: AppErrorShape['code'];
}

/** What the connection dialog edits: a new connection, or a saved one by id. */
export type ConnectionDialogState = { mode: 'create' } | { mode: 'edit'; connectionId: string } | null;

export interface UiSlice {
  theme: Theme;
  sidebarWidth: number;
  /** Height in px of the connections list at the top of the sidebar. */
  connectionsPaneHeight: number;
  sidebarPanel: SidebarPanel;
  toasts: Toast[];
  shortcutsHelpOpen: boolean;
  connectionDialog: ConnectionDialogState;
  /** False while the event stream to the host is down (the host stopped or restarted); a banner says so. */
  hostReachable: boolean;
  setHostReachable(reachable: boolean): void;
  toggleTheme(): void;
  setSidebarWidth(width: number): void;
  setConnectionsPaneHeight(height: number): void;
  setSidebarPanel(panel: SidebarPanel): void;
  notify(toast: Omit<Toast, 'id'>): void;
  /** Shows an error toast with its ErrorCode and message. */
  notifyError(title: string, error: unknown): void;
  dismissToast(id: number): void;
  /** Dismisses every toast of one ErrorCode (CONNECTION_LOST ones once the host is back). */
  dismissToastsWithCode(code: AppErrorShape['code']): void;
  setShortcutsHelpOpen(open: boolean): void;
  openConnectionDialog(state: NonNullable<ConnectionDialogState>): void;
  closeConnectionDialog(): void;
}

const STORAGE_KEY = 'backbench.ui';
export const SIDEBAR_MIN = 200;
export const SIDEBAR_MAX = 640;
const MAX_TOASTS = 5;
const INFO_TOAST_MS = 4000;

interface PersistedUi {
  theme: Theme;
  sidebarWidth: number;
  connectionsPaneHeight: number;
}

function readPersisted(): PersistedUi {
  const fallback: PersistedUi = { theme: 'dark', sidebarWidth: 300, connectionsPaneHeight: 150 };
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<PersistedUi>;
    return {
      theme: raw.theme === 'light' ? 'light' : 'dark',
      sidebarWidth:
        typeof raw.sidebarWidth === 'number'
          ? clamp(raw.sidebarWidth, SIDEBAR_MIN, SIDEBAR_MAX)
          : fallback.sidebarWidth,
      connectionsPaneHeight:
        typeof raw.connectionsPaneHeight === 'number'
          ? clamp(raw.connectionsPaneHeight, 80, 600)
          : fallback.connectionsPaneHeight,
    };
  } catch {
    return fallback; // storage disabled or corrupt: defaults are fine
  }
}

function persist(state: PersistedUi): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // storage may be unavailable (private mode); the UI still works, it just forgets
  }
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

let nextToastId = 1;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => {
  const initial = readPersisted();
  const save = () => {
    const { theme, sidebarWidth, connectionsPaneHeight } = get();
    persist({ theme, sidebarWidth, connectionsPaneHeight });
  };
  return {
    ...initial,
    sidebarPanel: 'schema',
    toasts: [],
    shortcutsHelpOpen: false,
    connectionDialog: null,
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
    setSidebarPanel(panel) {
      set({ sidebarPanel: panel });
    },
    notify(toast) {
      const id = nextToastId++;
      set((s) => ({ toasts: addToast(s.toasts, { ...toast, id }, MAX_TOASTS) }));
      // errors stay until dismissed so nothing is missed; info/success fade on their own
      if (toast.kind !== 'error') setTimeout(() => get().dismissToast(id), INFO_TOAST_MS);
    },
    notifyError(title, error) {
      const shape = toErrorShape(error);
      get().notify({ kind: 'error', title, code: shape.code, message: shape.message });
    },
    dismissToast(id) {
      set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
    },
    dismissToastsWithCode(code) {
      if (get().toasts.some((t) => t.code === code)) set((s) => ({ toasts: s.toasts.filter((t) => t.code !== code) }));
    },
    setShortcutsHelpOpen(open) {
      set({ shortcutsHelpOpen: open });
    },
    openConnectionDialog(state) {
      set({ connectionDialog: state });
    },
    closeConnectionDialog() {
      set({ connectionDialog: null });
    },
  };
};
