import type { ConnectionParams, Engine, ResultColumn, Row, SchemaTree } from '../../../shared/domain';
import type { SqlValue } from './sql-dialect';

/** A forward-only reader over a result set, released by close(). */
export interface RowCursor {
  /** Reads up to `max` rows; an empty array means the result is exhausted. */
  read(max: number): Promise<Row[]>;
  close(): Promise<void>;
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
