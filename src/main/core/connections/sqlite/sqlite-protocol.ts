import type { ResultColumn, Row, SchemaTree } from '../../../../shared/domain';

/** Messages between SqliteSession (host thread) and sqlite-worker (one worker thread per session). */
export type WorkerRequest =
  | { op: 'open'; file: string; create: boolean; readOnly: boolean }
  | { op: 'version' }
  /**
   * Prepares and runs one statement; a reader becomes cursor `cursorId`, positioned after `skip` rows. Its BLOB
   * cells hold whole values with `fullBlobs`, else a preview (see ExecuteOptions).
   */
  | { op: 'execute'; sql: string; skip: number; fullBlobs: boolean }
  | { op: 'read'; cursorId: number; max: number }
  | { op: 'close'; cursorId: number }
  | { op: 'count'; schema: string | null; table: string }
  | { op: 'introspect' };

/** `inTransaction`: a transaction is open after the statement (cancelling kills the worker and loses it). */
export type ExecuteReply =
  | { kind: 'rows'; columns: ResultColumn[]; cursorId: number; readonly: boolean; inTransaction: boolean }
  | { kind: 'affected'; affectedRows: number; lastInsertId: number | string | null; inTransaction: boolean };

/** Cells are already encoded for the boundary, so the JSON IPC channel loses nothing. */
export interface ReadReply {
  rows: Row[];
}

export type IntrospectReply = Omit<SchemaTree, 'connectionId'>;

export interface WorkerEnvelope {
  id: number;
  request: WorkerRequest;
}

/** A thrown driver error, flattened so it survives postMessage (the host maps it). */
export interface WorkerFailure {
  code?: string;
  name?: string;
  message: string;
}

export type WorkerResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WorkerFailure };
