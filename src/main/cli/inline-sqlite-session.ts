import { safetyOf } from '../../shared/connection-safety';
import type { ConnectionParams, Row } from '../../shared/domain';
import type { ExecuteOptions, ExecuteOutcome, Transaction } from '../core/connections/driver-adapter';
import { mapDriverError, queryCancelled, type ErrorContext } from '../core/connections/map-driver-error';
import type { SqlValue } from '../core/connections/sql-dialect';
import { createSqliteEngine, type SqliteEngine } from '../core/connections/sqlite/sqlite-engine';
import { resolveSqliteFile } from '../core/connections/sqlite/sqlite-file';
import { affectedOutcome } from '../core/connections/sqlite/sqlite-outcome';
import {
  toWireValue,
  type BindValue,
  toWireWindow,
  type ExecuteReply,
  type ReadReply,
  type WorkerRequest,
} from '../core/connections/sqlite/sqlite-protocol';
import { valueWindow } from '../core/query/value-encoding';
import type { QuerySession } from './open-query-session';

type SqliteParams = Extract<ConnectionParams, { engine: 'sqlite' }>;

/** Rows read per step; the CLI prints as it reads. */
const READ_BATCH = 1000;
/** The request a failed writeBound is described as, for the error's position in its statement. */
const BOUND_WINDOW = { offset: 0, textChars: null, blobBytes: null };

/**
 * SQLite in the CLI's own process. The app runs SQLite in a worker process so that a long query never blocks
 * its host and can be cancelled by killing the worker; a `backbench query` process has nothing else to do, and
 * Ctrl-C ends it whole — so it skips the fork (a second Node start, ~50 ms and more) and runs the worker's own
 * engine (sqlite-engine.ts) in place: the same open checks, statements, value encoding, error positions and
 * result wording (sqlite-outcome.ts) as the app.
 */
export class InlineSqliteSession implements QuerySession {
  readonly engine = 'sqlite' as const;
  /** The reader still open: better-sqlite3 runs nothing else on the connection until it is closed. */
  private openCursor: number | null = null;

  private constructor(
    private readonly sqlite: SqliteEngine,
    private readonly ctx: ErrorContext,
  ) {}

  static open(params: SqliteParams): InlineSqliteSession {
    const file = resolveSqliteFile(params.file);
    const session = new InlineSqliteSession(createSqliteEngine(), { engine: 'sqlite', file });
    session.call({ op: 'open', file, create: params.create === true, readOnly: safetyOf(params) === 'readOnly' });
    return session;
  }

  execute(
    sql: string,
    params: readonly SqlValue[],
    signal: AbortSignal,
    options: ExecuteOptions = {},
  ): Promise<ExecuteOutcome> {
    if (signal.aborted) return Promise.reject(queryCancelled());
    const ctx = { ...this.ctx, sql };
    try {
      this.closeCursor();
      const reply = this.call(
        {
          op: 'execute',
          sql,
          params: params.map(toWireValue),
          skip: options.skipRows ?? 0,
          window: toWireWindow(valueWindow(options)),
        },
        ctx,
      ) as ExecuteReply;
      if (reply.kind === 'affected') return Promise.resolve(affectedOutcome(sql, reply));
      const cursorId = reply.cursorId;
      this.openCursor = cursorId;
      const read = async (max: number): Promise<Row[]> => {
        if (this.openCursor !== cursorId) return [];
        const { rows } = this.call({ op: 'read', cursorId, max: Math.min(max, READ_BATCH) }, ctx) as ReadReply;
        if (rows.length === 0) this.openCursor = null;
        return rows;
      };
      const close = async (): Promise<void> => {
        if (this.openCursor === cursorId) this.closeCursor();
      };
      return Promise.resolve({ kind: 'rows', columns: reply.columns, cursor: { read, close } });
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /**
   * A statement that writes, its values already as better-sqlite3 binds them (toBindValue): an import's
   * INSERTs skip the wire form `execute` converts every value to and back (BoundWriter of import-file.ts).
   */
  writeBound(sql: string, values: readonly BindValue[], signal: AbortSignal): Promise<number> {
    if (signal.aborted) return Promise.reject(queryCancelled());
    try {
      this.closeCursor();
      return Promise.resolve(this.sqlite.write(sql, values));
    } catch (error) {
      const request: WorkerRequest = { op: 'execute', sql, params: [], skip: 0, window: BOUND_WINDOW };
      const failure = this.sqlite.failure(error, request);
      return Promise.reject(mapDriverError(Object.assign(new Error(failure.message), failure), { ...this.ctx, sql }));
    }
  }

  /**
   * BEGIN … COMMIT around `work` (ROLLBACK when it rejects): the command's only caller runs nothing else on the
   * connection meanwhile, so `tx` is the session itself.
   */
  async transaction<T>(work: (tx: Transaction) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const none = new AbortController().signal;
    await this.execute('BEGIN', [], signal ?? none);
    try {
      const result = await work(this);
      await this.execute('COMMIT', [], none);
      return result;
    } catch (error) {
      await this.execute('ROLLBACK', [], none).catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closeCursor();
    this.call({ op: 'closeDatabase' });
  }

  /** One request to the engine; a driver error comes back mapped, with its position, as the worker's would. */
  private call(request: WorkerRequest, ctx: ErrorContext = this.ctx): unknown {
    try {
      return this.sqlite.handle(request);
    } catch (error) {
      const failure = this.sqlite.failure(error, request);
      throw mapDriverError(Object.assign(new Error(failure.message), failure), ctx);
    }
  }

  private closeCursor(): void {
    const cursorId = this.openCursor;
    this.openCursor = null;
    if (cursorId !== null) this.call({ op: 'close', cursorId });
  }
}
