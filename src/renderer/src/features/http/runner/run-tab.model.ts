import type { HttpRunTabState, TabModel } from '../../../stores/tab-types';

/**
 * Collection run tabs: one per collection or folder (a second Run… of the same one focuses it). The run itself is
 * not stored with the tab: the core keeps the last reports (`http.runs`), so a restored tab shows the newest one or
 * re-attaches to a run still under way.
 */
export function createRunTabModel(isRunning: (tabId: string) => boolean): TabModel<'httpRun'> {
  return {
    kind: 'httpRun',
    create(init, base) {
      return {
        kind: 'httpRun',
        id: base.id,
        title: init.title ?? `Run ${init.path.split('/').pop() ?? init.path}`,
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
      return tabs.find((t): t is HttpRunTabState => t.kind === 'httpRun' && t.path === init.path);
    },
    hasUnsavedWork(tab) {
      // closing cancels a run under way
      return isRunning(tab.id);
    },
  };
}
