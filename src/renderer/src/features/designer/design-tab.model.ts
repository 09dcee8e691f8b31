import type { DesignTabState, TabModel } from '../../stores/tab-types';

/** The design's display name from its file path (`shop/orders.dbml` → `orders`). */
export function designTitleFromPath(path: string): string {
  const file = path.split('/').pop() ?? path;
  return file.replace(/\.dbml$/i, '');
}

/**
 * Design tabs: one design file each (a second open of the same file focuses the first). Edits are written by the
 * autosave and on close, so only a design whose last save failed has work to lose.
 */
export function createDesignTabModel(hasUnsavedWork: (path: string) => boolean): TabModel<'design'> {
  return {
    kind: 'design',
    create(init, base) {
      return {
        kind: 'design',
        id: base.id,
        title: init.title ?? designTitleFromPath(init.path),
        connectionId: null,
        path: init.path,
      };
    },
    restore(stored) {
      return stored;
    },
    persist({ kind, id, title, path }) {
      return { kind, id, title, connectionId: null, path };
    },
    findOpen(tabs, init) {
      return tabs.find((t): t is DesignTabState => t.kind === 'design' && t.path === init.path);
    },
    hasUnsavedWork(tab) {
      return hasUnsavedWork(tab.path);
    },
  };
}
