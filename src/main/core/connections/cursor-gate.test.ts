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

describe('CursorGate', () => {
  it('parks a re-runnable result and resumes it where the reader stopped', async () => {
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
    await Promise.all([
      gate.run(async () => {
        await new Promise((r) => setTimeout(r, 20));
        order.push(1);
      }),
      gate.run(async () => {
        order.push(2);
      }),
    ]);
    expect(order).toEqual([1, 2]);
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
