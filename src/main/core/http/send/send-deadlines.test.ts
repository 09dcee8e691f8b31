import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { SendCancel } from './send-cancel';
import { clearDeadline, startDeadline } from './send-deadlines';

/** Resolves with the cancel's reason once it aborts. */
function aborted(cancel: SendCancel, order: string[], name: string): Promise<unknown> {
  return new Promise((resolve) =>
    cancel.onAbort({
      onCancel: () => {
        order.push(name);
        resolve(cancel.reason);
      },
    }),
  );
}

describe('send deadlines', () => {
  it('stops the sends still running, in order, with TIMEOUT; a cleared one never fires', async () => {
    const order: string[] = [];
    const [a, b, c] = [new SendCancel(), new SendCancel(), new SendCancel()];
    const now = performance.now();
    startDeadline(30, now, a);
    const second = startDeadline(30, now, b);
    startDeadline(30, now, c);
    const firstDone = aborted(a, order, 'a');
    const lastDone = aborted(c, order, 'c');
    clearDeadline(second);
    await expect(lastDone).resolves.toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('30 ms') });
    await firstDone;
    expect(order).toEqual(['a', 'c']);
    expect(b.aborted).toBe(false);
  });

  it('keeps each duration apart: a long deadline outlives a short one started after it', async () => {
    const order: string[] = [];
    const long = new SendCancel();
    const short = new SendCancel();
    const longDeadline = startDeadline(60_000, performance.now(), long);
    startDeadline(20, performance.now(), short);
    await aborted(short, order, 'short');
    expect(long.aborted).toBe(false);
    clearDeadline(longDeadline);
    clearDeadline(longDeadline);
    expect(long.aborted).toBe(false);
  });

  it('re-arms after the sends of a duration all ended: the next one still times out', async () => {
    const order: string[] = [];
    const first = new SendCancel();
    clearDeadline(startDeadline(25, performance.now(), first));
    const next = new SendCancel();
    startDeadline(25, performance.now(), next);
    await expect(aborted(next, order, 'next')).resolves.toMatchObject({ code: 'TIMEOUT' });
    expect(first.aborted).toBe(false);
  });
});
