import { isMac } from '../../app/key-combos';
import type { Registry } from '../../app/registry';
import type { AppStores } from '../../stores/create-app-stores';
import { selectActiveTab } from '../../stores/tabs.store';
import { IconMock } from './mock-icon';
import { createMockTabModel } from './mock-tab.model';
import { MockTabView } from './mock-tab-view';
import { MocksPanel } from './mocks-panel';

const SAVE_KEYS = isMac ? '⌘S' : 'Ctrl+S';

/** The Mocks panel, the mock tab kind and Mod+S to save a mock. */
export function registerMocks(registry: Registry, stores: AppStores): void {
  const dirty = (path: string) => stores.mocks.getState().docs[path]?.dirty === true;
  const activeMockPath = () => {
    const tab = selectActiveTab(stores.tabs.getState());
    return tab?.kind === 'mock' ? tab.path : null;
  };

  registry.registerPanel({ id: 'mocks', title: 'Mocks', order: 40, component: MocksPanel });

  registry.registerTabKind({
    model: createMockTabModel(dirty),
    title: (tab) => tab.title,
    describe: (tab) => `mocks/${tab.path} · mock API`,
    icon: IconMock,
    component: MockTabView,
    closeWarning: (tab) => (
      <>
        <strong>{tab.title}</strong> has unsaved changes. Cancel and press {SAVE_KEYS} to save them.
      </>
    ),
  });

  registry.registerCommand({
    id: 'mock.save',
    title: 'Save the mock (a running mock reloads)',
    group: 'Editor',
    combos: ['Mod+S'],
    allowInInputs: true,
    enabled: () => {
      const path = activeMockPath();
      return !!path && dirty(path);
    },
    run: () => {
      const path = activeMockPath();
      if (path) void stores.mocks.getState().saveDoc(path);
    },
  });
}
