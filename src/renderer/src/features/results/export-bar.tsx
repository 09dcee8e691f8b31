import type { ExportState } from '../../stores/results.store';
import { Spinner } from '../../components/spinner';

/** Browser host only: a file written to the data dir's exports folder is served at /exports/<name>. */
function downloadHref(path: string): string | null {
  if (typeof window !== 'undefined' && window.backbench) return null;
  const parts = path.split(/[\\/]/);
  const name = parts.pop();
  if (!name || parts.pop() !== 'exports') return null;
  return `/exports/${encodeURIComponent(name)}`;
}

/** Progress of an export: rows written with Cancel, then where the file went (and a download link). */
export function ExportBar({ state, onCancel, onDismiss }: { state: ExportState; onCancel(): void; onDismiss(): void }) {
  const rows = `${state.rowsWritten.toLocaleString()} row${state.rowsWritten === 1 ? '' : 's'}`;
  const href = state.path && state.done && !state.error && !state.cancelled ? downloadHref(state.path) : null;
  return (
    <div className={`export-bar${state.error ? ' is-error' : ''}`} data-testid="export-progress" role="status">
      {!state.done ? (
        <>
          <Spinner label="Exporting" />
          <span>
            Exporting {state.format.toUpperCase()}… {rows} written
          </span>
          <button type="button" className="button button-small" onClick={onCancel} disabled={!state.exportId}>
            Cancel export
          </button>
        </>
      ) : state.error ? (
        <span>
          Export failed: <code className="error-code">{state.error.code}</code> {state.error.message}
        </span>
      ) : state.cancelled ? (
        <span>Export cancelled; the partial file was removed.</span>
      ) : (
        <span>
          Exported {rows} to <code className="export-path">{state.path}</code>
          {href && (
            <>
              {' '}
              <a href={href} download className="export-download">
                Download
              </a>
            </>
          )}
        </span>
      )}
      {state.done && (
        <button type="button" className="icon-button export-dismiss" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
