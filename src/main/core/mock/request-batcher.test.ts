import { describe, expect, it } from 'vitest';
import { createRequestBatcher, detailOfEntry, type BatchScheduler, type RequestBatch } from './request-batcher';
import { LOGGED_BODY_CHARS, bodyForLog, type MockLogEntry } from './request-log';

/** A scheduler the test fires by hand: no clock involved. */
function manualScheduler() {
  const pending: { run: () => void; ms: number; cancelled: boolean }[] = [];
  const scheduler: BatchScheduler = {
    schedule(run, ms) {
      const timer = { run, ms, cancelled: false };
      pending.push(timer);
      return { cancel: () => void (timer.cancelled = true) };
    },
  };
  const fire = () => {
    const due = pending.splice(0).filter((t) => !t.cancelled);
    for (const timer of due) timer.run();
    return due.length;
  };
  return { scheduler, pending, fire };
}

const entry = (id: number): MockLogEntry => ({
  id,
  time: '2026-12-07T05:00:00.000Z',
  method: 'GET',
  path: `/items/${id}`,
  query: '',
  route: 'GET /items/:id',
  routeIndex: 0,
  responseIndex: 0,
  status: 200,
  durationMs: 0.3,
  request: { headers: { host: 'x', skipped: undefined }, body: '' },
  response: { headers: { 'content-type': 'application/json' }, body: '{}' },
});

describe('request batcher', () => {
  it('sends at most one batch per interval, at most 200 requests in it, and counts the rest as skipped', () => {
    const clock = manualScheduler();
    const batches: RequestBatch[] = [];
    const batcher = createRequestBatcher({ send: (b) => batches.push(b), scheduler: clock.scheduler });
    for (let id = 1; id <= 40_000; id++) batcher.add(entry(id));
    // 40,000 requests inside one interval: one timer, no event yet
    expect(clock.pending).toHaveLength(1);
    expect(clock.pending[0]!.ms).toBe(100);
    expect(batches).toHaveLength(0);
    clock.fire();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.requests).toHaveLength(200);
    expect(batches[0]!.requests.map((r) => r.id)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(batches[0]!.skipped).toBe(39_800);
    expect(batches[0]!.requests[0]).toEqual({
      id: 1,
      time: '2026-12-07T05:00:00.000Z',
      method: 'GET',
      path: '/items/1',
      query: '',
      route: 'GET /items/:id',
      responseIndex: 0,
      status: 200,
      durationMs: 0.3,
    });

    // nothing new: no timer, no event
    expect(clock.fire()).toBe(0);
    batcher.add(entry(40_001));
    batcher.add(entry(40_002));
    expect(clock.pending).toHaveLength(1);
    batcher.flush();
    expect(batches[1]).toMatchObject({ skipped: 0, requests: [{ id: 40_001 }, { id: 40_002 }] });
    expect(clock.fire()).toBe(0);

    batcher.add(entry(40_003));
    batcher.close();
    batcher.add(entry(40_004));
    expect(clock.fire()).toBe(0);
    expect(batches).toHaveLength(2);
  });

  it('gives a request in full, without absent headers, and says when a body was cut', () => {
    const long = entry(1);
    long.response.body = bodyForLog('x'.repeat(LOGGED_BODY_CHARS + 10));
    const detail = detailOfEntry(long);
    expect(detail.request).toEqual({ headers: { host: 'x' }, body: '', truncated: false });
    expect(detail.response.truncated).toBe(true);
    expect(detailOfEntry(entry(2)).response).toEqual({
      headers: { 'content-type': 'application/json' },
      body: '{}',
      truncated: false,
    });
  });
});
