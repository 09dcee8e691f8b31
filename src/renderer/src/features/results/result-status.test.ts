import { describe, expect, it } from 'vitest';
import type { ResultTab } from '../../stores/results.slice';
import { formatDuration, statusText } from './result-status';

const base = {
  status: 'done',
  durationMs: 12,
  rowsLoaded: 1000,
  done: false,
  result: { kind: 'rows', handle: 'h', columns: [], rows: [], complete: false, durationMs: 12 },
} as unknown as ResultTab;

describe('result status line', () => {
  it('says "+" while more rows may exist and the exact count when done', () => {
    expect(statusText(base)).toBe('1,000+ rows · 12 ms');
    expect(statusText({ ...base, rowsLoaded: 200_000, done: true, durationMs: 1234 })).toBe('200,000 rows · 1.23 s');
    expect(statusText({ ...base, rowsLoaded: 1, done: true })).toBe('1 row · 12 ms');
  });

  it('reports affected rows for DML', () => {
    const dml = {
      ...base,
      result: { kind: 'affected', affectedRows: 3, lastInsertId: null, durationMs: 4 },
      durationMs: 4,
    } as ResultTab;
    expect(statusText(dml)).toBe('3 rows affected · 4 ms');
  });

  it('formats durations', () => {
    expect(formatDuration(0.4)).toBe('0 ms');
    expect(formatDuration(75_000)).toBe('1 min 15 s');
  });
});
