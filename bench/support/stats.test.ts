import { describe, expect, it } from 'vitest';
import { interleave, median, table } from './stats';

describe('bench stats', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('alternates who goes first and keeps samples in round order', async () => {
    const calls: string[] = [];
    let n = 0;
    const samples = await interleave(3, {
      ours: () => (calls.push('ours'), ++n),
      peer: async () => (calls.push('peer'), ++n),
    });
    expect(calls).toEqual(['ours', 'peer', 'peer', 'ours', 'ours', 'peer']);
    expect(samples).toEqual({ ours: [1, 4, 5], peer: [2, 3, 6] });
  });

  it('aligns a table: first column left, the rest right', () => {
    expect(
      table(
        ['a', 'bb'],
        [
          ['xyz', '1'],
          ['q', '200'],
        ],
      ),
    ).toBe('a     bb\n---  ---\nxyz    1\nq    200');
  });
});
