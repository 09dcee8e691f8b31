import type { StateCreator } from 'zustand';
import type { ExportFormat } from '../../../shared/contract';
import type { ResultPage, Row } from '../../../shared/domain';
import type { EventPayload } from '../../../shared/events';
import { splitStatements, statementAt, type SqlDialect } from '../../../shared/sql/split-statements';
import { PageCache, pagesForRange } from '../features/results/page-cache';
import type { EditorResults, ExportState, ResultTab } from '../features/results/result-types';
import { client } from '../rpc/client';
import { toErrorShape } from '../rpc/error-shape';
import type { AppState } from './app-store';

/** Rows per query.run first page and per query.page request. */
export const PAGE_SIZE = 500;
/** Pages kept per result (PAGE_SIZE × this rows at most); the rest is re-read from the handle on demand. */
const MAX_CACHED_PAGES = 20;
/** Rows skipped per request while walking to the last row (the host streams through them, sending none). */
const GO_TO_END_STEP = 50_000;
/** Most rows a copy of a selection reads. */
export const MAX_COPY_ROWS = 100_000;

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

const caches = new Map<string, PageCache>();
const inflight = new Map<string, Promise<ResultPage>>();
const cancelledBatches = new Set<string>();
const runningRun = new Map<string, string>();
const stopGoToEnd = new Set<string>();
let exportEventsHooked = false;
/** The latest progress per export id, kept for exports whose query.export call has not returned yet. */
const exportProgress = new Map<string, EventPayload<'export.progressed'>>();

