import { randomUUID } from 'node:crypto';
import { MAX_CELL_WINDOW } from '../../../shared/contract/query.contract';
import { needsConfirmation, refusedWhenReadOnly } from '../../../shared/connection-safety';
import {
  isPartialCell,
  type CellContent,
  type ConnectionSafety,
  type ResultPage,
  type Row,
  type StatementResult,
} from '../../../shared/domain';
import { splitStatements } from '../../../shared/sql/split-statements';
import { statementKind, type StatementKind } from '../../../shared/sql/statement-kind';
import { AppError } from '../../../shared/errors';
import type { EmitFn } from '../../../shared/events';
import type { ConnectionManager } from '../connections/connection-manager';
import { isRerunnable } from '../connections/cursor-gate';
import type { RowCursor } from '../connections/driver-adapter';
import type { SqlValue } from '../connections/sql-dialect';
import type { HistoryStore } from '../history/history-store';
import { cellContent } from './cell-content';
import { ResultHandle, expiredError } from './result-handle';

/** A result not paged for this long is closed (its cursor may hold a connection or a transaction). */
export const HANDLE_IDLE_MS = 10 * 60_000;
/** Open result handles kept at most; the least recently used beyond this are closed. */
export const MAX_HANDLES = 100;

export interface QueryServiceDeps {
  manager: ConnectionManager;
  history: HistoryStore;
  emit?: EmitFn;
  now?: () => Date;
  handleIdleMs?: number;
  chunkRows?: number;
  maxChunks?: number;
  maxPageBytes?: number;
}

interface RunEntry {
  connectionId: string;
  controller: AbortController;
}

interface HandleEntry {
  handle: ResultHandle;
  connectionId: string;
  runId: string;
  sql: string;
  params: readonly SqlValue[];
  /** The statement only reads, so running it again (for another page, or a whole cell) is harmless. */
  rerunnable: boolean;
  /** Aborts the statement currently feeding the handle (the run's, or that of a re-execution). */
  controller: AbortController;
}

export interface RunInput {
  connectionId: string;
  sql: string;
  runId: string;
  pageSize: number;
  /** Values for the statement's placeholders (native form, see StatementRunner); none for typed SQL. */
  params?: readonly SqlValue[];
  /** The user confirmed running it (needed for changes on a connection marked production). */
  confirmed?: boolean;
  /**
   * False: not recorded in the history. A data tab's generated SELECT re-runs on every sort, filter and reload,
   * and its placeholders make the text useless to re-run, so it is not an entry the user wants there.
   */
  history?: boolean;
}

/**
 * Runs statements, keeps their results as pageable handles and records every execution in the history.
 * Every run is registered under its caller-chosen runId so query.cancel can stop it while it runs and while
 * its result is being paged.
 */
export class QueryService {
  private readonly runs = new Map<string, RunEntry>();
  private readonly handles = new Map<string, HandleEntry>();
  private readonly sweepTimer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly now: () => Date;

  constructor(private readonly deps: QueryServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.unsubscribe = deps.manager.onClose((connectionId) => this.closeForConnection(connectionId));
    this.sweepTimer = setInterval(() => void this.sweep(Date.now()), 60_000);
    this.sweepTimer.unref();
  }

