import type { HttpTabState, TabModel } from '../../stores/tab-types';

/**
 * HTTP request tabs: a new request each (no file yet) or a request file (a second open of the same file focuses
 * the first). Nothing is saved to a file yet, so closing loses nothing the user asked to keep.
 */
export function createHttpTabModel(): TabModel<'http'> {
  return {
    kind: 'http',
    create(init, base) {
      // a request belongs to no connection
      return {
        kind: 'http',
        id: base.id,
        title: init.title ?? base.untitled('Request'),
        connectionId: null,
        path: init.path ?? null,
      };
    },
    restore(stored) {
      return stored;
    },
    persist({ kind, id, title, path }) {
      return { kind, id, title, connectionId: null, path };
    },
    findOpen(tabs, init) {
      if (!init.path) return undefined;
      return tabs.find((t): t is HttpTabState => t.kind === 'http' && t.path === init.path);
    },
    hasUnsavedWork() {
      return false;
    },
  };
}
