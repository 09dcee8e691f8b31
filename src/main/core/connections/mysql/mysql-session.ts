import mysql from 'mysql2';
import type { ConnectionParams, ResultColumn, Row } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { blobLimit, encodeRow, FULL_BLOBS } from '../../query/value-encoding';
import { introspectMysql } from '../../schema/introspect-mysql';
import { CursorGate, isRerunnable, type RawCursor } from '../cursor-gate';
import type { DriverSession, ExecuteOptions, ExecuteOutcome } from '../driver-adapter';
import { mapDriverError, queryCancelled, redactSecret, type ErrorContext } from '../map-driver-error';
import { settleOrAbort, settlesWithin } from '../settle-wait';
import { connectWithSslFallback } from '../ssl-fallback';

type MysqlParams = Extract<ConnectionParams, { engine: 'mysql' }>;
type Connection = mysql.Connection;

/** Rows buffered ahead of the reader before the socket is paused. */
const HIGH_WATER = 10_000;
/** The same with whole BLOBs in the rows (exports), so buffered rows stay a bounded amount of memory. */
const HIGH_WATER_FULL_BLOBS = 200;

const TYPE_NAMES: Record<string, string> = {
  DECIMAL: 'decimal',
  NEWDECIMAL: 'decimal',
  TINY: 'tinyint',
  SHORT: 'smallint',
  LONG: 'int',
  FLOAT: 'float',
  DOUBLE: 'double',
  NULL: 'null',
  TIMESTAMP: 'timestamp',
  TIMESTAMP2: 'timestamp',
  LONGLONG: 'bigint',
  INT24: 'mediumint',
  DATE: 'date',
  NEWDATE: 'date',
  TIME: 'time',
  TIME2: 'time',
  DATETIME: 'datetime',
  DATETIME2: 'datetime',
  YEAR: 'year',
  VARCHAR: 'varchar',
  BIT: 'bit',
  JSON: 'json',
  ENUM: 'enum',
  SET: 'set',
  TINY_BLOB: 'tinyblob',
  MEDIUM_BLOB: 'mediumblob',
  LONG_BLOB: 'longblob',
  BLOB: 'blob',
  VAR_STRING: 'varchar',
  STRING: 'char',
  GEOMETRY: 'geometry',
  VECTOR: 'vector',
};
const TYPE_BY_CODE = new Map<number, string>(
  Object.entries(mysql.Types as unknown as Record<string, number>).map(([name, code]) => [code, name]),
);
/** A cancelled statement still running after this long is killed again (a KILL that came too early missed it). */
const REKILL_MS = 1000;
/** How long close() lets an idle connection say goodbye before the socket is destroyed. */
const CLOSE_GRACE_MS = 2000;

/** The "binary" character set: a BLOB/VAR_STRING column with it holds bytes, otherwise text. */
const BINARY_CHARSET = 63;

function columnTypeName(field: { columnType?: number; type?: number; characterSet?: number }): string | null {
  const code = field.columnType ?? field.type;
  const name = code === undefined ? undefined : TYPE_BY_CODE.get(code);
  if (!name) return null;
  const text = field.characterSet !== BINARY_CHARSET;
  if (name.endsWith('BLOB')) return text ? TYPE_NAMES[name]!.replace('blob', 'text') : TYPE_NAMES[name]!;
  if (name === 'VAR_STRING') return text ? 'varchar' : 'varbinary';
  if (name === 'STRING') return text ? 'char' : 'binary';
  return TYPE_NAMES[name] ?? name.toLowerCase();
}

