import { reportsAffectedRows } from '../../../../shared/sql/statement-kind';
import type { ResultTab } from '../../stores/results.store';

export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/**
 * "1,000+ rows · 12 ms", "200,000 rows · 1.20 s", "3 rows affected · 4 ms", and "Statement executed · 5 ms" for
 * statements whose row count means nothing (CREATE TABLE, SET, BEGIN…): judged by the statement's kind and by
 * what the host sent (it may send no count), so either alone is enough.
 */
export function statusText(
  r: Pick<ResultTab, 'result' | 'durationMs' | 'statementKind' | 'rowsLoaded' | 'done'>,
): string {
  const duration = formatDuration(r.durationMs);
  if (r.result?.kind === 'affected') {
    const n = r.result.affectedRows;
    const what =
      n === null || !reportsAffectedRows(r.statementKind)
        ? 'Statement executed'
        : `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'} affected`;
    return duration ? `${what} · ${duration}` : what;
  }
  const rows = `${r.rowsLoaded.toLocaleString('en-US')}${r.done ? '' : '+'} row${r.rowsLoaded === 1 && r.done ? '' : 's'}`;
  return duration ? `${rows} · ${duration}` : rows;
}

/** "Last insert id: 42" after an INSERT that reported one; null after anything else (an UPDATE's stale id). */
export function lastInsertIdText(r: Pick<ResultTab, 'result' | 'statementKind'>): string | null {
  if (r.result?.kind !== 'affected' || r.result.lastInsertId === null || r.statementKind !== 'insert') return null;
  return `Last insert id: ${String(r.result.lastInsertId)}`;
}
