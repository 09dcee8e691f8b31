import type { AppStores } from '../stores/create-app-stores';
import type { Registry } from './registry';

/** App-wide commands: help, theme, new connection, the sidebar, and moving between tabs. */
export function registerAppCommands(registry: Registry, stores: AppStores): void {
  const ui = () => stores.ui.getState();
  const tabs = () => stores.tabs.getState();

  registry.registerCommand({
    id: 'app.help',
    title: 'Show keyboard shortcuts',
    group: 'General',
    combos: ['?', 'F1'],
    run: () => ui().setShortcutsHelpOpen(true),
  });
  registry.registerCommand({
    id: 'app.theme',
    title: 'Switch between dark and light theme',
    group: 'General',
    combos: ['Mod+Alt+L'],
    run: () => ui().toggleTheme(),
  });
  registry.registerCommand({
    id: 'app.newConnection',
    title: 'New connection',
    group: 'General',
    combos: ['Mod+Alt+N'],
    run: () => ui().openConnectionDialog({ mode: 'create' }),
  });
  registry.registerCommand({
    id: 'sidebar.toggle',
    title: 'Show or hide the sidebar',
    group: 'Sidebar',
    combos: ['Mod+B', 'Alt+B'],
    run: () => ui().toggleSidebar(),
  });

  registry.registerCommand({
    id: 'tabs.new',
    title: 'New SQL tab on the connection in use (in a browser Ctrl+T belongs to the browser: use Alt+T or +)',
    group: 'Tabs',
    combos: ['Mod+T', 'Alt+T'],
    run: () => void tabs().openTab({ kind: 'sql' }),
  });
  registry.registerCommand({
    id: 'tabs.close',
    title: 'Close the tab (in a browser use Alt+W)',
    group: 'Tabs',
    combos: ['Mod+W', 'Alt+W'],
    enabled: () => tabs().activeTabId !== null,
    run: () => tabs().requestCloseTab(tabs().activeTabId!),
  });
  // browsers keep Ctrl+Tab and usually Ctrl+PageDown for their own tabs; Alt+PageDown always reaches the page
  registry.registerCommand({
    id: 'tabs.next',
    title: 'Next tab',
    group: 'Tabs',
    combos: ['Ctrl+PageDown', 'Ctrl+Tab', 'Alt+PageDown'],
    allowInInputs: true,
    run: () => tabs().activateAdjacentTab(1),
  });
  registry.registerCommand({
    id: 'tabs.previous',
    title: 'Previous tab',
    group: 'Tabs',
    combos: ['Ctrl+PageUp', 'Ctrl+Shift+Tab', 'Alt+PageUp'],
    allowInInputs: true,
    run: () => tabs().activateAdjacentTab(-1),
  });
}

/**
 * "Show <panel>" commands with Alt+1…9, one per registered sidebar panel in its order; call it after every
 * feature registered its panels.
 */
export function registerPanelCommands(registry: Registry, stores: AppStores): void {
  registry.listPanels().forEach((panel, i) => {
    registry.registerCommand({
      id: `sidebar.${panel.id}`,
      title: `Show ${panel.title}`,
      group: 'Sidebar',
      combos: i < 9 ? [`Alt+${i + 1}`] : [],
      run: () => stores.ui.getState().showSidebarPanel(panel.id),
    });
  });
}
