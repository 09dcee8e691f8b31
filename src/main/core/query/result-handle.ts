import type { Row } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { skipByReading, type RowCursor, type SkipOutcome } from '../connections/driver-adapter';
import { cellBytes, MAX_PAGE_BYTES } from './value-encoding';

export const DEFAULT_CHUNK_ROWS = 1000;
export const DEFAULT_MAX_CHUNKS = 64;
/**
 * A page this many chunks or more past the cursor is reached by skipping (RowCursor.skip): the rows in between
 * are passed over unencoded, and only the chunks just before the target are kept for scrolling back a little.
 */
export const SKIP_KEEP_CHUNKS = 4;

export interface ResultHandleOptions {
  id: string;
  cursor: RowCursor;
  /**
   * Re-executes the statement for a fresh cursor, used when a page lies before the oldest cached chunk (or
   * after a failed read). Null when re-running is unsafe (the statement writes): such a jump is RESULT_EXPIRED.
   */
  reopen: (() => Promise<RowCursor>) | null;
  chunkRows?: number;
  maxChunks?: number;
  /** A page stops adding rows past this estimated size (see cellBytes); at least one row is always returned. */
  maxPageBytes?: number;
  /**
   * After each page, read the rows of the next page of the same size into the cache while the caller handles
   * this one (see readAhead). Off by default: the handle then reads only what a page asks for.
   */
  readAhead?: boolean;
  now?: () => number;
}

export interface HandlePage {
  rows: Row[];
  /** True when no rows exist past this page. */
  done: boolean;
  /** Rows read from the database so far; the exact total once the end was reached. */
  rowsRead: number;
  /** The page stopped before `limit` rows at its size budget; more rows follow. */
  sizeLimited: boolean;
}

export function expiredError(id: string): AppError {
  return new AppError(
    'RESULT_EXPIRED',
    'This result is no longer available (it was closed, timed out or its connection closed). Run the query again.',
    { handle: id },
  );
}

/**
 * Random access over a forward-only RowCursor. Rows are kept in fixed-size chunks in a bounded LRU cache;
 * reading ahead streams forward through the cursor (caching what it passes, evicting the least recently used
 * chunks), and a page before the cursor that is no longer cached re-executes the statement and skips forward.
 * Sequential paging costs one array slice per chunk touched: rows are never copied one by one.
 */
export class ResultHandle {
  readonly id: string;
  private cursor: RowCursor | null;
  /** Rows consumed from `cursor` (always a multiple of chunkRows until the end is reached). */
  private position = 0;
  /** Total row count, known once the cursor returned its last row. */
  private total: number | null = null;
  private rowsRead = 0;
  /** Chunk index → rows; Map insertion order is the LRU order (oldest first). */
  private readonly chunks = new Map<number, Row[]>();
  private readonly chunkRows: number;
  private readonly maxChunks: number;
  private readonly maxPageBytes: number;
  private readonly reopen: (() => Promise<RowCursor>) | null;
  private readonly readsAhead: boolean;
  /** A read ahead failed: the next page that needs the cursor reports it (the cursor was dropped). */
  private aheadFailure: unknown = null;
  private readonly now: () => number;
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  private pending = 0;
  lastUsedAt: number;

