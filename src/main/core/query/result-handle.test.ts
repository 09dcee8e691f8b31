import { describe, expect, it } from 'vitest';
import type { Row } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { RowCursor, SkipOutcome } from '../connections/driver-adapter';
import { unpackRows } from '../../../shared/packed-rows';
import { PackedWriter, type PackedChunk } from './packed-chunk';
import { ResultHandle } from './result-handle';

/** A forward-only cursor over rows [0, total) that records what was read; optionally short batches. */
class ArrayCursor implements RowCursor {
  position = 0;
  closed = false;
  failAt: number | null = null;
  constructor(
    private readonly total: number,
    private readonly stats: { opened: number; rowsServed: number },
    private readonly batchLimit = Infinity,
  ) {
    stats.opened++;
  }
  private held: Promise<void> | null = null;
  /** Reads wait until release(). */
  hold(): { release(): void } {
    let release = () => undefined as void;
    this.held = new Promise<void>((resolve) => (release = resolve));
    return { release: () => release() };
  }
  async read(max: number): Promise<Row[]> {
    if (this.held) await this.held;
    if (this.closed) throw new Error('read after close');
    if (this.failAt !== null && this.position >= this.failAt) {
      throw new AppError('QUERY_CANCELLED', 'cancelled');
    }
    const n = Math.min(max, this.batchLimit, this.total - this.position);
    const rows: Row[] = [];
    for (let i = 0; i < n; i++) rows.push([this.position + i, `r${this.position + i}`]);
    this.position += n;
    this.stats.rowsServed += n;
    return rows;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** An ArrayCursor that gives its rows packed (as the PostgreSQL driver does), after `initial` rows as values. */
class PackedCursor extends ArrayCursor {
  constructor(
    total: number,
    stats: { opened: number; rowsServed: number },
    private initial: number,
  ) {
    super(total, stats);
  }
  async readBatch(max: number): Promise<Row[] | PackedChunk> {
    if (this.initial > 0) {
      const rows = await this.read(Math.min(max, this.initial));
      this.initial -= rows.length;
      return rows;
    }
    const writer = new PackedWriter(['n', 't']);
    for (const [id, name] of await this.read(max)) {
      writer.beginRow(2);
      writer.text(String(id));
      writer.text(String(name));
      writer.endRow();
    }
    return writer.take();
  }
}

/** An ArrayCursor that can skip: rows passed over are counted apart from the rows it reads. */
class SkippingCursor extends ArrayCursor {
  constructor(
    total: number,
    stats: { opened: number; rowsServed: number; rowsSkipped: number },
    private readonly limit: number,
    private readonly skipStats = stats,
  ) {
    super(total, stats);
  }
  async skip(max: number, keep: number): Promise<SkipOutcome> {
    const n = Math.min(max, this.limit - this.position);
    const from = this.position;
    this.position += n;
    this.skipStats.rowsSkipped += n;
    const tail: Row[] = [];
    for (let i = Math.max(from, from + n - keep); i < from + n; i++) tail.push([i, `r${i}`]);
    return { skipped: n, tail };
  }
}

function setupSkipping(total: number) {
  const stats = { opened: 0, rowsServed: 0, rowsSkipped: 0 };
  const open = () => new SkippingCursor(total, stats, total);
  const handle = new ResultHandle({
    id: 'h2',
    cursor: open(),
    reopen: async () => open(),
    chunkRows: 10,
    maxChunks: 8,
  });
  return { handle, stats };
}

function setup(
  total: number,
  opts: { chunkRows?: number; maxChunks?: number; batchLimit?: number; rerunnable?: boolean; readAhead?: boolean } = {},
) {
  const stats = { opened: 0, rowsServed: 0 };
  const cursors: ArrayCursor[] = [];
  const open = () => {
    const c = new ArrayCursor(total, stats, opts.batchLimit);
    cursors.push(c);
    return c;
  };
  const handle = new ResultHandle({
    id: 'h1',
    cursor: open(),
    reopen: opts.rerunnable === false ? null : async () => open(),
    chunkRows: opts.chunkRows ?? 10,
    maxChunks: opts.maxChunks ?? 4,
    readAhead: opts.readAhead,
  });
  return { handle, stats, cursors };
}

const ids = (rows: Row[]) => rows.map((r) => r[0]);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('ResultHandle', () => {
  it('pages sequentially through everything with exact done and rowsRead', async () => {
    const { handle, stats } = setup(95);
    const seen: number[] = [];
    for (let offset = 0; ; offset += 7) {
      const page = await handle.page(offset, 7);
      seen.push(...(ids(page.rows) as number[]));
      if (page.done) {
        expect(page.rowsRead).toBe(95);
        break;
      }
      expect(page.rowsRead).toBeGreaterThan(offset + 7);
    }
    expect(seen).toEqual(range(0, 95));
    expect(stats.opened).toBe(1);
    expect(stats.rowsServed).toBe(95);
  });

  it('knows the end exactly at chunk boundaries and past the end', async () => {
    const { handle } = setup(20);
    expect(await handle.page(0, 10)).toMatchObject({ done: false, rowsRead: 20 });
    expect(await handle.page(10, 10)).toMatchObject({ done: true, rowsRead: 20, sizeLimited: false });
    expect(ids((await handle.page(15, 100)).rows)).toEqual(range(15, 20));
    expect(await handle.page(500, 10)).toEqual({ rows: [], done: true, rowsRead: 20, sizeLimited: false });
    const empty = setup(0).handle;
    expect(await empty.page(0, 50)).toEqual({ rows: [], done: true, rowsRead: 0, sizeLimited: false });
  });

  it('marks a first page complete when all rows fit', async () => {
    const { handle, cursors } = setup(5);
    expect(await handle.page(0, 5)).toEqual({
      rows: range(0, 5).map((i) => [i, `r${i}`]),
      done: true,
      rowsRead: 5,
      sizeLimited: false,
    });
    expect(cursors[0]!.closed).toBe(true);
  });

  it('jumps ahead by streaming, keeping only a bounded cache', async () => {
    const { handle, stats } = setup(1000, { chunkRows: 10, maxChunks: 4 });
    const far = await handle.page(905, 10);
    expect(ids(far.rows)).toEqual(range(905, 915));
    expect(stats.rowsServed).toBe(920);
    // recent chunks are still cached: no new read, no reopen
    expect(ids((await handle.page(890, 5)).rows)).toEqual(range(890, 895));
    expect(stats.opened).toBe(1);
    expect(stats.rowsServed).toBe(920);
  });

  it('skips far ahead without reading the rows in between, keeping the chunks just before the target', async () => {
    const { handle, stats } = setupSkipping(1000);
    expect(ids((await handle.page(905, 10)).rows)).toEqual(range(905, 915));
    expect(stats).toEqual({ opened: 1, rowsServed: 20, rowsSkipped: 900 });
    // four chunks before the target came back with the skip
    expect(ids((await handle.page(860, 45)).rows)).toEqual(range(860, 905));
    expect(stats).toMatchObject({ opened: 1, rowsServed: 20 });
    // a short step ahead is read, not skipped
    await handle.page(925, 10);
    expect(stats).toMatchObject({ rowsServed: 40, rowsSkipped: 900 });
  });

  it('reads to the end in one pass and has the last rows cached ("last row")', async () => {
    for (const total of [1000, 1003, 7]) {
      const { handle, stats } = setupSkipping(total);
      await handle.page(0, 5);
      const probe = await handle.page(5_000_000, 1);
      expect(probe).toEqual({ rows: [], done: true, rowsRead: total, sizeLimited: false });
      const last = await handle.page(Math.max(0, total - 25), 25);
      expect(ids(last.rows)).toEqual(range(Math.max(0, total - 25), total));
      expect(last.done).toBe(true);
      expect(stats.opened).toBe(1);
    }
  });

  it('skips again after re-running for a jump back', async () => {
    const { handle, stats } = setupSkipping(1000);
    await handle.page(800, 10);
    expect(ids((await handle.page(3, 4)).rows)).toEqual(range(3, 7));
    expect(ids((await handle.page(600, 4)).rows)).toEqual(range(600, 604));
    expect(stats.opened).toBe(2);
    expect(stats.rowsSkipped).toBe(800 + 590);
  });

  it('re-executes and skips forward for a jump before the oldest cached chunk', async () => {
    const { handle, stats, cursors } = setup(1000, { chunkRows: 10, maxChunks: 4 });
    await handle.page(500, 20);
    const back = await handle.page(3, 4);
    expect(ids(back.rows)).toEqual(range(3, 7));
    expect(stats.opened).toBe(2);
    expect(cursors[0]!.closed).toBe(true);
    // then forward again continues on the new cursor
    const next = await handle.page(7, 30);
    expect(ids(next.rows)).toEqual(range(7, 37));
    expect(stats.opened).toBe(2);
    const last = await handle.page(990, 100);
    expect(last).toMatchObject({ done: true, rowsRead: 1000 });
    expect(ids(last.rows)).toEqual(range(990, 1000));
  });

  it('refuses a backward jump for statements that cannot be re-run', async () => {
    const { handle } = setup(1000, { rerunnable: false });
    await handle.page(500, 10);
    await expect(handle.page(0, 10)).rejects.toMatchObject({ code: 'RESULT_EXPIRED' });
    // cached rows are still served
    expect(ids((await handle.page(500, 5)).rows)).toEqual(range(500, 505));
  });

  it('fills chunks from drivers that return short batches', async () => {
    const { handle } = setup(57, { batchLimit: 3 });
    const page = await handle.page(0, 57);
    expect(ids(page.rows)).toEqual(range(0, 57));
    expect(page.done).toBe(true);
  });

  it('serves concurrent page calls in order on the one cursor', async () => {
    const { handle } = setup(300);
    const pages = await Promise.all([
      handle.page(0, 50),
      handle.page(50, 50),
      handle.page(250, 60),
      handle.page(100, 10),
    ]);
    expect(ids(pages[0]!.rows)).toEqual(range(0, 50));
    expect(ids(pages[1]!.rows)).toEqual(range(50, 100));
    expect(pages[2]).toMatchObject({ done: true });
    expect(ids(pages[2]!.rows)).toEqual(range(250, 300));
    expect(ids(pages[3]!.rows)).toEqual(range(100, 110));
  });

  it('recovers from a failed read by re-running, keeping the error for that call', async () => {
    const { handle, cursors, stats } = setup(200);
    cursors[0]!.failAt = 30;
    await expect(handle.page(0, 50)).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
    expect(cursors[0]!.closed).toBe(true);
    expect(ids((await handle.page(0, 50)).rows)).toEqual(range(0, 50));
    expect(stats.opened).toBe(2);
  });

  it('closes: cursor released, later calls RESULT_EXPIRED', async () => {
    const { handle, cursors } = setup(100);
    await handle.page(0, 10);
    await handle.close();
    expect(cursors[0]!.closed).toBe(true);
    expect(handle.isClosed).toBe(true);
    await expect(handle.page(0, 10)).rejects.toMatchObject({
      code: 'RESULT_EXPIRED',
      message: expect.stringMatching(/Run the query again/),
    });
  });

  describe('reading ahead', () => {
    it('reads the next two pages while the caller handles this one, in one cursor read', async () => {
      const { handle, stats, cursors } = setup(1000, { chunkRows: 10, maxChunks: 8, readAhead: true });
      await handle.page(0, 25);
      await handle.whenIdle();
      // the page read chunks 0–2 (through row 25); the read ahead chunks 3–6, half the cache
      expect(stats.rowsServed).toBe(70);
      const next = await handle.page(25, 25);
      expect(ids(next.rows)).toEqual(range(25, 50));
      await handle.whenIdle();
      // from row 70 through the page after next (row 100): chunks 7–10
      expect(stats.rowsServed).toBe(110);
      expect(cursors[0]!.position).toBe(110);
      expect(stats.opened).toBe(1);
    });

    it('answers a cached page at once, while a read ahead is under way', async () => {
      const { handle, cursors } = setup(1000, { chunkRows: 10, maxChunks: 8, readAhead: true });
      await handle.page(0, 10);
      await handle.whenIdle();
      const gate = cursors[0]!.hold();
      // the page is cached; its read ahead waits on the cursor
      expect(ids((await handle.page(10, 10)).rows)).toEqual(range(10, 20));
      expect(ids((await handle.page(20, 10)).rows)).toEqual(range(20, 30));
      expect(handle.busy).toBe(false);
      gate.release();
      await handle.whenIdle();
      expect(ids((await handle.page(30, 10)).rows)).toEqual(range(30, 40));
    });

    it('pages sequentially to an exact end, never reading past it or re-running', async () => {
      const { handle, stats, cursors } = setup(95, { chunkRows: 10, maxChunks: 4, readAhead: true });
      const seen: number[] = [];
      for (let offset = 0; ; offset += 7) {
        const page = await handle.page(offset, 7);
        seen.push(...(ids(page.rows) as number[]));
        if (page.done) {
          expect(page.rowsRead).toBe(95);
          break;
        }
      }
      expect(seen).toEqual(range(0, 95));
      expect(stats).toEqual({ opened: 1, rowsServed: 95 });
      await handle.whenIdle();
      expect(cursors[0]!.closed).toBe(true);
    });

    it('reports a failed read ahead to the next page that needs the cursor, then re-runs', async () => {
      const { handle, stats, cursors } = setup(200, { chunkRows: 10, maxChunks: 8, readAhead: true });
      cursors[0]!.failAt = 50;
      expect(ids((await handle.page(0, 15)).rows)).toEqual(range(0, 15));
      await handle.whenIdle();
      // read ahead through row 50; the next one fails at once
      expect(ids((await handle.page(15, 25)).rows)).toEqual(range(15, 40));
      await handle.whenIdle();
      // cached rows are still served after the failure
      expect(ids((await handle.page(30, 10)).rows)).toEqual(range(30, 40));
      await expect(handle.page(40, 20)).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
      expect(cursors[0]!.closed).toBe(true);
      expect(ids((await handle.page(40, 20)).rows)).toEqual(range(40, 60));
      expect(stats.opened).toBe(2);
    });

    it('stops when the handle is closed', async () => {
      const { handle, cursors } = setup(1000, { chunkRows: 10, readAhead: true });
      expect(ids((await handle.page(0, 10)).rows)).toEqual(range(0, 10));
      // the read ahead is under way
      await handle.close();
      expect(cursors[0]!.closed).toBe(true);
      await expect(handle.page(10, 10)).rejects.toMatchObject({ code: 'RESULT_EXPIRED' });
    });
  });

  describe('packed rows', () => {
    function setupPacked(total: number, initial: number, maxPageBytes?: number) {
      const stats = { opened: 0, rowsServed: 0 };
      const open = () => new PackedCursor(total, stats, initial);
      const handle = new ResultHandle({
        id: 'hp',
        cursor: open(),
        reopen: async () => open(),
        chunkRows: 10,
        maxChunks: 8,
        readAhead: true,
        maxPageBytes,
      });
      return { handle, stats };
    }

    it('serves packed pages out of packed chunks, and rows where a page holds rows read as values', async () => {
      const { handle } = setupPacked(100, 15);
      // chunk 0 and half of chunk 1 came as values: that page is rows
      const first = await handle.page(0, 20, { packed: true });
      expect(first.packed).toBeUndefined();
      expect(ids(first.rows)).toEqual(range(0, 20));
      await handle.whenIdle();
      const next = await handle.page(20, 25, { packed: true });
      expect(next.rows).toEqual([]);
      expect(unpackRows(next.packed!)).toEqual(range(20, 45).map((i) => [i, `r${i}`]));
      // the same chunks as values for a caller that did not ask for packed rows
      expect(ids((await handle.page(20, 25)).rows)).toEqual(range(20, 45));
      expect(handle.cachedCell(33, 1)).toBe('r33');
      for (let offset = 45; ; offset += 25) {
        const page = await handle.page(offset, 25, { packed: true });
        if (page.done) {
          expect(page.packed!.count).toBe(5);
          expect(page.rowsRead).toBe(100);
          break;
        }
      }
    });

    it('keeps packed pages within their size budget in bytes', async () => {
      // a row packs as 5 (header) + 2 (count) + 4 + 1–2 (id) + 4 + 2–3 (name) bytes
      const { handle } = setupPacked(100, 0, 200);
      const page = await handle.page(0, 50, { packed: true });
      expect(page.sizeLimited).toBe(true);
      expect(page.packed!.bytes.byteLength).toBeLessThanOrEqual(200);
      expect(unpackRows(page.packed!)).toEqual(range(0, page.packed!.count).map((i) => [i, `r${i}`]));
      const rest = await handle.page(page.packed!.count, 10, { packed: true });
      expect(unpackRows(rest.packed!)[0]).toEqual([page.packed!.count, `r${page.packed!.count}`]);
    });
  });
});
