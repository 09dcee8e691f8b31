import type { TabModel, TabOfKind } from './tab-types';

/** The tab kinds that show one workspace file, and hold nothing else worth storing. */
export type FileTabKind = 'mock' | 'design' | 'httpRun';

/** What each of those kinds holds, and what opens one (TypeScript does not narrow Extract<…, K> for us). */
interface FileTab {
  id: string;
  title: string;
  path: string;
}
interface FileTabInit {
  path: string;
  title?: string;
}

/**
 * The model of a tab that shows one file (a mock, a design, a collection run): a second open of the same file
 * focuses the first, and the tab belongs to no connection. The feature says how a path becomes a title and
 * when closing loses work.
 */
export function createFileTabModel<K extends FileTabKind>({
  kind,
  titleFromPath,
  hasUnsavedWork,
}: {
  kind: K;
  /** The title of a tab opened without one. */
  titleFromPath(path: string): string;
  hasUnsavedWork(tab: TabOfKind<K>): boolean;
}): TabModel<K> {
  const fileTab = ({ id, title, path }: FileTab) => ({ kind, id, title, connectionId: null, path }) as TabOfKind<K>;
  return {
    kind,
    create(init, base) {
      const { path, title } = init as FileTabInit;
      return fileTab({ id: base.id, title: title ?? titleFromPath(path), path });
    },
    restore(stored) {
      return stored as TabOfKind<K>;
    },
    persist(tab) {
      return fileTab(tab as FileTab);
    },
    findOpen(tabs, init) {
      const { path } = init as FileTabInit;
      return tabs.find((t): t is TabOfKind<K> => t.kind === kind && (t as FileTab).path === path);
    },
    hasUnsavedWork,
  };
}
