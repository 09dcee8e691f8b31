import { describe, expect, it } from 'vitest';
import { sqlTabModel } from '../features/query-editor/sql-tab.model';
import { installCommandKeys } from './command-keys';
import { createRegistry, type CommandRegistration, type TabKindRegistration } from './registry';
import { shortcutGroups } from './shortcut-groups';

const View = () => null;
const sqlKind: TabKindRegistration<'sql'> = {
  model: sqlTabModel,
  title: (tab) => tab.title,
  describe: (tab) => tab.savedPath ?? tab.title,
  icon: View,
  component: View,
  closeWarning: () => 'unsaved',
};

/** A window stand-in for the key handler: it only needs listeners and `document.querySelector`. */
function fakeWindow(dialogOpen = false) {
  const listeners: ((event: KeyboardEvent) => void)[] = [];
  const target = {
    document: { querySelector: () => (dialogOpen ? {} : null) },
    addEventListener: (_type: string, listener: (event: KeyboardEvent) => void) => listeners.push(listener),
    removeEventListener: (_type: string, listener: (event: KeyboardEvent) => void) =>
      listeners.splice(listeners.indexOf(listener), 1),
  };
  const press = (init: Partial<KeyboardEvent>) => {
    let prevented = false;
    const event = {
      key: '',
      code: '',
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      shiftKey: false,
      isComposing: false,
      defaultPrevented: false,
      target: null,
      preventDefault: () => (prevented = true),
      ...init,
    } as unknown as KeyboardEvent;
    for (const l of [...listeners]) l(event);
    return prevented;
  };
  return { window: target as unknown as Window, press, listeners };
}

describe('registry', () => {
  it('hands the tabs store the model a feature registered for a kind', () => {
    const registry = createRegistry();
    expect(() => registry.tabKind('sql')).toThrow(/No feature registered the tab kind "sql"/);
    const off = registry.registerTabKind(sqlKind);
    expect(registry.tabKind('sql').model).toBe(sqlTabModel);
    expect(() => registry.registerTabKind(sqlKind)).toThrow(/registered twice/);
    off();
    expect(registry.hasTabKind('sql')).toBe(false);
  });

  it('lists panels in their order, as one snapshot until something changes', () => {
    const registry = createRegistry();
    let changes = 0;
    registry.subscribe(() => changes++);
    registry.registerPanel({ id: 'history', title: 'History', order: 20, component: View });
    registry.registerPanel({ id: 'schema', title: 'Schema', order: 10, component: View });
    const first = registry.listPanels();
    expect(first.map((p) => p.id)).toEqual(['schema', 'history']);
    expect(registry.listPanels()).toBe(first);
    const off = registry.registerPanel({ id: 'mock', title: 'Mock server', order: 15, component: View });
    expect(registry.listPanels().map((p) => p.id)).toEqual(['schema', 'mock', 'history']);
    off();
    expect(registry.listPanels().map((p) => p.id)).toEqual(['schema', 'history']);
    expect(changes).toBe(4);
  });

  it('runs commands by id only when enabled; a newer registration of an id replaces the older', () => {
    const registry = createRegistry();
    const ran: string[] = [];
    let enabled = false;
    registry.registerCommand({ id: 'x', title: 'X', group: 'General', run: () => ran.push('old') });
    const newer: CommandRegistration = {
      id: 'x',
      title: 'X',
      group: 'General',
      enabled: () => enabled,
      run: () => ran.push('new'),
    };
    const off = registry.registerCommand(newer);
    expect(registry.runCommand('x')).toBe(false);
    enabled = true;
    expect(registry.runCommand('x')).toBe(true);
    expect(registry.runCommand('missing')).toBe(false);
    expect(ran).toEqual(['new']);
    off();
    expect(registry.command('x')).toBeUndefined();
  });

  it('the help lists every command with keys, by group', () => {
    const registry = createRegistry();
    registry.registerCommand({ id: 'tabs.next', title: 'Next tab', group: 'Tabs', combos: ['Ctrl+PageDown'] });
    registry.registerCommand({ id: 'no.keys', title: 'Hidden', group: 'Tabs' });
    registry.registerCommand({ id: 'editor.run', title: 'Run', group: 'Editor', combos: ['Mod+Enter'] });
    expect(shortcutGroups(registry.listCommands()).map((g) => [g.group, g.items.map((c) => c.id)])).toEqual([
      ['Editor', ['editor.run']],
      ['Tabs', ['tabs.next']],
    ]);
  });
});

describe('command keys', () => {
  it('runs the command whose combo was pressed, and leaves other keys alone', () => {
    const registry = createRegistry();
    const ran: string[] = [];
    registry.registerCommand({
      id: 'tabs.next',
      title: 'Next tab',
      group: 'Tabs',
      combos: ['Ctrl+PageDown'],
      run: () => ran.push('next'),
    });
    registry.registerCommand({ id: 'help', title: 'Help', group: 'General', combos: ['?'], run: () => ran.push('?') });
    const { window, press, listeners } = fakeWindow();
    const uninstall = installCommandKeys(registry, window);
    expect(press({ key: 'PageDown', ctrlKey: true })).toBe(true);
    expect(press({ key: 'PageDown' })).toBe(false);
    expect(press({ key: '?', shiftKey: true })).toBe(true);
    expect(ran).toEqual(['next', '?']);
    uninstall();
    expect(listeners).toHaveLength(0);
  });

  it('skips disabled commands and leaves the keyboard to an open dialog', () => {
    const registry = createRegistry();
    registry.registerCommand({
      id: 'cancel',
      title: 'Cancel',
      group: 'Editor',
      combos: ['Escape'],
      enabled: () => false,
      run: () => {
        throw new Error('must not run');
      },
    });
    const { window, press } = fakeWindow();
    installCommandKeys(registry, window);
    expect(press({ key: 'Escape' })).toBe(false);

    const withDialog = fakeWindow(true);
    registry.registerCommand({ id: 'go', title: 'Go', group: 'General', combos: ['Alt+G'], run: () => undefined });
    installCommandKeys(registry, withDialog.window);
    expect(withDialog.press({ key: 'g', code: 'KeyG', altKey: true })).toBe(false);
  });
});
