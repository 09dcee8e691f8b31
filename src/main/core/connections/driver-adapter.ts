import type { ConnectionParams, Engine, ResultColumn, Row, SchemaTree } from '../../../shared/domain';
import type { PackedChunk } from '../query/packed-chunk';
import type { SqlValue } from './sql-dialect';

/** A forward-only reader over a result set, released by close(). */
export interface RowCursor {
  /** Reads up to `max` rows; an empty array means the result is exhausted. */
  read(max: number): Promise<Row[]>;
  /**
   * Reads up to `max` rows like read(), or — where the driver can hand them over as the bytes the server sent
   * (PostgreSQL) — as a PackedChunk, for pages: no value per cell is made on the host. Empty at the end.
   */
  readBatch?(max: number): Promise<Row[] | PackedChunk>;
  /**
   * Passes over up to `max` rows without encoding them (nor, for SQLite, sending them between processes) and
   * returns how many it passed — fewer than `max` only at the end — and the last `keep` of them, encoded. A
   * jump far down a result (go to row, last row) costs the reading only, and the rows just before the target
   * (or the result's last rows) come back for the grid. Cursors without it are read through (skipByReading).
   */
  skip?(max: number, keep: number): Promise<SkipOutcome>;
  close(): Promise<void>;
}

export interface SkipOutcome {
  skipped: number;
  /** The last min(keep, skipped) rows passed over, in order, encoded as read() returns them. */
  tail: Row[];
}

/** Keeps the last `keep` of the rows appended to it: the tail of a skip, without holding what it passed. */
export class TailKeeper<T> {
  private rows: T[] = [];
  constructor(private readonly keep: number) {}

  add(batch: readonly T[]): void {
    if (this.keep <= 0 || batch.length === 0) return;
    if (batch.length >= this.keep) this.rows = batch.slice(batch.length - this.keep);
    else {
      const drop = this.rows.length + batch.length - this.keep;
      this.rows = (drop > 0 ? this.rows.slice(drop) : this.rows).concat(batch);
    }
  }

  take(): T[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }
}

/** The last `size` items pushed one at a time, in a fixed ring (no copying per item). */
export class RowRing<T> {
  private readonly items: T[] = [];
  private next = 0;
  private count = 0;
  constructor(private readonly size: number) {}

  push(item: T): void {
    if (this.size <= 0) return;
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.size;
    if (this.count < this.size) this.count++;
  }

  /** The items in the order they were pushed; empties the ring. */
  drain(): T[] {
    const start = this.count < this.size ? 0 : this.next;
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.items[(start + i) % this.size]!);
    this.items.length = 0;
    this.next = 0;
    this.count = 0;
    return out;
  }
}

/** skip() for a cursor that can only read: the rows are read (and encoded) and all but the tail dropped. */
export async function skipByReading(
  read: (max: number) => Promise<Row[]>,
  max: number,
  keep: number,
): Promise<SkipOutcome> {
  const tail = new TailKeeper<Row>(keep);
  let skipped = 0;
  while (skipped < max) {
    const rows = await read(Math.min(5000, max - skipped));
    if (rows.length === 0) break;
    skipped += rows.length;
    tail.add(rows);
  }
  return { skipped, tail: tail.take() };
}

/** A statement without a result set: see StatementResult's `affected` variant for what each field means. */
export interface AffectedOutcome {
  kind: 'affected';
  command: string | null;
  affectedRows: number | null;
  lastInsertId: number | string | null;
}

export type ExecuteOutcome = { kind: 'rows'; columns: ResultColumn[]; cursor: RowCursor } | AffectedOutcome;

export interface ExecuteOptions {
  /**
   * Text and BLOB cells carry whole values instead of previews (TEXT_PREVIEW_CHARS, BLOB_PREVIEW_BYTES) — for
   * exports and machine-readable CLI output, which must not lose data. Off for the grid, whose pages stay small.
   */
  wholeValues?: boolean;
  /**
   * Text and BLOB cells carry the window [offset, offset + length) of their value (UTF-16 code units of a text,
   * bytes of a BLOB) as TextCells and BlobCells — for reading one long value piece by piece (query.cell).
   */
  valueWindow?: { offset: number; length: number };
  /** Rows to pass over before the first read, without encoding them (resuming a result from a position). */
  skipRows?: number;
}

/**
 * Running statements on a connection: the session itself, or the `tx` of a transaction. `params` fill the
 * statement's placeholders in the engine's native form (`$1`… on PostgreSQL, `?` on MySQL and SQLite); write
 * `?` for every engine and compile with the engine's dialect (dialectFor(engine).raw) to get that form.
 */
export interface StatementRunner {
  /**
   * Executes one statement. Rows are produced as arrays in column order with values encoded for the boundary
   * (docs/values.md). Aborting `signal` cancels the statement on the server (PG pg_cancel_backend, MySQL
   * KILL QUERY, SQLite: its worker process is stopped) and rejects with QUERY_CANCELLED; it also cancels later
   * reads.
   */
  execute(
    sql: string,
    params: readonly SqlValue[],
    signal: AbortSignal,
    options?: ExecuteOptions,
  ): Promise<ExecuteOutcome>;
}

/** The statements of one transaction. Results it returns must be read before the transaction ends. */
export type Transaction = StatementRunner;

/**
 * One live connection to a database (SQLite file, PostgreSQL or MySQL server), as the query and schema
 * services use it. Implementations map every driver error through map-driver-error.ts into an AppError.
 */
export interface DriverSession extends StatementRunner {
  readonly engine: Engine;
  serverVersion(): Promise<string>;
  /**
   * Runs `work` inside BEGIN … COMMIT on this connection; a rejection of `work` (or of COMMIT) rolls back and
   * rejects with that error. The connection is the transaction's alone until it ends: other statements on the
   * session wait. Calling transaction() or execute() on the session from inside `work` fails with CONFLICT
   * (use `tx`), as does starting one while a transaction begun by SQL (BEGIN in the editor) is open.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>, signal?: AbortSignal): Promise<T>;
  introspect(): Promise<Omit<SchemaTree, 'connectionId'>>;
  countRows(schema: string | null, table: string, signal: AbortSignal): Promise<number>;
  close(): Promise<void>;
}

export interface OpenOptions {
  params: ConnectionParams;
  password: string | null;
}

export type OpenSession = (options: OpenOptions) => Promise<DriverSession>;
