import { useEffect, useState } from 'react';
import type { MockRequestDetail, MockRequestSummary } from '../../../../shared/contract/mock.contract';
import { EmptyState } from '../../components/empty-state';
import { IconChevronDown, IconChevronRight } from '../../components/icons';
import { ModalDialog } from '../../components/modal-dialog';
import { Spinner } from '../../components/spinner';
import { stores, useMocks } from '../../stores/app-stores';
import './request-log.css';

const EMPTY: MockRequestSummary[] = [];

function timeText(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function headersText(headers: MockRequestDetail['request']['headers']): string {
  return Object.entries(headers)
    .flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => `${name}: ${v}`) : [`${name}: ${value}`]))
    .join('\n');
}

function statusClass(status: number): string {
  if (status === 0 || status >= 500) return 'mock-status-bad';
  if (status >= 400) return 'mock-status-warn';
  return 'mock-status-ok';
}

/** One request in full, as text; offers to make a route answering it. */
function RequestDetailDialog({ path, id, onClose }: { path: string; id: number; onClose(): void }) {
  const [detail, setDetail] = useState<MockRequestDetail | null | 'loading'>('loading');
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    let live = true;
    void stores.mocks
      .getState()
      .readRequest(path, id)
      .then((d) => live && setDetail(d));
    return () => {
      live = false;
    };
  }, [path, id]);
  return (
    <ModalDialog
      title="Request"
      onClose={onClose}
      width={720}
      data-testid="mock-request-dialog"
      footer={
        <>
          <button
            type="button"
            className="button"
            disabled={detail === 'loading' || detail === null || adding}
            data-testid="mock-create-route"
            onClick={async () => {
              setAdding(true);
              const added = await stores.mocks.getState().createRouteFromRequest(path, id);
              setAdding(false);
              if (added) onClose();
            }}
          >
            {adding && <Spinner label="Adding the route" />} Create route from this request
          </button>
          <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
            Close
          </button>
        </>
      }
    >
      {detail === 'loading' ? (
        <div className="pane-loading">
          <Spinner label="Reading the request" /> Reading…
        </div>
      ) : detail === null ? (
        <p>This request is no longer in the log.</p>
      ) : (
        <div className="mock-request-detail" data-testid="mock-request-detail">
          <div className="mock-request-line">
            <strong>
              {detail.method} {detail.path}
              {detail.query ? `?${detail.query}` : ''}
            </strong>{' '}
            → <span className={statusClass(detail.status)}>{detail.status === 0 ? 'dropped' : detail.status}</span> ·{' '}
            {Math.round(detail.durationMs)} ms · {detail.route ? `route ${detail.route}` : 'no route matched'}
            {detail.fault ? ` · fault: ${detail.fault}` : ''}
            {detail.error ? ` · ${detail.error}` : ''}
          </div>
          <h3>Request headers</h3>
          <pre className="mock-pre">{headersText(detail.request.headers)}</pre>
          <h3>Request body{detail.request.truncated ? ' (cut at 64 KiB)' : ''}</h3>
          <pre className="mock-pre" data-testid="mock-request-body">
            {detail.request.body || '(empty)'}
          </pre>
          <h3>Response headers</h3>
          <pre className="mock-pre">{headersText(detail.response.headers)}</pre>
          <h3>Response body{detail.response.truncated ? ' (cut at 64 KiB)' : ''}</h3>
          <pre className="mock-pre" data-testid="mock-response-body-text">
            {detail.response.body || '(empty)'}
          </pre>
        </div>
      )}
    </ModalDialog>
  );
}

function LogTable({ rows, onOpen }: { rows: MockRequestSummary[]; onOpen(id: number): void }) {
  return (
    <div className="mock-log-scroll">
      <table className="mock-log-table">
        <thead>
          <tr>
            <th>Time</th>
            <th>Method</th>
            <th>Path</th>
            <th>Route</th>
            <th>Status</th>
            <th>Duration</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              tabIndex={0}
              data-testid="mock-log-row"
              onClick={() => onOpen(r.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') onOpen(r.id);
              }}
            >
              <td>{timeText(r.time)}</td>
              <td>{r.method}</td>
              <td className="mock-log-path" title={r.query ? `${r.path}?${r.query}` : r.path}>
                {r.path}
                {r.query ? `?${r.query}` : ''}
              </td>
              <td className={r.route ? '' : 'mock-hint'}>{r.route ?? 'no match'}</td>
              <td className={statusClass(r.status)} data-testid="mock-log-status">
                {r.status === 0 ? 'dropped' : r.status}
              </td>
              <td>{Math.round(r.durationMs)} ms</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The requests the mock served since it started, newest first, live. */
export function RequestLog({ path, running }: { path: string; running: boolean }) {
  const requests = useMocks((s) => s.logs[path]?.requests ?? EMPTY);
  const [openId, setOpenId] = useState<number | null>(null);
  // folded to its title bar, the route editor above gets the room
  const [folded, setFolded] = useState(false);
  useEffect(() => {
    void stores.mocks.getState().loadRequests(path);
  }, [path]);
  const rows = [...requests].reverse();
  let body;
  if (folded) body = null;
  else if (rows.length === 0)
    body = (
      <EmptyState
        title="No requests yet"
        hint={running ? 'Call the mock’s URL; each request shows here.' : 'Start the mock, then call its URL.'}
      />
    );
  else body = <LogTable rows={rows} onOpen={setOpenId} />;
  return (
    <section className={`mock-log ${folded ? 'mock-log-folded' : ''}`} aria-label="Request log" data-testid="mock-log">
      <div className="mock-log-toolbar">
        <button
          type="button"
          className="mock-fold"
          aria-expanded={!folded}
          title={folded ? 'Show the request log' : 'Fold the request log to give the routes room'}
          data-testid="mock-log-fold"
          onClick={() => setFolded(!folded)}
        >
          {folded ? <IconChevronRight size={12} /> : <IconChevronDown size={12} />}
          <span className="mock-section-title">Request log</span>
        </button>
        <span className="mock-hint">{requests.length === 1 ? '1 request' : `${requests.length} requests`}</span>
        <span className="mocks-spacer" />
        <button
          type="button"
          className="button button-small"
          disabled={requests.length === 0}
          data-testid="mock-log-clear"
          onClick={() => void stores.mocks.getState().clearRequests(path)}
        >
          Clear
        </button>
      </div>
      {body}
      {openId !== null && <RequestDetailDialog path={path} id={openId} onClose={() => setOpenId(null)} />}
    </section>
  );
}
