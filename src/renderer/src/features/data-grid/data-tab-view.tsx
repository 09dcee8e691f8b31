import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CellInput, DataColumn } from '../../../../shared/contract/data.contract';
import type { Row } from '../../../../shared/domain';
import { EmptyState } from '../../components/empty-state';
import { ErrorMessage } from '../../components/error-message';
import { IconTable } from '../../components/icons';
import { Spinner } from '../../components/spinner';
import { stores, useData, useResults, useTabs } from '../../stores/app-stores';
import { NO_EDITS, rowKeyOfRow } from '../../stores/data-edits';
import type { DataTabState } from '../../stores/tab-types';
import { plainText, toJson, toTsv } from '../results/cell-format';
import { copyText } from '../results/clipboard';
import type { RowOverlay } from '../results/grid-row';
import { selectionRange, type CellPos, type GridSelection } from '../results/grid-selection';
import { ResultGrid, type ResultGridHandle } from '../results/result-grid';
import { CellEditor } from './cell-editor';
import { DataToolbar, SqlLine } from './data-toolbar';
import { FilterBar } from './filter-bar';
import { NewRows } from './new-rows';
import { ReferencedBy, type Referrer } from './referenced-by';
import { ReviewDialog } from './review-dialog';
import { RowForm, RowFormActions } from './row-form';
import type { FormTarget } from './row-form.model';
import './data-grid.css';

interface Editing {
  row: number;
  col: number;
  rect: { left: number; top: number; width: number; height: number };
}

/** Opens a data tab on another table, filtered on `column = value` (a foreign key followed either way). */
function openFiltered(
  connectionId: string,
  schema: string | null,
  table: string,
  pairs: { column: string; value: CellInput }[],
) {
  stores.tabs.getState().openTab({
    kind: 'data',
    connectionId,
    schema,
    table,
    filters: pairs.map(({ column, value }) => ({ column, op: 'eq', value })),
    title: `${table} (${pairs.map((p) => `${p.column}=${String(p.value)}`).join(', ')})`,
  });
}

