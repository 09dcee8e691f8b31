import { memo, useEffect, useRef, useState, type WheelEvent } from 'react';
import { comboText } from '../../app/key-combos';
import { EmptyState } from '../../components/empty-state';
import { ErrorMessage } from '../../components/error-message';
import { IconCheck, IconClose, IconWarning } from '../../components/icons';
import { Spinner } from '../../components/spinner';
import { stores, useResults } from '../../stores/app-stores';
import type { ResultTab } from '../../stores/results.store';
import { formatDuration, lastInsertIdText, statusText } from './result-status';
import { RowsView } from './rows-view';
import './results.css';

/** A vertical wheel over a strip of tabs scrolls it sideways (a mouse has no horizontal wheel). */
function scrollSideways(event: WheelEvent<HTMLElement>): void {
  if (Math.abs(event.deltaY) <= Math.abs(event.deltaX)) return;
  event.currentTarget.scrollLeft += event.deltaMode === 1 ? event.deltaY * 30 : event.deltaY;
}

/** The lower half of the workspace: one result tab per executed statement, and the active one's view. */
export function ResultsPanel({ editorTabId }: { editorTabId: string }) {
  const batch = useResults((s) => s.resultsByEditorTab[editorTabId]);
  const ids = batch?.ids ?? [];
  return (
    <section className="results-panel" aria-label="Results">
      {ids.length > 0 && (
        <div
          className="result-tabs"
          role="tablist"
          aria-label="Result tabs"
          data-testid="result-tabs"
          onWheel={scrollSideways}
        >
          {ids.map((id) => (
            <ResultTabButton key={id} id={id} editorTabId={editorTabId} active={batch?.activeId === id} />
          ))}
        </div>
      )}
      {batch?.notice && (
        <div className="result-notice" role="status" data-testid="result-notice">
          <IconWarning /> <span>{batch.notice}</span>
        </div>
      )}
      {batch?.activeId ? (
        <ResultView key={batch.activeId} resultId={batch.activeId} editorTabId={editorTabId} />
      ) : (
        <EmptyState
          title="No results yet"
          hint={`Run the statement at the cursor with ${comboText('Mod+Enter')}, or all statements with ${comboText('Shift+Mod+Enter')}.`}
        />
      )}
    </section>
  );
}

const ResultTabButton = memo(function ResultTabButton({
  id,
  editorTabId,
  active,
}: {
  id: string;
  editorTabId: string;
  active: boolean;
}) {
  const r = useResults((s) => s.resultsById[id]);
  const setActiveResult = useResults((s) => s.setActiveResult);
  const closeResult = useResults((s) => s.closeResult);
  const ref = useRef<HTMLDivElement>(null);
  // the result shown is always in sight, e.g. the failed statement at the end of a long batch
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active]);
  if (!r) return null;
  const icon =
    r.status === 'running' ? (
      <Spinner label="Running" />
    ) : r.status === 'error' ? (
      <IconWarning className="icon result-icon-error" />
    ) : r.status === 'cancelled' ? (
      <IconClose className="icon result-icon-muted" />
    ) : (
      <IconCheck className="icon result-icon-ok" />
    );
  const preview = r.statementText.replace(/\s+/g, ' ').slice(0, 40);
  return (
    <div
      ref={ref}
      role="tab"
      aria-selected={active}
      tabIndex={active ? 0 : -1}
      className={`result-tab${active ? ' is-active' : ''}`}
      data-testid="result-tab"
      data-status={r.status}
      title={r.statementText.slice(0, 500)}
      onClick={() => setActiveResult(editorTabId, id)}
    >
      {icon}
      <span className="result-tab-label">
        <span className="result-tab-index">{r.index}</span> {preview}
      </span>
      <button
        type="button"
        className="result-tab-close"
        aria-label="Close result"
        onClick={(e) => {
          e.stopPropagation();
          closeResult(editorTabId, id);
        }}
      >
        <IconClose size={11} />
      </button>
    </div>
  );
});

function ResultView({ resultId, editorTabId }: { resultId: string; editorTabId: string }) {
  const r = useResults((s) => s.resultsById[resultId]);
  if (!r) return null;
  switch (r.status) {
    case 'running':
      return <RunningView result={r} editorTabId={editorTabId} />;
    case 'cancelled':
      return (
        <div className="result-message" data-testid="query-cancelled">
          <div className="result-status" data-testid="result-status">
            Cancelled · {formatDuration(r.durationMs)}
          </div>
          <EmptyState
            icon={<IconClose size={22} />}
            title="Cancelled"
            hint="The query was stopped before it finished. Run it again when ready."
          />
        </div>
      );
    case 'error':
      return (
        <div className="result-message">
          <div className="result-status" data-testid="result-status">
            Failed · {formatDuration(r.durationMs)}
          </div>
          <div className="query-error" data-testid="query-error">
            <ErrorMessage error={r.error ?? { code: 'INTERNAL', message: 'Unknown error' }} />
            {r.error?.position != null && (
              <div className="query-error-position">
                At character {(r.error.position + 1).toLocaleString()} of the statement (marked in the editor).
              </div>
            )}
            <pre className="query-error-sql">{r.statementText.slice(0, 2000)}</pre>
          </div>
        </div>
      );
    default:
      if (r.result?.kind === 'affected') {
        return (
          <div className="result-message">
            <div className="result-status" data-testid="result-status">
              {statusText(r)}
            </div>
            <EmptyState
              icon={<IconCheck size={22} />}
              title={statusText(r).split(' · ')[0]!}
              hint={lastInsertIdText(r) ?? undefined}
            />
          </div>
        );
      }
      return <RowsView result={r} />;
  }
}

function RunningView({ result, editorTabId }: { result: ResultTab; editorTabId: string }) {
  const cancelRun = stores.results.getState().cancelRun;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="result-message result-running">
      <div className="result-status" data-testid="result-status">
        Running · {formatDuration(now - result.startedAt)}
      </div>
      <div className="result-running-body">
        <Spinner label="Running" />
        <span>Running statement {result.index}…</span>
        <button type="button" className="button button-small" onClick={() => void cancelRun(editorTabId)}>
          Cancel (Esc)
        </button>
      </div>
    </div>
  );
}
