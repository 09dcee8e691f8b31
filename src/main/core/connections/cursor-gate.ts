import type { Row } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { PackedChunk } from '../query/packed-chunk';
import { skipByReading, TailKeeper, type RowCursor, type SkipOutcome } from './driver-adapter';
import { queryCancelled } from './map-driver-error';
import { settleOrAbort } from './settle-wait';

export { isRerunnable } from '../../../shared/sql/statement-kind';

/** A driver-level cursor: it owns the connection until it is exhausted or closed. */
export interface RawCursor {
  read(max: number): Promise<Row[]>;
  /** See RowCursor.readBatch: up to `max` rows as packed bytes; an empty chunk at the end. */
  readPacked?(max: number): Promise<PackedChunk>;
  /** See RowCursor.skip; without it the gate reads the rows through. */
  skip?(max: number, keep: number): Promise<SkipOutcome>;
  close(): Promise<void>;
}

export interface AdoptOptions {
  /**
   * Re-runs the statement positioned after `skip` rows, for results parked to let another statement run.
   * Null when re-running is unsafe (the statement writes): such a result is kept in memory instead.
   */
  reopen: ((skip: number) => Promise<RawCursor>) | null;
  /** Rows already read from `raw` while finding out the statement's shape. */
  initialRows?: Row[];
}

/** Rows read ahead when a result is parked: small results then never need re-running. */
const PARK_READ_AHEAD = 10_000;
/** A result that cannot be re-run is kept in memory up to this many rows when parked. */
const PARK_MEMORY_LIMIT = 200_000;
/**
 * A live cursor nobody has read for this long is parked too: an open portal/stream/iterator holds locks and a
 * snapshot on the server (or the SQLite file) that would block other writers while a result tab sits idle.
 */
const IDLE_PARK_MS = 15_000;

/**
 * Serialises the work on one connection and owns the single live cursor it can have.
 *
 * A PostgreSQL portal, a MySQL result stream and a better-sqlite3 iterator each block their connection until
 * they are finished, yet every result tab keeps a handle that may be paged later. So before any other
 * statement runs, the live cursor is *parked*: it reads ahead up to PARK_READ_AHEAD rows into memory; if more
 * remain, it is closed and re-run later from where the reader stopped (read-only statements), or — for
 * statements that write (INSERT … RETURNING) — read fully into memory (up to PARK_MEMORY_LIMIT rows). A parked
 * read-only result that is re-run sees the data as it is then, which for a browsing tool is the useful answer.
 */
export class CursorGate {
  private tail: Promise<unknown> = Promise.resolve();
  private live: GatedCursor | null = null;
  /** Cleanup still owning the connection after its caller was answered (see occupy). */
  private settling: Promise<void> = Promise.resolve();
  /** Resolves when drop() is called: the connection is gone, so nothing needs to wait for its cleanup. */
  private release: () => void = () => undefined;
  private dropped = new Promise<void>((resolve) => (this.release = resolve));
  /** Set once the gate's transaction has ended: its results can no longer be read. */
  private retired: AppError | null = null;

  /** Runs `fn` after everything queued before it, one at a time, once earlier cleanup has finished. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const start = async (): Promise<T> => {
      await this.settled();
      if (this.retired) throw this.retired;
      return fn();
    };
    const next = this.tail.then(start, start);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /**
   * Keeps the connection busy until `work` settles without making the current caller wait for it: every
   * piece of work that starts later — including work queued already — waits first. For the cleanup after a
   * cancelled read: the caller hears QUERY_CANCELLED at once, but the driver cursor still owns the connection
   * (a PostgreSQL portal, a MySQL stream) and a cancel request may still be on its way to the server, where it
   * would cancel whatever statement runs next.
   */
  occupy(work: Promise<unknown>): void {
    const done = work.then(
      () => undefined,
      () => undefined,
    );
    const before = this.settling;
    this.settling = Promise.all([before, done]).then(() => undefined);
  }

