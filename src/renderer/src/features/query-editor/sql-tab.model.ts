import type { SqlTabState, TabModel } from '../../stores/tab-types';

function titleFromPath(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.sql$/i, '');
}

const sameSql = (a: string, b: string): boolean => a.trim() === b.trim();

/** SQL tabs: text on a connection, maybe bound to a saved .sql file. */
export const sqlTabModel: TabModel<'sql'> = {
  kind: 'sql',

  create(init, base) {
    const savedPath = init.savedPath ?? null;
    const sql = init.sql ?? '';
    return {
      kind: 'sql',
      id: base.id,
      title: init.title ?? (savedPath ? titleFromPath(savedPath) : base.untitled('Query')),
      connectionId: base.connectionId,
      sql,
      savedPath,
      dirty: false,
      savedSql: savedPath ? sql : null,
    };
  },

  restore(stored) {
    // a file-bound tab is compared with its file once that is read (the tabs store does it after loading)
    return { ...stored, dirty: !stored.savedPath && stored.sql.trim().length > 0, savedSql: null };
  },

  persist({ kind, id, title, connectionId, sql, savedPath }) {
    return { kind, id, title, connectionId, sql, savedPath };
  },

  findOpen(tabs, init) {
    const sqlTabs = tabs.filter((t): t is SqlTabState => t.kind === 'sql');
    if (init.savedPath) return sqlTabs.find((t) => t.savedPath === init.savedPath);
    // the same SQL on the same connection (a history entry clicked twice) is the same tab
    if (init.sql === undefined || !init.sql.trim()) return undefined;
    return sqlTabs.find(
      (t) => t.connectionId === (init.connectionId ?? null) && sameSql(t.sql, init.sql!) && t.savedPath === null,
    );
  },

  hasUnsavedWork(tab) {
    return tab.dirty && tab.sql.trim().length > 0;
  },
};

export { titleFromPath };
