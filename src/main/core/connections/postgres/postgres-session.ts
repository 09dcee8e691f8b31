import pg from 'pg';
import type { ConnectionParams, ResultColumn, Row } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import type { PackedChunk } from '../../query/packed-chunk';
import { encodeRow, encodeRowInPlace, PREVIEW_VALUES, valueWindow, type ValueWindow } from '../../query/value-encoding';
import { introspectPostgres } from '../../schema/introspect-postgres';
import { CursorGate, isRerunnable, type RawCursor } from '../cursor-gate';
import {
  RowRing,
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
import { statementCommand } from '../statement-command';
import { assertOutsideTransaction, runTransaction } from '../transactions';
import { postgresDialect } from './postgres-dialect';
import { copyNotSupported, PortalCursor } from './portal-cursor';
import { abandon, guardParser, letGo, planConnect, sslFor } from './postgres-connection';
import { PostgresColumnSources, type PgField } from './postgres-provenance';
import { PostgresRowPacker } from './postgres-packed';
import { postgresTypes as types } from './postgres-values';
import { installRawDataRows } from './raw-data-rows';
import type { SslAsked } from './ssl-request';

type PgParams = Extract<ConnectionParams, { engine: 'postgres' }>;

export interface PostgresSessionOptions {
  /**
   * false: result columns carry no type name and no source, and no catalog is read for them (a command that
   * prints only names and values saves a round trip and reading pg_type). Default true.
   */
  columnDetails?: boolean;
  /**
   * false: close() says goodbye to the server and returns at once, and the connection no longer keeps the
   * process alive (a one-shot command exits without waiting for the server to close its side). Default true.
   */
  awaitClose?: boolean;
  /** The SSLRequest already sent for these params (earlySslRequest in ssl-request.ts), used by the first attempt. */
  sslRequest?: Promise<SslAsked>;
}

/** Rows fetched with the statement itself, to learn its shape (time to first page stays one round trip). */
const FIRST_BATCH = 200;
/**
 * A cancelled statement still running after this long is cancelled again: PostgreSQL ignores a cancel request
 * that reaches the backend while it is still reading the statement rather than executing it.
 */
const RECANCEL_MS = 1000;
// pages of results are packed from the server's bytes (PostgresRowPacker)
installRawDataRows();

/** Rows fetched per round trip while skipping: the portal sends them, nothing encodes them. */
const SKIP_BATCH = 50_000;
/** How long close() lets the server acknowledge the goodbye before the socket is destroyed. */
const CLOSE_GRACE_MS = 2000;

/**
 * A PostgreSQL session on one pinned `pg` Client (so SET, temp tables and transactions persist between
 * statements). Rows stream through pg-cursor portals; only one portal can own the client, see CursorGate.
 * Cancel asks the server to cancel the backend (pg_cancel_backend from a short-lived second client).
 */
export class PostgresSession implements DriverSession {
  readonly engine = 'postgres' as const;
  private readonly gate = new CursorGate();
  private typeNames = new Map<number, string>();
  private typeNamesStale = true;
  private readonly sources = new PostgresColumnSources();
  private lost: AppError | null = null;
  private closed = false;
  /** Settles when the client's connection has ended (closed, or lost): nothing is waited for on it after. */
  private readonly ended: Promise<void>;

  private constructor(
    private readonly client: pg.Client,
    private readonly config: pg.ClientConfig,
    private readonly ctx: ErrorContext,
    private readonly options: PostgresSessionOptions,
  ) {
    client.on('error', (error) => {
      this.lost = mapDriverError(error, this.ctx);
    });
    this.ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  }

  static async open(
    params: PgParams,
    password: string | null,
    options: PostgresSessionOptions = {},
  ): Promise<PostgresSession> {
    const ctx: ErrorContext = {
      engine: 'postgres',
      host: params.host,
      port: params.port,
      user: params.user,
      database: params.database,
      connectTimeoutMs: params.connectTimeoutMs ?? 10_000,
    };
    let asked = options.sslRequest;
    const connect = async (ssl: pg.ClientConfig['ssl']): Promise<PostgresSession> => {
      const failed = (error: unknown) => redactSecret(mapDriverError(error, { ...ctx, connecting: true }), password);
      const early = asked;
      asked = undefined;
      const { config, first } = await planConnect(params, password, ssl, early).catch((error: unknown) => {
        throw failed(error);
      });
      const client = new pg.Client(first);
      // an error before connect() settles would otherwise be an unhandled 'error' event
      client.on('error', () => undefined);
      try {
        await client.connect();
      } catch (error) {
        abandon(client);
        throw failed(error);
      }
      guardParser(client);
      return new PostgresSession(client, config, ctx, options);
    };
    return connectWithSslFallback(params.sslMode, sslFor(params.sslMode), false, connect);
  }

  serverVersion(): Promise<string> {
    return this.gate.exclusive(async () => {
      const result = await this.simple<{ server_version: string }>('SHOW server_version', [], undefined);
      return result[0]?.server_version ?? '';
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
        // 'T' in a transaction, 'E' in a failed one (as of the last ReadyForQuery)
        isOpen: () => this.client.getTransactionStatus() !== 'I',
        control: async (statement) => {
          await this.simple(statement, [], undefined);
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
    const details = this.options.columnDetails !== false;
    if (this.typeNamesStale && details) await this.loadTypeNames();
    // cancelled while waiting for the connection: never send it (a cancel before it runs would miss it)
    if (signal.aborted) throw queryCancelled();
    const ctx = { ...this.ctx, sql };
    const window = valueWindow(options);
    const open = async (skip: number): Promise<{ raw: RawCursor; cursor: PortalCursor }> => {
      const opened = this.openCursor(gate, sql, params, signal, ctx, window);
      await opened.skip(skip);
      return opened;
    };
    const skipped = options.skipRows ?? 0;
    const { raw, cursor } = await open(skipped);
    let first: Row[];
    try {
      first = await raw.read(FIRST_BATCH);
    } catch (error) {
      // COPY FROM STDIN fails (57014, as if cancelled) once the cursor declined to send data
      if (cursor.copyAttempted) throw copyNotSupported();
      throw error;
    }
    if (cursor.copyAttempted) {
      await raw.close();
      throw copyNotSupported();
    }
    const result = (cursor as unknown as { _result: { fields: PgField[]; rowCount: number | null } })._result;
    if (result.fields.length === 0) {
      await raw.close();
      const command = statementCommand(sql);
      if (command !== null && /^(ALTER|DROP) /.test(command)) this.sources.forget();
      // PostgreSQL tags DML (and CREATE TABLE AS) with a count and everything else without one
      return { kind: 'affected', command, affectedRows: result.rowCount, lastInsertId: null };
    }
    const columns = details
      ? await this.resultColumns(result.fields, cursor.state === 'done')
      : namesOnly(result.fields);
    const reopen = isRerunnable(sql) ? async (skip: number) => (await open(skipped + skip)).raw : null;
    return { kind: 'rows', columns, cursor: gate.adopt(raw, { reopen, initialRows: first }) };
  }

  /**
   * Result columns with their type names and sources. The catalog lookup for unknown tables runs on this
   * connection when the result is already complete, else on a short-lived second connection: the open portal
   * holds this one until it is read or parked.
   */
  private async resultColumns(fields: readonly PgField[], connectionFree: boolean): Promise<ResultColumn[]> {
    const missing = this.sources.missing(fields);
    if (missing.length > 0) {
      try {
        if (connectionFree) await this.sources.load(missing, (text, values) => this.simple(text, values, undefined));
        else
          await this.sideQuery((side) =>
            this.sources.load(missing, async (text, values) => (await side.query({ text, values })).rows),
          );
      } catch {
        // provenance is a help for editing; a result without it is still a result
      }
    }
    return fields.map((f) => {
      const column: ResultColumn = { name: f.name, dataType: this.typeName(f.dataTypeID) };
      const source = this.sources.sourceOf(f);
      if (source) column.source = source;
      return column;
    });
  }

  introspect() {
    return this.gate.exclusive(() => {
      this.assertUsable();
      return introspectPostgres((text, values) => this.simple(text, values, undefined));
    });
  }

  countRows(schema: string | null, table: string, signal: AbortSignal): Promise<number> {
    const { sql, params } = postgresDialect.countRows({ schema, table });
    return this.gate.exclusive(async () => {
      const rows = await this.simple<{ n: number | string }>(sql, params, signal);
      return Number(rows[0]?.n ?? 0);
    }, signal);
  }

  /**
   * Ends the connection without waiting for queued work (it fails with NOT_CONNECTED). pg's end() destroys the
   * socket at once while a statement is in progress; a server that stops answering altogether would keep it
   * waiting for the goodbye, so the socket is destroyed after CLOSE_GRACE_MS.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.gate.drop();
    const ending = this.client.end().catch(() => undefined);
    if (this.options.awaitClose === false) return letGo(this.client);
    if (!(await settlesWithin(ending, CLOSE_GRACE_MS))) {
      (this.client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    }
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
   * Opens a portal. Its close() resolves only once the connection is free of it (see releaseCursor); a read
   * cancelled by `signal` rejects at once and leaves that release to the gate, so the next statement waits for it.
   */
  private openCursor(
    gate: CursorGate,
    sql: string,
    params: readonly SqlValue[],
    signal: AbortSignal,
    ctx: ErrorContext,
    window: ValueWindow,
  ): { raw: RawCursor; cursor: PortalCursor; skip(rows: number): Promise<void> } {
    const cursor = this.client.query(new PortalCursor(sql, [...params], { rowMode: 'array', types }));
    let closing: Promise<void> | null = null;
    const close = (): Promise<void> => (closing ??= this.releaseCursor(cursor));
    const fetch = (max: number): Promise<unknown[]> => {
      if (signal.aborted) {
        gate.occupy(close());
        return Promise.reject(queryCancelled());
      }
      return this.withCancel(gate, cursor.read(max), signal, ctx, close);
    };
    const raw: RawCursor = {
      read: async (max: number): Promise<Row[]> => {
        const rows = await fetch(max);
        for (const row of rows) encodeRowInPlace(row as unknown[], window);
        return rows as Row[];
      },
      // rows passed over are not encoded: resuming a result far down costs only the reading
      skip: async (max: number, keep: number): Promise<SkipOutcome> => {
        // rows are only counted; the last `keep` stay as text and are parsed at the end (the row description,
        // which sets the parsers, always comes before a portal's first row)
        const ring = new RowRing<unknown[]>(keep);
        let skipped = 0;
        while (skipped < max) {
          cursor.passing = ring;
          let batch: unknown[];
          try {
            batch = await fetch(Math.min(max - skipped, SKIP_BATCH));
          } finally {
            cursor.passing = null;
          }
          if (batch.length === 0) break;
          skipped += batch.length;
        }
        return { skipped, tail: ring.drain().map((text) => encodeRow(cursor.parseText(text), window)) };
      },
      close,
    };
    // pages (the preview window) can take the rows as packed bytes
    if (window === PREVIEW_VALUES) {
      let packer: PostgresRowPacker | null = null;
      raw.readPacked = async (max: number): Promise<PackedChunk> => {
        const fields = (cursor as unknown as { _result: { fields: PgField[] } })._result.fields;
        packer ??= new PostgresRowPacker(fields);
        cursor.packing = packer;
        try {
          const batch = await fetch(max);
          const chunk = packer.take();
          if (chunk.count !== batch.length) throw new Error(`packed ${chunk.count} of ${batch.length} rows`);
          return chunk;
        } catch (error) {
          packer.take();
          throw error;
        } finally {
          cursor.stopPacking();
        }
      };
    }
    const skip = async (rows: number): Promise<void> => {
      if (rows > 0) await raw.skip!(rows, 0);
    };
    return { raw, cursor, skip };
  }

  /**
   * Closes the portal and resolves when the connection is free of it. pg_cancel_backend only interrupts a
   * statement that is executing: a portal whose rows had already arrived stays open — with pg queueing every
   * later statement behind it — until it is closed, and a fetch the cancel missed runs on, so it is cancelled
   * again until it stops.
   */
  private async releaseCursor(cursor: PortalCursor): Promise<void> {
    if (this.closed) return;
    const released = Promise.race([cursor.released, this.ended]);
    const state = cursor.state;
    // a failed portal is already closed by the server, and pg-cursor has sent the Sync that ends it
    if (state !== 'error' && state !== 'done') void cursor.close().catch(() => undefined);
    if (state === 'busy') await this.cancelUntil(released);
    else await released;
  }

  /** Waits for `work` to settle, asking the server to cancel it again every RECANCEL_MS while it runs on. */
  private async cancelUntil(work: Promise<unknown>): Promise<void> {
    while (!this.closed && !(await settlesWithin(work, RECANCEL_MS))) await this.cancelBackend();
  }

  /**
   * Runs a small statement of our own (catalog reads, counts, BEGIN/COMMIT) and returns its rows as objects,
   * parsed by pg's defaults (arrays as arrays) rather than the rules for user values.
   */
  private async simple<T>(text: string, values: readonly unknown[], signal: AbortSignal | undefined): Promise<T[]> {
    this.assertUsable();
    if (signal?.aborted) throw queryCancelled();
    const query = this.client.query({ text, values: [...values] });
    const result = signal
      ? await this.withCancel(this.gate, query, signal, { ...this.ctx, sql: text }, () => this.cancelUntil(query))
      : await query.catch((error: unknown) => Promise.reject(mapDriverError(error, { ...this.ctx, sql: text })));
    return result.rows as T[];
  }

  /**
   * Rejects with QUERY_CANCELLED as soon as `signal` aborts, and asks the server to stop the statement. The
   * connection stays busy (see CursorGate.occupy) until the cancel request was delivered and `stop` — which
   * frees the connection of the statement — has finished, so neither the statement nor a late cancel can hit
   * the next one.
   */
  private withCancel<T>(
    gate: CursorGate,
    work: Promise<T>,
    signal: AbortSignal,
    ctx: ErrorContext,
    stop: () => Promise<void>,
  ): Promise<T> {
    // the statement settles later (57014) once cancelled; nobody waits for it then
    work.catch(() => undefined);
    const mapped = work.catch((error: unknown) => {
      throw mapDriverError(error, ctx);
    });
    return settleOrAbort(mapped, signal, (reject) => {
      reject(queryCancelled());
      gate.occupy(this.cancelBackend());
      gate.occupy(stop());
    });
  }

  private async cancelBackend(): Promise<void> {
    if (this.closed) return;
    const pid = (this.client as pg.Client & { processID?: number }).processID;
    if (pid === undefined) return;
    try {
      await this.sideQuery((side) => side.query('SELECT pg_cancel_backend($1)', [pid]));
    } catch {
      // best effort: the caller has already been told the query was cancelled
    }
  }

  /** Runs `fn` on a short-lived second connection with this session's settings. */
  private async sideQuery<T>(fn: (side: pg.Client) => Promise<T>): Promise<T> {
    const side = new pg.Client({ ...this.config, connectionTimeoutMillis: 5000 });
    side.on('error', () => undefined);
    try {
      await side.connect();
      return await fn(side);
    } finally {
      await side.end().catch(() => undefined);
    }
  }

  private async loadTypeNames(): Promise<void> {
    const rows = await this.simple<{ oid: number; name: string }>(
      'SELECT oid::int AS oid, format_type(oid, NULL) AS name FROM pg_catalog.pg_type',
      [],
      undefined,
    );
    this.typeNames = new Map(rows.map((r) => [r.oid, r.name]));
    this.typeNamesStale = false;
  }

  private typeName(oid: number): string | null {
    const name = this.typeNames.get(oid);
    if (name === undefined) this.typeNamesStale = true; // a type created since; reload before the next statement
    return name ?? null;
  }
}

/** Result columns as named by the statement, without catalog reads (see PostgresSessionOptions). */
function namesOnly(fields: readonly PgField[]): ResultColumn[] {
  return fields.map((f) => ({ name: f.name, dataType: null }));
}
