import { describe, expect, it } from 'vitest';
import type { ResultTab } from '../../stores/results.store';
import { formatDuration, lastInsertIdText, statusText } from './result-status';

const base = {
  status: 'done',
  durationMs: 12,
  rowsLoaded: 1000,
  done: false,
  statementKind: 'query',
  result: { kind: 'rows', handle: 'h', columns: [], rows: [], complete: false, durationMs: 12 },
} as unknown as ResultTab;

const affected = (
  statementKind: ResultTab['statementKind'],
  affectedRows: number | null,
  lastInsertId: number | null,
) =>
  ({
    ...base,
    statementKind,
    result: { kind: 'affected', affectedRows, lastInsertId, durationMs: 4 },
    durationMs: 4,
  }) as ResultTab;

describe('result status line', () => {
  it('says "+" while more rows may exist and the exact count when done', () => {
    expect(statusText(base)).toBe('1,000+ rows · 12 ms');
    expect(statusText({ ...base, rowsLoaded: 200_000, done: true, durationMs: 1234 })).toBe('200,000 rows · 1.23 s');
    expect(statusText({ ...base, rowsLoaded: 1, done: true })).toBe('1 row · 12 ms');
  });

  it('reports affected rows for DML', () => {
    expect(statusText(affected('update', 3, null))).toBe('3 rows affected · 4 ms');
    expect(statusText(affected('delete', 1, null))).toBe('1 row affected · 4 ms');
  });

  it('says "Statement executed" for DDL and other statements, whatever count the driver sent', () => {
    expect(statusText(affected('ddl', 0, null))).toBe('Statement executed · 4 ms');
    expect(statusText(affected('other', 0, null))).toBe('Statement executed · 4 ms');
    expect(statusText(affected('transaction', 0, null))).toBe('Statement executed · 4 ms');
    // a host that sends no count for DDL is enough on its own
    expect(statusText(affected('update', null, null))).toBe('Statement executed · 4 ms');
  });

  it('shows a last insert id only after an insert', () => {
    expect(lastInsertIdText(affected('insert', 1, 42))).toBe('Last insert id: 42');
    expect(lastInsertIdText(affected('update', 3, 42))).toBeNull();
    expect(lastInsertIdText(affected('delete', 3, 42))).toBeNull();
    expect(lastInsertIdText(affected('insert', 1, null))).toBeNull();
    expect(lastInsertIdText(base)).toBeNull();
  });

  it('formats durations', () => {
    expect(formatDuration(0.4)).toBe('0 ms');
    expect(formatDuration(75_000)).toBe('1 min 15 s');
  });
});
