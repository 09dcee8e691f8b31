import { create } from 'zustand';
import type { ExportFormat } from '../../../shared/contract';
import { needsConfirmation } from '../../../shared/connection-safety';
import type { CellContent, ConnectionSafety, ResultPage, Row, StatementResult } from '../../../shared/domain';
import { splitStatements, statementAt, type SqlDialect } from '../../../shared/sql/split-statements';
import { changesData, changesSchema, riskyStatement, statementKind } from '../../../shared/sql/statement-kind';
import type { EditorResults, ResultTab } from '../features/results/result-types';
import { toErrorShape } from '../rpc/error-shape';
import { createExportActions, type ExportDeps } from './results-export';
import { createPagingActions, handleOf, PAGE_SIZE, ResultRows } from './results-paging';
import type { AppClient, Notifier } from './store-deps';
import type { ConfirmationRequest } from './ui.store';

export { MAX_COPY_ROWS, PAGE_SIZE } from './results-paging';
export type {
  EditorResults,
  ExportState,
  ResultError,
  ResultStatus,
  ResultTab,
} from '../features/results/result-types';

export interface ResultsState {
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
  /**
   * Shows a result some other procedure ran (data.open) as the tab's only result, paged like any other;
   * the tab's earlier results are released. Returns the result's id.
   */
  adoptResult(
    editorTabId: string,
    run: { runId: string; connectionId: string; sql: string; result: StatementResult },
  ): string;
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
  /** One cell read whole, or the window [offset, offset+length) of a long text/BLOB (query.cell). */
  readCell(resultId: string, row: number, column: number, offset: number, length: number): Promise<CellContent>;
  /** Reads to the last row (progress in rowsLoaded); resolves when done or stopped. */
  goToEnd(resultId: string): Promise<void>;
  /** Reads until row `rowIndex` (0-based) is known, or the end comes first; resolves when done or stopped. */
  goToRow(resultId: string, rowIndex: number): Promise<void>;
  stopReadingAhead(resultId: string): void;
  startExport(resultId: string, format: ExportFormat): Promise<void>;
  cancelExport(resultId: string): Promise<void>;
  dismissExport(resultId: string): void;
  /** Re-reads exports still shown as running (after the event stream missed events it could not replay). */
  refreshRunningExports(): Promise<void>;
}

export interface ResultsDeps {
  client: AppClient;
  notifier: Notifier;
  /** The SQL and connection of an editor tab, when it is a SQL tab. */
  readTab(editorTabId: string): { sql: string; connectionId: string | null } | undefined;
  dialectOf(connectionId: string | null): SqlDialect;
  /** Opens the connection when it is not open; false (a toast says why) when that failed. */
  ensureConnected(connectionId: string): Promise<boolean>;
  /** True where exports are saved through the host's native save dialog (the desktop app). */
  nativeDialogs?: () => boolean;
  /** The view of a data tab (its results export through data.export, which binds the filters' parameters). */
  dataViewOf?: ExportDeps['dataViewOf'];
  /** Statements of a batch changed the schema or the contents of tables on a connection. */
  onChanged(connectionId: string, what: { schema: boolean; data: boolean }): void;
  /** How careful to be with a connection (see ConnectionSafety); normal when unknown. */
  safetyOf?(connectionId: string): ConnectionSafety;
  /** Asks the user before a statement runs; true to run it. Without it nothing is asked (and production refuses). */
  confirm?(request: ConfirmationRequest): Promise<boolean>;
}

interface Statement {
  text: string;
  from: number;
}

/**
 * Where in the statement the engine located an error, as a 0-based offset: `details.position` as an offset, as
 * `{ offset }`, or as 1-based `{ line, column }` (whichever the driver's error mapping gives), else null.
 */
export function errorPosition(details: Record<string, unknown> | undefined, statement: string): number | null {
  const raw = details?.position;
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'object' || raw === null) return null;
  const { offset, line, column } = raw as { offset?: unknown; line?: unknown; column?: unknown };
  if (typeof offset === 'number') return offset;
  if (typeof line !== 'number' || typeof column !== 'number' || line < 1 || column < 1) return null;
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = statement.indexOf('\n', at);
    if (nl < 0) return null;
    at = nl + 1;
  }
  return Math.min(statement.length, at + column - 1);
}

const NO_RESULTS: EditorResults = {
  ids: [],
  activeId: null,
  running: false,
  runId: null,
  cancelRequested: false,
  notice: null,
};

