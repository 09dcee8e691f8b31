import { useEffect, useMemo } from 'react';
import type { HistoryEntry } from '../../../../shared/domain';
import { EmptyState } from '../../components/empty-state';
import { ErrorMessage } from '../../components/error-message';
import { HistoryCount, HistorySearchBar } from '../../components/history-list-parts';
import { IconHistory } from '../../components/icons';
import { stores, useConnections, useHistory } from '../../stores/app-stores';
import { selectEngine } from '../../stores/connections.store';
import { historyRowsText } from './history-facts';
import './history.css';

function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function HistoryItem({ entry, connectionName }: { entry: HistoryEntry; connectionName: string | null }) {
  const dialect = useConnections((s) => selectEngine(s, entry.connectionId));
  // lexed once per entry: a history entry may hold a long script
  const rowsText = useMemo(
    () => historyRowsText(entry.sql, entry.rowCount, dialect),
    [entry.sql, entry.rowCount, dialect],
  );
  const oneLine = entry.sql.replace(/\s+/g, ' ').trim();
  const facts = [formatTime(entry.executedAt), formatDuration(entry.durationMs), rowsText].filter(Boolean);
  return (
    <li>
      <button
        type="button"
        className="history-entry"
        data-testid="history-entry"
        data-status={entry.status}
        title={entry.errorMessage ? `${entry.sql}\n\n${entry.errorMessage}` : entry.sql}
        // the tab that already holds this SQL on this connection is focused rather than opening a twin
        onClick={() =>
          stores.tabs.getState().openTab({ kind: 'sql', sql: entry.sql, connectionId: entry.connectionId })
        }
      >
        <span className="history-line">
          <span className={`history-status history-status-${entry.status}`}>{entry.status}</span>
          <span className="history-facts">{facts.join(' · ')}</span>
          {connectionName && <span className="history-connection">{connectionName}</span>}
        </span>
        <code className="history-sql">{oneLine}</code>
        {entry.errorMessage && <span className="history-error">{entry.errorMessage}</span>}
      </button>
    </li>
  );
}

/** Past executions: searchable, for the selected connection or all; a click reopens one in a tab. */
export function HistoryPanel() {
  const entries = useHistory((s) => s.historyEntries);
  const total = useHistory((s) => s.historyTotal);
  const loading = useHistory((s) => s.historyLoading);
  const error = useHistory((s) => s.historyError);
  const search = useHistory((s) => s.historySearch);
  const all = useHistory((s) => s.historyAllConnections);
  const selectedConnectionId = useConnections((s) => s.selectedConnectionId);
  const connections = useConnections((s) => s.connections);
  const setHistorySearch = useHistory((s) => s.setHistorySearch);
  const setHistoryAllConnections = useHistory((s) => s.setHistoryAllConnections);
  const loadHistory = useHistory((s) => s.loadHistory);
  const clearHistory = useHistory((s) => s.clearHistory);

  useEffect(() => {
    void loadHistory();
  }, [selectedConnectionId, loadHistory]);

  const nameById = new Map(connections.map((c) => [c.id, c.name]));
  const scopeName = selectedConnectionId ? (nameById.get(selectedConnectionId) ?? 'this connection') : null;

  return (
    <section className="history-panel" aria-label="Query history" data-testid="history-panel">
      <HistorySearchBar
        className="panel-toolbar"
        searchLabel="Search history"
        initialSearch={search}
        currentSearch={() => stores.history.getState().historySearch}
        onSearch={(text) => {
          setHistorySearch(text);
          void loadHistory();
        }}
        clear={{
          title: all ? 'Clear all history' : 'Clear this connection’s history',
          label: 'Clear history',
          disabled: entries.length === 0,
          confirmTitle: 'Clear history?',
          confirmLabel: 'Clear',
          message: all
            ? 'Every recorded execution of every connection will be removed.'
            : `The recorded executions of “${scopeName}” will be removed.`,
          onConfirm: () => void clearHistory(),
        }}
      />
      <div className="panel-subbar">
        <label className="inline-toggle">
          <input type="checkbox" checked={all} onChange={(e) => setHistoryAllConnections(e.target.checked)} />
          All connections
        </label>
        <HistoryCount className="panel-count" loading={loading} shown={entries.length} total={total} />
      </div>
      {error && <ErrorMessage error={error} compact />}
      <div className="panel-scroll">
        {entries.length === 0 && !loading ? (
          <EmptyState
            icon={<IconHistory size={22} />}
            title={search ? 'No matching queries' : 'No history yet'}
            hint={
              search
                ? 'Try a shorter search, or look in all connections.'
                : !all && !scopeName
                  ? 'Select a connection to see what ran on it.'
                  : 'Every query you run is recorded here. Run one with Ctrl+Enter in the editor.'
            }
          />
        ) : (
          <ul className="history-list">
            {entries.map((entry) => (
              <HistoryItem
                key={entry.id}
                entry={entry}
                connectionName={all ? (nameById.get(entry.connectionId) ?? null) : null}
              />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
