import { selectOutcomesFailuresFirst, type RunOutcome, type RunSession } from '../../../stores/http-runner.store';
import { formatMs, runnerStore } from './use-http-runner';

/** One finished request: status, time, and its assertions and tests (failed ones say why). */
function OutcomeRow({ outcome }: { outcome: RunOutcome }) {
  return (
    <li
      className={`run-outcome ${outcome.passed ? '' : 'run-outcome-failed'}`}
      data-testid="run-outcome"
      data-passed={outcome.passed}
    >
      <div className="run-outcome-head">
        <span className={outcome.passed ? 'run-pass' : 'run-fail'}>{outcome.passed ? 'PASS' : 'FAIL'}</span>
        <span className="run-outcome-iteration">#{outcome.iteration + 1}</span>
        <span className="run-outcome-name" title={outcome.url}>
          {outcome.method} {outcome.path}
        </span>
        <span className="run-outcome-status">{outcome.status ?? outcome.error?.code ?? '—'}</span>
        <span className="run-outcome-time">{formatMs(outcome.timeMs)}</span>
      </div>
      {(outcome.checks.length > 0 || outcome.error || outcome.scriptErrors.length > 0) && (
        <ul className="run-checks">
          {outcome.error && <li className="run-fail">{outcome.error.message}</li>}
          {outcome.scriptErrors.map((message, i) => (
            <li key={`s${i}`} className="run-fail">
              Script error: {message}
            </li>
          ))}
          {outcome.checks.map((check, i) => (
            <li key={i} className={check.passed ? 'run-check-pass' : 'run-fail'}>
              {check.passed ? '✓' : '✗'} {check.kind === 'test' ? 'Test' : 'Assertion'} {check.name}
              {check.message && !check.passed ? ` — ${check.message}` : ''}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The run under way (or the requests of a finished one): counts, a progress bar, Cancel, the finished requests. */
export function RunProgress({ tabId, session }: { tabId: string; session: RunSession }) {
  const running = session.status === 'running' || session.status === 'cancelling';
  const fraction = session.expected ? Math.min(1, session.finished / session.expected) : null;
  const outcomes = selectOutcomesFailuresFirst(session);
  return (
    <section className="run-progress" aria-label="Progress">
      <div className="run-progress-bar-row">
        <span data-testid="run-progress-count">
          {session.finished}
          {session.expected !== null ? ` of ${session.expected}` : ''} requests
        </span>
        <span className="run-pass" data-testid="run-progress-passed">
          {session.passed} passed
        </span>
        <span className={session.failed > 0 ? 'run-fail' : 'run-muted'} data-testid="run-progress-failed">
          {session.failed} failed
        </span>
        {session.skipped > 0 && <span className="run-muted">{session.skipped} skipped</span>}
        {running && (
          <button
            type="button"
            className="button button-small"
            data-testid="run-cancel"
            disabled={session.status === 'cancelling'}
            onClick={() => void runnerStore().cancel(tabId)}
          >
            {session.status === 'cancelling' ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {running && (
        <div
          className="run-bar"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={session.expected ?? undefined}
          aria-valuenow={session.finished}
          data-testid="run-progress-bar"
        >
          <div
            className={`run-bar-fill ${fraction === null ? 'run-bar-unknown' : ''}`}
            style={{ width: `${Math.round((fraction ?? 1) * 100)}%` }}
          />
        </div>
      )}
      {outcomes.length > 0 && (
        <>
          <h3 className="http-tests-heading">
            Finished requests{session.failed > 0 ? ', failures first' : ''}
            {session.finished > outcomes.length ? ` (the last ${outcomes.length})` : ''}
          </h3>
          <ul className="run-outcomes" data-testid="run-outcomes">
            {outcomes.map((outcome) => (
              <OutcomeRow key={`${outcome.iteration}:${outcome.index}`} outcome={outcome} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
