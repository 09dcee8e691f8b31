import { create } from 'zustand';
import type { Client } from '../../../shared/client';
import type {
  CellInput,
  ColumnFilter,
  DataColumn,
  dataContract,
  ReviewedStatement,
  RowIdentity,
  SortSpec,
  TableTarget,
} from '../../../shared/contract/data.contract';
import type { ConnectionSafety, ResultColumn, Row, StatementResult } from '../../../shared/domain';
import type { ErrorCode } from '../../../shared/errors';
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
  type ChangeRef,
  type StagedEdits,
} from './data-edits';
import type { AppClient, Notifier } from './store-deps';
import type { ConfirmationRequest } from './ui.store';

/** What a data tab asks for: the table and the view the user set (stored with the tab). */
export interface DataTabView extends TableTarget {
  sort: SortSpec[];
  filters: ColumnFilter[];
  where: string;
}

export interface DataError {
  code: ErrorCode;
  message: string;
}

/** One referenced row offered by a foreign-key picker. */
export interface LookupOption {
  key: CellInput;
  label: string;
}

/** A table's row count as the schema tree knows it. */
export interface TableCount {
  rows: number | null;
  exact: boolean;
}

/** What the data store knows of one data tab. */
export interface DataTabData {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Why the last data.open failed (a bad WHERE, a missing table…). */
  error: DataError | null;
  /** The results store's id of the rows on screen. */
  resultId: string | null;
  sql: string;
  params: ReviewedStatement['params'];
  columns: DataColumn[];
  resultColumns: ResultColumn[];
  identity: RowIdentity | null;
  /**
   * Why Import… is off (a view, a read-only connection), else null. Not the identity's reason: an INSERT needs
   * no way to find a row again, so a table whose rows cannot be told apart still takes imports.
   */
  importBlocked: string | null;
  estimatedRows: number | null;
  exactCount: number | null;
  counting: boolean;
  edits: StagedEdits;
  /** data.preview's statements while the review is shown, else null. */
  review: ReviewedStatement[] | null;
  reviewLoading: boolean;
  applying: boolean;
  /** Why the last Apply failed, and the staged change it names (to mark it). */
  applyError: (DataError & { target: ChangeRef | null }) | null;
  /** A draft saved in an earlier session, offered for restoring while nothing is staged. */
  offeredDraft: { changes: number; savedAt: string } | null;
  draftSavedAt: string | null;
  /** Fields of new rows holding text that is not a value of their column: field → message. */
  invalid: Record<string, string>;
}

export interface DataState {
  byTab: Record<string, DataTabData | undefined>;
  /** Runs data.open for the tab's view (first open, a changed sort/filter/WHERE, reload after Apply). */
  open(tabId: string): Promise<void>;
  /** Header click: sort by the column; `additive` (Shift) adds it after the others. Again: flips, then removes. */
  toggleSort(tabId: string, column: string, additive: boolean): Promise<void>;
  setFilters(tabId: string, filters: ColumnFilter[]): Promise<void>;
  setWhere(tabId: string, where: string): Promise<void>;
  countRows(tabId: string): Promise<void>;
  /**
   * Reads the tab again after rows were written outside it (an import), and its count with it: the table's
   * count `counted` resolves to when exact (the schema tree's, read again), else a fresh COUNT when the tab
   * showed one, else that count as the estimate. The planner's estimate alone lags until the next ANALYZE.
   */
  reloadAfterWrite(tabId: string, counted: Promise<TableCount | null>): Promise<void>;
  stageCell(tabId: string, row: Row, column: string, value: CellInput): void;
  toggleDeleteRows(tabId: string, rows: Row[]): void;
  revertRow(tabId: string, rowKey: string): void;
  /** A new row; `values` (a duplicated row) or every column at its default. Returns its id. */
  insertRow(tabId: string, values?: Record<string, CellInput>): string;
  /** A new row with the values of `row`, except autoincrement and generated columns. */
  duplicateRow(tabId: string, row: Row): string;
  setInsertValue(tabId: string, insertId: string, column: string, value: CellInput | undefined): void;
  removeInsert(tabId: string, insertId: string): void;
  /** A field of a new row holds invalid text (message) or not (null); Review and Apply wait for it. */
  markInvalid(tabId: string, field: string, message: string | null): void;
  /** Shows the statements Apply would run. */
  review(tabId: string): Promise<void>;
  closeReview(tabId: string): void;
  /** Runs every staged change in one transaction; true when it worked. */
  apply(tabId: string): Promise<boolean>;
  /** Drops every staged change (and the saved draft). */
  discard(tabId: string): Promise<void>;
  restoreDraft(tabId: string): Promise<void>;
  dismissDraft(tabId: string): Promise<void>;
  referencedBy(
    tabId: string,
    row: Row,
  ): Promise<{ schema: string | null; table: string; columns: string[]; count: number }[]>;
  /**
   * Rows of the table a foreign-key column references, for a picker: the referenced key and a label made of
   * `labelColumns` (chosen by the caller from the referenced table's columns), searched by text across both.
   */
  lookup(tabId: string, column: string, search: string, labelColumns: string[]): Promise<LookupOption[]>;
  /**
   * After a start: says which tables hold staged changes saved in an earlier session that no open tab shows
   * (an open tab offers its own when it opens).
   */
  mentionDrafts(): Promise<void>;
  /** Forgets a closed tab (its result is released by the results store). */
  disposeTab(tabId: string): void;
}

