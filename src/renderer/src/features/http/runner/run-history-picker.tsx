import type { HttpRunSummary } from '../../../../../shared/contract/http.contract';
import { formatMs, runnerStore, useHttpRunner } from './use-http-runner';

/** How a kept run reads in the picker: `✓ 07/12 18:03:04 · 3 requests · 87 ms`. */
export function runLabel(run: HttpRunSummary): string {
  const when = new Date(run.startedAt).toLocaleString(undefined, {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const mark = run.running ? '…' : run.passed ? '✓' : '✗';
  const verdict = run.running
    ? 'running'
    : run.error
      ? run.error.code
      : run.cancelled
        ? 'cancelled'
        : run.failed > 0
          ? `${run.failed} failed`
          : null;
  const parts = [
    `${mark} ${when}`,
    // a running one's count is from when the list was read: the progress above has the live one
    ...(run.running ? [] : [`${run.requests} request${run.requests === 1 ? '' : 's'}`]),
    ...(run.durationMs === null ? [] : [formatMs(run.durationMs)]),
    ...(verdict ? [verdict] : []),
  ];
  return parts.join(' · ');
}

/** The runs of this collection the core keeps: pick one to see its report (or to follow it while it runs). */
export function RunHistoryPicker({ tabId }: { tabId: string }) {
  const runs = useHttpRunner((s) => s.byTab[tabId]?.runs);
  const runId = useHttpRunner((s) => s.byTab[tabId]?.runId ?? null);
  const busy = useHttpRunner((s) => s.byTab[tabId]?.status === 'running' || s.byTab[tabId]?.status === 'cancelling');
  if (!runs || runs.length === 0) return null;
  const shown = runs.some((run) => run.id === runId) ? runId! : '';
  return (
    <label className="run-history">
      <span className="run-muted">Runs</span>
      <select
        className="select"
        data-testid="run-history"
        value={shown}
        disabled={busy}
        onChange={(event) => {
          if (event.target.value) void runnerStore().showRun(tabId, event.target.value);
        }}
      >
        {shown === '' && <option value="">Choose a kept run…</option>}
        {runs.map((run) => (
          <option key={run.id} value={run.id}>
            {runLabel(run)}
          </option>
        ))}
      </select>
    </label>
  );
}
