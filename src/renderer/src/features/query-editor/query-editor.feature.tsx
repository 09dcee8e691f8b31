import { isMac } from '../../app/key-combos';
import type { Registry } from '../../app/registry';
import { IconFile } from '../../components/icons';
import type { AppStores } from '../../stores/create-app-stores';
import { selectActiveTab } from '../../stores/tabs.store';
import { createEditorCommands } from './editor-commands';
import { acceptWithTab } from './sql-completion-keys';
import { sqlTabModel } from './sql-tab.model';
import { SqlTabView } from './sql-tab-view';

const SAVE_KEYS = isMac ? '⌘S' : 'Ctrl+S';

/** The SQL tab kind and the editor's commands (run, run all, cancel, format, save, accept a completion). */
export function registerQueryEditor(registry: Registry, stores: AppStores): void {
  const commands = createEditorCommands(stores);
  const activeSqlTab = () => {
    const tab = selectActiveTab(stores.tabs.getState());
    return tab?.kind === 'sql' ? tab.id : null;
  };
  const onActive = (action: (tabId: string) => void) => () => {
    const id = activeSqlTab();
    if (id) action(id);
  };
  const hasSqlTab = () => activeSqlTab() !== null;

  registry.registerTabKind({
    model: sqlTabModel,
    title: (tab) => tab.title,
    describe: (tab) => tab.savedPath ?? tab.title,
    icon: IconFile,
    component: SqlTabView,
    closeWarning: (tab) =>
      tab.savedPath ? (
        <>
          <strong>{tab.title}</strong> has changes that are not saved to <code>{tab.savedPath}</code>. Closing the tab
          discards them. Cancel and press {SAVE_KEYS} to keep them.
        </>
      ) : (
        <>
          <strong>{tab.title}</strong> holds SQL that is not saved as a query. Closing the tab discards it. Cancel and
          press {SAVE_KEYS} to save it first.
        </>
      ),
  });

  registry.registerCommand({
    id: 'editor.run',
    title: 'Run the statement at the cursor (or the selection)',
    group: 'Editor',
    combos: ['Mod+Enter'],
    inEditor: true,
    enabled: hasSqlTab,
    run: onActive(commands.run),
  });
  registry.registerCommand({
    id: 'editor.runAll',
    title: 'Run all statements',
    group: 'Editor',
    combos: ['Shift+Mod+Enter'],
    inEditor: true,
    enabled: hasSqlTab,
    run: onActive(commands.runAll),
  });
  registry.registerCommand({
    id: 'editor.cancel',
    title: 'Cancel the running query',
    group: 'Editor',
    combos: ['Escape'],
    inEditor: true,
    allowInInputs: true,
    // only while something runs, so Escape is never taken from dialogs and popups otherwise
    enabled: () => {
      const id = activeSqlTab();
      return !!id && !!stores.results.getState().resultsByEditorTab[id]?.running;
    },
    run: onActive((id) => void commands.cancel(id)),
  });
  registry.registerCommand({
    id: 'editor.format',
    title: 'Format SQL (the selection, else everything)',
    group: 'Editor',
    combos: ['Shift+Alt+F'],
    inEditor: true,
    enabled: hasSqlTab,
    run: onActive(commands.format),
  });
  registry.registerCommand({
    id: 'editor.save',
    title: 'Save the query to the workspace',
    group: 'Editor',
    combos: ['Mod+S'],
    inEditor: true,
    enabled: hasSqlTab,
    run: onActive(commands.save),
  });
  registry.registerCommand({
    id: 'editor.acceptCompletion',
    title: 'Accept the completion (Enter only after moving into the list with ↓)',
    group: 'Editor',
    combos: ['Tab'],
    runInEditor: acceptWithTab,
  });
}
