import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { comboText } from '../../app/key-combos';
import { ContextMenu, type ContextMenuItem } from '../../components/context-menu';
import { IconCopy, IconMore } from '../../components/icons';
import { Spinner } from '../../components/spinner';
import { stores, useNotifications } from '../../stores/app-stores';
import { MAX_COPY_ROWS, PAGE_SIZE, type ResultTab } from '../../stores/results.store';
import { plainText, toJson, toTsv } from './cell-format';
import { copyText } from './clipboard';
import { CellViewer } from './cell-viewer';
import { ExportBar } from './export-bar';
import { isSingleCell, selectionRange, type GridSelection } from './grid-selection';
import { ResultGrid, type ResultGridHandle } from './result-grid';
import { statusText } from './result-status';

const VIEWER_KEY = 'backbench.cellViewer';

/** A row result: toolbar (status, copy, export, viewer, last row), the grid and the side viewer. */
export function RowsView({ result }: { result: ResultTab }) {
  const columns = result.result?.kind === 'rows' ? result.result.columns : EMPTY_COLUMNS;
  const [selection, setSelection] = useState<GridSelection | null>(null);
  const [viewerOpen, setViewerOpen] = useState(() => localStorage.getItem(VIEWER_KEY) === '1');
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const [moreMenu, setMoreMenu] = useState<{ x: number; y: number } | null>(null);
  const gridRef = useRef<ResultGridHandle>(null);
  const store = stores.results.getState;
  const notify = useNotifications((s) => s.notify);
  const notifyError = useNotifications((s) => s.notifyError);
  const rowCount = result.done ? result.rowsLoaded : result.rowsLoaded + PAGE_SIZE;

  const copy = useCallback(
    async (what: 'cell' | 'row' | 'selection', format: 'tsv' | 'json') => {
      if (!selection) return;
      const range = selectionRange(
        selection,
        result.done ? result.rowsLoaded : Math.max(result.rowsLoaded, MAX_COPY_ROWS),
      );
      const [row0, row1] = what === 'selection' ? [range.row0, range.row1] : [selection.focus.row, selection.focus.row];
      const [col0, col1] =
        what === 'selection'
          ? [range.col0, range.col1]
          : what === 'row'
            ? [0, columns.length - 1]
            : [selection.focus.col, selection.focus.col];
      try {
        const rows = (await store().fetchRows(result.id, row0, row1 + 1)).map((r) => r.slice(col0, col1 + 1));
        const names = columns.slice(col0, col1 + 1).map((c) => c.name);
        let text: string;
        if (what === 'cell' && format === 'tsv') text = plainText(rows[0]?.[0]);
        else if (format === 'json') text = what === 'cell' ? JSON.stringify(rows[0]?.[0] ?? null) : toJson(rows, names);
        else text = toTsv(rows, what === 'selection' && !isSingleCell(selection) ? names : undefined);
        await copyText(text);
        const truncated = row1 + 1 - row0 > MAX_COPY_ROWS;
        notify({
          kind: truncated ? 'error' : 'success',
          title: truncated ? 'Copied the first 100,000 rows' : 'Copied',
          message: truncated
            ? 'Selections larger than 100,000 rows are cut; use Export for the whole result.'
            : `${rows.length.toLocaleString()} row${rows.length === 1 ? '' : 's'} as ${format.toUpperCase()}`,
        });
      } catch (error) {
        notifyError('Could not copy', error);
      }
    },
    [selection, result.id, result.done, result.rowsLoaded, columns, notify, notifyError, store],
  );

  const onCopyKey = useCallback(
    (format: 'tsv' | 'json') => void copy(selection && isSingleCell(selection) ? 'cell' : 'selection', format),
    [copy, selection],
  );
  const onContextMenu = useCallback((x: number, y: number) => setMenu({ x, y }), []);
  const onShortResult = useCallback(
    (rows: number) =>
      notify({
        kind: 'info',
        title: 'Past the last row',
        message: `The result has ${rows.toLocaleString('en-US')} rows; showing the last one.`,
      }),
    [notify],
  );
  const onGoToKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    const n = Number(event.currentTarget.value.replace(/[\s,._']/g, ''));
    if (!Number.isInteger(n) || n < 1) {
      notify({ kind: 'error', title: 'Go to row', message: 'Type a row number from 1 up, then press Enter.' });
      return;
    }
    event.preventDefault();
    gridRef.current?.goToRow(n - 1);
    gridRef.current?.focus();
  };
  const closeMenu = useCallback(() => setMenu(null), []);
  const toggleViewer = () => {
    setViewerOpen((open) => {
      localStorage.setItem(VIEWER_KEY, open ? '0' : '1');
      return !open;
    });
  };

  const menuItems: ContextMenuItem[] = [
    { label: 'Copy cell', onSelect: () => void copy('cell', 'tsv') },
    { label: 'Copy row as TSV', onSelect: () => void copy('row', 'tsv') },
    { label: 'Copy row as JSON', onSelect: () => void copy('row', 'json') },
    { label: 'Copy selection as TSV', onSelect: () => void copy('selection', 'tsv') },
    { label: 'Copy selection as JSON', onSelect: () => void copy('selection', 'json') },
    { label: viewerOpen ? 'Hide value viewer' : 'Show value viewer', onSelect: toggleViewer },
  ];

  const focus = selection?.focus ?? null;
  const focusRow = focus ? store().readRow(result.id, focus.row) : undefined;
  const focusAt = focus ? ([focus.row, focus.col] as const) : null;
  const loadWhole = useMemo(
    () =>
      focusAt
        ? (offset: number, length: number) => store().readCell(result.id, focusAt[0], focusAt[1], offset, length)
        : undefined,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the cell's coordinates, not the tuple's identity
    [result.id, focusAt?.[0], focusAt?.[1], store],
  );
  const exporting = result.exportState && !result.exportState.done;

  return (
    <div className="rows-view">
      <div className="results-toolbar" role="toolbar" aria-label="Result">
        <span className="result-status" data-testid="result-status" role="status">
          {statusText(result)}
        </span>
        {result.readingAhead && (
          <span className="result-going" data-testid="reading-ahead">
            <Spinner label="Reading rows" />
            {result.readingAhead.target === null
              ? `reading to the last row… ${result.rowsLoaded.toLocaleString('en-US')} rows so far`
              : `reading to row ${(result.readingAhead.target + 1).toLocaleString('en-US')}… ${result.rowsLoaded.toLocaleString('en-US')}`}
            <button
              type="button"
              className="button button-small"
              onClick={() => store().stopReadingAhead(result.id)}
              data-testid="stop-reading"
            >
              Stop
            </button>
          </span>
        )}
        {result.pageError && (
          <span className="result-page-error" title={result.pageError.message}>
            <code className="error-code">{result.pageError.code}</code> {result.pageError.message}
          </span>
        )}
        <span className="toolbar-spacer" />
        {columns.length > 0 && (
          <input
            className="input go-to-row"
            inputMode="numeric"
            placeholder="Go to row"
            aria-label="Go to row number"
            title={`Go to a row by its number (${comboText('Mod+G')}); Enter to go`}
            onKeyDown={onGoToKey}
            data-testid="go-to-row"
          />
        )}
        {!result.done && !result.readingAhead && (
          <button
            type="button"
            className="button button-small"
            onClick={() => gridRef.current?.goToEnd()}
            title={`Read to the last row and show it (${comboText('Mod+End')} in the grid)`}
            data-testid="go-to-end"
          >
            Last row ⇥
          </button>
        )}
        <button
          type="button"
          className="icon-button results-narrow"
          aria-label="More actions"
          aria-haspopup="menu"
          title="Copy, export and the value viewer"
          onClick={(e) => {
            const rect = e.currentTarget.getBoundingClientRect();
            setMoreMenu({ x: rect.right - 220, y: rect.bottom + 2 });
          }}
          data-testid="results-more"
        >
          <IconMore />
        </button>
        <button
          type="button"
          className="button button-small results-wide"
          disabled={!selection}
          onClick={() => void copy('cell', 'tsv')}
          title="Copy the cell"
        >
          <IconCopy /> Cell
        </button>
        <button
          type="button"
          className="button button-small results-wide"
          disabled={!selection}
          onClick={() => void copy('row', 'tsv')}
          title="Copy the row as TSV"
        >
          Row
        </button>
        <button
          type="button"
          className="button button-small results-wide"
          disabled={!selection}
          onClick={() => void copy('selection', 'tsv')}
          title="Copy the selection as TSV (Ctrl+C)"
        >
          TSV
        </button>
        <button
          type="button"
          className="button button-small results-wide"
          disabled={!selection}
          onClick={() => void copy('selection', 'json')}
          title="Copy the selection as JSON"
        >
          JSON
        </button>
        <span className="toolbar-sep results-wide" />
        <button
          type="button"
          className="button button-small results-wide"
          disabled={!!exporting}
          onClick={() => void store().startExport(result.id, 'csv')}
          data-testid="export-csv"
          title="Export the whole result to CSV"
        >
          Export CSV
        </button>
        <button
          type="button"
          className="button button-small results-wide"
          disabled={!!exporting}
          onClick={() => void store().startExport(result.id, 'json')}
          data-testid="export-json"
          title="Export the whole result to JSON"
        >
          Export JSON
        </button>
        <button
          type="button"
          className={`button button-small results-wide${viewerOpen ? ' is-active' : ''}`}
          aria-pressed={viewerOpen}
          onClick={toggleViewer}
          data-testid="toggle-cell-viewer"
          title="Show the selected value in full"
        >
          Viewer
        </button>
      </div>
      {result.exportState && (
        <ExportBar
          state={result.exportState}
          onCancel={() => void store().cancelExport(result.id)}
          onDismiss={() => store().dismissExport(result.id)}
        />
      )}
      <div className="rows-body">
        {columns.length === 0 ? (
          <div className="rows-empty">The statement returned no columns.</div>
        ) : (
          <ResultGrid
            ref={gridRef}
            result={result}
            columns={columns}
            selection={selection}
            onSelectionChange={setSelection}
            onCopy={onCopyKey}
            onContextMenu={onContextMenu}
            onShortResult={onShortResult}
          />
        )}
        {viewerOpen && (
          <CellViewer
            column={focus ? columns[focus.col] : undefined}
            value={focusRow?.[focus?.col ?? 0]}
            loading={!!focus && !focusRow && focus.row < rowCount}
            rowNumber={focus ? focus.row + 1 : null}
            loadWhole={loadWhole}
            onCopy={(text) =>
              void copyText(text).then(() => notify({ kind: 'success', title: 'Copied', message: 'Value copied' }))
            }
            onClose={toggleViewer}
          />
        )}
      </div>
      {menu && <ContextMenu x={menu.x} y={menu.y} items={menuItems} onClose={closeMenu} />}
      {moreMenu && (
        <ContextMenu
          x={moreMenu.x}
          y={moreMenu.y}
          onClose={() => setMoreMenu(null)}
          items={[
            ...menuItems.slice(0, 5).map((item) => ({ ...item, disabled: !selection })),
            {
              label: 'Export CSV',
              disabled: !!exporting,
              onSelect: () => void store().startExport(result.id, 'csv'),
            },
            {
              label: 'Export JSON',
              disabled: !!exporting,
              onSelect: () => void store().startExport(result.id, 'json'),
            },
            menuItems[5]!,
          ]}
        />
      )}
    </div>
  );
}

const EMPTY_COLUMNS: never[] = [];