/** A table data tab: toolbar, filters, the SELECT it ran, the grid with staged edits, new rows and review. */
export function DataTabView({ tabId, active }: { tabId: string; active: boolean }) {
  const tab = useTabs((s) => s.tabs.find((t) => t.id === tabId)) as DataTabState | undefined;
  const d = useData((s) => s.byTab[tabId]);
  const result = useResults((s) => (d?.resultId ? s.resultsById[d.resultId] : undefined));
  const [selection, setSelection] = useState<GridSelection | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [referrers, setReferrers] = useState<Referrer[] | null>(null);
  const [form, setForm] = useState<FormTarget | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<ResultGridHandle>(null);
  const store = stores.data.getState();

  const status = d?.status ?? 'idle';
  useEffect(() => {
    if (active && status === 'idle') void stores.data.getState().open(tabId);
  }, [active, status, tabId]);

  const identity = d?.identity ?? null;
  const allColumns = useMemo(() => d?.resultColumns ?? [], [d?.resultColumns]);
  const names = useMemo(() => allColumns.map((c) => c.name), [allColumns]);
  // SQLite's rowid travels as the last column for tables without a key: it identifies rows, it is not shown
  const shownColumns = useMemo(
    () => (identity?.kind === 'rowid' ? allColumns.filter((c) => c.name !== identity.rowidColumn) : allColumns),
    [allColumns, identity],
  );
  const columnInfo = useMemo(() => {
    const byName = new Map((d?.columns ?? []).map((c) => [c.name, c]));
    return allColumns.map((c) => byName.get(c.name) ?? null);
  }, [allColumns, d?.columns]);
  const readOnlyReason = identity?.kind === 'readOnly' ? identity.reason : null;
  const edits = d?.edits ?? NO_EDITS;
  const failed = d?.applyError?.target ?? null;

  const resultId = d?.resultId ?? null;
  const readRow = useCallback(
    (index: number): Row | undefined => (resultId ? stores.results.getState().readRow(resultId, index) : undefined),
    [resultId],
  );

  const rowOverlay = useCallback(
    (_index: number, row: Row | undefined): RowOverlay | null => {
      if (!row || !identity) return null;
      const rowKey = rowKeyOfRow(identity, names, row);
      const edit = rowKey ? edits.rows[rowKey] : undefined;
      const isFailed = failed?.kind === 'row' && failed.rowKey === rowKey;
      if (!edit && !isFailed) return null;
      const values = new Map<number, unknown>();
      for (const [column, value] of Object.entries(edit?.values ?? {})) values.set(names.indexOf(column), value);
      const classes = [edit?.deleted ? 'is-deleted' : 'is-edited', isFailed ? 'is-failed' : ''].filter(Boolean);
      return {
        className: classes.join(' '),
        values,
        title: isFailed ? d?.applyError?.message : edit?.deleted ? 'Staged for deletion' : undefined,
      };
    },
    [identity, names, edits, failed, d?.applyError?.message],
  );

  const tabConnectionId = tab?.connectionId ?? null;
  const cellExtra = useCallback(
    (col: number, value: unknown) => {
      const info = columnInfo[col];
      if (!info?.references || value === null || value === undefined || typeof value === 'object' || !tabConnectionId)
        return null;
      const ref = info.references;
      const connectionId = tabConnectionId;
      return (
        <button
          type="button"
          className="fk-link"
          title={`Open the ${ref.table} row with ${ref.columns[0]} = ${String(value)}`}
          aria-label={`Open ${ref.table} ${String(value)}`}
          onMouseDown={(e) => e.stopPropagation()}
          onClick={(e) => {
            e.stopPropagation();
            openFiltered(connectionId, ref.schema, ref.table, [{ column: ref.columns[0]!, value: value as CellInput }]);
          }}
        >
          ↗
        </button>
      );
    },
    [columnInfo, tabConnectionId],
  );

  const headerExtra = useCallback(
    (col: number) => {
      const name = allColumns[col]?.name;
      const sort = tab?.sort ?? [];
      const at = sort.findIndex((s) => s.column === name);
      if (at < 0) return null;
      const spec = sort[at]!;
      return (
        <span className="sort-mark" aria-label={`sorted ${spec.direction === 'asc' ? 'ascending' : 'descending'}`}>
          {spec.direction === 'asc' ? '▲' : '▼'}
          {sort.length > 1 ? at + 1 : ''}
        </span>
      );
    },
    [allColumns, tab?.sort],
  );

  const selectedRowIndexes = (): number[] => {
    if (!selection || !result) return [];
    const range = selectionRange(selection, result.rowsLoaded);
    const out: number[] = [];
    for (let i = range.row0; i <= Math.min(range.row1, range.row0 + 10_000); i++) out.push(i);
    return out;
  };
  const selectedRows = (): Row[] =>
    selectedRowIndexes().flatMap((i) => {
      const row = readRow(i);
      return row ? [row] : [];
    });

  /** Ctrl+C: the selection as shown (staged values included) as TSV, or JSON. */
  const copySelection = async (format: 'tsv' | 'json') => {
    if (!selection || !result) return;
    const range = selectionRange(selection, result.rowsLoaded);
    const names = shownColumns.slice(range.col0, range.col1 + 1).map((c) => c.name);
    const rows = selectedRowIndexes().flatMap((i) => {
      const row = readRow(i);
      if (!row) return [];
      const staged = rowOverlay(i, row)?.values;
      return [row.map((v, c) => (staged?.has(c) ? staged.get(c) : v)).slice(range.col0, range.col1 + 1)];
    });
    const single = rows.length === 1 && names.length === 1;
    const text =
      format === 'json'
        ? toJson(rows, names)
        : single
          ? plainText(rows[0]![0])
          : toTsv(rows, single ? undefined : names);
    try {
      await copyText(text);
      stores.notifications.getState().notify({
        kind: 'success',
        title: 'Copied',
        message: `${rows.length} row${rows.length === 1 ? '' : 's'} as ${format.toUpperCase()}`,
      });
    } catch (error) {
      stores.notifications.getState().notifyError('Could not copy', error);
    }
  };

  const startEdit = (pos: CellPos) => {
    if (readOnlyReason || !identity) return;
    const info = columnInfo[pos.col];
    if (!info || info.generated) return;
    const cell = bodyRef.current?.querySelector(`[data-row="${pos.row}"][data-col="${pos.col}"]`);
    const body = bodyRef.current?.getBoundingClientRect();
    if (!cell || !body) return;
    const r = cell.getBoundingClientRect();
    // keep the editor (about 440 px wide with its buttons) inside the tab
    const left = Math.max(0, Math.min(r.left - body.left, body.width - Math.max(r.width, 440) - 8));
    const top = Math.max(0, Math.min(r.top - body.top, body.height - 140));
    setEditing({ row: pos.row, col: pos.col, rect: { left, top, width: r.width, height: r.height } });
  };

  const onGridKey = (event: KeyboardEvent, sel: GridSelection | null): boolean => {
    if (!sel) return false;
    if (event.key === 'Enter' && event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      setForm({ kind: 'row', index: sel.focus.row });
      return true;
    }
    if ((event.key === 'Enter' || event.key === 'F2') && !event.ctrlKey && !event.metaKey && !event.altKey) {
      startEdit(sel.focus);
      return true;
    }
    if (event.key === 'Delete' && !readOnlyReason) {
      store.toggleDeleteRows(tabId, selectedRows());
      return true;
    }
    return false;
  };

  const editingValue = (() => {
    if (!editing) return undefined;
    const row = readRow(editing.row);
    if (!row) return undefined;
    return rowOverlay(editing.row, row)?.values?.get(editing.col) ?? row[editing.col];
  })();

  const focusRow = selection ? readRow(selection.focus.row) : undefined;
  const canReferencedBy = identity?.kind === 'primaryKey' && selectedRowIndexes().length === 1 && !!focusRow;

  if (!tab) return null;
  const title = tab.schema ? `${tab.schema}.${tab.table}` : tab.table;
  if (!tab.connectionId)
    return (
      <div className="data-tab" hidden={!active}>
        <EmptyState
          icon={<IconTable size={22} />}
          title="This tab has no connection"
          hint="Its connection was deleted. Open the table again from the Schema panel."
        />
      </div>
    );

  let body;
  if (status === 'error' && d?.error) {
    body = (
      <div className="data-message">
        <ErrorMessage error={d.error} data-testid="data-error" />
        <button type="button" className="button button-small" onClick={() => void store.open(tabId)}>
          Try again
        </button>
      </div>
    );
  } else if (!result || result.result?.kind !== 'rows') {
    body = (
      <div className="data-message">
        <Spinner label={`Opening ${tab.table}`} /> Opening {tab.table}…
      </div>
    );
  } else if (result.done && result.rowsLoaded === 0) {
    body = (
      <EmptyState
        icon={<IconTable size={22} />}
        title={tab.filters.length || tab.where.trim() ? 'No rows match' : `${tab.table} has no rows`}
        hint={
          tab.filters.length || tab.where.trim()
            ? 'Remove a filter or change the WHERE condition.'
            : readOnlyReason
              ? readOnlyReason
              : 'Add one with + Row, then Apply.'
        }
        data-testid="data-empty"
      />
    );
  } else {
    body = (
      <ResultGrid
        key={result.id}
        ref={gridRef}
        result={result}
        columns={shownColumns}
        selection={selection}
        onSelectionChange={setSelection}
        onCopy={(format) => void copySelection(format)}
        onContextMenu={() => undefined}
        onHeaderClick={(col, additive) => {
          const name = allColumns[col]?.name;
          if (name) void store.toggleSort(tabId, name, additive);
        }}
        headerExtra={headerExtra}
        rowOverlay={rowOverlay}
        cellExtra={cellExtra}
        onCellActivate={startEdit}
        onGridKey={onGridKey}
      />
    );
  }

  const failedInsert = failed?.kind === 'insert' ? failed.id : null;
  return (
    <div className="data-tab" hidden={!active} data-testid="data-tab" data-table={tab.table}>
      <DataToolbar
        tabId={tabId}
        title={title}
        readOnlyReason={readOnlyReason}
        selectedRows={selectedRowIndexes().length}
        onDuplicate={() => focusRow && store.duplicateRow(tabId, focusRow)}
        onDelete={() => store.toggleDeleteRows(tabId, selectedRows())}
        canReferencedBy={canReferencedBy}
        onReferencedBy={() => {
          if (focusRow) void store.referencedBy(tabId, focusRow).then(setReferrers);
        }}
      />
      <FilterBar
        connectionId={tab.connectionId}
        columns={d?.columns ?? []}
        filters={tab.filters as never}
        where={tab.where}
        onFilters={(filters) => void store.setFilters(tabId, filters)}
        onWhere={(where) => void store.setWhere(tabId, where)}
      />
      <div className="data-sql-row">
        {d?.sql && <SqlLine sql={d.sql} params={d.params} stale={d.status === 'error'} />}
        <RowFormActions
          canOpen={!!focusRow}
          canInsert={!readOnlyReason && !!identity}
          onOpen={() => selection && setForm({ kind: 'row', index: selection.focus.row })}
          onNew={() => setForm({ kind: 'insert', id: store.insertRow(tabId) })}
        />
      </div>
      {d?.offeredDraft && (
        <div className="data-banner" role="status" data-testid="draft-banner">
          {d.offeredDraft.changes === 1 ? '1 staged change' : `${d.offeredDraft.changes} staged changes`} from{' '}
          {new Date(d.offeredDraft.savedAt).toLocaleString()} were not applied.
          <button
            type="button"
            className="button button-small button-primary"
            onClick={() => void store.restoreDraft(tabId)}
          >
            Restore
          </button>
          <button type="button" className="button button-small" onClick={() => void store.dismissDraft(tabId)}>
            Drop
          </button>
        </div>
      )}
      {d?.applyError && (
        <div className="data-apply-error" data-testid="apply-error">
          <ErrorMessage error={d.applyError} compact />
          <span className="muted">
            Nothing was applied; your changes are still staged
            {d.applyError.target ? ' (the failing one is marked in red)' : ''}.
          </span>
        </div>
      )}
      {edits.inserts.length > 0 && (
        <NewRows
          columns={(d?.columns ?? []).filter((c) => shownColumns.some((s) => s.name === c.name))}
          inserts={edits.inserts}
          failedId={failedInsert}
          onChange={(id, column, value) => store.setInsertValue(tabId, id, column, value)}
          onInvalid={(field, message) => store.markInvalid(tabId, field, message)}
          onRemove={(id) => store.removeInsert(tabId, id)}
          onEdit={(id) => setForm({ kind: 'insert', id })}
        />
      )}
      <div className="data-body" ref={bodyRef}>
        {body}
        {editing && columnInfo[editing.col] && (
          <CellEditor
            key={`${editing.row}:${editing.col}`}
            column={columnInfo[editing.col] as DataColumn}
            tabId={tabId}
            connectionId={tab.connectionId}
            value={editingValue}
            rect={editing.rect}
            onCommit={(value) => {
              const row = readRow(editing.row);
              const name = allColumns[editing.col]?.name;
              if (row && name) store.stageCell(tabId, row, name, value);
              setEditing(null);
              gridRef.current?.focus();
            }}
            onCancel={() => {
              setEditing(null);
              gridRef.current?.focus();
            }}
          />
        )}
      </div>
      {referrers && focusRow && identity?.kind === 'primaryKey' && (
        <ReferencedBy
          referrers={referrers}
          onClose={() => setReferrers(null)}
          onOpen={(referrer) => {
            const keyValues = identity.columns.map((c) => focusRow[names.indexOf(c)] as CellInput);
            openFiltered(
              tab.connectionId!,
              referrer.schema,
              referrer.table,
              referrer.columns.map((column, i) => ({ column, value: keyValues[i] ?? null })),
            );
          }}
        />
      )}
      {form && (
        <RowForm
          tabId={tabId}
          connectionId={tab.connectionId}
          table={tab.table}
          target={form}
          columns={(d?.columns ?? []).filter((c) => shownColumns.some((s) => s.name === c.name))}
          names={names}
          identity={identity}
          readOnlyReason={readOnlyReason}
          rowCount={result?.rowsLoaded ?? 0}
          readRow={readRow}
          onNavigate={(target) => {
            setForm(target);
            if (target.kind === 'row') gridRef.current?.goToRow(target.index);
          }}
          onClose={() => {
            setForm(null);
            gridRef.current?.focus();
          }}
        />
      )}
      {d?.review && (
        <ReviewDialog
          statements={d.review}
          applying={d.applying}
          onApply={() => void store.apply(tabId)}
          onClose={() => store.closeReview(tabId)}
        />
      )}
    </div>
  );
}