/** The procedures the data store calls. */
export type DataClient = Pick<Client<{ data: typeof dataContract }>, 'data'> & Pick<AppClient, 'schema'>;

export interface DataDeps {
  client: DataClient;
  notifier: Notifier;
  /** The data tab's connection and view, or undefined when the tab is gone or has no connection. */
  readView(tabId: string): DataTabView | undefined;
  updateView(tabId: string, view: Partial<Pick<DataTabView, 'sort' | 'filters' | 'where'>>): void;
  ensureConnected(connectionId: string): Promise<boolean>;
  /** Shows data.open's result in the tab's grid (the results store); returns its id. */
  showResult(tabId: string, run: { runId: string; connectionId: string; sql: string; result: StatementResult }): string;
  /** True when a data tab shows this table (on any view of it). */
  hasOpenTab(target: TableTarget): boolean;
  /** The name of a saved connection, for messages. */
  connectionName(connectionId: string): string | undefined;
  /** Rows of the table changed (Apply): schema counts and other views may refresh. */
  onChanged(connectionId: string): void;
  pageSize: number;
  draftDebounceMs?: number;
  /** How careful to be with a connection: read-only stages nothing, production asks before every Apply. */
  safetyOf?(connectionId: string): ConnectionSafety;
  /** Asks the user; true to go on. Without it a production connection applies nothing. */
  confirm?(request: ConfirmationRequest): Promise<boolean>;
}

const EMPTY: DataTabData = {
  status: 'idle',
  error: null,
  resultId: null,
  sql: '',
  params: [],
  columns: [],
  resultColumns: [],
  identity: null,
  importBlocked: null,
  estimatedRows: null,
  exactCount: null,
  counting: false,
  edits: NO_EDITS,
  review: null,
  reviewLoading: false,
  applying: false,
  applyError: null,
  offeredDraft: null,
  draftSavedAt: null,
  invalid: {},
};

/** Table data tabs: rows through data.open, server-side sort and filter, staged edits, review, apply, drafts. */
export function createDataStore(deps: DataDeps) {
  const { client, notifier } = deps;
  const draftTimers = new Map<string, ReturnType<typeof setTimeout>>();
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
      if (old) clearTimeout(old);
      draftTimers.set(
        tabId,
        setTimeout(() => {
          draftTimers.delete(tabId);
          void saveDraft(tabId);
        }, deps.draftDebounceMs ?? 400),
      );
    };
    const saveDraft = async (tabId: string) => {
      const t = target(tabId);
      if (!t) return;
      const { changes } = toChanges(data(tabId).edits);
      try {
        if (changes.length === 0) {
          await client.data.discardDraft(t);
          patch(tabId, () => ({ draftSavedAt: null }));
        } else {
          const { savedAt } = await client.data.saveDraft({ ...t, changes });
          patch(tabId, () => ({ draftSavedAt: savedAt }));
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
          const timer = draftTimers.get(tabId);
          if (timer) clearTimeout(timer);
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
        const timer = draftTimers.get(tabId);
        if (timer) clearTimeout(timer);
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
        // closing asked first when edits were staged; a draft saved earlier stays offered for the table
        const timer = draftTimers.get(tabId);
        if (timer) clearTimeout(timer);
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
