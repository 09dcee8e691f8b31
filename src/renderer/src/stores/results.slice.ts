import type { StateCreator } from 'zustand';
import type { ExportFormat } from '../../../shared/contract';
import type { ResultPage, Row } from '../../../shared/domain';
import { splitStatements, statementAt, type SqlDialect } from '../../../shared/sql/split-statements';
import type { EditorResults, ResultTab } from '../features/results/result-types';
import { changesSchema } from '../../../shared/sql/statement-kind';
import { client } from '../rpc/client';
import { toErrorShape } from '../rpc/error-shape';
import type { AppState } from './app-store';
import { createExportActions } from './results-export';
import { createPagingActions, dropRowCache, handleOf, PAGE_SIZE, startRowCache } from './results-paging';

export { MAX_COPY_ROWS, PAGE_SIZE } from './results-paging';
export type {
  EditorResults,
  ExportState,
  ResultError,
  ResultStatus,
  ResultTab,
} from '../features/results/result-types';

export interface ResultsSlice {
  resultsById: Record<string, ResultTab>;
  resultsByEditorTab: Record<string, EditorResults | undefined>;
  /** Runs the statement containing the cursor. */
  runStatementAtCursor(editorTabId: string, cursor: number): Promise<void>;
  /** Runs every statement inside the selection, in order. */
  runSelection(editorTabId: string, from: number, to: number): Promise<void>;
  /** Runs every statement of the tab, in order, stopping at the first error. */
  runAll(editorTabId: string): Promise<void>;
  cancelRun(editorTabId: string): Promise<void>;
  setActiveResult(editorTabId: string, resultId: string): void;
  closeResult(editorTabId: string, resultId: string): void;
  /** Drops every result of an editor tab and closes their handles (tab closed). */
  disposeResults(editorTabId: string): void;
  /** Makes sure the rows [first, last] are cached or on their way (the grid's visible window ± overscan). */
  ensureRows(resultId: string, first: number, last: number): void;
  /** A cached row, or undefined while its page loads. Not reactive: pair it with `pageVersion`. */
  readRow(resultId: string, index: number): Row | undefined;
  /** Rows [from, to) read through the handle (for copying a selection); at most MAX_COPY_ROWS. */
  fetchRows(resultId: string, from: number, to: number): Promise<Row[]>;
  /** One page of a handle; concurrent identical requests share one call. */
  fetchPage(handle: string, offset: number, limit: number): Promise<ResultPage>;
  /** Pages through to the last row (progress in rowsLoaded); resolves when done or stopped. */
  goToEnd(resultId: string): Promise<void>;
  stopGoToEnd(resultId: string): void;
  startExport(resultId: string, format: ExportFormat): Promise<void>;
  cancelExport(resultId: string): Promise<void>;
  dismissExport(resultId: string): void;
}

const cancelledBatches = new Set<string>();
const runningRun = new Map<string, string>();

function dialectOf(state: AppState, connectionId: string | null): SqlDialect {
  const engine = state.connections.find((c) => c.id === connectionId)?.params.engine;
  return engine ?? 'sqlite';
}

function errorPosition(details: Record<string, unknown> | undefined): number | null {
  const raw = details?.position;
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'object' && raw !== null && typeof (raw as { offset?: unknown }).offset === 'number') {
    return (raw as { offset: number }).offset;
  }
  return null;
}

