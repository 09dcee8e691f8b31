import { describe, expect, it } from 'vitest';
import { CursorGate, isRerunnable, type RawCursor } from './cursor-gate';

/** A driver cursor over numbers 1..total that records whether it was closed. */
function counter(total: number, start = 0): RawCursor & { closed: boolean } {
  let next = start;
  const raw = {
    closed: false,
    read: async (max: number) => {
      const rows: unknown[][] = [];
      while (rows.length < max && next < total) rows.push([++next]);
      return rows;
    },
    close: async () => {
      raw.closed = true;
    },
  };
  return raw;
}

/** A re-runnable 50,000-row result read for 3 rows, then parked by another statement; the re-runs it asked for. */
async function parkedAfterThreeRows() {
  const gate = new CursorGate();
  const first = counter(50_000);
  const reopened: number[] = [];
  const cursor = gate.adopt(first, {
    reopen: async (skip) => {
      reopened.push(skip);
      return counter(50_000, skip);
    },
  });
  expect(await cursor.read(3)).toEqual([[1], [2], [3]]);
  await gate.exclusive(async () => undefined);
  return { first, cursor, reopened };
}

describe('CursorGate', () => {
  it('parks a re-runnable result and resumes it where the reader stopped', async () => {
    const { first, cursor, reopened } = await parkedAfterThreeRows();
    expect(first.closed).toBe(true);
    const rest: unknown[][] = [];
    for (;;) {
      const rows = await cursor.read(5000);
      if (rows.length === 0) break;
      rest.push(...rows);
    }
    expect(rest.length).toBe(50_000 - 3);
    expect(rest[0]).toEqual([4]);
    expect(rest.at(-1)).toEqual([50_000]);
    // 10,000 rows were read ahead while parking, so the re-run starts after them
    expect(reopened).toEqual([3 + 10_000]);
  });

  it('skips through what was read ahead, then the re-run driver cursor (read through when it cannot skip)', async () => {
    const { cursor, reopened } = await parkedAfterThreeRows();
    // 10,000 rows are buffered: a skip within them needs no re-run
    expect(await cursor.skip!(5000, 2)).toEqual({ skipped: 5000, tail: [[5002], [5003]] });
    expect(reopened).toEqual([]);
    expect(await cursor.skip!(20_000, 3)).toEqual({ skipped: 20_000, tail: [[25_001], [25_002], [25_003]] });
    expect(reopened).toEqual([3 + 10_000]);
    expect(await cursor.read(1)).toEqual([[25_004]]);
    expect(await cursor.skip!(1_000_000, 1)).toEqual({ skipped: 50_000 - 25_004, tail: [[50_000]] });
    expect(await cursor.read(5)).toEqual([]);
  });

  it('keeps a small result in memory without re-running it', async () => {
    const gate = new CursorGate();
    const cursor = gate.adopt(counter(5), { reopen: null });
    await gate.exclusive(async () => undefined);
    expect(await cursor.read(10)).toEqual([[1], [2], [3], [4], [5]]);
    expect(await cursor.read(10)).toEqual([]);
  });

  it('runs work one at a time in order', async () => {
    const gate = new CursorGate();
    const order: number[] = [];
    let finishFirst!: () => void;
    const first = gate.run(async () => {
      await new Promise<void>((resolve) => (finishFirst = resolve));
      order.push(1);
    });
    const second = gate.run(async () => {
      order.push(2);
    });
    // the second waits for the first however long it takes
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    finishFirst();
    await Promise.all([first, second]);
    expect(order).toEqual([1, 2]);
  });
});

describe('CursorGate cleanup after a cancel', () => {
  it('releases the driver cursor of a failed read, and later work waits for that — work queued before too', async () => {
    const gate = new CursorGate();
    let finishClose!: () => void;
    const closing = new Promise<void>((resolve) => (finishClose = resolve));
    const raw: RawCursor & { closed: boolean } = {
      closed: false,
      read: async () => {
        throw new Error('cancelled');
      },
      close: async () => {
        raw.closed = true;
        await closing;
      },
    };
    const cursor = gate.adopt(raw, { reopen: null });
    const order: string[] = [];
    const failed = cursor.read(10);
    const next = gate.exclusive(async () => {
      order.push('next');
    });
    await expect(failed).rejects.toThrow('cancelled');
    expect(raw.closed).toBe(true);
    // give queued work every chance to run (several turns of the event loop): it must still wait for the close
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    order.push('released');
    finishClose();
    await next;
    expect(order).toEqual(['released', 'next']);
  });

  it('stops waiting for cleanup once the connection is dropped', async () => {
    const gate = new CursorGate();
    gate.occupy(new Promise(() => undefined));
    const next = gate.run(async () => 'ran');
    gate.drop();
    expect(await next).toBe('ran');
  });

  it('rejects work cancelled while it waits for its turn, and never runs it', async () => {
    const gate = new CursorGate();
    gate.occupy(new Promise(() => undefined));
    const controller = new AbortController();
    let ran = false;
    const waiting = gate.exclusive(async () => {
      ran = true;
    }, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
    gate.drop();
    await gate.run(async () => undefined);
    expect(ran).toBe(false);
  });
});

describe('isRerunnable', () => {
  it('accepts plain reads and refuses anything that may write', () => {
    expect(isRerunnable('SELECT * FROM t')).toBe(true);
    expect(isRerunnable('  -- note\n with x as (select 1) select * from x')).toBe(true);
    expect(isRerunnable("SELECT 'insert into' AS label")).toBe(true);
    expect(isRerunnable('INSERT INTO t VALUES (1) RETURNING id')).toBe(false);
    expect(isRerunnable('WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d')).toBe(false);
    expect(isRerunnable('SELECT * INTO newtable FROM t')).toBe(false);
    expect(isRerunnable("SELECT nextval('s')")).toBe(false);
    expect(isRerunnable('EXPLAIN ANALYZE SELECT 1')).toBe(false);
    expect(isRerunnable('SELECT * FROM t FOR UPDATE')).toBe(false);
  });
});
