import { useEffect, useState } from 'react';
import type { BodyViewEntry } from '../../../stores/http-body-view';
import { bodyViews } from './body-view-store';

const SEARCH_DEBOUNCE_MS = 300;

/** "3 of 1,204", "3 of 5,000+", "No matches", "Searching…". */
function matchCount(entry: BodyViewEntry): string {
  const search = entry.search;
  if (!search) return '';
  if (search.error) return search.error.message;
  if (search.busy && search.matches.length === 0) return 'Searching…';
  if (search.matches.length === 0) return 'No matches';
  const total = `${search.matches.length.toLocaleString('en-US')}${search.complete ? '' : '+'}`;
  return `${(search.current + 1).toLocaleString('en-US')} of ${total}`;
}

function statusText(entry: BodyViewEntry): string {
  const status = entry.status;
  if (!status) return 'Opening…';
  const lines = `${status.lineCount.toLocaleString('en-US')} lines`;
  const kind = status.formatted ? ' · JSON, formatted' : '';
  const progress = status.indexing ? ` · reading ${Math.round(status.progress * 100)}%` : '';
  return `${lines}${kind}${progress}`;
}

/** Search (Enter: next, Shift+Enter: previous), match case, match count and "go to line" for a big body. */
export function BodyViewerToolbar({
  handle,
  entry,
  onGoToLine,
  searchRef,
}: {
  handle: string;
  entry: BodyViewEntry;
  onGoToLine(line: number): void;
  searchRef: { current: HTMLInputElement | null };
}) {
  const [query, setQuery] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [goTo, setGoTo] = useState('');
  const searched = entry.search;
  const store = bodyViews.getState();
  const stale = query !== (searched?.query ?? '') || caseSensitive !== (searched?.caseSensitive ?? false);

  useEffect(() => {
    if (!stale) return;
    const timer = setTimeout(() => void bodyViews.getState().search(handle, query, caseSensitive), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [handle, query, caseSensitive, stale]);

  const lineCount = entry.status?.lineCount ?? 0;
  const jump = () => {
    const line = Number.parseInt(goTo, 10);
    if (Number.isFinite(line) && line >= 1) onGoToLine(Math.min(line, lineCount) - 1);
  };

  return (
    <div className="bv-toolbar">
      <span className="bv-status" data-testid="body-viewer-status">
        {statusText(entry)}
      </span>
      <input
        ref={searchRef}
        className="input input-mono bv-search"
        type="search"
        placeholder="Search the body"
        aria-label="Search the body"
        data-testid="body-search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          if (stale) void store.search(handle, query, caseSensitive);
          else void store.step(handle, e.shiftKey ? -1 : 1);
        }}
      />
      <label className="bv-case" title="Match case">
        <input
          type="checkbox"
          checked={caseSensitive}
          data-testid="body-search-case"
          onChange={(e) => setCaseSensitive(e.target.checked)}
        />
        Aa
      </label>
      <button
        type="button"
        className="button button-small"
        aria-label="Previous match"
        data-testid="body-search-prev"
        disabled={!searched?.matches.length}
        onClick={() => void store.step(handle, -1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="button button-small"
        aria-label="Next match"
        data-testid="body-search-next"
        disabled={!searched?.matches.length}
        onClick={() => void store.step(handle, 1)}
      >
        ↓
      </button>
      <span className="bv-count" data-testid="body-search-count" aria-live="polite">
        {matchCount(entry)}
      </span>
      <input
        className="input input-mono bv-goto"
        inputMode="numeric"
        placeholder="Line"
        aria-label="Go to line"
        data-testid="body-goto"
        value={goTo}
        onChange={(e) => setGoTo(e.target.value.replace(/\D/g, ''))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') jump();
        }}
      />
    </div>
  );
}
