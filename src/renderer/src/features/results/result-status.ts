import type { ResultTab } from '../../stores/results.slice';

export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** "1,000+ rows · 12 ms", "200,000 rows · 1.20 s", "3 rows affected · 4 ms". */
export function statusText(r: ResultTab): string {
  const duration = formatDuration(r.durationMs);
  if (r.result?.kind === 'affected') {
    const n = r.result.affectedRows;
    const what = n === null ? 'Statement executed' : `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'} affected`;
    return duration ? `${what} · ${duration}` : what;
  }
  const rows = `${r.rowsLoaded.toLocaleString('en-US')}${r.done ? '' : '+'} row${r.rowsLoaded === 1 && r.done ? '' : 's'}`;
  return duration ? `${rows} · ${duration}` : rows;
}