  async run(input: RunInput): Promise<StatementResult> {
    const { connectionId, sql, runId, pageSize } = input;
    const params = input.params ?? [];
    if (this.runs.has(runId)) {
      throw new AppError('CONFLICT', `A statement with run id "${runId}" is already running. Use a new run id.`, {
        runId,
      });
    }
    const controller = new AbortController();
    this.runs.set(runId, { connectionId, controller });
    const executedAt = this.now();
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
    const record = (entry: Parameters<HistoryStore['append']>[0]) => {
      if (input.history !== false) this.record(entry);
    };
    let recordable = true;
    try {
      const session = await this.deps.manager.get(connectionId);
      if (controller.signal.aborted) throw cancelledError();
      // engines disagree on text without a statement (SQLite errors, PostgreSQL and MySQL "succeed" on a comment)
      if (splitStatements(sql, session.engine).length === 0) {
        recordable = false;
        throw new AppError(
          'INVALID_INPUT',
          'There is no statement to run — the text is empty or only comments. Type a statement, or put the cursor on one.',
          {
            emptyStatement: true,
          },
        );
      }
      try {
        checkSafety(
          this.deps.manager.safety(connectionId),
          statementKind(sql, session.engine),
          input.confirmed === true,
        );
      } catch (error) {
        // refused before it ran: not an execution for the history
        recordable = false;
        throw error;
      }
      const outcome = await session.execute(sql, params, controller.signal);
      if (outcome.kind === 'affected') {
        const durationMs = elapsed();
        record({
          connectionId,
          sql,
          executedAt,
          durationMs,
          rowCount: outcome.affectedRows,
          status: 'ok',
          errorMessage: null,
        });
        return {
          kind: 'affected',
          command: outcome.command,
          affectedRows: outcome.affectedRows,
          lastInsertId: outcome.lastInsertId,
          durationMs,
        };
      }
      const rerunnable = isRerunnable(sql);
      const entry: HandleEntry = {
        handle: null as unknown as ResultHandle,
        connectionId,
        runId,
        sql,
        params,
        rerunnable,
        controller,
      };
      const reopen = rerunnable
        ? async (): Promise<RowCursor> => {
            const again = new AbortController();
            entry.controller = again;
            const next = await session.execute(sql, params, again.signal);
            if (next.kind !== 'rows')
              throw new AppError('RESULT_EXPIRED', 'The statement no longer returns rows. Run it again.');
            return next.cursor;
          }
        : null;
      entry.handle = new ResultHandle({
        id: randomUUID(),
        cursor: outcome.cursor,
        reopen,
        chunkRows: this.deps.chunkRows,
        maxChunks: this.deps.maxChunks,
        maxPageBytes: this.deps.maxPageBytes,
        // the grid and the CLI page sequentially: the next page's rows are read while this one is sent
        readAhead: true,
      });
      let first;
      try {
        first = await entry.handle.page(0, pageSize);
      } catch (error) {
        await entry.handle.close();
        throw error;
      }
      const durationMs = elapsed();
      if (!first.done) this.register(entry);
      else if (rerunnable && first.rows.some((row) => row.some(isPartialCell))) {
        // complete, but with cut cells: the handle stays (without its rows) so query.cell can read them whole
        entry.handle.forgetRows();
        this.register(entry);
      } else await entry.handle.close();
      record({
        connectionId,
        sql,
        executedAt,
        durationMs,
        // exact only when the whole result fitted in the first page; counting the rest would run it to the end
        rowCount: first.done ? first.rows.length : null,
        status: 'ok',
        errorMessage: null,
      });
      return {
        kind: 'rows',
        handle: entry.handle.id,
        columns: outcome.columns,
        rows: first.rows,
        complete: first.done,
        sizeLimited: first.sizeLimited,
        durationMs,
      };
    } catch (error) {
      const appError =
        controller.signal.aborted && !isCode(error, 'QUERY_CANCELLED') && !(error instanceof AppError)
          ? cancelledError()
          : error;
      if (recordable)
        record({
          connectionId,
          sql,
          executedAt,
          durationMs: elapsed(),
          rowCount: null,
          status: isCode(appError, 'QUERY_CANCELLED') ? 'cancelled' : 'error',
          errorMessage: appError instanceof Error ? appError.message : String(appError),
        });
      await this.afterFailure(connectionId, appError);
      throw appError;
    } finally {
      this.runs.delete(runId);
    }
  }

  /**
   * Runs other cancellable work on a connection (schema.countRows) under a caller-chosen runId, so query.cancel
   * stops it as it stops a statement; without a runId only closing the connection (or shutting down) stops it.
   */
  async track<T>(
    input: { connectionId: string; runId?: string },
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const runId = input.runId ?? `untracked-${randomUUID()}`;
    if (this.runs.has(runId)) {
      throw new AppError('CONFLICT', `Work with run id "${runId}" is already running. Use a new run id.`, { runId });
    }
    const controller = new AbortController();
    this.runs.set(runId, { connectionId: input.connectionId, controller });
    try {
      return await work(controller.signal);
    } catch (error) {
      await this.afterFailure(input.connectionId, error);
      throw error;
    } finally {
      this.runs.delete(runId);
    }
  }

  async page(input: { handle: string; offset: number; limit: number }): Promise<ResultPage> {
    const entry = this.handles.get(input.handle);
    if (!entry) throw expiredError(input.handle);
    // most recently used last, so the LRU cap evicts idle results first
    this.handles.delete(input.handle);
    this.handles.set(input.handle, entry);
    try {
      const page = await entry.handle.page(input.offset, input.limit, { packed: true });
      return {
        handle: input.handle,
        offset: input.offset,
        // packed rows are a wire form of Row[]: every client unpacks them (shared/client.ts)
        rows: page.packed ? (page.packed as unknown as Row[]) : page.rows,
        done: page.done,
        rowsRead: page.rowsRead,
        sizeLimited: page.sizeLimited,
      };
    } catch (error) {
      if (entry.handle.isClosed) this.handles.delete(input.handle);
      await this.afterFailure(entry.connectionId, error);
      throw error;
    }
  }

