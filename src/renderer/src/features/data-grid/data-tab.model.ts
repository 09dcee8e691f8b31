import type { DataTabState, TabModel } from '../../stores/tab-types';

/**
 * Data tabs: one table or view on a connection and the view the user set. `hasStagedEdits` asks the data store
 * (edits live there, not in the stored tab), so closing a tab with staged changes asks first.
 */
export function createDataTabModel(hasStagedEdits: (tabId: string) => boolean): TabModel<'data'> {
  return {
    kind: 'data',

    create(init, base) {
      return {
        kind: 'data',
        id: base.id,
        title: init.title ?? init.table,
        connectionId: base.connectionId,
        schema: init.schema,
        table: init.table,
        sort: [],
        filters: init.filters ?? [],
        where: '',
      };
    },

    restore(stored) {
      return stored;
    },

    persist({ kind, id, title, connectionId, schema, table, sort, filters, where }) {
      return { kind, id, title, connectionId, schema, table, sort, filters, where };
    },

    findOpen(tabs, init) {
      // a followed foreign key opens its own filtered tab; the plain table is one tab per table
      if (init.filters && init.filters.length > 0) {
        const wanted = JSON.stringify(init.filters);
        return tabs.find(
          (t): t is DataTabState =>
            t.kind === 'data' &&
            t.connectionId === (init.connectionId ?? null) &&
            t.schema === init.schema &&
            t.table === init.table &&
            JSON.stringify(t.filters) === wanted,
        );
      }
      return tabs.find(
        (t): t is DataTabState =>
          t.kind === 'data' &&
          t.connectionId === (init.connectionId ?? null) &&
          t.schema === init.schema &&
          t.table === init.table &&
          t.filters.length === 0 &&
          !t.where.trim(),
      );
    },

    hasUnsavedWork(tab) {
      return hasStagedEdits(tab.id);
    },
  };
}
