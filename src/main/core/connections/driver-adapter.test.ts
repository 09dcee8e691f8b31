import { describe, expect, it } from 'vitest';
import { RowRing, skipByReading, TailKeeper } from './driver-adapter';

describe('skip helpers', () => {
  it('RowRing keeps the last items pushed, in order', () => {
    const ring = new RowRing<number>(3);
    expect(ring.drain()).toEqual([]);
    for (let i = 1; i <= 2; i++) ring.push(i);
    expect(ring.drain()).toEqual([1, 2]);
    for (let i = 1; i <= 7; i++) ring.push(i);
    expect(ring.drain()).toEqual([5, 6, 7]);
    const none = new RowRing<number>(0);
    none.push(1);
    expect(none.drain()).toEqual([]);
  });

  it('TailKeeper keeps the last rows of the batches added', () => {
    const tail = new TailKeeper<number>(4);
    tail.add([1, 2]);
    tail.add([3]);
    expect(tail.take()).toEqual([1, 2, 3]);
    tail.add([1, 2, 3]);
    tail.add([4, 5]);
    expect(tail.take()).toEqual([2, 3, 4, 5]);
    tail.add([1, 2, 3, 4, 5, 6]);
    expect(tail.take()).toEqual([3, 4, 5, 6]);
  });

  it('skipByReading reads through, counting, and stops at the end', async () => {
    let next = 0;
    const read = async (max: number) => {
      const rows: unknown[][] = [];
      while (rows.length < max && next < 12_345) rows.push([++next]);
      return rows;
    };
    expect(await skipByReading(read, 10_000, 2)).toEqual({ skipped: 10_000, tail: [[9999], [10_000]] });
    expect(await skipByReading(read, 10_000, 1)).toEqual({ skipped: 2345, tail: [[12_345]] });
    expect(await skipByReading(read, 10, 1)).toEqual({ skipped: 0, tail: [] });
  });
});