  /**
   * One cell whole, or a window of a long text/BLOB (see query.cell): from the handle's cache when it holds the
   * value whole, else read again by re-running the statement and passing over the rows before it.
   */
  async cell(input: {
    handle: string;
    row: number;
    column: number;
    offset?: number;
    length?: number;
  }): Promise<CellContent> {
    const entry = this.handles.get(input.handle);
    if (!entry) throw expiredError(input.handle);
    const offset = input.offset ?? 0;
    const length = input.length ?? MAX_CELL_WINDOW;
    const cached = entry.handle.cachedCell(input.row, input.column);
    if (cached !== undefined && !isPartialCell(cached)) return cellContent(cached, offset, length);
    if (!entry.rerunnable) {
      throw new AppError(
        'RESULT_EXPIRED',
        'This value is longer than a page carries, and the statement changes data, so it is not run again to read it — select the row with a SELECT to see the whole value.',
        { handle: input.handle },
      );
    }
    const row = await this.track({ connectionId: entry.connectionId }, async (signal) => {
      const session = await this.deps.manager.get(entry.connectionId);
      const outcome = await session.execute(entry.sql, entry.params, signal, {
        valueWindow: { offset, length },
        skipRows: input.row,
      });
      if (outcome.kind !== 'rows') return undefined;
      try {
        return (await outcome.cursor.read(1))[0];
      } finally {
        await outcome.cursor.close();
      }
    });
    if (row === undefined || input.column >= row.length) {
      throw new AppError(
        'RESULT_EXPIRED',
        `Row ${input.row + 1} column ${input.column + 1} is not in the result any more (the data changed since it ran) — run the query again.`,
        { handle: input.handle },
      );
    }
    return cellContent(row[input.column], offset, length);
  }

  async close(input: { handle: string }): Promise<{ closed: boolean }> {
    const entry = this.handles.get(input.handle);
    if (!entry) return { closed: false };
    this.handles.delete(input.handle);
    await entry.handle.close();
    return { closed: true };
  }

  /** Aborts a running statement (or tracked work such as a row count), or the database reads of a page call of its result. */
  cancel(input: { runId: string }): { cancelled: boolean } {
    const run = this.runs.get(input.runId);
    if (run) {
      run.controller.abort();
      return { cancelled: true };
    }
    for (const entry of this.handles.values()) {
      if (entry.runId === input.runId && entry.handle.busy) {
        entry.controller.abort();
        return { cancelled: true };
      }
    }
    return { cancelled: false };
  }

  /** Closes results idle since before `nowMs - idle`; called periodically. */
  async sweep(nowMs: number): Promise<number> {
    const limit = nowMs - (this.deps.handleIdleMs ?? HANDLE_IDLE_MS);
    const stale = [...this.handles.values()].filter((e) => !e.handle.busy && e.handle.lastUsedAt <= limit);
    await Promise.all(stale.map((e) => this.close({ handle: e.handle.id })));
    return stale.length;
  }

  /** Number of open result handles (for tests and diagnostics). */
  get openHandles(): number {
    return this.handles.size;
  }

  /** Cancels the connection's running statements and closes its results (its session is closing). */
  async closeForConnection(connectionId: string): Promise<void> {
    for (const run of this.runs.values()) if (run.connectionId === connectionId) run.controller.abort();
    const mine = [...this.handles.values()].filter((e) => e.connectionId === connectionId);
    for (const e of mine) {
      this.handles.delete(e.handle.id);
      e.controller.abort();
    }
    await Promise.all(mine.map((e) => e.handle.close()));
  }

  async dispose(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.unsubscribe();
    for (const run of this.runs.values()) run.controller.abort();
    const all = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(all.map((e) => e.handle.close()));
  }

  private register(entry: HandleEntry): void {
    this.handles.set(entry.handle.id, entry);
    if (this.handles.size <= MAX_HANDLES) return;
    for (const [id, old] of this.handles) {
      if (this.handles.size <= MAX_HANDLES) break;
      if (old.handle.busy) continue;
      this.handles.delete(id);
      void old.handle.close();
    }
  }

  private record(entry: Parameters<HistoryStore['append']>[0]): void {
    try {
      this.deps.history.append(entry);
    } catch {
      // history is best effort: the connection may just have been deleted (its history goes with it)
      return;
    }
    this.deps.emit?.('history.appended', { connectionId: entry.connectionId });
  }

  /** A lost connection is dropped so the next statement reconnects instead of failing again. */
  private async afterFailure(connectionId: string, error: unknown): Promise<void> {
    if (isCode(error, 'CONNECTION_LOST')) {
      await this.deps.manager.disconnect(
        connectionId,
        error instanceof Error ? error.message : 'The connection was lost.',
      );
    }
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof AppError && error.code === code;
}

function cancelledError(): AppError {
  return new AppError('QUERY_CANCELLED', 'The query was cancelled.');
}

const VERB: Partial<Record<StatementKind, string>> = {
  insert: 'INSERT',
  update: 'UPDATE',
  delete: 'DELETE',
  merge: 'MERGE',
  ddl: 'schema-changing',
};

/** Refuses what the connection's safety does not allow (see ConnectionSafety); recorded in history as a failure. */
function checkSafety(safety: ConnectionSafety, kind: StatementKind, confirmed: boolean): void {
  if (safety === 'readOnly' && refusedWhenReadOnly(kind)) {
    throw new AppError(
      'READ_ONLY',
      `This connection is marked read-only, so ${VERB[kind] ?? 'changing'} statements are not run on it. To change data, set its safety to Normal or Production in the connection's settings.`,
      { statementKind: kind },
    );
  }
  if (needsConfirmation(safety, kind) && !confirmed) {
    throw new AppError(
      'CONFIRMATION_REQUIRED',
      'This connection is marked production: a statement that may change data runs only once you confirm it.',
      { statementKind: kind },
    );
  }
}
