import { create } from 'zustand';
import type { CellInput, SortSpec, TableTarget } from '../../../shared/contract/data.contract';
import { toErrorShape } from '../rpc/error-shape';
import {
  addInsert,
  fromChanges,
  NO_EDITS,
  removeInsert,
  revertRow,
  setInsertValue,
  stageCell,
  toCellInput,
  toChanges,
  toggleDelete,
  type StagedEdits,
} from './data-edits';
import { EMPTY, type DataDeps, type DataState, type DataTabData, type DataTabView } from './data-store.types';

export type * from './data-store.types';

/** Table data tabs: rows through data.open, server-side sort and filter, staged edits, review, apply, drafts. */
export function createDataStore(deps: DataDeps) {
  const { client, notifier } = deps;
  /** Drafts waiting for their debounced save, with the table they are for (read while the tab still exists). */
  const draftTimers = new Map<string, { timer: ReturnType<typeof setTimeout>; table: TableTarget | null }>();
  /** Tabs whose saved draft was looked for once (after their first open). */
  const draftChecked = new Set<string>();
  /** The latest data.open per tab: an older one that answers late is ignored. */
  const openSeq = new Map<string, number>();

  return create<DataState>()((set, get) => {
    const patch = (tabId: string, fn: (d: DataTabData) => Partial<DataTabData>) =>
      set((s) => ({
        byTab: { ...s.byTab, [tabId]: { ...(s.byTab[tabId] ?? EMPTY), ...fn(s.byTab[tabId] ?? EMPTY) } },
      }));
    const data = (tabId: string): DataTabData => get().byTab[tabId] ?? EMPTY;
    const target = (tabId: string): TableTarget | null => {
      const view = deps.readView(tabId);
      return view ? { connectionId: view.connectionId, schema: view.schema, table: view.table } : null;
    };
    const columnNames = (d: DataTabData) => d.resultColumns.map((c) => c.name);

    const saveDraftSoon = (tabId: string) => {
      const old = draftTimers.get(tabId);
      if (old) clearTimeout(old.timer);
      const timer = setTimeout(() => {
        draftTimers.delete(tabId);
        void saveDraft(tabId, target(tabId), data(tabId).edits);
      }, deps.draftDebounceMs ?? 400);
      draftTimers.set(tabId, { timer, table: target(tabId) });
    };
    /** Takes the table and the edits as they are now: a tab that is closing is gone by the time this answers. */
    const saveDraft = async (tabId: string, t: TableTarget | null, edits: StagedEdits) => {
      if (!t) return;
      const { changes } = toChanges(edits);
      const note = (draftSavedAt: string | null) => {
        if (get().byTab[tabId]) patch(tabId, () => ({ draftSavedAt }));
      };
      try {
        if (changes.length === 0) {
          await client.data.discardDraft(t);
          note(null);
        } else {
          const { savedAt } = await client.data.saveDraft({ ...t, changes });
          note(savedAt);
        }
      } catch (error) {
        notifier.notifyError('Could not save the staged changes as a draft', error);
      }
    };
    const editWith = (tabId: string, fn: (edits: StagedEdits, d: DataTabData) => StagedEdits) => {
      const d = data(tabId);
      if (!d.identity || d.identity.kind === 'readOnly') return;
      const edits = fn(d.edits, d);
      if (edits === d.edits) return;
      // a new edit makes the failed Apply's mark stale, and a restored draft would now mix with it
      patch(tabId, () => ({ edits, applyError: null, offeredDraft: null }));
      saveDraftSoon(tabId);
    };

    const lookForDraft = async (tabId: string) => {
      if (draftChecked.has(tabId)) return;
      draftChecked.add(tabId);
      const t = target(tabId);
      if (!t) return;
      try {
        const draft = await client.data.loadDraft(t);
        if (draft && draft.changes.length > 0 && toChanges(data(tabId).edits).changes.length === 0)
          patch(tabId, () => ({ offeredDraft: { changes: draft.changes.length, savedAt: draft.savedAt } }));
      } catch (error) {
        notifier.notifyError('Could not read the saved draft', error);
      }
    };

    /** True (and says why) while a new row's field holds text that is not a value of its column. */
    const refuseInvalid = (tabId: string): boolean => {
      const messages = Object.values(data(tabId).invalid);
      if (messages.length === 0) return false;
      notifier.notify({ kind: 'error', title: 'A new row has an invalid value', message: messages[0]! });
      return true;
    };

    const reopenWith = async (tabId: string, view: Partial<Pick<DataTabView, 'sort' | 'filters' | 'where'>>) => {
      deps.updateView(tabId, view);
      await get().open(tabId);
    };

    return {
      byTab: {},

      async open(tabId) {
        const view = deps.readView(tabId);
        if (!view) return;
        const seq = (openSeq.get(tabId) ?? 0) + 1;
        openSeq.set(tabId, seq);
        patch(tabId, () => ({ status: 'loading', error: null }));
        if (!(await deps.ensureConnected(view.connectionId))) {
          patch(tabId, () => ({
            status: 'error',
            error: { code: 'CONNECTION_REFUSED', message: 'The connection is not open. Connect it, then reload.' },
          }));
          return;
        }
        const runId = crypto.randomUUID();
        try {
          const opened = await client.data.open({
            connectionId: view.connectionId,
            schema: view.schema,
            table: view.table,
            sort: view.sort,
            filters: view.filters,
            where: view.where.trim() ? view.where : undefined,
            runId,
            pageSize: deps.pageSize,
          });
          if (openSeq.get(tabId) !== seq) return;
          const resultId = deps.showResult(tabId, {
            runId,
            connectionId: view.connectionId,
            sql: opened.sql,
            result: opened.result,
          });
          const readOnlyConnection = deps.safetyOf?.(view.connectionId) === 'readOnly';
          patch(tabId, () => ({
            status: 'ready',
            resultId,
            sql: opened.sql,
            params: opened.params,
            columns: opened.columns,
            resultColumns: opened.result.kind === 'rows' ? opened.result.columns : [],
            // a connection marked read-only edits nothing, whatever the table allows
            identity: readOnlyConnection
              ? { kind: 'readOnly', reason: 'The connection is marked read-only: its rows cannot be edited here.' }
              : opened.identity,
            importBlocked: readOnlyConnection
              ? 'The connection is marked read-only: nothing can be imported into it.'
              : opened.kind === 'view'
                ? 'This is a view: import into the tables it reads from.'
                : null,
            estimatedRows: opened.estimatedRows,
          }));
          void lookForDraft(tabId);
        } catch (error) {
          if (openSeq.get(tabId) !== seq) return;
          const { code, message } = toErrorShape(error);
          patch(tabId, () => ({ status: 'error', error: { code, message } }));
        }
      },

      toggleSort(tabId, column, additive) {
        const sort = deps.readView(tabId)?.sort ?? [];
        const current = sort.find((s) => s.column === column);
        let next: SortSpec[];
        if (!current) next = [...(additive ? sort : []), { column, direction: 'asc' }];
        else if (current.direction === 'asc')
          next = (additive ? sort : [current]).map((s) => (s.column === column ? { column, direction: 'desc' } : s));
        else next = additive ? sort.filter((s) => s.column !== column) : [];
        return reopenWith(tabId, { sort: next });
      },

      setFilters(tabId, filters) {
        return reopenWith(tabId, { filters });
      },

      setWhere(tabId, where) {
        return reopenWith(tabId, { where });
      },

      async reloadAfterWrite(tabId, counted) {
        const hadExact = get().byTab[tabId]?.exactCount != null;
        patch(tabId, () => ({ exactCount: null }));
        const [, count] = await Promise.all([get().open(tabId), counted.catch(() => null)]);
        if (count?.exact && count.rows !== null) patch(tabId, () => ({ exactCount: count.rows }));
        else if (hadExact) await get().countRows(tabId);
        else if (count && count.rows !== null) patch(tabId, () => ({ estimatedRows: count.rows }));
      },

      async countRows(tabId) {
        const t = target(tabId);
        if (!t) return;
        patch(tabId, () => ({ counting: true }));
        try {
          const { count } = await client.schema.countRows(t);
          patch(tabId, () => ({ exactCount: count }));
        } catch (error) {
          notifier.notifyError(`Could not count the rows of ${t.table}`, error);
        } finally {
          patch(tabId, () => ({ counting: false }));
        }
      },

      stageCell(tabId, row, column, value) {
        editWith(tabId, (edits, d) => stageCell(edits, d.identity!, columnNames(d), row, column, value));
      },

      toggleDeleteRows(tabId, rows) {
        editWith(tabId, (edits, d) => toggleDelete(edits, d.identity!, columnNames(d), rows));
      },

      revertRow(tabId, rowKey) {
        editWith(tabId, (edits) => revertRow(edits, rowKey));
      },

      insertRow(tabId, values = {}) {
        const id = crypto.randomUUID();
        editWith(tabId, (edits) => addInsert(edits, { id, values }));
        return id;
      },

      duplicateRow(tabId, row) {
        const d = data(tabId);
        const values: Record<string, CellInput> = {};
        d.resultColumns.forEach((rc, i) => {
          const column = d.columns.find((c) => c.name === rc.name);
          // a rowid or an autoincrement key is the database's to choose; generated columns cannot be written
          if (!column || column.autoIncrement || column.generated) return;
          const value = row[i];
          if (value !== null && typeof value === 'object') return;
          values[rc.name] = value as CellInput;
        });
        return get().insertRow(tabId, values);
      },

      setInsertValue(tabId, insertId, column, value) {
        editWith(tabId, (edits) => setInsertValue(edits, insertId, column, value));
      },

      removeInsert(tabId, insertId) {
        editWith(tabId, (edits) => removeInsert(edits, insertId));
        patch(tabId, (d) => ({
          invalid: Object.fromEntries(Object.entries(d.invalid).filter(([f]) => !f.startsWith(`${insertId}:`))),
        }));
      },

      markInvalid(tabId, field, message) {
        patch(tabId, (d) => {
          const invalid = { ...d.invalid };
          if (message === null) delete invalid[field];
          else invalid[field] = message;
          return { invalid };
        });
      },

      async review(tabId) {
        if (refuseInvalid(tabId)) return;
        const t = target(tabId);
        const { changes } = toChanges(data(tabId).edits);
        if (!t || changes.length === 0) return;
        patch(tabId, () => ({ reviewLoading: true }));
        try {
          const { statements } = await client.data.preview({ ...t, changes });
          patch(tabId, () => ({ review: statements }));
        } catch (error) {
          notifier.notifyError('Could not build the statements', error);
        } finally {
          patch(tabId, () => ({ reviewLoading: false }));
        }
      },

      closeReview(tabId) {
        patch(tabId, () => ({ review: null }));
      },

      async apply(tabId) {
        if (refuseInvalid(tabId)) return false;
        const t = target(tabId);
        const d = data(tabId);
        const { changes, refs } = toChanges(d.edits);
        if (!t || changes.length === 0 || d.applying) return false;
        const production = deps.safetyOf?.(t.connectionId) === 'production';
        if (production) {
          const n = changes.length === 1 ? '1 change' : `${changes.length} changes`;
          const confirmed = await deps.confirm?.({
            title: 'Apply on a production connection?',
            message: `This connection is marked production. Apply ${n} to ${t.table} in one transaction?`,
            confirmLabel: 'Apply',
            danger: true,
          });
          if (confirmed !== true) return false;
        }
        patch(tabId, () => ({ applying: true, applyError: null }));
        try {
          const { affectedRows } = await client.data.apply({
            ...t,
            changes,
            ...(production ? { confirmed: true } : {}),
          });
          clearTimeout(draftTimers.get(tabId)?.timer);
          draftTimers.delete(tabId);
          patch(tabId, () => ({ edits: NO_EDITS, review: null, offeredDraft: null, draftSavedAt: null, invalid: {} }));
          await client.data.discardDraft(t).catch(() => undefined);
          notifier.notify({
            kind: 'success',
            title: `Applied ${changes.length === 1 ? '1 change' : `${changes.length} changes`} to ${t.table}`,
            message: `${affectedRows === 1 ? '1 row' : `${affectedRows} rows`} affected.`,
          });
          deps.onChanged(t.connectionId);
          await get().open(tabId);
          return true;
        } catch (error) {
          const shape = toErrorShape(error);
          const index = (shape.details as { change?: unknown } | undefined)?.change;
          const targetRef = typeof index === 'number' ? (refs[index] ?? null) : null;
          patch(tabId, () => ({
            applyError: { code: shape.code, message: shape.message, target: targetRef },
            review: null,
          }));
          return false;
        } finally {
          patch(tabId, () => ({ applying: false }));
        }
      },

      async discard(tabId) {
        clearTimeout(draftTimers.get(tabId)?.timer);
        draftTimers.delete(tabId);
        patch(tabId, () => ({ edits: NO_EDITS, review: null, applyError: null, draftSavedAt: null, invalid: {} }));
        const t = target(tabId);
        if (t)
          await client.data.discardDraft(t).catch((error) => notifier.notifyError('Could not drop the draft', error));
      },

      async restoreDraft(tabId) {
        const t = target(tabId);
        const d = data(tabId);
        if (!t || !d.identity) return;
        try {
          const draft = await client.data.loadDraft(t);
          if (!draft) return patch(tabId, () => ({ offeredDraft: null }));
          const edits = fromChanges(draft.changes, d.identity, columnNames(d), () => crypto.randomUUID());
          patch(tabId, () => ({ edits, offeredDraft: null, draftSavedAt: draft.savedAt }));
        } catch (error) {
          notifier.notifyError('Could not restore the draft', error);
        }
      },

      async dismissDraft(tabId) {
        patch(tabId, () => ({ offeredDraft: null }));
        const t = target(tabId);
        if (t)
          await client.data.discardDraft(t).catch((error) => notifier.notifyError('Could not drop the draft', error));
      },

      async referencedBy(tabId, row) {
        const t = target(tabId);
        const d = data(tabId);
        if (!t || !d.identity || d.identity.kind !== 'primaryKey') return [];
        const key: Record<string, CellInput> = {};
        for (const column of d.identity.columns) {
          const value = row[columnNames(d).indexOf(column)];
          key[column] = value === undefined ? null : (value as CellInput);
        }
        try {
          return await client.data.referencedBy({ ...t, key });
        } catch (error) {
          notifier.notifyError('Could not look up the referencing rows', error);
          return [];
        }
      },

      async lookup(tabId, column, search, labelColumns) {
        const t = target(tabId);
        const ref = data(tabId).columns.find((c) => c.name === column)?.references;
        const keyColumn = ref?.columns[0];
        if (!t || !ref || !keyColumn) return [];
        // errors reach the picker, which shows them where the user looks
        const { rows } = await client.data.lookup({
          connectionId: t.connectionId,
          schema: ref.schema,
          table: ref.table,
          columns: [keyColumn, ...labelColumns.filter((c) => c !== keyColumn)],
          search: search.trim() ? search.trim() : undefined,
          limit: 50,
        });
        return rows.map((row) => ({
          key: toCellInput(row[0]),
          label: row
            .slice(1)
            .filter((v) => v !== null && v !== undefined)
            .map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)))
            .join(' '),
        }));
      },

      async mentionDrafts() {
        try {
          const drafts = (await client.data.drafts({})).filter((d) => !deps.hasOpenTab(d));
          if (drafts.length === 0) return;
          const names = drafts
            .slice(0, 5)
            .map((d) => {
              const where = deps.connectionName(d.connectionId);
              return `${d.table}${where ? ` on ${where}` : ''} (${d.changes})`;
            })
            .join(', ');
          notifier.notify({
            kind: 'info',
            title: 'Unapplied changes from an earlier session',
            message: `${names}${drafts.length > 5 ? ` and ${drafts.length - 5} more` : ''}. Open the table to restore or drop them.`,
          });
        } catch (error) {
          notifier.notifyError('Could not list the saved drafts', error);
        }
      },

      disposeTab(tabId) {
        // closing asked first when edits were staged, and said they stay as a draft: one still waiting for its
        // debounced save is saved now, for the table it was staged on (the tab itself is already gone)
        const pending = draftTimers.get(tabId);
        if (pending) {
          clearTimeout(pending.timer);
          void saveDraft(tabId, pending.table, data(tabId).edits);
        }
        draftTimers.delete(tabId);
        draftChecked.delete(tabId);
        openSeq.delete(tabId);
        set((s) => {
          const byTab = { ...s.byTab };
          delete byTab[tabId];
          return { byTab };
        });
      },
    };
  });
}

export type DataStore = ReturnType<typeof createDataStore>;