const handleOf = (r: ResultTab | undefined): string | null =>
  r?.result?.kind === 'rows' && !r.result.complete ? r.result.handle : null;

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
      caches.delete(id);
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
    if (!tab || statements.length === 0) return;
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
    try {
      if (state.statusById[connectionId]?.state !== 'connected' && !(await get().connect(connectionId))) return;
      for (let i = 0; i < statements.length; i++) {
        const statement = statements[i]!;
        const stopped = await runOne(editorTabId, connectionId, statement, i + 1);
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
      if (result.kind === 'rows') {
        const cache = new PageCache(PAGE_SIZE, MAX_CACHED_PAGES);
        cache.setPage(0, result.rows);
        caches.set(id, cache);
      }
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

  const applyProgress = (resultId: string, p: EventPayload<'export.progressed'>) =>
    patch(resultId, (x) => ({
      exportState: {
        ...(x.exportState ?? { format: 'csv' }),
        exportId: p.exportId,
        path: p.path,
        rowsWritten: p.rowsWritten,
        done: p.done,
        cancelled: p.cancelled ?? false,
        error: p.error ?? null,
      },
    }));
  const onExportProgress = (p: EventPayload<'export.progressed'>) => {
    const r = Object.values(get().resultsById).find((x) => x.exportState?.exportId === p.exportId);
    if (r) applyProgress(r.id, p);
    else exportProgress.set(p.exportId, p);
    if (exportProgress.size > 50) exportProgress.delete(exportProgress.keys().next().value as string);
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

    ensureRows(resultId, first, last) {
      const r = get().resultsById[resultId];
      const cache = caches.get(resultId);
      const handle = handleOf(r);
      if (!r || !cache) return;
      cache.setFocus(cache.pageOf(Math.max(0, first)));
      if (!handle) return;
      for (const page of pagesForRange(first, last, PAGE_SIZE)) {
        const offset = page * PAGE_SIZE;
        if (cache.hasPage(page) || (r.done && offset >= r.rowsLoaded)) continue;
        get()
          .fetchPage(handle, offset, PAGE_SIZE)
          .then((result) => {
            if (caches.get(resultId) !== cache) return;
            cache.setPage(page, result.rows);
            patch(resultId, (x) => ({
              pageVersion: x.pageVersion + 1,
              rowsLoaded: result.done
                ? result.rowsRead
                : Math.max(x.rowsLoaded, result.rowsRead, offset + result.rows.length),
              done: x.done || result.done,
              pageError: null,
            }));
          })
          .catch((error: unknown) => {
            const shape = toErrorShape(error);
            patch(resultId, () => ({ pageError: { code: shape.code, message: shape.message } }));
          });
      }
    },

    readRow(resultId, index) {
      return caches.get(resultId)?.row(index);
    },

    async fetchRows(resultId, from, to) {
      const r = get().resultsById[resultId];
      const cache = caches.get(resultId);
      const end = Math.min(to, from + MAX_COPY_ROWS);
      const handle = handleOf(r);
      if (!handle) {
        const rows: Row[] = [];
        for (let i = from; i < end; i++) {
          const row = cache?.row(i);
          if (row) rows.push(row);
        }
        return rows;
      }
      const rows: Row[] = [];
      for (let offset = from; offset < end; offset += 5000) {
        const page = await get().fetchPage(handle, offset, Math.min(5000, end - offset));
        rows.push(...page.rows);
        if (page.done) break;
      }
      return rows;
    },

    fetchPage(handle, offset, limit) {
      const key = `${handle}:${offset}:${limit}`;
      const pending = inflight.get(key);
      if (pending) return pending;
      const request = client.query.page({ handle, offset, limit }).finally(() => inflight.delete(key));
      inflight.set(key, request);
      return request;
    },

    async goToEnd(resultId) {
      const handle = handleOf(get().resultsById[resultId]);
      if (!handle || get().resultsById[resultId]?.done) return;
      stopGoToEnd.delete(resultId);
      patch(resultId, () => ({ goingToEnd: true }));
      try {
        while (!stopGoToEnd.has(resultId)) {
          const r = get().resultsById[resultId];
          if (!r || r.done) break;
          // ask for one row far ahead: the host streams through the rows in between without sending them
          const page = await get().fetchPage(handle, r.rowsLoaded + GO_TO_END_STEP, 1);
          patch(resultId, (x) => ({ rowsLoaded: Math.max(x.rowsLoaded, page.rowsRead), done: page.done }));
        }
      } catch (error) {
        const shape = toErrorShape(error);
        patch(resultId, () => ({ pageError: { code: shape.code, message: shape.message } }));
      } finally {
        patch(resultId, () => ({ goingToEnd: false }));
      }
    },

    stopGoToEnd(resultId) {
      stopGoToEnd.add(resultId);
    },

    async startExport(resultId, format) {
      const r = get().resultsById[resultId];
      if (!r) return;
      if (!exportEventsHooked) {
        exportEventsHooked = true;
        client.on('export.progressed', onExportProgress);
      }
      const initial: ExportState = {
        exportId: null,
        format,
        path: null,
        rowsWritten: 0,
        done: false,
        cancelled: false,
        error: null,
      };
      patch(resultId, () => ({ exportState: initial }));
      try {
        const { exportId, path } = await client.query.export({
          connectionId: r.connectionId,
          sql: r.statementText,
          format,
        });
        // progress events may have arrived first (they carry the id); keep whatever they reported
        patch(resultId, (x) => ({ exportState: { ...(x.exportState ?? initial), exportId, path } }));
        const early = exportProgress.get(exportId);
        exportProgress.delete(exportId);
        if (early) applyProgress(resultId, early);
      } catch (error) {
        const shape = toErrorShape(error);
        patch(resultId, (x) => ({
          exportState: {
            ...(x.exportState ?? initial),
            done: true,
            error: { code: shape.code, message: shape.message },
          },
        }));
      }
    },

    async cancelExport(resultId) {
      const exportId = get().resultsById[resultId]?.exportState?.exportId;
      if (!exportId) return;
      try {
        await client.query.cancelExport({ exportId });
      } catch (error) {
        get().notifyError('Could not cancel the export', error);
      }
    },

    dismissExport(resultId) {
      patch(resultId, () => ({ exportState: null }));
    },
  };
};
