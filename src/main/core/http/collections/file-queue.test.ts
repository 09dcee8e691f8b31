import { describe, expect, it } from 'vitest';
import { FileQueue } from './file-queue';

describe('FileQueue', () => {
  it('runs tasks of one key in the order given, a failed one not stopping the next, other keys alongside', async () => {
    const queue = new FileQueue();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run('a', async () => {
      await gate;
      order.push('a1');
    });
    const failed = queue.run('a', async () => {
      order.push('a2');
      throw new Error('boom');
    });
    const third = queue.run('a', async () => {
      order.push('a3');
      return 3;
    });
    // another file does not wait for a's first task
    await queue.run('b', async () => order.push('b1'));
    expect(order).toEqual(['b1']);
    release();
    await first;
    await expect(failed).rejects.toThrow('boom');
    expect(await third).toBe(3);
    expect(order).toEqual(['b1', 'a1', 'a2', 'a3']);
  });
});
