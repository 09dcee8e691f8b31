import { IconKeyboard, IconMoon, IconSidebar, IconSun } from '../components/icons';
import { SafetyMarker } from '../components/safety-marker';
import { ENGINE_LABELS, formatServerVersion } from '../features/connections/connection-form';
import { useConnections, useTabs, useUi } from '../stores/app-stores';
import { selectSelectedConnection } from '../stores/connections.store';
import { selectActiveTab } from '../stores/tabs.store';
import { selectSidebarCollapsed } from '../stores/ui.store';
import { comboText } from './key-combos';

/** Sidebar toggle, app name, the active tab's connection at a glance, shortcuts help and the theme toggle. */
export function TopBar() {
  const theme = useUi((s) => s.theme);
  const toggleTheme = useUi((s) => s.toggleTheme);
  const setShortcutsHelpOpen = useUi((s) => s.setShortcutsHelpOpen);
  const collapsed = useUi(selectSidebarCollapsed);
  const toggleSidebar = useUi((s) => s.toggleSidebar);
  // what Run uses: the active tab's connection, even while the sidebar browses another one
  const tabConnectionId = useTabs((s) => selectActiveTab(s)?.connectionId ?? null);
  const connection = useConnections(
    (s) => s.connections.find((c) => c.id === tabConnectionId) ?? selectSelectedConnection(s),
  );
  const status = useConnections((s) => (connection ? s.statusById[connection.id] : undefined));
  const version = useConnections((s) => s.appInfo?.version);

  return (
    <header className="top-bar">
      <button
        type="button"
        className="icon-button"
        aria-label={collapsed ? 'Show the sidebar' : 'Hide the sidebar'}
        aria-expanded={!collapsed}
        title={`${collapsed ? 'Show' : 'Hide'} the sidebar (${comboText('Mod+B')})`}
        onClick={toggleSidebar}
        data-testid="sidebar-toggle"
      >
        <IconSidebar size={16} />
      </button>
      <div className="brand">
        <svg className="brand-mark" width="18" height="18" viewBox="0 0 16 16" aria-hidden="true">
          <rect x="1" y="2" width="14" height="3.2" rx="1.2" fill="var(--accent)" />
          <rect x="3" y="6.4" width="2" height="7.6" rx="0.8" fill="var(--accent)" opacity="0.75" />
          <rect x="11" y="6.4" width="2" height="7.6" rx="0.8" fill="var(--accent)" opacity="0.75" />
        </svg>
        <span className="brand-name">Backbench</span>
        {version && <span className="brand-version">{version}</span>}
      </div>
      {connection && (
        <div
          className="top-connection"
          title={status?.serverVersion ?? undefined}
          data-testid="top-connection"
          data-name={connection.name}
        >
          <span className={`status-dot status-${status?.state ?? 'disconnected'}`} aria-hidden="true" />
          <span className="top-connection-name">{connection.name}</span>
          <SafetyMarker params={connection.params} />
          <span className="top-connection-engine">
            {status?.state === 'connected' && status.serverVersion
              ? formatServerVersion(connection.params.engine, status.serverVersion)
              : ENGINE_LABELS[connection.params.engine]}
          </span>
        </div>
      )}
      <div className="top-bar-actions">
        <button
          type="button"
          className="icon-button"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={() => setShortcutsHelpOpen(true)}
          data-testid="shortcuts-help"
        >
          <IconKeyboard size={16} />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
          onClick={toggleTheme}
          data-testid="theme-toggle"
        >
          {theme === 'dark' ? <IconSun size={16} /> : <IconMoon size={16} />}
        </button>
      </div>
    </header>
  );
}
