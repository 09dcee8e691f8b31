import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fork, type ChildProcess } from 'node:child_process';
import { safetyOf } from '../../../../shared/connection-safety';
import type { ConnectionParams, Row } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { valueWindow } from '../../query/value-encoding';
import { CursorGate, type RawCursor } from '../cursor-gate';
import type { DriverSession, ExecuteOptions, ExecuteOutcome, Transaction } from '../driver-adapter';
import { mapDriverError, queryCancelled, type ErrorContext } from '../map-driver-error';
import type { SqlValue } from '../sql-dialect';
import { assertOutsideTransaction, runTransaction } from '../transactions';
import { affectedOutcome } from './sqlite-outcome';
import { resolveSqliteFile } from './sqlite-file';
import { sqliteDialect } from './sqlite-dialect';
import {
  toWireValue,
  toWireWindow,
  type ExecuteReply,
  type IntrospectReply,
  type ReadReply,
  type SkipReply,
  type WorkerRequest,
  type WorkerResponse,
} from './sqlite-protocol';

type SqliteParams = Extract<ConnectionParams, { engine: 'sqlite' }>;

/**
 * How to start the worker process: from the TypeScript sources (vitest, tsx) node runs sqlite-worker.ts with
 * `--import tsx`; in the electron-vite build the worker is out/main/sqlite-worker.js while this code sits in
 * out/main/*.js or a chunk below it.
 */
