import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppDatabase, type AppDatabase } from '../../app-db/app-database';
import { RunReportStore, type FinishedRun } from './run-report-store';
import type { RunReport } from './run-types';

let dir: string;
let app: AppDatabase;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-run-reports-'));
  app = await openAppDatabase({ dataDir: dir });
});
afterEach(() => {
  app.db.close();
  rmSync(dir, { recursive: true, force: true });
});

const report = (padding = ''): RunReport => ({
  collection: `Shop${padding}`,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 12,
  iterations: 1,
  cancelled: false,
  bailed: false,
  totals: {
    requests: 1,
    responses: 1,
    errors: 0,
    assertions: { total: 0, passed: 0, failed: 0 },
    tests: { total: 0, passed: 0, failed: 0 },
    scriptErrors: 0,
  },
  latency: { p50: 1, p95: 1, max: 1, mean: 1 },
  requests: [],
  passed: true,
});

const run = (n: number, path = 'shop', padding = ''): FinishedRun => ({
  id: `run-${path}-${n}`,
  path,
  startedAt: `2026-01-01T00:00:${String(n).padStart(2, '0')}.000Z`,
  finishedAt: `2026-01-01T00:01:${String(n).padStart(2, '0')}.000Z`,
  report: report(padding),
  error: null,
  requests: 1,
  failed: 0,
});

describe('RunReportStore', () => {
  it('keeps the newest reports of each path, newest first', () => {
    const store = new RunReportStore(app.db, { perPath: 3, bytes: 10_000_000 });
    for (let n = 1; n <= 5; n++) store.append(run(n));
    store.append(run(1, 'other'));
    expect(store.list('shop').map((r) => r.id)).toEqual(['run-shop-5', 'run-shop-4', 'run-shop-3']);
    expect(store.list().map((r) => r.id)).toEqual(['run-shop-5', 'run-shop-4', 'run-shop-3', 'run-other-1']);
    expect(store.get('run-shop-1')).toBeNull();
    expect(store.get('run-shop-5')).toMatchObject({
      summary: { passed: true, durationMs: 12, running: false },
      report: { collection: 'Shop' },
    });
  });

  it('drops the oldest reports past the byte bound, but never the newest', () => {
    const store = new RunReportStore(app.db, { perPath: 20, bytes: 5_000 });
    const big = 'x'.repeat(2_000);
    for (let n = 1; n <= 4; n++) store.append(run(n, 'shop', big));
    expect(store.list('shop').map((r) => r.id)).toEqual(['run-shop-4', 'run-shop-3']);
    store.append(run(9, 'shop', 'y'.repeat(20_000)));
    expect(store.list('shop').map((r) => r.id)).toEqual(['run-shop-9']);
  });
});
