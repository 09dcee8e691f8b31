import type { ResultColumn, Row, SchemaTree } from '../../../../shared/domain';
import type { ValueWindow } from '../../query/value-encoding';
import type { SqlValue } from '../sql-dialect';

/**
 * Messages between SqliteSession (the host) and sqlite-worker (one child process per session), sent over the
 * process's IPC channel as JSON — so bigints, bytes and unlimited windows have a wire form here.
 */

/** A bound value on the wire: JSON has no bigint and no bytes. */
export type WireValue = null | boolean | number | string | { $bigint: string } | { $bytes: string };

/** A ValueWindow on the wire: JSON has no Infinity (null means no limit). */
export interface WireWindow {
  offset: number;
  textChars: number | null;
  blobBytes: number | null;
}

export type WorkerRequest =
  | { op: 'open'; file: string; create: boolean; readOnly: boolean }
  | { op: 'version' }
  /**
   * Prepares and runs one statement with `params`; a reader becomes cursor `cursorId`, positioned after `skip`
   * rows. Its text and BLOB cells hold `window` of each value (see ValueWindow).
   */
  | { op: 'execute'; sql: string; params: WireValue[]; skip: number; window: WireWindow }
  | { op: 'read'; cursorId: number; max: number }
  /** Passes over up to `max` rows unencoded; the reply holds the last `keep` of them (RowCursor.skip). */
  | { op: 'skip'; cursorId: number; max: number; keep: number }
  | { op: 'close'; cursorId: number }
  | { op: 'introspect' }
  /** Closes the database (the in-process engine of the CLI; a worker process simply exits). */
  | { op: 'closeDatabase' };

/** `inTransaction`: a transaction is open after the statement (cancelling kills the worker and loses it). */
export type ExecuteReply =
  | { kind: 'rows'; columns: ResultColumn[]; cursorId: number; readonly: boolean; inTransaction: boolean }
  | {
      kind: 'affected';
      /** sqlite3_changes(): the rows of the last INSERT/UPDATE/DELETE — stale after any other statement. */
      changes: number;
      /** The connection's last inserted rowid — stale unless this statement inserted. */
      lastInsertRowid: number | string;
      inTransaction: boolean;
    };

/** Cells are already encoded for the boundary, so the JSON IPC channel loses nothing. */
export interface ReadReply {
  rows: Row[];
}

export interface SkipReply {
  skipped: number;
  tail: Row[];
}

export type IntrospectReply = Omit<SchemaTree, 'connectionId'>;

export interface WorkerEnvelope {
  id: number;
  request: WorkerRequest;
}

/** A thrown driver error, flattened so it survives the IPC channel (the host maps it). */
export interface WorkerFailure {
  code?: string;
  name?: string;
  message: string;
  /** For SQL errors that name a token: its 0-based offset in the statement (the editor marks it). */
  position?: number;
}

export type WorkerResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WorkerFailure };

export function toWireValue(value: SqlValue): WireValue {
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (value instanceof Uint8Array)
    return { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  return value;
}

/**
 * A wire value as better-sqlite3 binds it: booleans as 1/0 (SQLite has no boolean type), whole numbers as
 * bigints (better-sqlite3 binds every number as REAL, so `typeof(?)` of 2 would be real).
 */
export function fromWireValue(value: WireValue): number | string | bigint | Buffer | null {
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (value === null || typeof value !== 'object') return value;
  if ('$bigint' in value) return BigInt(value.$bigint);
  return Buffer.from(value.$bytes, 'base64');
}

/** A value in the form better-sqlite3 binds it (fromWireValue's results). */
export type BindValue = number | string | bigint | Buffer | null;

/**
 * fromWireValue(toWireValue(value)) without the wire: for a statement run in this process (the CLI's inline
 * session), whose values need no JSON form.
 */
export function toBindValue(value: SqlValue): BindValue {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (value instanceof Uint8Array)
    return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

export function toWireWindow(window: ValueWindow): WireWindow {
  const finite = (n: number) => (Number.isFinite(n) ? n : null);
  return { offset: window.offset, textChars: finite(window.textChars), blobBytes: finite(window.blobBytes) };
}

export function fromWireWindow(window: WireWindow): ValueWindow {
  return {
    offset: window.offset,
    textChars: window.textChars ?? Number.POSITIVE_INFINITY,
    blobBytes: window.blobBytes ?? Number.POSITIVE_INFINITY,
  };
}
