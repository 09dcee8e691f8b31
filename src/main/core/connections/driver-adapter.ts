import type { ConnectionParams, Engine, ResultColumn, Row, SchemaTree } from '../../../shared/domain';

/** A forward-only reader over a result set, released by close(). */
export interface RowCursor {
  /** Reads up to `max` rows; an empty array means the result is exhausted. */
  read(max: number): Promise<Row[]>;
  close(): Promise<void>;
}

export type ExecuteOutcome =
  | { kind: 'rows'; columns: ResultColumn[]; cursor: RowCursor }
  | { kind: 'affected'; affectedRows: number | null; lastInsertId: number | string | null };

export interface ExecuteOptions {
  /**
   * BLOB cells carry the whole value (`truncated: false`) instead of the first BLOB_PREVIEW_BYTES — for exports
   * and machine-readable CLI output, which must not lose data. Off for the grid, whose pages stay small.
   */
  fullBlobs?: boolean;
}

/**
 * One live connection to a database (SQLite file, PostgreSQL or MySQL server), as the query and schema
 * services use it. Implementations map every driver error through map-driver-error.ts into an AppError.
 */
export interface DriverSession {
  readonly engine: Engine;
  serverVersion(): Promise<string>;
  /**
   * Executes one statement. Rows are produced as arrays in column order with values encoded for the boundary
   * (see encodeValue). Aborting `signal` cancels the statement on the server (PG pg_cancel_backend, MySQL
   * KILL QUERY, SQLite: its worker is stopped) and rejects with QUERY_CANCELLED; it also cancels later reads.
   */
  execute(sql: string, signal: AbortSignal, options?: ExecuteOptions): Promise<ExecuteOutcome>;
  introspect(): Promise<Omit<SchemaTree, 'connectionId'>>;
  countRows(schema: string | null, table: string, signal: AbortSignal): Promise<number>;
  close(): Promise<void>;
}

export interface OpenOptions {
  params: ConnectionParams;
  password: string | null;
}

export type OpenSession = (options: OpenOptions) => Promise<DriverSession>;
