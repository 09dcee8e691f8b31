import mysql from 'mysql2';
import type { ConnectionParams, ResultColumn, Row } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { isWhole, valueWindow, type ValueWindow } from '../../query/value-encoding';
import { introspectMysql } from '../../schema/introspect-mysql';
import { CursorGate, isRerunnable, type RawCursor } from '../cursor-gate';
import {
  RowRing,
  TailKeeper,
  type AffectedOutcome,
  type DriverSession,
  type ExecuteOptions,
  type ExecuteOutcome,
  type SkipOutcome,
  type Transaction,
} from '../driver-adapter';
import { mapDriverError, queryCancelled, redactSecret, type ErrorContext } from '../map-driver-error';
import type { SqlValue } from '../sql-dialect';
import { settleOrAbort, settlesWithin } from '../settle-wait';
import { connectWithSslFallback } from '../ssl-fallback';
import { commandCountsRows, commandInserts, statementCommand } from '../statement-command';
import { assertOutsideTransaction, runTransaction } from '../transactions';
import { mysqlDialect } from './mysql-dialect';
import { mysqlConnectionOptions, socketOf, sslFor } from './mysql-connection';
import { mysqlRowEncoder, resultColumn, type MysqlField } from './mysql-values';

type MysqlParams = Extract<ConnectionParams, { engine: 'mysql' }>;
type Connection = mysql.Connection;

/** Rows buffered ahead of the reader before the socket is paused. */
const HIGH_WATER = 10_000;
/** The same with whole values in the rows (exports), so buffered rows stay a bounded amount of memory. */
const HIGH_WATER_WHOLE_VALUES = 200;
/** A cancelled statement still running after this long is killed again (a KILL that came too early missed it). */
const REKILL_MS = 1000;
/** How long close() lets an idle connection say goodbye before the socket is destroyed. */
const CLOSE_GRACE_MS = 2000;

/** OK packet status: a transaction is open. */
const SERVER_STATUS_IN_TRANS = 1;

type Shape = { kind: 'rows'; columns: ResultColumn[] } | AffectedOutcome;

/**
 * A MySQL/MariaDB session on one mysql2 connection. Results stream (the socket is paused when HIGH_WATER rows
 * wait unread), so a huge SELECT is never loaded whole; only one stream can own the connection, see CursorGate.
 * Cancel is `KILL QUERY <thread id>` from a short-lived second connection.
 */
export class MysqlSession implements DriverSession {
  readonly engine = 'mysql' as const;
  private readonly gate = new CursorGate();
  private lost: AppError | null = null;
  private closed = false;
  /** A transaction is open, as of the last OK packet (BEGIN sets it, COMMIT and DDL clear it). */
  private inTransaction = false;
  /** Settles when the connection has ended (closed, or lost): nothing is waited for on it after. */
  private readonly ended: Promise<void>;

  private constructor(
    private readonly conn: Connection,
    private readonly options: mysql.ConnectionOptions,
    private readonly ctx: ErrorContext,
  ) {
    conn.on('error', (error) => {
      this.lost = mapDriverError(error, this.ctx);
    });
    this.ended = new Promise<void>((resolve) => {
      conn.once('end', () => resolve());
      conn.once('error', () => resolve());
      socketOf(conn)?.once('close', () => resolve());
    });
  }

  static async open(params: MysqlParams, password: string | null): Promise<MysqlSession> {
    const ctx: ErrorContext = {
      engine: 'mysql',
      host: params.host,
      port: params.port,
      user: params.user,
      database: params.database,
      connectTimeoutMs: params.connectTimeoutMs ?? 10_000,
    };
    const connect = async (ssl: mysql.ConnectionOptions['ssl']): Promise<MysqlSession> => {
      const options = mysqlConnectionOptions(params, password, ssl);
      const conn = mysql.createConnection(options);
      try {
        await new Promise<void>((resolve, reject) => conn.connect((error) => (error ? reject(error) : resolve())));
      } catch (error) {
        conn.destroy();
        throw redactSecret(mapDriverError(error, { ...ctx, connecting: true }), password);
      }
      if (params.safety === 'readOnly') {
        // a read-only connection: the server refuses changes to data in every later transaction
        try {
          await new Promise<void>((resolve, reject) =>
            conn.query('SET SESSION TRANSACTION READ ONLY', (error) => (error ? reject(error) : resolve())),
          );
        } catch (error) {
          conn.destroy();
          throw mapDriverError(error, ctx);
        }
      }
      return new MysqlSession(conn, options, ctx);
    };
    return connectWithSslFallback(params.sslMode, sslFor(params.sslMode), undefined, connect);
  }

