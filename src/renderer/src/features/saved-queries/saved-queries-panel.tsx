import { useEffect, useState } from 'react';
import type { SavedQuery } from '../../../../shared/domain';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorMessage } from '../../components/error-message';
import { IconFile, IconRefresh, IconTrash } from '../../components/icons';
import { Spinner } from '../../components/spinner';
import { useConnections, useHistory } from '../../stores/app-stores';
import '../history/history.css';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  return `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;
}

/** The workspace's .sql files: click to open one in a tab bound to its file, or delete it. */
export function SavedQueriesPanel() {
  const queries = useHistory((s) => s.savedQueries);
  const loading = useHistory((s) => s.savedQueriesLoading);
  const error = useHistory((s) => s.savedQueriesError);
  const workspaceDir = useConnections((s) => s.appInfo?.workspaceDir ?? null);
  const loadSavedQueries = useHistory((s) => s.loadSavedQueries);
  const openSavedQuery = useHistory((s) => s.openSavedQuery);
  const deleteSavedQuery = useHistory((s) => s.deleteSavedQuery);
  const [pendingDelete, setPendingDelete] = useState<SavedQuery | null>(null);

  useEffect(() => {
    void loadSavedQueries();
  }, [loadSavedQueries]);

  return (
    <section className="saved-queries-panel" aria-label="Saved queries" data-testid="saved-queries-panel">
      <div className="panel-subbar panel-subbar-top">
        <span className="panel-count" title={workspaceDir ?? undefined}>
          {queries.length} saved {queries.length === 1 ? 'query' : 'queries'}
        </span>
        <button
          type="button"
          className="icon-button"
          title="Refresh"
          aria-label="Refresh saved queries"
          onClick={() => void loadSavedQueries()}
        >
          {loading ? <Spinner label="Loading saved queries" /> : <IconRefresh />}
        </button>
      </div>
      {error && <ErrorMessage error={error} compact />}
      <div className="panel-scroll">
        {queries.length === 0 && !loading ? (
          <EmptyState
            icon={<IconFile size={22} />}
            title="No saved queries"
            hint="Write a query and press Ctrl+S (or Save in the editor toolbar) to keep it as a .sql file in your workspace."
          />
        ) : (
          <ul className="history-list">
            {queries.map((query) => (
              <li key={query.path} className="saved-query" data-testid="saved-query" data-name={query.name}>
                <button
                  type="button"
                  className="saved-query-open"
                  title={`${query.path}\nModified ${new Date(query.modifiedAt).toLocaleString()}`}
                  onClick={() => void openSavedQuery(query)}
                >
                  <IconFile />
                  <span className="saved-query-name">{query.name}</span>
                  <span className="saved-query-meta">{formatSize(query.sizeBytes)}</span>
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Delete ${query.name}`}
                  title="Delete"
                  onClick={() => setPendingDelete(query)}
                >
                  <IconTrash />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {pendingDelete && (
        <ConfirmDialog
          title="Delete saved query?"
          confirmLabel="Delete"
          danger
          onCancel={() => setPendingDelete(null)}
          onConfirm={() => {
            void deleteSavedQuery(pendingDelete.path);
            setPendingDelete(null);
          }}
        >
          The file <code>{pendingDelete.path}</code> will be deleted from the workspace.
        </ConfirmDialog>
      )}
    </section>
  );
}