  /**
   * Runs `fn` alone on the connection: queued, and after the live cursor has been parked. Aborting `signal`
   * while it still waits for its turn rejects with QUERY_CANCELLED at once, and `fn` never runs; once it
   * runs, `fn` answers the signal itself.
   */
  exclusive<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let started = false;
    const op = this.run(async () => {
      started = true;
      if (signal?.aborted) throw queryCancelled();
      await this.parkLive();
      return fn();
    });
    if (!signal) return op;
    return settleOrAbort(op, signal, (reject) => {
      if (!started) reject(queryCancelled());
    });
  }

  /** Wraps a freshly executed driver cursor; it becomes the connection's live cursor. Call inside exclusive(). */
  adopt(raw: RawCursor, options: AdoptOptions): RowCursor {
    const cursor = new GatedCursor(this, raw, options);
    this.live = cursor;
    return cursor;
  }

  /**
   * Forgets every cursor without touching the connection (it is gone: closed, or its worker stopped), and stops
   * waiting for the cleanup of the old one.
   */
  drop(): void {
    this.live = null;
    this.release();
    this.settling = Promise.resolve();
    this.dropped = new Promise<void>((resolve) => (this.release = resolve));
  }

  /**
   * Ends a transaction's gate (see transactions.ts): waits for its cleanup, closes its live cursor without
   * reading ahead, and fails every later read of its results with `reason` — re-running them after the
   * transaction would see other data, or run outside it.
   */
  async retire(reason: AppError): Promise<void> {
    await this.settled();
    this.retired = reason;
    const live = this.live;
    this.live = null;
    await live?.abandon();
  }

  /** Waits for the cleanup registered with occupy(), including any added while waiting. */
  private async settled(): Promise<void> {
    for (;;) {
      const current = this.settling;
      await Promise.race([current, this.dropped]);
      if (current === this.settling) return;
    }
  }

  /** @internal */
  async parkLive(except?: GatedCursor): Promise<void> {
    const live = this.live;
    if (!live || live === except) return;
    this.live = null;
    await live.park();
  }

  /** @internal */
  setLive(cursor: GatedCursor | null): void {
    this.live = cursor;
  }

  /** @internal */
  get isRetired(): boolean {
    return this.retired !== null;
  }

  /** @internal */
  isLive(cursor: GatedCursor): boolean {
    return this.live === cursor;
  }
}