/** What ran in each editor tab: one result per statement, its rows read page by page, cancel and export. */
export function createResultsStore(deps: ResultsDeps) {
  const { client, notifier } = deps;
  const rows = new ResultRows();

  return create<ResultsState>()((set, get) => {
    const patch = (id: string, fn: (r: ResultTab) => Partial<ResultTab>) =>
      set((s) => {
        const r = s.resultsById[id];
        return r ? { resultsById: { ...s.resultsById, [id]: { ...r, ...fn(r) } } } : {};
      });
    const patchEditor = (editorTabId: string, fn: (e: EditorResults) => Partial<EditorResults>) =>
      set((s) => {
        const e = s.resultsByEditorTab[editorTabId] ?? NO_RESULTS;
        return { resultsByEditorTab: { ...s.resultsByEditorTab, [editorTabId]: { ...e, ...fn(e) } } };
      });
    const cancelRequested = (editorTabId: string) => !!get().resultsByEditorTab[editorTabId]?.cancelRequested;
    const release = (ids: string[]) => {
      const state = get();
      for (const id of ids) {
        const handle = handleOf(state.resultsById[id]);
        rows.drop(id);
        if (handle) void client.query.close({ handle }).catch(() => undefined);
      }
      set((s) => {
        const resultsById = { ...s.resultsById };
        for (const id of ids) delete resultsById[id];
        return { resultsById };
      });
    };

    const runBatch = async (editorTabId: string, statements: Statement[]) => {
      const tab = deps.readTab(editorTabId);
      if (!tab) return;
      if (statements.length === 0) {
        notifier.notify({
          kind: 'info',
          title: 'Nothing to run',
          message: 'There is no SQL statement at the cursor. Write one, or select the SQL to run.',
        });
        return;
      }
      if (get().resultsByEditorTab[editorTabId]?.running) return;
      const connectionId = tab.connectionId;
      if (!connectionId) {
        notifier.notify({
          kind: 'error',
          title: 'No connection',
          message: 'Pick a connection for this tab, then run again.',
        });
        return;
      }
      release(get().resultsByEditorTab[editorTabId]?.ids ?? []);
      patchEditor(editorTabId, () => ({ ...NO_RESULTS, running: true }));
      const dialect = deps.dialectOf(connectionId);
      const changed = { schema: false, data: false };
      try {
        if (!(await deps.ensureConnected(connectionId))) return;
        for (let i = 0; i < statements.length; i++) {
          const statement = statements[i]!;
          const stopped = await runOne(editorTabId, connectionId, statement, i + 1, dialect);
          // a failed statement may still have changed something (a partly applied ALTER on MySQL)
          if (stopped !== 'was cancelled' && stopped !== 'was closed') {
            changed.schema ||= changesSchema(statement.text, dialect);
            changed.data ||= changesData(statement.text, dialect);
          }
          const remaining = statements.length - i - 1;
          if (stopped && remaining > 0) {
            const what = remaining === 1 ? '1 statement after it was' : `${remaining} statements after it were`;
            patchEditor(editorTabId, () => ({ notice: `Statement ${i + 1} ${stopped}; ${what} not run.` }));
            break;
          }
        }
      } finally {
        patchEditor(editorTabId, () => ({ running: false, runId: null }));
        // the tree and autocomplete should know a table the user just created, and fresh row counts
        if (changed.schema || changed.data) deps.onChanged(connectionId, changed);
      }
    };

    /** Runs one statement into a new result tab; returns why the batch must stop, or null. */
    const runOne = async (
      editorTabId: string,
      connectionId: string,
      statement: Statement,
      index: number,
      dialect: SqlDialect,
    ): Promise<'failed' | 'was cancelled' | 'was closed' | null> => {
      if (cancelRequested(editorTabId)) return 'was cancelled';
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
        statementKind: statementKind(statement.text, dialect),
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
        readingAhead: null,
        exportState: null,
      };
      const question = confirmationFor(statement.text, dialect, deps.safetyOf?.(connectionId) ?? 'normal');
      let confirmed = false;
      if (question) {
        confirmed = (await deps.confirm?.(question)) === true;
        if (!confirmed) {
          patchEditor(editorTabId, () => ({ notice: `Statement ${index} was not run: you cancelled it.` }));
          return 'was cancelled';
        }
      }
      set((s) => ({ resultsById: { ...s.resultsById, [id]: tab } }));
      patchEditor(editorTabId, (e) => ({ ids: [...e.ids, id], activeId: id, runId }));
      try {
        const result = await client.query.run({
          connectionId,
          sql: statement.text,
          runId,
          pageSize: PAGE_SIZE,
          ...(confirmed ? { confirmed: true } : {}),
        });
        if (!get().resultsById[id]) {
          // the tab was closed while running: give the handle back
          if (result.kind === 'rows' && !result.complete)
            void client.query.close({ handle: result.handle }).catch(() => undefined);
          return 'was closed';
        }
        if (result.kind === 'rows') rows.start(id, result.rows, result.sizeLimited);
        patch(id, () => ({
          status: 'done',
          result,
          durationMs: result.durationMs,
          rowsLoaded: result.kind === 'rows' ? result.rows.length : 0,
          done: result.kind === 'affected' || result.complete,
        }));
        return cancelRequested(editorTabId) ? 'was cancelled' : null;
      } catch (error) {
        const shape = toErrorShape(error);
        const cancelled = shape.code === 'QUERY_CANCELLED';
        patch(id, () => ({
          status: cancelled ? 'cancelled' : 'error',
          error: cancelled
            ? null
            : { code: shape.code, message: shape.message, position: errorPosition(shape.details, statement.text) },
          durationMs: Date.now() - startedAt,
        }));
        return cancelled ? 'was cancelled' : 'failed';
      }
    };

    const statementsOf = (editorTabId: string) => {
      const tab = deps.readTab(editorTabId);
      return tab ? { tab, dialect: deps.dialectOf(tab.connectionId) } : null;
    };

    return {
      resultsById: {},
      resultsByEditorTab: {},

      runStatementAtCursor(editorTabId, cursor) {
        const found = statementsOf(editorTabId);
        if (!found) return Promise.resolve();
        const statement = statementAt(splitStatements(found.tab.sql, found.dialect), cursor);
        return runBatch(editorTabId, statement ? [statement] : []);
      },

      runSelection(editorTabId, from, to) {
        const found = statementsOf(editorTabId);
        if (!found) return Promise.resolve();
        const statements = splitStatements(found.tab.sql.slice(from, to), found.dialect);
        return runBatch(
          editorTabId,
          statements.map((s) => ({ text: s.text, from: s.from + from })),
        );
      },

      runAll(editorTabId) {
        const found = statementsOf(editorTabId);
        if (!found) return Promise.resolve();
        return runBatch(editorTabId, splitStatements(found.tab.sql, found.dialect));
      },

      async cancelRun(editorTabId) {
        const batch = get().resultsByEditorTab[editorTabId];
        if (!batch?.running || !batch.runId) return;
        patchEditor(editorTabId, () => ({ cancelRequested: true }));
        try {
          await client.query.cancel({ runId: batch.runId });
        } catch (error) {
          notifier.notifyError('Could not cancel the query', error);
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

      adoptResult(editorTabId, { runId, connectionId, sql, result }) {
        release(get().resultsByEditorTab[editorTabId]?.ids ?? []);
        const id = runId;
        const rowsResult = result.kind === 'rows' ? result : null;
        if (rowsResult) rows.start(id, rowsResult.rows, rowsResult.sizeLimited);
        const tab: ResultTab = {
          id,
          runId,
          editorTabId,
          connectionId,
          index: 1,
          statementText: sql,
          statementKind: 'query',
          statementFrom: 0,
          status: 'done',
          result,
          error: null,
          startedAt: Date.now(),
          durationMs: result.durationMs,
          rowsLoaded: rowsResult ? rowsResult.rows.length : 0,
          done: !rowsResult || rowsResult.complete,
          pageVersion: 0,
          pageError: null,
          readingAhead: null,
          exportState: null,
        };
        set((s) => ({ resultsById: { ...s.resultsById, [id]: tab } }));
        patchEditor(editorTabId, () => ({ ...NO_RESULTS, ids: [id], activeId: id }));
        return id;
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

      ...createPagingActions(client, rows, get, patch),
      ...createExportActions(
        { client, notifier, nativeDialogs: deps.nativeDialogs ?? (() => false), dataViewOf: deps.dataViewOf },
        get,
        patch,
      ),
    };
  });
}

export type ResultsStore = ReturnType<typeof createResultsStore>;

const RISK_TEXT = {
  noWhere: (verb: string) => `This ${verb} has no WHERE clause: it changes every row of the table.`,
  drop: (object: string) => `This drops ${object ? `a ${object}` : 'an object'} and everything in it.`,
  truncate: () => 'This TRUNCATE removes every row of the table.',
};

/**
 * The question to ask before running a statement, or null: an UPDATE/DELETE without WHERE, a DROP or a
 * TRUNCATE on any connection, and any statement that may change data on one marked production.
 */
export function confirmationFor(
  sql: string,
  dialect: SqlDialect,
  safety: ConnectionSafety,
): ConfirmationRequest | null {
  const risky = riskyStatement(sql, dialect);
  const production = needsConfirmation(safety, statementKind(sql, dialect));
  if (!risky && !production) return null;
  const reason = !risky
    ? 'It may change data.'
    : risky.kind === 'noWhere'
      ? RISK_TEXT.noWhere(risky.verb)
      : risky.kind === 'drop'
        ? RISK_TEXT.drop(risky.object)
        : RISK_TEXT.truncate();
  return {
    title: production ? 'Run on a production connection?' : 'Run this statement?',
    message: `${production ? 'This connection is marked production. ' : ''}${reason}`,
    confirmLabel: 'Run it',
    danger: true,
  };
}
