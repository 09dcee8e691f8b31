import type { RunReport } from '../../../stores/http-runner.store';
import { LatencyChart } from './latency-chart';
import { formatMs, runnerStore } from './use-http-runner';

/** Hands a report's text to the host as a download (the desktop app asks where to save it). */
function download(text: string, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from the collection's name: `Shop API` → `shop-api-report`. */
function baseName(report: RunReport): string {
  const slug = report.collection
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'run'}-report`;
}

function Stat({ label, value, tone, testId }: { label: string; value: string; tone?: string; testId: string }) {
  return (
    <div className="run-stat">
      <span className="run-stat-label">{label}</span>
      <span className={`run-stat-value ${tone ?? ''}`} data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

/** The final report: counts, latency, a chart per request, each request's assertions and tests, exports. */
export function RunReportView({ tabId, report }: { tabId: string; report: RunReport }) {
  const { totals, latency } = report;
  const checks = {
    passed: totals.assertions.passed + totals.tests.passed,
    failed: totals.assertions.failed + totals.tests.failed,
  };
  const exportAs = async (format: 'json' | 'junit') => {
    const text = await runnerStore().formatReport(tabId, format);
    if (text === null) return;
    if (format === 'json') download(text, `${baseName(report)}.json`, 'application/json');
    else download(text, `${baseName(report)}.xml`, 'application/xml');
  };
  const outcome = report.cancelled ? 'Cancelled' : report.bailed ? 'Stopped at the first failure' : null;
  return (
    <section className="run-report" aria-label="Report" data-testid="run-report">
      <div className="run-report-head">
        <h2 className={report.passed ? 'run-pass' : 'run-fail'} data-testid="run-report-verdict">
          {report.passed ? 'Passed' : 'Failed'}
          {outcome ? ` — ${outcome}` : ''}
        </h2>
        <span className="run-muted">
          {report.collection} · {report.iterations} iteration{report.iterations === 1 ? '' : 's'} ·{' '}
          {formatMs(report.durationMs)}
        </span>
        <span className="run-spacer" />
        <button
          type="button"
          className="button button-small"
          data-testid="run-export-json"
          onClick={() => void exportAs('json')}
        >
          Export JSON
        </button>
        <button
          type="button"
          className="button button-small"
          data-testid="run-export-junit"
          onClick={() => void exportAs('junit')}
        >
          Export JUnit
        </button>
        <button
          type="button"
          className="button button-small"
          data-testid="run-again"
          onClick={() => runnerStore().reset(tabId)}
        >
          Change options…
        </button>
      </div>
      <div className="run-stats">
        <Stat label="Requests" value={`${totals.responses} of ${totals.requests}`} testId="run-report-requests" />
        <Stat label="Checks passed" value={String(checks.passed)} tone="run-pass" testId="run-report-passed" />
        <Stat
          label="Checks failed"
          value={String(checks.failed)}
          tone={checks.failed > 0 ? 'run-fail' : ''}
          testId="run-report-failed"
        />
        <Stat
          label="Errors"
          value={String(totals.errors + totals.scriptErrors)}
          tone={totals.errors + totals.scriptErrors > 0 ? 'run-fail' : ''}
          testId="run-report-errors"
        />
        <Stat label="p50" value={formatMs(latency.p50)} testId="run-report-p50" />
        <Stat label="p95" value={formatMs(latency.p95)} testId="run-report-p95" />
        <Stat label="max" value={formatMs(latency.max)} testId="run-report-max" />
      </div>
      <LatencyChart report={report} />
      <table className="run-table" data-testid="run-report-table">
        <thead>
          <tr>
            <th>Request</th>
            <th>Runs</th>
            <th>Statuses</th>
            <th>p50</th>
            <th>p95</th>
            <th>max</th>
            <th>Assertions and tests</th>
          </tr>
        </thead>
        <tbody>
          {report.requests.map((r) => {
            const failed = r.errors > 0 || r.scriptErrors > 0 || r.checks.some((c) => c.failed > 0);
            return (
              <tr key={r.index} className={failed ? 'run-row-failed' : ''} data-testid="run-report-request">
                <td>
                  <span className={failed ? 'run-fail' : 'run-pass'}>{failed ? '✗' : '✓'}</span> {r.method} {r.path}
                  {r.firstError && (
                    <div className="run-fail">
                      Iteration {r.firstError.iteration + 1}: {r.firstError.message}
                    </div>
                  )}
                  {r.firstScriptError && (
                    <div className="run-fail">
                      Script error in iteration {r.firstScriptError.iteration + 1}: {r.firstScriptError.message}
                    </div>
                  )}
                </td>
                <td>{r.runs}</td>
                <td>
                  {Object.entries(r.statuses)
                    .map(([status, count]) => `${status} ×${count}`)
                    .join(', ') || '—'}
                </td>
                <td>{formatMs(r.latency.p50)}</td>
                <td>{formatMs(r.latency.p95)}</td>
                <td>{formatMs(r.latency.max)}</td>
                <td>
                  <ul className="run-checks">
                    {r.checks.map((c, i) => (
                      <li
                        key={i}
                        className={c.failed > 0 ? 'run-fail' : 'run-check-pass'}
                        data-testid="run-report-check"
                      >
                        {c.failed > 0 ? '✗' : '✓'} {c.name}: {c.passed} passed, {c.failed} failed
                        {c.firstFailure
                          ? ` — first in iteration ${c.firstFailure.iteration + 1}: ${c.firstFailure.message}`
                          : ''}
                      </li>
                    ))}
                    {r.checks.length === 0 && <li className="run-muted">none</li>}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