  constructor(options: ResultHandleOptions) {
    this.id = options.id;
    this.cursor = options.cursor;
    this.reopen = options.reopen;
    this.chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
    // a page must fit in the cache while it is assembled
    this.maxChunks = Math.max(options.maxChunks ?? DEFAULT_MAX_CHUNKS, 2);
    this.maxPageBytes = options.maxPageBytes ?? MAX_PAGE_BYTES;
    this.readsAhead = options.readAhead === true;
    this.now = options.now ?? Date.now;
    this.lastUsedAt = this.now();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** True while a page call is waiting on the database (query.cancel can interrupt it). */
  get busy(): boolean {
    return this.pending > 0;
  }

  /** Rows [offset, offset + limit); calls are served one at a time in order. */
  page(offset: number, limit: number): Promise<HandlePage> {
    if (this.closed) return Promise.reject(expiredError(this.id));
    this.pending++;
    this.lastUsedAt = this.now();
    const run = async () => {
      try {
        this.reportAheadFailure(offset + limit);
        return await this.readPage(offset, limit);
      } finally {
        this.pending--;
        this.lastUsedAt = this.now();
      }
    };
    const next = this.tail.then(run, run);
    this.tail = this.readsAhead
      ? next
          .then(
            () => this.readAhead(offset + limit, limit),
            () => undefined,
          )
          .catch(() => undefined)
      : next.catch(() => undefined);
    return next;
  }

  /**
   * Reads the chunks through row `from + rows` that the cursor is about to pass, in one cursor read, so the
   * next sequential page is served from the cache: the database and the driver work while the caller
   * serialises and sends this page. Only reads forward from where the cursor is (never re-executes), at most
   * half the cache; queued like a page, so a page asked for meanwhile waits for it, and query.cancel (which
   * sees that page as busy) stops it.
   */
  private async readAhead(from: number, rows: number): Promise<void> {
    const C = this.chunkRows;
    if (this.closed || this.cursor === null || this.total !== null || this.aheadFailure !== null) return;
    const first = this.position / C;
    const last = Math.min(Math.floor((from + rows) / C), first + Math.floor(this.maxChunks / 2) - 1);
    if (last < first || this.position > from + rows || this.position + C < from) return;
    const count = (last - first + 1) * C;
    const cursor = this.cursor;
    let read: Row[];
    try {
      read = await cursor.read(count);
      while (read.length > 0 && read.length < count) {
        const more = await cursor.read(count - read.length);
        if (more.length === 0 || this.closed) break;
        read = read.concat(more);
      }
    } catch (error) {
      if (!this.closed) this.aheadFailure = error;
      if (this.cursor === cursor) await this.dropCursor();
      return;
    }
    // closed or restarted meanwhile: these rows belong to no position any more
    if (this.closed || this.cursor !== cursor) return;
    for (let at = 0; at < read.length; at += C) {
      this.remember(this.position / C, at === 0 && read.length <= C ? read : read.slice(at, at + C));
      this.position += Math.min(C, read.length - at);
    }
    if (this.position > this.rowsRead) this.rowsRead = this.position;
    if (read.length < count) {
      this.total = this.position;
      await this.dropCursor();
    }
  }

  /** A failed read ahead is the next page's failure once that page needs rows the cache does not hold. */
  private reportAheadFailure(end: number): void {
    const failure = this.aheadFailure;
    if (failure === null || this.chunks.has(Math.floor(end / this.chunkRows))) return;
    this.aheadFailure = null;
    throw failure;
  }

  /** Releases the cursor and the cache; later page calls fail with RESULT_EXPIRED. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.chunks.clear();
    await this.dropCursor();
  }

  private async readPage(offset: number, limit: number): Promise<HandlePage> {
    const C = this.chunkRows;
    const end = offset + limit;
    const parts: Row[][] = [];
    let wholeChunk = false;
    // through chunk of row `end` too: one row past the page tells whether the result continues
    for (let k = Math.floor(offset / C), last = Math.floor(end / C); k <= last; k++) {
      const chunk = await this.chunk(k);
      const base = k * C;
      const from = offset > base ? offset - base : 0;
      const to = end - base < chunk.length ? end - base : chunk.length;
      if (from < to) {
        wholeChunk = from === 0 && to === chunk.length;
        parts.push(wholeChunk ? chunk : chunk.slice(from, to));
      }
      if (chunk.length < C) break;
    }
    // the page gets its own array (a cached chunk is never handed out), copied once however many chunks it spans
    const rows: Row[] =
      parts.length > 1
        ? ([] as Row[]).concat(...parts)
        : parts.length === 0
          ? []
          : wholeChunk
            ? parts[0]!.slice()
            : parts[0]!;
    const fitting = this.rowsWithinBudget(rows);
    if (fitting < rows.length) {
      return { rows: rows.slice(0, fitting), done: false, rowsRead: this.total ?? this.rowsRead, sizeLimited: true };
    }
    const done = this.total !== null && end >= this.total;
    return { rows, done, rowsRead: this.total ?? this.rowsRead, sizeLimited: false };
  }

  /** How many of `rows` fit the page's size budget (at least one, so paging always moves on). */
  private rowsWithinBudget(rows: readonly Row[]): number {
    let bytes = 0;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      for (let i = 0; i < row.length; i++) bytes += cellBytes(row[i]);
      if (bytes > this.maxPageBytes) return Math.max(1, r);
    }
    return rows.length;
  }

  /** The cell at (row, column) when its chunk is cached, else undefined (nothing is read). */
  cachedCell(row: number, column: number): unknown {
    const chunk = this.chunks.get(Math.floor(row / this.chunkRows));
    const cells = chunk?.[row % this.chunkRows];
    return cells === undefined || column >= cells.length ? undefined : cells[column];
  }

