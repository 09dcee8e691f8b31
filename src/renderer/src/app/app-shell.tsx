import { useEffect } from 'react';
import { Splitter } from '../components/splitter';
import { ConnectionDialog } from '../features/connections/connection-dialog';
import QueryWorkspace from '../features/query-editor/query-workspace';
import { useAppStore } from '../stores/app-store';
import { SIDEBAR_MAX, SIDEBAR_MIN } from '../stores/ui.slice';
import { installShortcutListener, useShortcut } from './shortcuts';
import { ShortcutsDialog } from './shortcuts-dialog';
import { Sidebar } from './sidebar';
import { ToastArea } from './toast-area';
import { TopBar } from './top-bar';
import './app.css';

function ConnectionDialogHost() {
  const dialog = useAppStore((s) => s.connectionDialog);
  const saved = useAppStore((s) => {
    const d = s.connectionDialog;
    return d?.mode === 'edit' ? s.connections.find((c) => c.id === d.connectionId) : undefined;
  });
  const close = useAppStore((s) => s.closeConnectionDialog);
  if (!dialog || (dialog.mode === 'edit' && !saved)) return null;
  // keyed so reopening for another connection starts from a fresh form
  return <ConnectionDialog key={dialog.mode === 'edit' ? dialog.connectionId : 'new'} saved={saved} onClose={close} />;
}

function GlobalShortcuts() {
  const setShortcutsHelpOpen = useAppStore((s) => s.setShortcutsHelpOpen);
  const setSidebarPanel = useAppStore((s) => s.setSidebarPanel);
  const toggleTheme = useAppStore((s) => s.toggleTheme);
  const openConnectionDialog = useAppStore((s) => s.openConnectionDialog);

  useEffect(() => installShortcutListener(), []);
  useShortcut({ id: 'app.help', combos: ['?', 'F1'], description: 'Show keyboard shortcuts', group: 'General' }, () =>
    setShortcutsHelpOpen(true),
  );
  useShortcut(
    { id: 'app.theme', combos: ['Mod+Alt+L'], description: 'Switch between dark and light theme', group: 'General' },
    toggleTheme,
  );
  useShortcut({ id: 'app.newConnection', combos: ['Mod+Alt+N'], description: 'New connection', group: 'General' }, () =>
    openConnectionDialog({ mode: 'create' }),
  );
  useShortcut(
    { id: 'sidebar.filter', combos: ['Mod+K'], description: 'Filter the schema tree', group: 'Sidebar' },
    () => {
      setSidebarPanel('schema');
      // the panel may have to mount first
      requestAnimationFrame(() => document.getElementById('schema-filter')?.focus());
    },
  );
  useShortcut({ id: 'sidebar.schema', combos: ['Alt+1'], description: 'Show the schema', group: 'Sidebar' }, () =>
    setSidebarPanel('schema'),
  );
  useShortcut({ id: 'sidebar.history', combos: ['Alt+2'], description: 'Show the history', group: 'Sidebar' }, () =>
    setSidebarPanel('history'),
  );
  useShortcut({ id: 'sidebar.saved', combos: ['Alt+3'], description: 'Show the saved queries', group: 'Sidebar' }, () =>
    setSidebarPanel('saved'),
  );
  return null;
}

/** Shown while the event stream to the browser host is down, so green status dots are not taken at their word. */
function HostBanner() {
  const reachable = useAppStore((s) => s.hostReachable);
  if (reachable) return null;
  return (
    <div className="host-banner" role="alert" data-testid="host-banner">
      Lost contact with the Backbench server — retrying. Check that `backbench web` is still running (this tab stays
      signed in when it is restarted).
    </div>
  );
}

/** The window: top bar, resizable sidebar, the query workspace, and the app-wide dialogs and toasts. */
export function AppShell() {
  const theme = useAppStore((s) => s.theme);
  const sidebarWidth = useAppStore((s) => s.sidebarWidth);
  const setSidebarWidth = useAppStore((s) => s.setSidebarWidth);
  const helpOpen = useAppStore((s) => s.shortcutsHelpOpen);
  const setShortcutsHelpOpen = useAppStore((s) => s.setShortcutsHelpOpen);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app-shell">
      <TopBar />
      <HostBanner />
      <div className="app-body">
        <div className="sidebar-frame" style={{ width: sidebarWidth }}>
          <Sidebar />
        </div>
        <Splitter
          orientation="vertical"
          size={sidebarWidth}
          min={SIDEBAR_MIN}
          max={SIDEBAR_MAX}
          defaultSize={300}
          onResize={setSidebarWidth}
          label="Resize the sidebar"
          data-testid="sidebar-splitter"
        />
        <main className="workspace" aria-label="Query workspace">
          <QueryWorkspace />
        </main>
      </div>
      <ConnectionDialogHost />
      {helpOpen && <ShortcutsDialog onClose={() => setShortcutsHelpOpen(false)} />}
      <GlobalShortcuts />
      <ToastArea />
    </div>
  );
}
