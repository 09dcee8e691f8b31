import type { ExportState } from '../../stores/results.store';
import { Spinner } from '../../components/spinner';
import { useNotifications } from '../../stores/app-stores';
import { downloadExport, exportFileName } from './export-download';

/** Progress of an export: rows written with Cancel, then where the file went (and, in a browser, Download). */
export function ExportBar({ state, onCancel, onDismiss }: { state: ExportState; onCancel(): void; onDismiss(): void }) {
  const notifyError = useNotifications((s) => s.notifyError);
  const rows = `${state.rowsWritten.toLocaleString()} row${state.rowsWritten === 1 ? '' : 's'}`;
  const finished = state.path !== null && state.done && !state.error && !state.cancelled;
  const downloadable = finished && exportFileName(state.path) !== null;
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
          {downloadable && (
            <>
              {' '}
              <button
                type="button"
                className="button button-small export-download"
                onClick={() =>
                  void downloadExport(state).catch((error: unknown) =>
                    notifyError('Could not download the export', error),
                  )
                }
              >
                Download
              </button>{' '}
              <span className="export-note">Files in the exports folder are removed after 24 hours.</span>
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
