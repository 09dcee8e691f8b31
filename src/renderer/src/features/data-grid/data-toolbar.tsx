import { IconCopy, IconPlus, IconRefresh, IconTrash } from '../../components/icons';
import { Spinner } from '../../components/spinner';
import { stores, useData } from '../../stores/app-stores';
import { countChanges, NO_EDITS } from '../../stores/data-edits';
import { copyText } from '../results/clipboard';
import { DataExportBar, DataTransferButtons } from '../transfer/data-transfer';

export interface DataToolbarProps {
  tabId: string;
  title: string;
  /** Why rows cannot be edited, or null when they can. */
  readOnlyReason: string | null;
  /** Rows of the table selected in the grid (for duplicate / delete / referenced by). */
  selectedRows: number;
  onDuplicate(): void;
  onDelete(): void;
  onReferencedBy(): void;
  canReferencedBy: boolean;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** The data tab's actions: count, reload, new/duplicate/delete rows, and the staged changes' review/apply/discard. */
export function DataToolbar(props: DataToolbarProps) {
  const { tabId, title, readOnlyReason, selectedRows } = props;
  const d = useData((s) => s.byTab[tabId]);
  const staged = countChanges(d?.edits ?? NO_EDITS);
  const store = stores.data.getState();
  const busy = d?.status === 'loading';
  const editTitle = (what: string) => readOnlyReason ?? what;

  let count;
  if (d?.counting) count = <Spinner label="Counting rows" />;
  else if (d?.exactCount !== null && d?.exactCount !== undefined)
    count = <span data-testid="data-count">{fmt(d.exactCount)} rows</span>;
  else
    count = (
      <>
        {d?.estimatedRows !== null && d?.estimatedRows !== undefined && (
          <span title="The planner's estimate; Count gives the exact number" data-testid="data-estimate">
            ≈ {fmt(d.estimatedRows)} rows
          </span>
        )}
        <button type="button" className="button button-small" onClick={() => void store.countRows(tabId)}>
          Count
        </button>
      </>
    );

  return (
    <>
      <div className="data-toolbar" role="toolbar" aria-label="Table data">
        <span className="data-title" title={title}>
          {title}
        </span>
        {readOnlyReason && (
          <span className="data-readonly" title={readOnlyReason} data-testid="data-readonly">
            Read-only
          </span>
        )}
        <span className="data-count">{count}</span>
        <button
          type="button"
          className="icon-button"
          title="Reload (staged changes are kept)"
          aria-label="Reload"
          disabled={busy}
          onClick={() => void store.open(tabId)}
        >
          <IconRefresh />
        </button>
        <span className="toolbar-sep" />
        <button
          type="button"
          className="button button-small"
          disabled={!!readOnlyReason}
          title={editTitle('Add a new row')}
          onClick={() => store.insertRow(tabId)}
        >
          <IconPlus size={12} /> Row
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={!!readOnlyReason || selectedRows !== 1}
          title={editTitle('Duplicate the selected row as a new row')}
          onClick={props.onDuplicate}
        >
          <IconCopy size={12} /> Duplicate
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={!!readOnlyReason || selectedRows === 0}
          title={editTitle('Delete the selected rows (Delete); again to keep them')}
          onClick={props.onDelete}
        >
          <IconTrash size={12} /> Delete
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={!props.canReferencedBy}
          title="Tables whose rows reference the selected row"
          onClick={props.onReferencedBy}
        >
          Referenced by
        </button>
        <span className="toolbar-sep" />
        <DataTransferButtons tabId={tabId} importBlocked={d?.importBlocked ?? null} />
        {/* one unit that wraps to the next line whole, on the right: Apply and Discard never leave the screen */}
        <div className="data-toolbar-changes" role="group" aria-label="Staged changes">
          {staged > 0 && (
            <span className="data-staged" data-testid="data-staged">
              {staged === 1 ? '1 change staged' : `${staged} changes staged`}
            </span>
          )}
          <button
            type="button"
            className="button button-small"
            disabled={staged === 0 || d?.reviewLoading}
            onClick={() => void store.review(tabId)}
          >
            Review SQL
          </button>
          <button
            type="button"
            className="button button-small button-primary"
            disabled={staged === 0 || d?.applying}
            title="Run every staged change in one transaction (Ctrl+S)"
            onClick={() => void store.apply(tabId)}
          >
            {d?.applying ? 'Applying…' : 'Apply'}
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={staged === 0}
            title="Drop every staged change"
            onClick={() => void store.discard(tabId)}
          >
            Discard
          </button>
        </div>
      </div>
      <DataExportBar tabId={tabId} />
    </>
  );
}

/**
 * The SELECT that data.open ran, always visible and copyable. `stale`: the tab's newest SELECT failed (a bad
 * WHERE), so this is the last one that ran, marked as such.
 */
export function SqlLine({ sql, params, stale = false }: { sql: string; params: unknown[]; stale?: boolean }) {
  const text = params.length ? `${sql}\n-- params: ${params.map((p) => JSON.stringify(p)).join(', ')}` : sql;
  return (
    <div className={`data-sql ${stale ? 'data-sql-is-stale' : ''}`}>
      {stale && (
        <span
          className="data-sql-stale"
          title="The new statement failed (the error below says why); this is the last one that ran"
          data-testid="data-sql-stale"
        >
          Failed · last run:
        </span>
      )}
      <code className="data-sql-text" title={text} data-testid="data-sql">
        {sql}
      </code>
      {params.length > 0 && (
        <span className="data-sql-params" title="Parameters, in order">
          params: {params.map((p) => JSON.stringify(p)).join(', ')}
        </span>
      )}
      <button
        type="button"
        className="icon-button"
        title="Copy the SQL"
        aria-label="Copy the SQL"
        onClick={() => void copyText(text)}
      >
        <IconCopy size={13} />
      </button>
    </div>
  );
}