  serverVersion(): Promise<string> {
    return this.gate.exclusive(async () => {
      const rows = await this.simple<{ v: string }>('SELECT VERSION() AS v', [], undefined);
      return rows[0]?.v ?? '';
    });
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
          await this.simple(statement === 'BEGIN' ? 'START TRANSACTION' : statement, [], undefined);
        },
        execute: (gate, sql, params, txSignal, options) => this.executeOn(gate, sql, params, txSignal, options ?? {}),
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
    this.assertUsable();
    // cancelled while waiting for the connection: never send it (a KILL before it runs would miss it)
    if (signal.aborted) throw queryCancelled();
    const ctx = { ...this.ctx, sql };
    const window = valueWindow(options);
    const skipped = options.skipRows ?? 0;
    const stream = this.openStream(gate, sql, params, signal, ctx, window, skipped);
    const shape = await stream.shape;
    if (shape.kind === 'affected') return shape;
    const reopen = isRerunnable(sql)
      ? async (skip: number): Promise<RawCursor> => {
          const again = this.openStream(gate, sql, params, signal, ctx, window, skipped + skip);
          await again.shape;
          return again.cursor;
        }
      : null;
    return { kind: 'rows', columns: shape.columns, cursor: gate.adopt(stream.cursor, { reopen }) };
  }

  introspect() {
    return this.gate.exclusive(() => {
      this.assertUsable();
      return introspectMysql((text, values) => this.simple(text, values, undefined));
    });
  }

  countRows(schema: string | null, table: string, signal: AbortSignal): Promise<number> {
    const { sql, params } = mysqlDialect.countRows({ schema, table });
    return this.gate.exclusive(async () => {
      const rows = await this.simple<{ n: string | number }>(sql, params, signal);
      return Number(rows[0]?.n ?? 0);
    }, signal);
  }

  /**
   * Ends the connection without waiting for queued work. mysql2 queues the goodbye (COM_QUIT) behind the
   * running command — a paused result stream never finishes — so a busy connection's socket is destroyed at
   * once, and an idle one's after CLOSE_GRACE_MS if the server does not answer.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.gate.drop();
    const busy = (this.conn as unknown as { _command?: unknown })._command;
    if (!busy) {
      const ending = new Promise<void>((resolve) => this.conn.end(() => resolve()));
      if (await settlesWithin(ending, CLOSE_GRACE_MS)) {
        this.conn.destroy();
        return;
      }
    }
    socketOf(this.conn)?.destroy();
    this.conn.destroy();
  }

  private assertUsable(): void {
    if (this.closed)
      throw new AppError(
        'NOT_CONNECTED',
        `The connection to ${this.ctx.host}:${this.ctx.port} was closed — connect again.`,
      );
    if (this.lost) throw this.lost;
  }

  /**
   * Starts a streaming query. `shape` settles once the server said whether rows follow (fields) or not (an OK
   * packet); `cursor` then reads the rows, pausing the socket while the reader is behind.
   */
  private openStream(
    gate: CursorGate,
    sql: string,
    params: readonly SqlValue[],
    signal: AbortSignal,
    ctx: ErrorContext,
    window: ValueWindow,
    skip: number,
  ): { shape: Promise<Shape>; cursor: RawCursor } {
    const conn = this.conn;
    const highWater = isWhole(window) ? HIGH_WATER_WHOLE_VALUES : HIGH_WATER;
    const buffer: Row[] = [];
    let ended = false;
    let failure: unknown = null;
    let paused = false;
    /** Rows the pending read waits for: the socket is not paused before the buffer holds them. */
    let wanted = 0;
    let wake: (() => void) | null = null;
    let discard = false;
    /** Rows still to pass over (resuming a result from a position), dropped before they are encoded. */
    let toSkip = skip;
    /** A skip in progress: rows still to pass over, and the last of them (raw), kept for its tail. */
    let skipping: { left: number; ring: RowRing<unknown[]> } | null = null;
    let encode: (row: unknown[]) => unknown[] = (row) => row;
    const notify = (): void => {
      const w = wake;
      wake = null;
      w?.();
    };
    // with values, a server-side prepared statement (binary protocol): the server binds them, so no value is
    // ever spliced into the SQL text; without, the text protocol, which runs any statement
    const binary = params.length > 0;
    const values = params.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v));
    const query = binary ? conn.execute({ sql, values, rowsAsArray: true }) : conn.query({ sql, rowsAsArray: true });
    let settleShape!: (value: Shape) => void;
    let failShape!: (error: unknown) => void;
    const shape = new Promise<Shape>((resolve, reject) => {
      settleShape = resolve;
      failShape = reject;
    });
    const endPromise = new Promise<void>((resolve) => {
      query.on('end', () => {
        ended = true;
        notify();
        resolve();
      });
    });
    // the statement is over for the connection: it ended, or the connection did (mysql2 then tells only the connection)
    const finished = Promise.race([endPromise, this.ended]);
    query.on('error', (error: unknown) => {
      failure = mapDriverError(error, ctx);
      ended = true;
      failShape(failure);
      notify();
    });
    query.on('fields', (fields: MysqlField[] | undefined) => {
      // mysql2 also emits 'fields' (undefined) for statements without a result set
      if (!fields) return;
      encode = mysqlRowEncoder(fields, window, binary);
      settleShape({ kind: 'rows', columns: fields.map(resultColumn) });
    });
    query.on('result', (row: unknown) => {
      if (!Array.isArray(row)) {
        settleShape(
          this.affected(sql, row as { affectedRows?: number; insertId?: number | string; serverStatus?: number }),
        );
        return;
      }
      if (discard) return;
      if (toSkip > 0) {
        toSkip--;
        return;
      }
      if (skipping) {
        skipping.ring.push(row as unknown[]);
        if (--skipping.left === 0) {
          skipping = null;
          notify();
        }
        return;
      }
      buffer.push(encode(row as unknown[]));
      if (buffer.length >= Math.max(highWater, wanted) && !paused) {
        paused = true;
        conn.pause();
      }
      if (buffer.length >= wanted) notify();
    });
    // a statement that ends with neither fields nor an OK packet (should not happen) still settles
    void endPromise.then(() =>
      settleShape({ kind: 'affected', command: statementCommand(sql), affectedRows: null, lastInsertId: null }),
    );

    let closing: Promise<void> | null = null;
    // stop the server sending the rest, then drain what is already on the way
    const close = (): Promise<void> =>
      (closing ??= (async () => {
        if (ended || this.closed) return;
        discard = true;
        buffer.length = 0;
        await this.killQuery();
        if (paused) {
          paused = false;
          conn.resume();
        }
        await this.killUntil(finished);
      })());
    const cursor: RawCursor = {
      read: async (max: number): Promise<Row[]> => {
        for (;;) {
          if (signal.aborted) {
            gate.occupy(close());
            throw queryCancelled();
          }
          if (buffer.length >= max || ended) {
            if (buffer.length === 0 && failure) throw failure;
            const rows = buffer.splice(0, max);
            if (paused && buffer.length < highWater / 2) {
              paused = false;
              conn.resume();
            }
            return rows;
          }
          // armed before resuming: resume() can deliver the rows (and notify) before it returns
          const more = new Promise<void>((resolve) => (wake = resolve));
          wanted = max;
          if (paused) {
            paused = false;
            conn.resume();
          }
          await this.waitOrCancel(gate, more, signal, close);
        }
      },
      skip: async (max: number, keep: number): Promise<SkipOutcome> => {
        const tail = new TailKeeper<Row>(keep);
        // rows already buffered are encoded; they go first
        const buffered = buffer.splice(0, Math.min(buffer.length, max));
        tail.add(buffered);
        let skipped = buffered.length;
        if (skipped < max && !ended) {
          const state = { left: max - skipped, ring: new RowRing<unknown[]>(keep) };
          skipping = state;
          try {
            while (state.left > 0 && !ended) {
              if (signal.aborted) {
                gate.occupy(close());
                throw queryCancelled();
              }
              const more = new Promise<void>((resolve) => (wake = resolve));
              if (paused) {
                paused = false;
                conn.resume();
              }
              await this.waitOrCancel(gate, more, signal, close);
            }
          } finally {
            skipping = null;
          }
          if (failure) throw failure;
          skipped = max - state.left;
          tail.add(state.ring.drain().map(encode));
        }
        return { skipped, tail: tail.take() };
      },
      close,
    };
    const shapeWithCancel = this.waitOrCancel(gate, shape, signal, close);
    return { shape: shapeWithCancel, cursor };
  }

  /**
   * Waits for `work`, but rejects with QUERY_CANCELLED as soon as `signal` aborts. `stop` then frees the
   * connection of the statement (kills it, drains it); the connection stays busy until it has (see
   * CursorGate.occupy), so neither the statement nor a late KILL can hit the next one.
   */
  private waitOrCancel<T>(
    gate: CursorGate,
    work: Promise<T>,
    signal: AbortSignal | undefined,
    stop: () => Promise<void>,
  ): Promise<T> {
    work.catch(() => undefined);
    if (!signal) return work;
    return settleOrAbort(work, signal, (reject) => {
      reject(queryCancelled());
      gate.occupy(stop());
    });
  }

  /**
   * A statement without rows. MySQL reports 0 affected rows for DDL and the connection's insert id for any
   * statement, so the count is kept only for DML and the id only for statements that insert.
   */
  private affected(
    sql: string,
    header: { affectedRows?: number; insertId?: number | string; serverStatus?: number },
  ): AffectedOutcome {
    if (header.serverStatus !== undefined) this.inTransaction = (header.serverStatus & SERVER_STATUS_IN_TRANS) !== 0;
    const command = statementCommand(sql);
    const id = header.insertId;
    return {
      kind: 'affected',
      command,
      affectedRows: commandCountsRows(command) ? (header.affectedRows ?? null) : null,
      lastInsertId: commandInserts(command) && id !== undefined && id !== 0 && id !== '0' ? id : null,
    };
  }

  /** Runs a small statement with bound values; rows come back as objects. */
  private simple<T>(sql: string, values: readonly unknown[], signal: AbortSignal | undefined): Promise<T[]> {
    this.assertUsable();
    if (signal?.aborted) return Promise.reject(queryCancelled());
    const work = new Promise<T[]>((resolve, reject) => {
      const done = (error: unknown, rows: unknown): void => {
        if (error) return reject(mapDriverError(error, { ...this.ctx, sql }));
        const status = (rows as { serverStatus?: unknown } | null)?.serverStatus;
        if (typeof status === 'number') this.inTransaction = (status & SERVER_STATUS_IN_TRANS) !== 0;
        resolve(rows as T[]);
      };
      // values are bound by the server (a prepared statement), never spliced into the text
      if (values.length > 0) this.conn.execute({ sql, values: [...values] as never[] }, done);
      else this.conn.query({ sql }, done);
    });
    return this.waitOrCancel(this.gate, work, signal, async () => {
      await this.killQuery();
      await this.killUntil(Promise.race([work, this.ended]));
    });
  }

  /** Waits for `work` to settle, killing the statement again every REKILL_MS while it runs on. */
  private async killUntil(work: Promise<unknown>): Promise<void> {
    while (!this.closed && !(await settlesWithin(work, REKILL_MS))) await this.killQuery();
  }

  private async killQuery(): Promise<void> {
    if (this.closed) return;
    const threadId = this.conn.threadId;
    if (threadId === null || threadId === undefined) return;
    const side = mysql.createConnection({ ...this.options, connectTimeout: 5000 });
    side.on('error', () => undefined);
    try {
      await new Promise<void>((resolve, reject) =>
        side.query(`KILL QUERY ${Number(threadId)}`, (error) => (error ? reject(error) : resolve())),
      );
    } catch {
      // best effort: the caller has already been told the query was cancelled
    } finally {
      side.destroy();
    }
  }
}
