import type { HttpSendResult } from '../../../../shared/contract/http.contract';
import type { Assertion } from '../../../../shared/http-request';

/** Passed and failed counts of a send's script tests and assertions together. */
export function testCounts(result: HttpSendResult): { passed: number; failed: number } {
  const all = [...result.tests, ...result.assertions];
  const passed = all.filter((t) => t.passed).length;
  return { passed, failed: all.length - passed };
}

/** `status equals 200`, `header content-type contains json`, `jsonpath $.id exists`. */
function describeAssertion(a: Assertion): string {
  const subject = a.target === 'header' ? `header ${a.name ?? ''}` : a.target === 'jsonpath' ? a.path : a.target;
  const value = a.value === undefined ? '' : ` ${typeof a.value === 'string' ? a.value : JSON.stringify(a.value)}`;
  return `${subject} ${a.op}${value}`;
}

function Outcome({ passed }: { passed: boolean }) {
  return (
    <span className={`http-test-outcome http-test-${passed ? 'pass' : 'fail'}`} data-testid="http-test-outcome">
      {passed ? 'PASS' : 'FAIL'}
    </span>
  );
}

/** What the scripts and assertions of the last send said: tests, assertions, script errors and console output. */
export function TestsView({ result }: { result: HttpSendResult }) {
  const { passed, failed } = testCounts(result);
  const nothing =
    result.tests.length + result.assertions.length + result.scriptErrors.length + result.scriptLogs.length === 0;
  if (nothing)
    return (
      <p className="http-hint" data-testid="http-tests-none">
        No tests ran: add assertions or bb.test() calls in a post-response script of the request file.
      </p>
    );
  return (
    <div className="http-tests" data-testid="http-tests">
      <p className="http-tests-summary" data-testid="http-tests-summary">
        <span className="http-test-pass">{passed} passed</span>
        <span className={failed > 0 ? 'http-test-fail' : 'http-tests-zero'}>{failed} failed</span>
      </p>
      {result.tests.length > 0 && (
        <section>
          <h4 className="http-tests-heading">Script tests</h4>
          <ul className="http-tests-list">
            {result.tests.map((t, i) => (
              <li key={i} className="http-test-row" data-testid="http-test-row" data-passed={t.passed}>
                <Outcome passed={t.passed} />
                <span className="http-test-name">{t.name}</span>
                <span className="http-test-where">{t.script}</span>
                {t.error && <span className="http-test-message">{t.error}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.assertions.length > 0 && (
        <section>
          <h4 className="http-tests-heading">Assertions</h4>
          <ul className="http-tests-list">
            {result.assertions.map((a, i) => (
              <li key={i} className="http-test-row" data-testid="http-assertion-row" data-passed={a.passed}>
                <Outcome passed={a.passed} />
                <span className="http-test-name">{describeAssertion(a.assertion)}</span>
                {!a.passed && <span className="http-test-message">{a.message}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.scriptErrors.length > 0 && (
        <section>
          <h4 className="http-tests-heading">Script errors</h4>
          <ul className="http-tests-list">
            {result.scriptErrors.map((e, i) => (
              <li key={i} className="http-test-row" data-testid="http-script-error">
                <span className="http-test-outcome http-test-fail">ERROR</span>
                <span className="http-test-name">{e.message}</span>
                <span className="http-test-where">{e.script ?? 'send'}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.scriptLogs.length > 0 && (
        <section>
          <h4 className="http-tests-heading">Console</h4>
          <pre className="http-body-pre http-script-logs" data-testid="http-script-logs">
            {result.scriptLogs.map((l) => `[${l.level}] ${l.message}`).join('\n')}
          </pre>
        </section>
      )}
    </div>
  );
}
