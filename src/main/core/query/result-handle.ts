import type { Row } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { PackedRows } from '../../../shared/packed-rows';
import { skipByReading, type RowCursor, type SkipOutcome } from '../connections/driver-adapter';
import {
  batchLength,
  concatPacked,
  isPackedChunk,
  packedRow,
  slicePacked,
  toPackedRows,
  unpackChunk,
  type PackedChunk,
} from './packed-chunk';
import { cellBytes, MAX_PAGE_BYTES } from './value-encoding';

/** Rows as the cursor gave them: values, or packed bytes (RowCursor.readBatch). */
type Batch = Row[] | PackedChunk;

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
  /** The same rows packed (when asked for and the cursor gave them so), instead of `rows`. */
  packed?: PackedRows;
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
  private readonly chunks = new Map<number, Batch>();
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

  /**
   * Rows [offset, offset + limit); calls are served one at a time in order. With `packed`, rows the cursor
   * gave as bytes come back as `packed` (rows then empty) — a page is then cut out of the cached bytes.
   */
  page(offset: number, limit: number, options: { packed?: boolean } = {}): Promise<HandlePage> {
    if (this.closed) return Promise.reject(expiredError(this.id));
    this.pending++;
    this.lastUsedAt = this.now();
    const run = async () => {
      try {
        this.reportAheadFailure(offset + limit);
        return await this.readPage(offset, limit, options.packed === true);
      } finally {
        this.pending--;
        this.lastUsedAt = this.now();
      }
    };
    // a page the cache holds whole is answered at once, even while a read ahead is under way (sequential
    // paging then never waits for the database while the next pages are being read)
    const cached = this.readsAhead ? this.cachedPage(offset, limit, options.packed === true) : null;
    if (cached) this.pending--;
    const next = cached ? Promise.resolve(cached) : this.tail.then(run, run);
    this.tail = this.readsAhead
      ? (cached ? this.tail : next)
          .then(
            // two pages ahead: the database works on the next one while this one is sent and the one before is used
            () => this.readAhead(offset + limit, 2 * limit),
            () => undefined,
          )
          .catch(() => undefined)
      : next.catch(() => undefined);
    return next;
  }

  /** Resolves once the pages and reads ahead queued so far are done. */
  whenIdle(): Promise<void> {
    return this.tail.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Page [offset, offset + limit) when every chunk it needs is cached (nothing is read), else null. */
  private cachedPage(offset: number, limit: number, packed: boolean): HandlePage | null {
    const C = this.chunkRows;
    const end = offset + limit;
    const parts: Batch[] = [];
    let shared = false;
    for (let k = Math.floor(offset / C), last = Math.floor(end / C); k <= last; k++) {
      const chunk = this.chunks.get(k);
      if (chunk === undefined) {
        if (this.total !== null && k * C >= this.total) break;
        return null;
      }
      shared = this.addPart(parts, chunk, k * C, offset, end);
      if (batchLength(chunk) < C) break;
    }
    for (let k = Math.floor(offset / C), last = Math.floor(end / C); k <= last; k++) {
      const chunk = this.chunks.get(k);
      if (chunk === undefined) break;
      this.chunks.delete(k);
      this.chunks.set(k, chunk);
    }
    this.lastUsedAt = this.now();
    return this.assemble(parts, end, packed, shared);
  }

  /** Adds chunk rows [offset, end) to a page's parts; true when the part is the cached chunk itself. */
  private addPart(parts: Batch[], chunk: Batch, base: number, offset: number, end: number): boolean {
    const length = batchLength(chunk);
    const from = offset > base ? offset - base : 0;
    const to = end - base < length ? end - base : length;
    if (from >= to) return false;
    const whole = from === 0 && to === length;
    parts.push(whole ? chunk : sliceBatch(chunk, from, to));
    return whole;
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
    let read: Batch;
    try {
      read = await this.readBatch(cursor, count);
    } catch (error) {
      if (!this.closed) this.aheadFailure = error;
      if (this.cursor === cursor) await this.dropCursor();
      return;
    }
    // closed or restarted meanwhile: these rows belong to no position any more
    if (this.closed || this.cursor !== cursor) return;
    const length = batchLength(read);
    for (let at = 0; at < length; at += C) {
      this.remember(this.position / C, at === 0 && length <= C ? read : sliceBatch(read, at, Math.min(at + C, length)));
      this.position += Math.min(C, length - at);
    }
    if (this.position > this.rowsRead) this.rowsRead = this.position;
    if (length < count) {
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

  private async readPage(offset: number, limit: number, packed: boolean): Promise<HandlePage> {
    const C = this.chunkRows;
    const end = offset + limit;
    const parts: Batch[] = [];
    let shared = false;
    // through chunk of row `end` too: one row past the page tells whether the result continues
    for (let k = Math.floor(offset / C), last = Math.floor(end / C); k <= last; k++) {
      const chunk = await this.chunk(k);
      shared = this.addPart(parts, chunk, k * C, offset, end);
      if (batchLength(chunk) < C) break;
    }
    return this.assemble(parts, end, packed, shared);
  }

  /** A page of `parts`; `shared` when the last part is a cached chunk itself (it is then copied). */
  private assemble(parts: Batch[], end: number, packed: boolean, shared: boolean): HandlePage {
    if (packed && parts.length > 0 && parts.every(isPackedChunk)) return this.packedPage(parts, end);
    if (parts.some(isPackedChunk)) {
      const rows = ([] as Row[]).concat(...parts.map((part) => (isPackedChunk(part) ? unpackChunk(part) : part)));
      return this.rowsPage(rows, end);
    }
    return this.rowsPage(this.joinRows(parts as Row[][], shared), end);
  }

  /** The parts of a page as its own array (a cached chunk is never handed out), copied once. */
  private joinRows(parts: Row[][], wholeChunk: boolean): Row[] {
    return parts.length > 1
      ? ([] as Row[]).concat(...parts)
      : parts.length === 0
        ? []
        : wholeChunk
          ? parts[0]!.slice()
          : parts[0]!;
  }

  private packedPage(parts: PackedChunk[], end: number): HandlePage {
    let page = concatPacked(parts);
    const rowsRead = this.total ?? this.rowsRead;
    // the page's size budget, in the bytes it will travel as
    if (page.bytes.length > this.maxPageBytes) {
      let fitting = 1;
      while (fitting < page.count && page.starts[fitting + 1]! <= this.maxPageBytes) fitting++;
      page = slicePacked(page, 0, fitting);
      return { rows: [], packed: toPackedRows(page), done: false, rowsRead, sizeLimited: true };
    }
    const done = this.total !== null && end >= this.total;
    return { rows: [], packed: toPackedRows(page), done, rowsRead, sizeLimited: false };
  }

  private rowsPage(rows: Row[], end: number): HandlePage {
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
    const i = row % this.chunkRows;
    if (chunk === undefined || i >= batchLength(chunk)) return undefined;
    const cells = isPackedChunk(chunk) ? packedRow(chunk, i) : chunk[i]!;
    return column >= cells.length ? undefined : cells[column];
  }

  /**
   * Drops the cached rows of a result the caller already has whole (its first page was all of it): the handle
   * stays for reading cut cells again (query.cell), without holding the page's memory.
   */
  forgetRows(): void {
    this.chunks.clear();
  }

  /** The rows of chunk `k` (fewer than chunkRows only for the last one; empty past the end). */
  private async chunk(k: number): Promise<Batch> {
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
    let rows: Batch = [];
    while (this.position <= start) {
      rows = await this.readChunk();
      const length = batchLength(rows);
      if (length > 0) this.remember(this.position / this.chunkRows, rows);
      this.position += length;
      if (this.position > this.rowsRead) this.rowsRead = this.position;
      if (length < this.chunkRows) {
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

  /**
   * Up to `count` rows from the cursor (several reads if the driver returns short batches): packed when the
   * cursor gives them so, else rows.
   */
  private async readBatch(cursor: RowCursor, count: number): Promise<Batch> {
    const first: Batch = cursor.readBatch ? await cursor.readBatch(count) : await cursor.read(count);
    let length = batchLength(first);
    if (length === 0 || length >= count) return first;
    if (isPackedChunk(first)) {
      const parts = [first];
      while (length < count && !this.closed) {
        const more = await cursor.readBatch!(count - length);
        // the cursor switched to rows (it was parked and re-read its buffer): the whole read as rows
        if (!isPackedChunk(more)) return unpackChunk(concatPacked(parts)).concat(more);
        if (more.count === 0) break;
        parts.push(more);
        length += more.count;
      }
      return parts.length === 1 ? first : concatPacked(parts);
    }
    let rows = first;
    while (rows.length < count && !this.closed) {
      const more = await cursor.read(count - rows.length);
      if (more.length === 0) break;
      rows = rows.concat(more);
    }
    return rows;
  }

  /** Reads one full chunk from the cursor (several reads if the driver returns short batches). */
  private async readChunk(): Promise<Batch> {
    const C = this.chunkRows;
    const cursor = this.cursor!;
    let rows: Batch;
    try {
      rows = await this.readBatch(cursor, C);
    } catch (error) {
      // the cursor is unusable after a failed read (cancelled, connection lost); cached chunks stay valid
      await this.dropCursor();
      throw error;
    }
    this.assertOpen();
    return rows;
  }

  private remember(k: number, rows: Batch): void {
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

function sliceBatch(batch: Batch, from: number, to: number): Batch {
  return isPackedChunk(batch) ? slicePacked(batch, from, to) : batch.slice(from, to);
}