  /**
   * Drops the cached rows of a result the caller already has whole (its first page was all of it): the handle
   * stays for reading cut cells again (query.cell), without holding the page's memory.
   */
  forgetRows(): void {
    this.chunks.clear();
  }

  /** The rows of chunk `k` (fewer than chunkRows only for the last one; empty past the end). */
  private async chunk(k: number): Promise<Row[]> {
    this.assertOpen();
    const cached = this.chunks.get(k);
    if (cached) {
      this.chunks.delete(k);
      this.chunks.set(k, cached);
      return cached;
    }
    const start = k * this.chunkRows;
    if (this.total !== null && start >= this.total) return [];
    if (this.cursor === null || start < this.position) await this.restart();
    if (start - this.position > this.keepOnSkip()) {
      await this.skipTo(start);
      // the result ended before the target
      if (this.position < start) return [];
    }
    let rows: Row[] = [];
    while (this.position <= start) {
      rows = await this.readChunk();
      if (rows.length > 0) this.remember(this.position / this.chunkRows, rows);
      this.position += rows.length;
      if (this.position > this.rowsRead) this.rowsRead = this.position;
      if (rows.length < this.chunkRows) {
        this.total = this.position;
        await this.dropCursor();
        break;
      }
    }
    return this.position > start ? rows : [];
  }

  /** Rows kept from the end of a skip: whole chunks, fewer than the cache holds. */
  private keepOnSkip(): number {
    return Math.min(SKIP_KEEP_CHUNKS, this.maxChunks - 1) * this.chunkRows;
  }

  /**
   * Moves the cursor to row `start` (a chunk boundary) without encoding the rows in between, caching the whole
   * chunks of the tail the cursor returns. Reaching the end on the way sets the total; the result's last rows
   * are then cached, so "last row" reads the result through once.
   */
  private async skipTo(start: number): Promise<void> {
    const C = this.chunkRows;
    const cursor = this.cursor!;
    const max = start - this.position;
    const keep = this.keepOnSkip();
    let outcome: SkipOutcome;
    try {
      outcome = cursor.skip ? await cursor.skip(max, keep) : await skipByReading((n) => cursor.read(n), max, keep);
    } catch (error) {
      await this.dropCursor();
      throw error;
    }
    this.assertOpen();
    const end = this.position + outcome.skipped;
    const tailStart = end - outcome.tail.length;
    this.position = end;
    if (end > this.rowsRead) this.rowsRead = end;
    if (outcome.skipped < max) {
      this.total = end;
      await this.dropCursor();
    }
    // whole chunks of the tail; the last one may be short only at the end of the result
    for (let k = Math.ceil(tailStart / C); k * C < end; k++) {
      const to = Math.min((k + 1) * C, end);
      if (to - k * C < C && this.total === null) break;
      this.remember(k, outcome.tail.slice(k * C - tailStart, to - tailStart));
    }
  }

  /** Reads one full chunk from the cursor (several reads if the driver returns short batches). */
  private async readChunk(): Promise<Row[]> {
    const C = this.chunkRows;
    const cursor = this.cursor!;
    let rows: Row[];
    try {
      rows = await cursor.read(C);
      while (rows.length > 0 && rows.length < C) {
        const more = await cursor.read(C - rows.length);
        this.assertOpen();
        if (more.length === 0) break;
        rows = rows.concat(more);
      }
    } catch (error) {
      // the cursor is unusable after a failed read (cancelled, connection lost); cached chunks stay valid
      await this.dropCursor();
      throw error;
    }
    this.assertOpen();
    return rows;
  }

  private remember(k: number, rows: Row[]): void {
    this.chunks.set(k, rows);
    if (this.chunks.size > this.maxChunks) {
      const oldest = this.chunks.keys().next().value as number;
      this.chunks.delete(oldest);
    }
  }

  private async restart(): Promise<void> {
    await this.dropCursor();
    if (!this.reopen) {
      throw new AppError(
        'RESULT_EXPIRED',
        'These rows are no longer cached and the statement changes data, so it is not run again automatically. Run the query again to see them.',
        { handle: this.id },
      );
    }
    const cursor = await this.reopen();
    if (this.closed) {
      await cursor.close().catch(() => undefined);
      throw expiredError(this.id);
    }
    this.cursor = cursor;
    this.position = 0;
  }

  private async dropCursor(): Promise<void> {
    const cursor = this.cursor;
    this.cursor = null;
    if (cursor) await cursor.close().catch(() => undefined);
  }

  private assertOpen(): void {
    if (this.closed) throw expiredError(this.id);
  }
}
