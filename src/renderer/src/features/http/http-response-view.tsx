import { useState } from 'react';
import type { HttpResponse } from '../../../../shared/contract/http.contract';
import { EmptyState } from '../../components/empty-state';
import { ErrorMessage } from '../../components/error-message';
import { useHttp } from '../../stores/app-stores';
import { formatBytes, formatMs, statusClass, timingRows } from '../../stores/http-format';
import type { HttpSession } from '../../stores/http.store';
import { BodyViewer } from './body-viewer/body-viewer';
import { IconHttp } from './http-icon';
import { MockRouteButton } from './import-export/mock-route-button';
import { TestsView, testCounts } from './http-tests-view';
import { CookiesView } from './response/cookies-view';
import { ResponseBody } from './response/response-body';
import { responseCookies } from './response/set-cookie';

type Section = 'body' | 'headers' | 'cookies' | 'timing' | 'tests';

/** The body as text, never as HTML: JSON indented, a body kept on disk in the big-body viewer. */
function BodyView({ session }: { session: HttpSession }) {
  const response = session.response!;
  if (response.body.handle) {
    return (
      <div className="http-response-body http-response-body-big">
        <p className="http-hint" data-testid="http-body-big">
          The body is {formatBytes(response.body.size)}, kept on disk and shown a screen at a time.
        </p>
        <BodyViewer handle={response.body.handle} />
      </div>
    );
  }
  if (response.body.size === 0) return <p className="http-hint">The response has no body.</p>;
  // views by content type, a toolbar with Copy/Save (response/response-body.tsx)
  return <ResponseBody response={response} />;
}

function HeadersView({ headers }: { headers: HttpResponse['headers'] }) {
  return (
    <dl className="http-response-headers" data-testid="http-response-headers">
      {headers.map((h, i) => (
        <div key={i} className="http-response-header">
          <dt>{h.name}</dt>
          <dd>{h.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function TimingView({ timing }: { timing: HttpResponse['timing'] }) {
  return (
    <div className="http-timing" data-testid="http-timing">
      {timingRows(timing).map((row) => (
        <div
          key={row.label}
          className={`http-timing-row${row.label === 'Total' ? ' http-timing-total' : ''}`}
          data-testid="http-timing-row"
        >
          <span className="http-timing-label">{row.label}</span>
          <span className="http-timing-track">
            <span
              className="http-timing-bar"
              style={{ marginLeft: `${row.start * 100}%`, width: `max(${row.share * 100}%, 1px)` }}
            />
          </span>
          <span className="http-timing-ms">{formatMs(row.ms)}</span>
        </div>
      ))}
      {timing.reusedConnection && <p className="http-hint">The connection was reused: no DNS, connect or TLS.</p>}
    </div>
  );
}

/** The last response of the tab: status, time and size, then its body, headers and timing. */
export function HttpResponseView({ tabId }: { tabId: string }) {
  const session = useHttp((s) => s.byTab[tabId]);
  const [section, setSection] = useState<Section>('body');
  if (!session) return null;
  if (session.error) {
    return (
      <div className="http-response" data-testid="http-response-error">
        <ErrorMessage error={session.error} />
      </div>
    );
  }
  const response = session.response;
  if (!response) {
    return (
      <div className="http-response">
        <EmptyState
          icon={<IconHttp size={28} />}
          title={session.sendId ? 'Sending…' : 'No response yet'}
          hint={session.sendId ? 'Waiting for the server to answer.' : 'Enter a URL and press Send (Ctrl+Enter).'}
          data-testid="http-response-empty"
        />
      </div>
    );
  }
  const counts = testCounts(response);
  const total = counts.passed + counts.failed;
  const testsLabel = total > 0 ? `Tests (${counts.passed}/${total})` : 'Tests';
  const cookieCount = responseCookies(response.headers).length;
  const cookiesLabel = cookieCount > 0 ? `Cookies (${cookieCount})` : 'Cookies';
  const tabs: [Section, string][] = [
    ['body', 'Body'],
    ['headers', `Headers (${response.headers.length})`],
    ['cookies', cookiesLabel],
    ['timing', 'Timing'],
    ['tests', testsLabel],
  ];
  return (
    <div className="http-response" data-testid="http-response">
      <div className="http-response-summary">
        <span
          className={`http-status http-status-${statusClass(response.status)}`}
          data-testid="http-status"
          data-status={response.status}
        >
          {response.status} {response.statusText}
        </span>
        <span className="http-fact" data-testid="http-time" title="Time, redirects included">
          {formatMs(response.totalMs)}
        </span>
        <span
          className="http-fact"
          data-testid="http-size"
          title={`${formatBytes(response.body.wireSize)} on the wire`}
        >
          {formatBytes(response.body.size)}
        </span>
        {response.redirects.length > 0 && (
          <span className="http-fact" title={response.url}>
            {response.redirects.length} {response.redirects.length === 1 ? 'redirect' : 'redirects'}
          </span>
        )}
        <MockRouteButton tabId={tabId} />
        <span className="http-sections http-response-tabs" role="tablist" aria-label="Response">
          {tabs.map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={section === id}
              className="http-section-tab"
              data-testid={`http-response-tab-${id}`}
              data-failed={id === 'tests' && (counts.failed > 0 || response.scriptErrors.length > 0) ? true : undefined}
              onClick={() => setSection(id)}
            >
              {label}
            </button>
          ))}
        </span>
      </div>
      <div className="http-response-content">
        {section === 'body' && <BodyView session={session} />}
        {section === 'headers' && <HeadersView headers={response.headers} />}
        {section === 'cookies' && <CookiesView headers={response.headers} />}
        {section === 'timing' && <TimingView timing={response.timing} />}
        {section === 'tests' && <TestsView result={response} />}
      </div>
    </div>
  );
}
