import type { ReactNode } from 'react';
import type { AppErrorShape } from '../../../shared/errors';
import { ConfirmDialog } from './confirm-dialog';
import { ErrorMessage } from './error-message';
import { IconRefresh } from './icons';
import { Spinner } from './spinner';

type PanelError = Pick<AppErrorShape, 'code' | 'message'>;

export interface FileListPanelProps {
  /** The section's accessible name ("Schema designs"). */
  label: string;
  'data-testid': string;
  /** What the files are, plural ("designs"): "Reading designs…", "Refresh designs". */
  noun: string;
  /** The folder the refresh button reads again ("designs" → "Read the designs folder again"). */
  folder: string;
  /** The list's state in its store. */
  loaded: boolean;
  loading: boolean;
  error: PanelError | null;
  count: number;
  onRefresh(): void;
  /** The buttons left of the refresh button (New, Import…). */
  actions: ReactNode;
  /** Shown once loaded when there is no file (and no error). */
  empty: ReactNode;
  /** The test id of the error shown when the list cannot be read at all. */
  errorTestId: string;
  /** The list itself, shown when there are files. */
  children: ReactNode;
  /** Dialogs the panel opens. */
  dialogs?: ReactNode;
}

/**
 * A sidebar panel listing the files of one workspace folder (designs, mocks): a toolbar with its actions and a
 * refresh button, then reading… / the error / the empty state / the list.
 */
export function FileListPanel(props: FileListPanelProps) {
  const { loaded, loading, error, count, noun } = props;
  let body;
  if (!loaded) {
    body = (
      <div className="pane-loading">
        <Spinner label={`Reading ${noun}`} /> Reading {noun}…
      </div>
    );
  } else if (error && count === 0) {
    body = <ErrorMessage error={error} compact data-testid={props.errorTestId} />;
  } else if (count === 0) {
    body = props.empty;
  } else {
    body = props.children;
  }

  return (
    <section className="file-list-panel" aria-label={props.label} data-testid={props['data-testid']}>
      <div className="panel-toolbar">
        {props.actions}
        <span className="file-list-spacer" />
        <button
          type="button"
          className="icon-button"
          title={`Read the ${props.folder} folder again`}
          aria-label={`Refresh ${noun}`}
          disabled={loading}
          onClick={props.onRefresh}
        >
          {loading && loaded ? <Spinner label="Refreshing" /> : <IconRefresh />}
        </button>
      </div>
      {error && count > 0 && <ErrorMessage error={error} compact />}
      <div className="file-list-body">{body}</div>
      {props.dialogs}
    </section>
  );
}

/** Asks before a file of the list is deleted; confirming closes the dialog, then deletes. */
export function DeleteFileDialog({
  title,
  path,
  onCancel,
  onDelete,
  children,
}: {
  title: string;
  path: string;
  onCancel(): void;
  onDelete(path: string): void;
  /** What is deleted, and what is kept. */
  children: ReactNode;
}) {
  return (
    <ConfirmDialog
      title={title}
      confirmLabel="Delete"
      danger
      onCancel={onCancel}
      onConfirm={() => {
        onCancel();
        onDelete(path);
      }}
    >
      {children}
    </ConfirmDialog>
  );
}