export function resolveSqliteWorker(): { modulePath: string; execArgv: string[] } {
  const here = import.meta.url;
  // names held in variables so the bundler does not try to inline the worker as an asset
  const tsName = './sqlite-worker.ts';
  if (/\.[cm]?ts$/.test(new URL(here).pathname)) {
    return { modulePath: fileURLToPath(new URL(tsName, here)), execArgv: ['--import', 'tsx'] };
  }
  const candidates = ['./sqlite-worker.js', '../sqlite-worker.js', './main/sqlite-worker.js'];
  for (const candidate of candidates) {
    const path = fileURLToPath(new URL(candidate, here));
    if (existsSync(path)) return { modulePath: path, execArgv: [] };
  }
  throw new AppError(
    'INTERNAL',
    `The SQLite worker script was not found next to ${fileURLToPath(here)} — rebuild the app (npm run build).`,
  );
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * An SQLite database served by a worker process, so a long query never blocks the host.
 *
 * Why a process and not a worker thread: better-sqlite3 has no interrupt API, and Worker.terminate() cannot
 * stop a thread while it is inside sqlite3_step — the thread runs on (forever, for an unbounded recursive CTE)
 * and then blocks process exit. A child process can be killed. So cancel kills the worker, the call rejects
 * with QUERY_CANCELLED at once, and a fresh worker is started lazily for the next call. Connection state (temp
 * tables, open transaction, PRAGMAs set by the user) is lost with it; results that were still open are expired,
 * except parked read-only ones, which re-run.
 */
export class SqliteSession implements DriverSession {
  readonly engine = 'sqlite' as const;
  private worker: ChildProcess | null = null;
  private starting: Promise<ChildProcess> | null = null;
  /** Bumped whenever the worker is replaced; cursors of an older generation are gone. */
  private generation = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly gate = new CursorGate();
  private readonly ctx: ErrorContext;
  private closed = false;
  /** The worker had a transaction open after the last statement; killing it to cancel rolls that back. */
  private inTransaction = false;
  /** The gate of the transaction() running now, and the worker generation it began on. */
  private txGate: CursorGate | null = null;
  private txGeneration = 0;
  /** The connection's parameters with the file resolved to an absolute path (see resolveSqliteFile). */
  private readonly params: SqliteParams;

  private constructor(params: SqliteParams) {
    this.params = { ...params, file: resolveSqliteFile(params.file) };
    const relative = !isAbsolute(params.file) && params.file !== this.params.file;
    this.ctx = { engine: 'sqlite', file: this.params.file, ...(relative ? { typedFile: params.file } : {}) };
  }

  /** Opens the file (in a new worker) and checks it is a database. */
  static async open(params: SqliteParams): Promise<SqliteSession> {
    const session = new SqliteSession(params);
    await session.ensureWorker();
    return session;
  }

  async serverVersion(): Promise<string> {
    return (await this.gate.exclusive(() => this.call({ op: 'version' }))) as string;
  }

  async execute(
    sql: string,
    params: readonly SqlValue[],
    signal: AbortSignal,
    options: ExecuteOptions = {},
  ): Promise<ExecuteOutcome> {
    assertOutsideTransaction(this, 'execute');
    return this.gate.exclusive(() => this.executeOn(this.gate, sql, params, signal, options), signal);
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return runTransaction(
      this,
      this.gate,
      {
        isOpen: () => this.inTransaction,
        control: async (statement) => {
          // a worker started since BEGIN has no transaction to end
          if (statement !== 'BEGIN' && this.generation !== this.txGeneration) return;
          await this.executeOn(this.gate, statement, [], new AbortController().signal, {});
        },
        execute: (gate, sql, params, signal, options) => this.executeOn(gate, sql, params, signal, options ?? {}),
        track: (gate) => {
          this.txGate = gate;
          this.txGeneration = this.generation;
        },
      },
      work,
      signal,
    );
  }

  /** One statement on `gate` (the session's, or that of the transaction running now). */
  private async executeOn(
    gate: CursorGate,
    sql: string,
    params: readonly SqlValue[],
    signal: AbortSignal,
    options: ExecuteOptions,
  ): Promise<ExecuteOutcome> {
    if (gate === this.txGate && this.generation !== this.txGeneration) throw transactionLost();
    const ctx = { ...this.ctx, sql };
    const wire = params.map(toWireValue);
    const window = toWireWindow(valueWindow(options));
    const skipped = options.skipRows ?? 0;
    const run = (skip: number): WorkerRequest => ({ op: 'execute', sql, params: wire, skip, window });
    const reply = (await this.call(run(skipped), signal, ctx)) as ExecuteReply;
    this.inTransaction = reply.inTransaction;
    if (reply.kind === 'affected') return affectedOutcome(sql, reply);
    const raw = this.rawCursor(reply.cursorId, signal, ctx);
    const reopen = reply.readonly
      ? async (skip: number): Promise<RawCursor> => {
          const again = (await this.call(run(skipped + skip), signal, ctx)) as ExecuteReply;
          if (again.kind !== 'rows')
            throw new AppError('RESULT_EXPIRED', 'The statement no longer returns rows — run it again.');
          return this.rawCursor(again.cursorId, signal, ctx);
        }
      : null;
    return { kind: 'rows', columns: reply.columns, cursor: gate.adopt(raw, { reopen }) };
  }

  async introspect(): Promise<IntrospectReply> {
    return (await this.gate.exclusive(() => this.call({ op: 'introspect' }))) as IntrospectReply;
  }

  async countRows(schema: string | null, table: string, signal: AbortSignal): Promise<number> {
    const { sql, params } = sqliteDialect.countRows({ schema, table });
    const outcome = await this.execute(sql, params, signal);
    if (outcome.kind !== 'rows') return 0;
    try {
      const [row] = await outcome.cursor.read(1);
      return Number(row?.[0] ?? 0);
    } finally {
      await outcome.cursor.close();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopWorker(new AppError('NOT_CONNECTED', `The connection to ${this.params.file} was closed.`));
  }

  private rawCursor(cursorId: number, signal: AbortSignal, ctx: ErrorContext): RawCursor {
    const generation = this.generation;
    return {
      read: async (max: number): Promise<Row[]> => {
        if (generation !== this.generation) throw expired();
        return ((await this.call({ op: 'read', cursorId, max }, signal, ctx)) as ReadReply).rows;
      },
      skip: async (max: number, keep: number): Promise<SkipReply> => {
        if (generation !== this.generation) throw expired();
        return (await this.call({ op: 'skip', cursorId, max, keep }, signal, ctx)) as SkipReply;
      },
      close: async (): Promise<void> => {
        if (generation !== this.generation || !this.worker) return;
        await this.call({ op: 'close', cursorId });
      },
    };
  }

  private async ensureWorker(): Promise<ChildProcess> {
    if (this.closed)
      throw new AppError('NOT_CONNECTED', `The connection to ${this.params.file} was closed — connect again.`);
    if (this.worker) return this.worker;
    if (this.starting) return this.starting;
    this.starting = this.startWorker().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async startWorker(): Promise<ChildProcess> {
    const { modulePath, execArgv } = resolveSqliteWorker();
    const worker = fork(modulePath, [], {
      execArgv,
      serialization: 'json',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // under Electron, process.execPath is the app binary: run it as plain Node
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    this.generation++;
    this.worker = worker;
    worker.on('message', (response: WorkerResponse) => {
      const entry = this.pending.get(response.id);
      if (!entry) return;
      this.pending.delete(response.id);
      if (this.pending.size === 0) worker.channel?.unref();
      if (response.ok) entry.resolve(response.value);
      else entry.reject(Object.assign(new Error(response.error.message), response.error));
    });
    const lost = (reason: string): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.inTransaction = false;
      this.gate.drop();
      this.txGate?.drop();
      const error = new AppError(
        'CONNECTION_LOST',
        `The SQLite worker for ${this.params.file} stopped (${reason}) — run the statement again.`,
      );
      for (const entry of this.pending.values()) entry.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code, signal) => lost(signal ? `signal ${signal}` : `exit code ${code}`));
    // an idle session must not keep the host alive (the worker follows on 'disconnect'); a pending request does
    worker.unref();
    try {
      await this.post(worker, {
        op: 'open',
        file: this.params.file,
        create: this.params.create === true,
        readOnly: safetyOf(this.params) === 'readOnly',
      });
    } catch (error) {
      this.stopWorker(null);
      throw mapDriverError(error, this.ctx);
    }
    return worker;
  }

  private post(worker: ChildProcess, request: WorkerRequest): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.channel?.ref();
      worker.send({ id, request }, (error) => {
        if (!error) return;
        this.pending.delete(id);
        reject(
          new AppError(
            'CONNECTION_LOST',
            `The SQLite worker for ${this.params.file} is gone (${error.message}) — run the statement again.`,
          ),
        );
      });
    });
  }

  /** Sends one request; aborting `signal` stops the worker and rejects at once with QUERY_CANCELLED. */
  private async call(request: WorkerRequest, signal?: AbortSignal, ctx: ErrorContext = this.ctx): Promise<unknown> {
    if (signal?.aborted) throw queryCancelled();
    const worker = await this.ensureWorker();
    if (!signal)
      return this.post(worker, request).catch((error: unknown) => Promise.reject(mapDriverError(error, ctx)));
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const cancelled = this.inTransaction ? cancelledWithTransaction() : queryCancelled();
        reject(cancelled);
        if (this.worker === worker) this.stopWorker(cancelled);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.post(worker, request).then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(mapDriverError(error, ctx));
        },
      );
    });
  }

  /** Terminates the worker, failing whatever waited on it; the next call starts a fresh one. */
  private stopWorker(reason: AppError | null): void {
    const worker = this.worker;
    this.worker = null;
    this.inTransaction = false;
    this.gate.drop();
    this.txGate?.drop();
    for (const entry of this.pending.values()) entry.reject(reason ?? queryCancelled());
    this.pending.clear();
    if (worker) worker.kill('SIGKILL');
  }
}

function expired(): AppError {
  return new AppError(
    'RESULT_EXPIRED',
    'This result was discarded when a query on the same connection was cancelled — run it again.',
  );
}

/** A statement of a transaction() whose worker was stopped (a cancel): the transaction is gone with it. */
function transactionLost(): AppError {
  return new AppError(
    'QUERY_CANCELLED',
    'This transaction was rolled back when a statement in it was cancelled (the SQLite connection was restarted) — run it again.',
    { transactionRolledBack: true },
  );
}

/** Cancelling stops the worker process, and SQLite rolls back what that connection had not committed. */
function cancelledWithTransaction(): AppError {
  return new AppError(
    'QUERY_CANCELLED',
    'The query was cancelled. To stop it the SQLite connection was restarted, so the open transaction was rolled back — run BEGIN and your changes again.',
    { transactionRolledBack: true },
  );
}
