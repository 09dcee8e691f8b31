import { useEffect } from 'react';
import { Splitter } from '../components/splitter';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ConnectionDialog } from '../features/connections/connection-dialog';
import { ImportDialogHost } from '../features/transfer/import-dialog';
import { stores, useConnections, useUi } from '../stores/app-stores';
import { SIDEBAR_MAX, SIDEBAR_MIN, selectSidebarCollapsed } from '../stores/ui.store';
import { appRegistry } from './app-registry';
import { installCommandKeys } from './command-keys';
import { ShortcutsDialog } from './shortcuts-dialog';
import { Sidebar } from './sidebar';
import { ToastArea } from './toast-area';
import { TopBar } from './top-bar';
import { Workspace } from './workspace';
import './app.css';

/** The question a store asked (ui.askConfirmation), until the user answers it. */
function ConfirmationHost() {
  const confirmation = useUi((s) => s.confirmation);
  if (!confirmation) return null;
  return (
    <ConfirmDialog
      title={confirmation.title}
      confirmLabel={confirmation.confirmLabel}
      danger={confirmation.danger}
      onConfirm={() => confirmation.answer(true)}
      onCancel={() => confirmation.answer(false)}
    >
      {confirmation.message}
    </ConfirmDialog>
  );
}

function ConnectionDialogHost() {
  const dialog = useUi((s) => s.connectionDialog);
  const connectionId = dialog?.mode === 'edit' ? dialog.connectionId : null;
  const saved = useConnections((s) => (connectionId ? s.connections.find((c) => c.id === connectionId) : undefined));
  const close = useUi((s) => s.closeConnectionDialog);
  if (!dialog || (dialog.mode === 'edit' && !saved)) return null;
  // keyed so reopening for another connection starts from a fresh form
  return <ConnectionDialog key={connectionId ?? 'new'} saved={saved} onClose={close} />;
}

/** Shown while the event stream to the browser host is down, so green status dots are not taken at their word. */
function HostBanner() {
  const reachable = useUi((s) => s.hostReachable);
  if (reachable) return null;
  return (
    <div className="host-banner" role="alert" data-testid="host-banner">
      Lost contact with the Backbench server — retrying. Check that `backbench web` is still running (this tab stays
      signed in when it is restarted).
    </div>
  );
}

/** The window: top bar, resizable (collapsible) sidebar, the workspace, and the app-wide dialogs and toasts. */
export function AppShell() {
  const theme = useUi((s) => s.theme);
  const sidebarWidth = useUi((s) => s.sidebarWidth);
  const collapsed = useUi(selectSidebarCollapsed);
  const setSidebarWidth = useUi((s) => s.setSidebarWidth);
  const helpOpen = useUi((s) => s.shortcutsHelpOpen);
  const setShortcutsHelpOpen = useUi((s) => s.setShortcutsHelpOpen);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => installCommandKeys(appRegistry, window), []);
  useEffect(() => {
    const onResize = () => stores.ui.getState().setViewportWidth(window.innerWidth);
    onResize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  return (
    <div className="app-shell">
      <TopBar />
      <HostBanner />
      <div className={`app-body${collapsed ? ' is-sidebar-collapsed' : ''}`}>
        {!collapsed && (
          <>
            <div className="sidebar-frame" style={{ width: sidebarWidth }} data-testid="sidebar">
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
          </>
        )}
        <main className="workspace" aria-label="Workspace">
          <Workspace />
        </main>
      </div>
      <ConnectionDialogHost />
      <ImportDialogHost />
      <ConfirmationHost />
      {helpOpen && <ShortcutsDialog onClose={() => setShortcutsHelpOpen(false)} />}
      <ToastArea />
    </div>
  );
}
