import type { HttpTabState, TabModel } from '../../stores/tab-types';

/**
 * HTTP request tabs: a new request each (no file yet) or a request file (a second open of the same file focuses
 * the first). The draft is stored with the tab while it differs from its file, so a reload loses no edits.
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
        dirty: false,
      };
    },
    restore(stored) {
      // a stored draft is unsaved work until the file is read again and compared (the http store does that)
      return { ...stored, dirty: stored.draft !== undefined };
    },
    persist({ kind, id, title, path, draft }) {
      return draft
        ? { kind, id, title, connectionId: null, path, draft }
        : { kind, id, title, connectionId: null, path };
    },
    findOpen(tabs, init) {
      if (!init.path) return undefined;
      return tabs.find((t): t is HttpTabState => t.kind === 'http' && t.path === init.path);
    },
    hasUnsavedWork(tab) {
      return tab.dirty;
    },
  };
}