class GatedCursor implements RowCursor {
  private raw: RawCursor | null;
  private buffer: Row[];
  private delivered = 0;
  private exhausted = false;
  private closed = false;
  private failure: unknown = null;
  /** Rows beyond the buffer were dropped (a writing statement too big to keep). */
  private truncated = false;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly gate: CursorGate,
    raw: RawCursor,
    private readonly options: AdoptOptions,
  ) {
    this.raw = raw;
    this.buffer = options.initialRows ?? [];
    this.armIdlePark();
  }

  read(max: number): Promise<Row[]> {
    return this.gate.run(() => this.readNow(Math.max(1, max)));
  }

  skip(max: number, keep: number): Promise<SkipOutcome> {
    return this.gate.run(() => this.skipNow(Math.max(0, max), Math.max(0, keep)));
  }

  readBatch(max: number): Promise<Row[] | PackedChunk> {
    return this.gate.run(() => this.readBatchNow(Math.max(1, max)));
  }

  close(): Promise<void> {
    // its transaction has ended and already released the driver cursor
    if (this.gate.isRetired) {
      this.closed = true;
      return Promise.resolve();
    }
    return this.gate.run(async () => {
      if (this.closed) return;
      this.closed = true;
      this.buffer = [];
      if (this.idleTimer) clearTimeout(this.idleTimer);
      await this.releaseRaw();
    });
  }

  private async readNow(max: number): Promise<Row[]> {
    if (this.failure) throw this.failure;
    if (this.closed) return [];
    let out: Row[];
    if (this.buffer.length <= max) {
      out = this.buffer;
      this.buffer = [];
    } else {
      out = this.buffer.slice(0, max);
      this.buffer = this.buffer.slice(max);
    }
    while (out.length < max && !this.exhausted) {
      const raw = await this.ensureRaw(out.length);
      if (!raw) break;
      let more: Row[];
      try {
        more = await raw.read(max - out.length);
      } catch (error) {
        throw this.failed(raw, error);
      }
      if (more.length === 0) {
        this.exhausted = true;
        await this.releaseRaw();
      } else if (out.length === 0) {
        out = more;
      } else {
        for (const row of more) out.push(row);
      }
    }
    this.delivered += out.length;
    this.armIdlePark();
    return out;
  }

  /** Packed rows from the driver when it can give them and no rows wait in the buffer; else read()'s rows. */
  private async readBatchNow(max: number): Promise<Row[] | PackedChunk> {
    if (this.failure) throw this.failure;
    if (this.closed || this.exhausted || this.buffer.length > 0) return this.readNow(max);
    const raw = await this.ensureRaw(0);
    if (!raw?.readPacked) return this.readNow(max);
    let chunk: PackedChunk;
    try {
      chunk = await raw.readPacked(max);
    } catch (error) {
      throw this.failed(raw, error);
    }
    if (chunk.count === 0) {
      this.exhausted = true;
      await this.releaseRaw();
    }
    this.delivered += chunk.count;
    this.armIdlePark();
    return chunk;
  }

  private async skipNow(max: number, keep: number): Promise<SkipOutcome> {
    if (this.failure) throw this.failure;
    if (this.closed) return { skipped: 0, tail: [] };
    const tail = new TailKeeper<Row>(keep);
    // rows read ahead (or kept when parked) go first
    let skipped = Math.min(this.buffer.length, max);
    if (skipped > 0) {
      tail.add(this.buffer.slice(0, skipped));
      this.buffer = this.buffer.slice(skipped);
    }
    while (skipped < max && !this.exhausted) {
      const raw = await this.ensureRaw(skipped);
      if (!raw) break;
      const left = max - skipped;
      let outcome: SkipOutcome;
      try {
        outcome = raw.skip ? await raw.skip(left, keep) : await skipByReading((n) => raw.read(n), left, keep);
      } catch (error) {
        throw this.failed(raw, error);
      }
      skipped += outcome.skipped;
      tail.add(outcome.tail);
      if (outcome.skipped < left) {
        this.exhausted = true;
        await this.releaseRaw();
      }
    }
    this.delivered += skipped;
    this.armIdlePark();
    return { skipped, tail: tail.take() };
  }

  /**
   * A read of the driver cursor failed: the failure is kept for later reads, and the driver cursor must still be
   * released — after a cancel it may own the connection (a PostgreSQL portal whose rows arrived before the
   * cancel did stays open until closed); later work waits for it. Returns the error to throw.
   */
  private failed(raw: RawCursor, error: unknown): unknown {
    this.failure = error;
    this.raw = null;
    if (this.gate.isLive(this)) this.gate.setLive(null);
    this.gate.occupy(raw.close());
    return error;
  }

  private armIdlePark(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.raw || this.exhausted || this.closed) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      void this.gate.run(async () => {
        if (this.gate.isLive(this)) await this.gate.parkLive();
      });
    }, IDLE_PARK_MS);
    this.idleTimer.unref();
  }

  /** The driver cursor to read from, re-running a parked statement if needed; null when nothing is left. */
  private async ensureRaw(pending: number): Promise<RawCursor | null> {
    if (this.raw) return this.raw;
    if (this.truncated || !this.options.reopen) {
      if (this.truncated && pending === 0) {
        throw new AppError(
          'RESULT_EXPIRED',
          `Only the first ${this.delivered} rows of this result were kept when another statement ran on the connection — run it again to see the rest.`,
        );
      }
      this.exhausted = !this.truncated;
      return null;
    }
    await this.gate.parkLive(this);
    this.raw = await this.options.reopen(this.delivered + pending);
    this.gate.setLive(this);
    return this.raw;
  }

  /** Releases the driver cursor without keeping its rows (the transaction it belonged to has ended). */
  async abandon(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.buffer = [];
    await this.releaseRaw();
  }

  /** Frees the connection for another statement; see CursorGate. */
  async park(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const raw = this.raw;
    if (!raw || this.closed) return;
    try {
      const limit = this.options.reopen ? PARK_READ_AHEAD : PARK_MEMORY_LIMIT;
      let read = 0;
      while (read < limit) {
        const rows = await raw.read(Math.min(5000, limit - read));
        if (rows.length === 0) {
          this.exhausted = true;
          break;
        }
        read += rows.length;
        for (const row of rows) this.buffer.push(row);
      }
      if (!this.exhausted && !this.options.reopen) this.truncated = true;
    } catch (error) {
      this.failure = error;
    }
    await this.releaseRaw();
  }

  private async releaseRaw(): Promise<void> {
    const raw = this.raw;
    this.raw = null;
    if (this.gate.isLive(this)) this.gate.setLive(null);
    if (raw) await raw.close().catch(() => undefined);
  }
}
