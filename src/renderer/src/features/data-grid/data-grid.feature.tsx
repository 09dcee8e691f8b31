import { isMac } from '../../app/key-combos';
import type { Registry } from '../../app/registry';
import { IconTable } from '../../components/icons';
import type { AppStores } from '../../stores/create-app-stores';
import { countChanges, NO_EDITS } from '../../stores/data-edits';
import { selectActiveTab } from '../../stores/tabs.store';
import { createDataTabModel } from './data-tab.model';
import { DataTabView } from './data-tab-view';

const APPLY_KEYS = isMac ? '⌘S' : 'Ctrl+S';

/** The table data tab kind, and its keys (Apply; the grid's own Enter/F2, Delete, Escape listed for the help). */
export function registerDataGrid(registry: Registry, stores: AppStores): void {
  const staged = (tabId: string) => countChanges(stores.data.getState().byTab[tabId]?.edits ?? NO_EDITS);
  const activeDataTab = () => {
    const tab = selectActiveTab(stores.tabs.getState());
    return tab?.kind === 'data' ? tab.id : null;
  };

  registry.registerTabKind({
    model: createDataTabModel((id) => staged(id) > 0),
    title: (tab) => tab.title,
    describe: (tab) => `${tab.schema ? `${tab.schema}.` : ''}${tab.table} · table data`,
    icon: IconTable,
    component: DataTabView,
    closeWarning: (tab) => (
      <>
        <strong>{tab.title}</strong> has {staged(tab.id) === 1 ? '1 staged change' : `${staged(tab.id)} staged changes`}{' '}
        that are not applied. They stay saved as a draft the table offers to restore. Cancel and press {APPLY_KEYS} to
        apply them.
      </>
    ),
  });

  registry.registerCommand({
    id: 'data.apply',
    title: 'Apply the staged changes of a data tab',
    group: 'Results',
    combos: ['Mod+S'],
    allowInInputs: true,
    enabled: () => {
      const id = activeDataTab();
      return !!id && staged(id) > 0;
    },
    run: () => {
      const id = activeDataTab();
      if (id) void stores.data.getState().apply(id);
    },
  });
  // keys the data grid handles itself, listed in the shortcuts help
  registry.registerCommand({
    id: 'data.editCell',
    title: 'Data tab: edit the cell (Escape cancels, Enter stages)',
    group: 'Results',
    combos: ['Enter', 'F2'],
  });
  registry.registerCommand({
    id: 'data.deleteRows',
    title: 'Data tab: stage the selected rows for deletion (again: keep them)',
    group: 'Results',
    combos: ['Delete'],
  });
  registry.registerCommand({
    id: 'data.rowForm',
    title: 'Data tab: edit the selected row in a form',
    group: 'Results',
    combos: ['Shift+Enter'],
  });
}
