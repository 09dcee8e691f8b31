import Cursor from 'pg-cursor';
import { AppError } from '../../../../shared/errors';
import type { RowRing } from '../driver-adapter';
import type { PostgresRowPacker } from './postgres-packed';
import { attachSink, detachSink, RawDataRow, SUNK_ROW } from './raw-data-rows';

type CursorState = 'initialized' | 'submitted' | 'idle' | 'busy' | 'done' | 'error';
interface CursorInternals {
  handleReadyForQuery(): void;
  handleError(message: unknown): void;
  handleDataRow(message: DataRowMessage): void;
}
interface DataRowMessage {
  fields: unknown[];
}
const cursorBase = Cursor.prototype as unknown as CursorInternals;

/**
 * A pg-cursor portal that knows when the connection is free of it. `released` settles once the client has
 * received the ReadyForQuery that follows the portal's end, failure or close: until then pg queues every other
 * statement behind it. pg hands that ReadyForQuery to the cursor only when the portal did not fail (after an
 * ErrorResponse it forgets its active query first), so a failed cursor listens on the connection instead.
 *
 * COPY … FROM STDIN / TO STDOUT needs a data stream the editor does not have; pg-cursor has no handler for the
 * copy messages (pg would throw outside any promise and crash the host), so this cursor declines them.
 */
export class PortalCursor extends Cursor {
  declare state: CursorState;
  copyAttempted = false;
  /**
   * While set, rows are passed over: each counts as a `null` in the batch, and only the last ones are kept, as
   * the server's text, in this ring — nothing else is parsed or survives the batch (skip() then costs little
   * more than the reading). parseText() turns the kept ones into values.
   */
  passing: RowRing<unknown[]> | null = null;
  /**
   * While set, rows are packed as bytes into it (see postgres-packed.ts), each counting as a `null` in the
   * batch: no string per cell, no row array.
   */
  packing: PostgresRowPacker | null = null;
  /** The parser whose rows go straight to `packing` until the portal stops sending (see stopSink). */
  private sinkParser: object | null = null;
  readonly released: Promise<void>;
  private markReleased: () => void = () => undefined;

  constructor(text: string, values: unknown[], config: Cursor.CursorQueryConfig) {
    super(text, values, config);
    this.released = new Promise<void>((resolve) => (this.markReleased = resolve));
  }

  handleReadyForQuery(): void {
    cursorBase.handleReadyForQuery.call(this);
    this.markReleased();
  }

  /** Ends a packed read: rows arrive as messages again (a read that was cancelled may still get some). */
  stopPacking(): void {
    this.stopSink();
    this.packing = null;
  }

  /** The portal stopped sending rows (suspended, complete or failed): the next rows are not this read's. */
  private stopSink(): void {
    if (this.sinkParser === null) return;
    detachSink(this.sinkParser);
    this.sinkParser = null;
  }

  handlePortalSuspended(): void {
    this.stopSink();
    (cursorBase as unknown as { handlePortalSuspended(): void }).handlePortalSuspended.call(this);
  }

  handleCommandComplete(message: unknown): void {
    this.stopSink();
    (cursorBase as unknown as { handleCommandComplete(m: unknown): void }).handleCommandComplete.call(this, message);
  }

  handleError(message: unknown, connection?: { once(event: 'readyForQuery', listener: () => void): void }): void {
    this.stopSink();
    cursorBase.handleError.call(this, message);
    connection?.once('readyForQuery', () => this.markReleased());
  }

  handleDataRow(message: DataRowMessage | RawDataRow): void {
    if (this.packing) {
      if (message instanceof RawDataRow) {
        // the first row of a read: the parser sends the next ones straight to the packer
        this.packing.row(message.bytes, message.start, message.end);
        attachSink(message.parser, this.packing);
        this.sinkParser = message.parser;
      } else if (message !== SUNK_ROW) this.packing.fields(message.fields as (string | null)[]);
      (this as unknown as { _rows: unknown[] })._rows.push(null);
    } else if (this.passing) {
      this.passing.push(message.fields);
      (this as unknown as { _rows: unknown[] })._rows.push(null);
    } else cursorBase.handleDataRow.call(this, message);
  }

  /** A row read while `passing`, parsed as it would have been (pg's type parsers, in array form). */
  parseText(fields: unknown[]): unknown[] {
    return (this as unknown as { _result: { parseRow(fields: unknown[]): unknown[] } })._result.parseRow(fields);
  }

  handleCopyInResponse(connection: { sendCopyFail(message: string): void }): void {
    this.copyAttempted = true;
    connection.sendCopyFail('COPY FROM STDIN is not supported by Backbench');
  }

  handleCopyData(): void {
    // the server streams COPY TO STDOUT data anyway; it is dropped and the statement reported as unsupported
    this.copyAttempted = true;
  }
}

export function copyNotSupported(): AppError {
  return new AppError(
    'NOT_SUPPORTED',
    'COPY … FROM STDIN / TO STDOUT needs a client-side data stream, which the editor does not have — use a SELECT (and export its result), INSERT … VALUES, or COPY with a server-side file.',
  );
}
