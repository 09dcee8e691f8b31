import { comboText } from '../../app/key-combos';
import { IconPlay } from '../../components/icons';
import type { Registry } from '../../app/registry';
import type { AppStores } from '../../stores/create-app-stores';
import { selectActiveTab } from '../../stores/tabs.store';
import { HttpPanel } from './http-panel';
import { IconHttp } from './http-icon';
import { createHttpTabModel } from './http-tab.model';
import { HttpTabView } from './http-tab-view';
import { openHttpTab } from './open-http-tab';
import { createRunTabModel } from './runner/run-tab.model';
import { RunTabView } from './runner/run-tab-view';

/** The HTTP panel, the HTTP request tab kind, Mod+Shift+H for a new request, Mod+Enter to send, Mod+S to save. */
export function registerHttp(registry: Registry, stores: AppStores): void {
  const activeHttpTab = () => {
    const tab = selectActiveTab(stores.tabs.getState());
    return tab?.kind === 'http' ? tab.id : null;
  };

  registry.registerPanel({ id: 'http', title: 'HTTP', order: 45, component: HttpPanel });

  registry.registerTabKind({
    model: createHttpTabModel(),
    title: (tab) => tab.title,
    describe: (tab) => (tab.path ? `collections/${tab.path} · HTTP request` : 'HTTP request (not saved)'),
    icon: IconHttp,
    component: HttpTabView,
    closeWarning: (tab) => (
      <>
        Close <strong>{tab.title}</strong>? Its edits are not saved{tab.path ? ' to its file' : ''}: they are lost (save
        first with {comboText('Mod+S')}).
      </>
    ),
  });

  // collection runs (issue 8, item 9): a tab per collection or folder, its report stays open
  registry.registerTabKind({
    model: createRunTabModel((id) => {
      const status = stores.httpRunner.getState().byTab[id]?.status;
      return status === 'running' || status === 'cancelling';
    }),
    title: (tab) => tab.title,
    describe: (tab) => `collections/${tab.path} · collection run`,
    icon: IconPlay,
    component: RunTabView,
    closeWarning: (tab) => (
      <>
        Close <strong>{tab.title}</strong>? Its run is under way: closing cancels it.
      </>
    ),
  });

  registry.registerCommand({
    id: 'http.new',
    title: 'New HTTP request',
    group: 'Tabs',
    combos: ['Mod+Shift+H'],
    allowInInputs: true,
    run: () => void openHttpTab(),
  });

  registry.registerCommand({
    id: 'http.send',
    title: 'Send the HTTP request (or cancel it while it is under way)',
    group: 'Editor',
    combos: ['Mod+Enter'],
    allowInInputs: true,
    enabled: () => activeHttpTab() !== null,
    run: () => {
      const id = activeHttpTab();
      if (!id) return;
      const http = stores.http.getState();
      if (http.byTab[id]?.sendId) void http.cancel(id);
      else void http.send(id);
    },
  });

  registry.registerCommand({
    id: 'http.save',
    title: 'Save the HTTP request to its collection (the first save asks where)',
    group: 'Editor',
    combos: ['Mod+S'],
    allowInInputs: true,
    enabled: () => activeHttpTab() !== null,
    run: () => {
      const id = activeHttpTab();
      if (id) void stores.http.getState().save(id);
    },
  });
}
