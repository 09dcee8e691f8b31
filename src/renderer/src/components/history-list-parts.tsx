import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ConfirmDialog } from './confirm-dialog';
import { IconSearch, IconTrash } from './icons';
import { Spinner } from './spinner';

const SEARCH_DEBOUNCE_MS = 250;

export interface HistorySearchBarProps {
  className: string;
  /** The search box's placeholder and accessible name. */
  searchLabel: string;
  /** The store's search when the bar mounts. */
  initialSearch: string;
  /** The store's search now (a pause in typing that changed nothing runs no query). */
  currentSearch(): string;
  /** Runs once typing pauses, with the new text. */
  onSearch(text: string): void;
  /** The trash button and the confirmation it opens. */
  clear: {
    title: string;
    label: string;
    disabled: boolean;
    confirmTitle: string;
    confirmLabel: string;
    /** What is removed, and what is kept. */
    message: ReactNode;
    onConfirm(): void;
  };
}

/** Above a history list (SQL, HTTP): a search box that searches once typing pauses, and Clear, asked first. */
export function HistorySearchBar({
  className,
  searchLabel,
  initialSearch,
  currentSearch,
  onSearch,
  clear,
}: HistorySearchBarProps) {
  const [text, setText] = useState(initialSearch);
  const [confirming, setConfirming] = useState(false);

  // read when the timer fires: the callbacks' new identity each render must not restart the pause
  const latest = useRef({ currentSearch, onSearch });
  useEffect(() => {
    latest.current = { currentSearch, onSearch };
  });
  useEffect(() => {
    const timer = setTimeout(() => {
      if (text !== latest.current.currentSearch()) latest.current.onSearch(text);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <div className={className}>
      <div className="search-box">
        <IconSearch />
        <input
          className="input"
          type="search"
          placeholder={searchLabel}
          aria-label={searchLabel}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
        />
      </div>
      <button
        type="button"
        className="icon-button"
        title={clear.title}
        aria-label={clear.label}
        disabled={clear.disabled}
        onClick={() => setConfirming(true)}
      >
        <IconTrash />
      </button>
      {confirming && (
        <ConfirmDialog
          title={clear.confirmTitle}
          confirmLabel={clear.confirmLabel}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            clear.onConfirm();
          }}
        >
          {clear.message}
        </ConfirmDialog>
      )}
    </div>
  );
}

/** "12", or "50 of 1,234" when the list shows fewer than there are; a spinner while it loads. */
export function HistoryCount({
  className,
  loading,
  shown,
  total,
}: {
  className: string;
  loading: boolean;
  shown: number;
  total: number;
}) {
  return (
    <span className={className}>
      {loading ? (
        <Spinner label="Loading history" />
      ) : total > shown ? (
        `${shown} of ${total.toLocaleString('en-US')}`
      ) : (
        total.toLocaleString('en-US')
      )}
    </span>
  );
}