export const createResultsSlice: StateCreator<AppState, [], [], ResultsSlice> = (set, get) => {
  const patch = (id: string, fn: (r: ResultTab) => Partial<ResultTab>) =>
    set((s) => {
      const r = s.resultsById[id];
      return r ? { resultsById: { ...s.resultsById, [id]: { ...r, ...fn(r) } } } : {};
    });
  const patchEditor = (editorTabId: string, fn: (e: EditorResults) => Partial<EditorResults>) =>
    set((s) => {
      const e = s.resultsByEditorTab[editorTabId] ?? { ids: [], activeId: null, running: false, notice: null };
      return { resultsByEditorTab: { ...s.resultsByEditorTab, [editorTabId]: { ...e, ...fn(e) } } };
    });
  const release = (ids: string[]) => {
    const state = get();
    for (const id of ids) {
      const handle = handleOf(state.resultsById[id]);
      dropRowCache(id);
      if (handle) void client.query.close({ handle }).catch(() => undefined);
    }
    set((s) => {
      const resultsById = { ...s.resultsById };
      for (const id of ids) delete resultsById[id];
      return { resultsById };
    });
  };

  const runBatch = async (editorTabId: string, statements: { text: string; from: number }[]) => {
    const state = get();
    const tab = state.tabs.find((t) => t.id === editorTabId);
    if (!tab) return;
    if (statements.length === 0) {
      state.notify({
        kind: 'info',
        title: 'Nothing to run',
        message: 'There is no SQL statement at the cursor. Write one, or select the SQL to run.',
      });
      return;
    }
    if (state.resultsByEditorTab[editorTabId]?.running) return;
    const connectionId = tab.connectionId;
    if (!connectionId) {
      state.notify({
        kind: 'error',
        title: 'No connection',
        message: 'Pick a connection for this tab, then run again.',
      });
      return;
    }
    release(state.resultsByEditorTab[editorTabId]?.ids ?? []);
    patchEditor(editorTabId, () => ({ ids: [], activeId: null, running: true, notice: null }));
    cancelledBatches.delete(editorTabId);
    let schemaChanged = false;
    try {
      if (state.statusById[connectionId]?.state !== 'connected' && !(await get().connect(connectionId))) return;
      for (let i = 0; i < statements.length; i++) {
        const statement = statements[i]!;
        const stopped = await runOne(editorTabId, connectionId, statement, i + 1);
        if (!stopped && changesSchema(statement.text, dialectOf(get(), connectionId))) schemaChanged = true;
        const remaining = statements.length - i - 1;
        if (stopped && remaining > 0) {
          const what = remaining === 1 ? '1 statement after it was' : `${remaining} statements after it were`;
          patchEditor(editorTabId, () => ({ notice: `Statement ${i + 1} ${stopped}; ${what} not run.` }));
          break;
        }
      }
    } finally {
      runningRun.delete(editorTabId);
      patchEditor(editorTabId, () => ({ running: false }));
      // the tree and autocomplete should know a table the user just created (or dropped)
      if (schemaChanged) void get().loadSchema(connectionId, { force: true });
    }
  };

  /** Runs one statement into a new result tab; returns why the batch must stop ('failed' | 'was cancelled'), or null. */
  const runOne = async (
    editorTabId: string,
    connectionId: string,
    statement: { text: string; from: number },
    index: number,
  ): Promise<string | null> => {
    if (cancelledBatches.has(editorTabId)) return 'was cancelled';
    const runId = crypto.randomUUID();
    const id = runId;
    const startedAt = Date.now();
    const tab: ResultTab = {
      id,
      runId,
      editorTabId,
      connectionId,
      index,
      statementText: statement.text,
      statementFrom: statement.from,
      status: 'running',
      result: null,
      error: null,
      startedAt,
      durationMs: null,
      rowsLoaded: 0,
      done: false,
      pageVersion: 0,
      pageError: null,
      goingToEnd: false,
      exportState: null,
    };
    set((s) => ({ resultsById: { ...s.resultsById, [id]: tab } }));
    patchEditor(editorTabId, (e) => ({ ids: [...e.ids, id], activeId: id }));
    runningRun.set(editorTabId, runId);
    try {
      const result = await client.query.run({ connectionId, sql: statement.text, runId, pageSize: PAGE_SIZE });
      if (!get().resultsById[id]) {
        // the tab was closed while running: give the handle back
        if (result.kind === 'rows' && !result.complete)
          void client.query.close({ handle: result.handle }).catch(() => undefined);
        return 'was closed';
      }
      if (result.kind === 'rows') startRowCache(id, result.rows);
      patch(id, () => ({
        status: 'done',
        result,
        durationMs: result.durationMs,
        rowsLoaded: result.kind === 'rows' ? result.rows.length : 0,
        done: result.kind === 'affected' || result.complete,
      }));
      return cancelledBatches.has(editorTabId) ? 'was cancelled' : null;
    } catch (error) {
      const shape = toErrorShape(error);
      const cancelled = shape.code === 'QUERY_CANCELLED';
      patch(id, () => ({
        status: cancelled ? 'cancelled' : 'error',
        error: cancelled ? null : { code: shape.code, message: shape.message, position: errorPosition(shape.details) },
        durationMs: Date.now() - startedAt,
      }));
      return cancelled ? 'was cancelled' : 'failed';
    }
  };

  return {
    resultsById: {},
    resultsByEditorTab: {},

    runStatementAtCursor(editorTabId, cursor) {
      const state = get();
      const tab = state.tabs.find((t) => t.id === editorTabId);
      if (!tab) return Promise.resolve();
      const statements = splitStatements(tab.sql, dialectOf(state, tab.connectionId));
      const statement = statementAt(statements, cursor);
      return runBatch(editorTabId, statement ? [statement] : []);
    },

    runSelection(editorTabId, from, to) {
      const state = get();
      const tab = state.tabs.find((t) => t.id === editorTabId);
      if (!tab) return Promise.resolve();
      const statements = splitStatements(tab.sql.slice(from, to), dialectOf(state, tab.connectionId));
      return runBatch(
        editorTabId,
        statements.map((s) => ({ text: s.text, from: s.from + from })),
      );
    },

    runAll(editorTabId) {
      const state = get();
      const tab = state.tabs.find((t) => t.id === editorTabId);
      if (!tab) return Promise.resolve();
      return runBatch(editorTabId, splitStatements(tab.sql, dialectOf(state, tab.connectionId)));
    },

    async cancelRun(editorTabId) {
      const runId = runningRun.get(editorTabId);
      if (!runId || !get().resultsByEditorTab[editorTabId]?.running) return;
      cancelledBatches.add(editorTabId);
      try {
        await client.query.cancel({ runId });
      } catch (error) {
        get().notifyError('Could not cancel the query', error);
      }
    },

    setActiveResult(editorTabId, resultId) {
      patchEditor(editorTabId, () => ({ activeId: resultId }));
    },

    closeResult(editorTabId, resultId) {
      patchEditor(editorTabId, (e) => {
        const index = e.ids.indexOf(resultId);
        const ids = e.ids.filter((x) => x !== resultId);
        const activeId = e.activeId === resultId ? (ids[Math.min(index, ids.length - 1)] ?? null) : e.activeId;
        return { ids, activeId, notice: ids.length === 0 ? null : e.notice };
      });
      release([resultId]);
    },

    disposeResults(editorTabId) {
      const ids = get().resultsByEditorTab[editorTabId]?.ids ?? [];
      void get().cancelRun(editorTabId);
      release(ids);
      set((s) => {
        const resultsByEditorTab = { ...s.resultsByEditorTab };
        delete resultsByEditorTab[editorTabId];
        return { resultsByEditorTab };
      });
    },

    ...createPagingActions(get, patch),
    ...createExportActions(get, patch),
  };
};
