import { useEffect } from 'react';
import type { HttpHistorySummary, HttpStatusClass } from '../../../../../shared/http-history';
import { EmptyState } from '../../../components/empty-state';
import { ErrorMessage } from '../../../components/error-message';
import { HistoryCount, HistorySearchBar } from '../../../components/history-list-parts';
import { IconHistory, IconTrash } from '../../../components/icons';
import { stores, useHttpHistory } from '../../../stores/app-stores';
import { formatBytes, formatMs, statusClass } from '../../../stores/http-format';
import { selectChecksMark } from '../../../stores/http-history.store';
import { MethodBadge } from '../http-collections-tree';
import { HttpCompareDialog } from './http-compare-dialog';
import './http-history.css';

const STATUS_FILTERS: { value: HttpStatusClass | null; label: string }[] = [
  { value: null, label: 'All' },
  { value: '2xx', label: '2xx' },
  { value: '3xx', label: '3xx' },
  { value: '4xx', label: '4xx' },
  { value: '5xx', label: '5xx' },
  { value: 'error', label: 'Errors' },
];

/** "just now", "5 min ago", "3 h ago", then the date. */
export function timeAgo(iso: string, now = Date.now()): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return iso;
  const seconds = Math.max(0, Math.round((now - time) / 1000));
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return new Date(time).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

function HistoryRow({ entry, selected }: { entry: HttpHistorySummary; selected: boolean }) {
  const history = () => stores.httpHistory.getState();
  const facts = [
    timeAgo(entry.sentAt),
    entry.durationMs !== null ? formatMs(entry.durationMs) : '',
    entry.size !== null ? formatBytes(entry.size) : '',
  ].filter(Boolean);
  const mark = selectChecksMark(entry);
  return (
    <li className={`http-history-row${selected ? ' is-selected' : ''}`} data-testid="http-history-entry">
      <input
        type="checkbox"
        checked={selected}
        aria-label={`Select ${entry.method} ${entry.url} to compare`}
        title="Select two to compare"
        onChange={() => history().toggleSelected(entry.id)}
      />
      <button
        type="button"
        className="http-history-open"
        data-testid="http-history-open"
        title={`${entry.method} ${entry.url}\nSent ${new Date(entry.sentAt).toLocaleString()}${
          entry.errorMessage ? `\n${entry.errorMessage}` : ''
        }\nClick to open in a new tab`}
        onClick={() => void history().open(entry.id)}
      >
        <span className="http-history-line">
          <MethodBadge method={entry.method} />
          <span className="http-history-url">{entry.url.replace(/^https?:\/\//, '')}</span>
        </span>
        <span className="http-history-line http-history-facts">
          {entry.status !== null ? (
            <span className={`http-status http-status-${statusClass(entry.status)}`} data-testid="http-history-status">
              {entry.status}
            </span>
          ) : (
            <span className="http-history-error" data-testid="http-history-status">
              {entry.errorCode}
            </span>
          )}
          <span>{facts.join(' · ')}</span>
          {mark && (
            <span
              className={`http-history-checks ${mark.passed ? 'is-passed' : 'is-failed'}`}
              data-testid="http-history-checks"
              title={mark.label}
              aria-label={mark.label}
            >
              {mark.passed ? '✓' : '✗'} {entry.checks!.passed}/{entry.checks!.passed + entry.checks!.failed}
            </span>
          )}
        </span>
      </button>
      <button
        type="button"
        className="icon-button http-history-delete"
        title="Delete this entry"
        aria-label={`Delete ${entry.method} ${entry.url} from the history`}
        onClick={() => void history().remove(entry.id)}
      >
        <IconTrash />
      </button>
    </li>
  );
}

/** The HTTP panel's History: every request sent from the app, newest first; open, compare two, delete. */
export function HttpHistoryView() {
  const entries = useHttpHistory((s) => s.entries);
  const total = useHttpHistory((s) => s.total);
  const loading = useHttpHistory((s) => s.loading);
  const error = useHttpHistory((s) => s.error);
  const search = useHttpHistory((s) => s.search);
  const statusFilter = useHttpHistory((s) => s.statusFilter);
  const selected = useHttpHistory((s) => s.selected);
  const compare = useHttpHistory((s) => s.compare);
  const history = () => stores.httpHistory.getState();

  useEffect(() => {
    void history().load();
    return history().watch();
  }, []);

  let body;
  if (entries.length === 0 && !loading && !error)
    body = (
      <EmptyState
        icon={<IconHistory size={24} />}
        title={search || statusFilter ? 'No matching requests' : 'No requests sent yet'}
        hint={
          statusFilter && !search
            ? 'No kept request has a status in this class.'
            : search
              ? 'The search looks at the method, the URL, the status and the bodies.'
              : 'Every request you send is kept here with its response.'
        }
        data-testid="http-history-empty"
      />
    );
  else
    body = (
      <ul className="http-history-list" aria-label="Sent requests">
        {entries.map((entry) => (
          <HistoryRow key={entry.id} entry={entry} selected={selected.includes(entry.id)} />
        ))}
      </ul>
    );

  return (
    <div className="http-history" data-testid="http-history">
      <HistorySearchBar
        className="http-history-toolbar"
        searchLabel="Search sent requests"
        initialSearch={search}
        currentSearch={() => history().search}
        onSearch={(text) => {
          history().setSearch(text);
          void history().load();
        }}
        clear={{
          title: 'Clear all HTTP history',
          label: 'Clear HTTP history',
          disabled: entries.length === 0 && !search && !statusFilter,
          confirmTitle: 'Clear the HTTP history?',
          confirmLabel: 'Clear all',
          message: (
            <>
              Every sent request and its response ({total.toLocaleString('en-US')}) is removed from the history. Request
              files in your collections are not touched.
            </>
          ),
          onConfirm: () => void history().clear(),
        }}
      />
      <div className="http-history-filters" role="group" aria-label="Filter by status">
        {STATUS_FILTERS.map((filter) => (
          <button
            key={filter.label}
            type="button"
            className={`http-history-filter${statusFilter === filter.value ? ' is-active' : ''}`}
            aria-pressed={statusFilter === filter.value}
            data-testid={`http-history-filter-${filter.value ?? 'all'}`}
            onClick={() => void history().setStatusFilter(filter.value)}
          >
            {filter.label}
          </button>
        ))}
      </div>
      <div className="http-history-subbar">
        <button
          type="button"
          className="button button-small"
          data-testid="http-history-compare"
          disabled={selected.length !== 2}
          title={selected.length === 2 ? 'Compare the two responses' : 'Tick two requests to compare their responses'}
          onClick={() => void history().compareSelected()}
        >
          Compare{selected.length > 0 ? ` (${selected.length}/2)` : ''}
        </button>
        <HistoryCount className="http-history-count" loading={loading} shown={entries.length} total={total} />
      </div>
      {error && <ErrorMessage error={error} compact />}
      <div className="http-history-scroll">{body}</div>
      {compare && <HttpCompareDialog left={compare[0]} right={compare[1]} onClose={() => history().closeCompare()} />}
    </div>
  );
}
