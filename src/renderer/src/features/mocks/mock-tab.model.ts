import type { MockTabState, TabModel } from '../../stores/tab-types';

/** The mock's display name from its file path (`shop-api.yaml` → `shop-api`) until its definition is read. */
export function mockTitleFromPath(path: string): string {
  const file = path.split('/').pop() ?? path;
  return file.replace(/\.ya?ml$/i, '');
}

/**
 * Mock tabs: one mock file each (a second open of the same file focuses the first). `isDirty` asks the mocks
 * store, which holds the unsaved edits, so closing a tab with unsaved edits asks first.
 */
export function createMockTabModel(isDirty: (path: string) => boolean): TabModel<'mock'> {
  return {
    kind: 'mock',
    create(init, base) {
      // a mock belongs to no connection (its resources name theirs)
      return {
        kind: 'mock',
        id: base.id,
        title: init.title ?? mockTitleFromPath(init.path),
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
      return tabs.find((t): t is MockTabState => t.kind === 'mock' && t.path === init.path);
    },
    hasUnsavedWork(tab) {
      return isDirty(tab.path);
    },
  };
}
