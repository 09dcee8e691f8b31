import type { Registry } from '../../app/registry';
import { isTyping } from '../../app/key-combos';
import type { AppStores } from '../../stores/create-app-stores';
import { selectActiveTab } from '../../stores/tabs.store';
import { IconDesign } from './design-icon';
import { createDesignTabModel } from './design-tab.model';
import { DesignTabView } from './design-tab-view';
import { DesignsPanel } from './designs-panel';

/** The Designs panel, the design tab kind, and undo/redo on the canvas (issue 9). */
export function registerDesigner(registry: Registry, stores: AppStores): void {
  const activeDesignPath = () => {
    const tab = selectActiveTab(stores.tabs.getState());
    return tab?.kind === 'design' ? tab.path : null;
  };
  // a field of the side panel undoes its own typing; the canvas's undo is for everything else
  const onCanvas = () => activeDesignPath() !== null && !isTyping(document.activeElement);

  registry.registerPanel({ id: 'designs', title: 'Designs', order: 50, component: DesignsPanel });

  registry.registerTabKind({
    model: createDesignTabModel((path) => {
      const doc = stores.designer.getState().docs[path];
      return doc?.dirty === true && doc.saveError !== null;
    }),
    title: (tab) => tab.title,
    describe: (tab) => `designs/${tab.path} · schema design`,
    icon: IconDesign,
    component: DesignTabView,
    closeWarning: (tab) => (
      <>
        <strong>{tab.title}</strong> could not be saved (see the message in its tab). Closing it loses the edits made
        since the last save.
      </>
    ),
  });

  registry.registerCommand({
    id: 'designer.undo',
    title: 'Undo the last edit of the design',
    group: 'Editor',
    combos: ['Mod+Z'],
    enabled: onCanvas,
    run: () => {
      const path = activeDesignPath();
      if (path) stores.designer.getState().undo(path);
    },
  });
  registry.registerCommand({
    id: 'designer.redo',
    title: 'Redo the edit of the design undone last',
    group: 'Editor',
    combos: ['Mod+Shift+Z', 'Mod+Y'],
    enabled: onCanvas,
    run: () => {
      const path = activeDesignPath();
      if (path) stores.designer.getState().redo(path);
    },
  });

  // the last edits of a design are written before the page goes (best effort: the autosave runs within a second)
  window.addEventListener('pagehide', () => void stores.designer.getState().flushAll());
}