function sslFor(mode: MysqlParams['sslMode']): mysql.ConnectionOptions['ssl'] {
  switch (mode) {
    case 'disable':
      return undefined;
    case 'prefer':
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-full':
      return { rejectUnauthorized: true };
  }
}

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
      const options: mysql.ConnectionOptions = {
        host: params.host,
        port: params.port,
        user: params.user,
        password: password ?? undefined,
        database: params.database || undefined,
        ssl,
        connectTimeout: params.connectTimeoutMs ?? 10_000,
        // exact values: dates as the server's text (no time-zone shifts); BIGINTs as numbers while they are
        // safe integers and as strings beyond (bigNumberStrings would make every COUNT(*) a string); DECIMAL as text
        dateStrings: true,
        supportBigNumbers: true,
        bigNumberStrings: false,
        decimalNumbers: false,
        multipleStatements: false,
        charset: 'utf8mb4',
      };
      const conn = mysql.createConnection(options);
      try {
        await new Promise<void>((resolve, reject) => conn.connect((error) => (error ? reject(error) : resolve())));
      } catch (error) {
        conn.destroy();
        throw redactSecret(mapDriverError(error, { ...ctx, connecting: true }), password);
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

  execute(sql: string, signal: AbortSignal, options: ExecuteOptions = {}): Promise<ExecuteOutcome> {
    return this.gate.exclusive(async () => {
      this.assertUsable();
      // cancelled while waiting for the connection: never send it (a KILL before it runs would miss it)
      if (signal.aborted) throw queryCancelled();
      const ctx = { ...this.ctx, sql };
      const blobBytes = blobLimit(options);
      const stream = this.openStream(sql, signal, ctx, blobBytes);
      const shape = await stream.shape;
      if (shape.kind === 'affected') return shape;
      const reopen = isRerunnable(sql)
        ? async (skip: number): Promise<RawCursor> => {
            const again = this.openStream(sql, signal, ctx, blobBytes);
            await again.shape;
            for (let left = skip; left > 0;) {
              const rows = await again.cursor.read(Math.min(left, 5000));
              if (rows.length === 0) break;
              left -= rows.length;
            }
            return again.cursor;
          }
        : null;
      return { kind: 'rows', columns: shape.columns, cursor: this.gate.adopt(stream.cursor, { reopen }) };
    }, signal);
  }

  introspect() {
    return this.gate.exclusive(() => {
      this.assertUsable();
      return introspectMysql((text, values) => this.simple(text, values, undefined));
    });
  }

  countRows(schema: string | null, table: string, signal: AbortSignal): Promise<number> {
    return this.gate.exclusive(async () => {
      // forbidQualified: escapeId would otherwise read a name with a dot (`a.b`) as schema `a`, table `b`
      const target = `${schema ? `${mysql.escapeId(schema, true)}.` : ''}${mysql.escapeId(table, true)}`;
      const rows = await this.simple<{ n: string | number }>(`SELECT COUNT(*) AS n FROM ${target}`, [], signal);
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
    sql: string,
    signal: AbortSignal,
    ctx: ErrorContext,
    blobBytes: number,
  ): {
    shape: Promise<
      | { kind: 'rows'; columns: ResultColumn[] }
      | { kind: 'affected'; affectedRows: number | null; lastInsertId: number | string | null }
    >;
    cursor: RawCursor;
  } {
    const conn = this.conn;
    const highWater = blobBytes === FULL_BLOBS ? HIGH_WATER_FULL_BLOBS : HIGH_WATER;
    const buffer: Row[] = [];
    let ended = false;
    let failure: unknown = null;
    let paused = false;
    /** Rows the pending read waits for: the socket is not paused before the buffer holds them. */
    let wanted = 0;
    let wake: (() => void) | null = null;
    let discard = false;
    const notify = (): void => {
      const w = wake;
      wake = null;
      w?.();
    };
    const query = conn.query({ sql, rowsAsArray: true });
    let settleShape!: (value: Awaited<ReturnType<typeof this.openStream>['shape']>) => void;
    let failShape!: (error: unknown) => void;
    const shape = new Promise<Awaited<ReturnType<typeof this.openStream>['shape']>>((resolve, reject) => {
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
    query.on(
      'fields',
      (fields: { name: string; columnType?: number; type?: number; characterSet?: number }[] | undefined) => {
        // mysql2 also emits 'fields' (undefined) for statements without a result set
        if (!fields) return;
        settleShape({ kind: 'rows', columns: fields.map((f) => ({ name: f.name, dataType: columnTypeName(f) })) });
      },
    );
    query.on('result', (row: unknown) => {
      if (!Array.isArray(row)) {
        const header = row as { affectedRows?: number; insertId?: number | string };
        const id = header.insertId;
        settleShape({
          kind: 'affected',
          affectedRows: header.affectedRows ?? null,
          lastInsertId: id === undefined || id === 0 || id === '0' ? null : id,
        });
        return;
      }
      if (discard) return;
      buffer.push(encodeRow(row, blobBytes));
      if (buffer.length >= Math.max(highWater, wanted) && !paused) {
        paused = true;
        conn.pause();
      }
      if (buffer.length >= wanted) notify();
    });
    // a statement that ends with neither fields nor an OK packet (should not happen) still settles
    void endPromise.then(() => settleShape({ kind: 'affected', affectedRows: null, lastInsertId: null }));

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
            this.gate.occupy(close());
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
          await this.waitOrCancel(more, signal, close);
        }
      },
      close,
    };
    const shapeWithCancel = this.waitOrCancel(shape, signal, close);
    return { shape: shapeWithCancel, cursor };
  }

  /**
   * Waits for `work`, but rejects with QUERY_CANCELLED as soon as `signal` aborts. `stop` then frees the
   * connection of the statement (kills it, drains it); the connection stays busy until it has (see
   * CursorGate.occupy), so neither the statement nor a late KILL can hit the next one.
   */
  private waitOrCancel<T>(work: Promise<T>, signal: AbortSignal | undefined, stop: () => Promise<void>): Promise<T> {
    work.catch(() => undefined);
    if (!signal) return work;
    return settleOrAbort(work, signal, (reject) => {
      reject(queryCancelled());
      this.gate.occupy(stop());
    });
  }

  /** Runs a small statement with bound values; rows come back as objects. */
  private simple<T>(sql: string, values: unknown[], signal: AbortSignal | undefined): Promise<T[]> {
    this.assertUsable();
    if (signal?.aborted) return Promise.reject(queryCancelled());
    const work = new Promise<T[]>((resolve, reject) => {
      this.conn.query({ sql, values }, (error, rows) =>
        error ? reject(mapDriverError(error, { ...this.ctx, sql })) : resolve(rows as T[]),
      );
    });
    return this.waitOrCancel(work, signal, async () => {
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

/** The connection's socket (mysql2 keeps it as `stream`), for destroying a connection that will not end. */
function socketOf(conn: Connection): { once(event: 'close', listener: () => void): void; destroy(): void } | undefined {
  return (conn as unknown as { stream?: { once(event: 'close', listener: () => void): void; destroy(): void } }).stream;
}
