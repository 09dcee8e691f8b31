import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type Ref,
} from 'react';
import type { ResultColumn, Row } from '../../../../shared/domain';
import { stores } from '../../stores/app-stores';
import { PAGE_SIZE, type ResultTab } from '../../stores/results.store';
import { gridText, isNumericType } from './cell-format';
import { columnKeys, columnWidthMemory, scopeOf } from './column-widths';
import { selectionRange, type CellPos, type GridSelection } from './grid-selection';
import { GridRow, HEADER_HEIGHT, ROW_HEIGHT, type RowOverlay } from './grid-row';
import { useScaledScroll } from './scaled-scroll';
import './result-grid.css';

export interface ResultGridHandle {
  /** Reads to the last row (the host streams through the result) and scrolls there. */
  goToEnd(): void;
  /** Reads as far as row `index` (0-based) when needed, then scrolls there and selects it. */
  goToRow(index: number): void;
  focus(): void;
}

export interface ResultGridProps {
  result: ResultTab;
  columns: ResultColumn[];
  selection: GridSelection | null;
  onSelectionChange(selection: GridSelection | null): void;
  onCopy(format: 'tsv' | 'json'): void;
  onContextMenu(x: number, y: number): void;
  /** A go-to target past the last row: the result has only `rows` rows. */
  onShortResult?(rows: number): void;
  ref?: Ref<ResultGridHandle>;
  /** An editing grid (table data): a header click sorts instead of selecting the column. */
  onHeaderClick?(col: number, additive: boolean): void;
  /** Drawn in a column's header after its name (the sort arrow). */
  headerExtra?(col: number): ReactNode;
  /** Staged state drawn over a row (data tabs). */
  rowOverlay?(index: number, row: Row | undefined): RowOverlay | null;
  cellExtra?(col: number, value: unknown): ReactNode;
  /** Double-click on a cell. */
  onCellActivate?(pos: CellPos): void;
  /** Sees keys first; true when it handled the key. */
  onGridKey?(event: KeyboardEvent, selection: GridSelection | null): boolean;
}

const MIN_COL = 48;
const MAX_COL = 420;
const CHAR_PX = 7.4;

/** Initial column widths from the header, the type and the first rows (no layout pass needed). */
function measureWidths(columns: ResultColumn[], readRow: (i: number) => unknown[] | undefined): number[] {
  return columns.map((col, c) => {
    let chars = Math.max(col.name.length, (col.dataType ?? '').length * 0.85);
    for (let i = 0; i < 60; i++) {
      const row = readRow(i);
      if (!row) break;
      chars = Math.max(chars, Math.min(60, gridText(row[c]).length));
    }
    return Math.round(Math.min(MAX_COL, Math.max(MIN_COL + 20, chars * CHAR_PX + 24)));
  });
}

/**
 * The result grid: rows and columns virtualised with @tanstack/react-virtual, pages fetched for the visible
 * window, a sticky header (name + type), a row-number gutter, resizable columns and keyboard selection.
 */
export function ResultGrid({
  result,
  columns,
  selection,
  onSelectionChange,
  onCopy,
  onContextMenu,
  onShortResult,
  ref,
  onHeaderClick,
  headerExtra,
  rowOverlay,
  cellExtra,
  onCellActivate,
  onGridKey,
}: ResultGridProps) {
  const { id: resultId, rowsLoaded, done, pageVersion } = result;
  const { readRow, ensureRows } = stores.results.getState();
  const scrollRef = useRef<HTMLDivElement>(null);
  // widths the user dragged outlive this grid: a re-run (sort, filter, reload, same query) gets them back
  const widthScope = scopeOf(result.editorTabId, result.index);
  const keys = useMemo(() => columnKeys(columns.map((c) => c.name)), [columns]);
  const initialWidths = () =>
    columnWidthMemory.restore(
      widthScope,
      keys,
      measureWidths(columns, (i) => readRow(resultId, i)),
    );
  const [widths, setWidths] = useState(initialWidths);
  const [widthKeys, setWidthKeys] = useState(keys);
  if (widthKeys !== keys) {
    setWidthKeys(keys);
    // other columns on the same grid: widths follow the columns by name, not by position
    if (widthKeys.join('\u0000') !== keys.join('\u0000')) setWidths(initialWidths());
  }
  const numericColumns = useMemo(() => columns.map((c) => isNumericType(c.dataType)), [columns]);
  const rowCount = done ? rowsLoaded : rowsLoaded + PAGE_SIZE;
  const gutterWidth = Math.max(44, String(rowCount).length * 8 + 20);

  // no React Compiler here; the virtualizer is used as documented (instance methods read live state)
  const scaled = useScaledScroll(HEADER_HEIGHT + rowCount * ROW_HEIGHT, scrollRef);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns a live instance; no React Compiler memoisation here
  const rowV = useVirtualizer({
    ...scaled.options,
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    overscan: 12,
  });
  const colV = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => widths[i] ?? 120,
    paddingStart: gutterWidth,
    scrollPaddingStart: gutterWidth,
    overscan: 3,
  });
  useEffect(() => colV.measure(), [widths, gutterWidth, colV]);

  const virtualRows = rowV.getVirtualItems();
  const virtualCols = colV.getVirtualItems();
  const first = virtualRows[0]?.index ?? 0;
  const last = virtualRows[virtualRows.length - 1]?.index ?? 0;

  // fetch the visible window ± a margin; while flinging, wait a beat so passed-over pages are not requested
  const scrolling = rowV.isScrolling;
  useEffect(() => {
    const margin = 40;
    const run = () => ensureRows(resultId, Math.max(0, first - margin), last + margin);
    if (!scrolling) return run();
    const timer = setTimeout(run, 90);
    return () => clearTimeout(timer);
  }, [resultId, first, last, scrolling, ensureRows, pageVersion]);

  const range = selection ? selectionRange(selection, rowCount) : null;
  const totalWidth = colV.getTotalSize();

  const scrollToCell = useCallback(
    (pos: CellPos) => {
      const start = HEADER_HEIGHT + pos.row * ROW_HEIGHT;
      scaled.scrollIntoView(start, start + ROW_HEIGHT, HEADER_HEIGHT);
      colV.scrollToIndex(pos.col, { align: 'auto' });
    },
    [scaled, colV],
  );

  // a row to go to once enough of the result is read (Infinity: the last row)
  const pendingRow = useRef<number | null>(null);
  /** Scrolls to the wanted row (or as far as the result goes) and selects it. */
  const arrive = useCallback(
    (wanted: number) => {
      if (rowCount === 0) return;
      const row = Math.min(wanted, (done ? rowsLoaded : rowCount) - 1);
      const target = { row, col: selection?.focus.col ?? 0 };
      onSelectionChange({ anchor: target, focus: target });
      const start = HEADER_HEIGHT + row * ROW_HEIGHT;
      scaled.scrollIntoView(start, start + ROW_HEIGHT, HEADER_HEIGHT, wanted === Infinity ? 'end' : 'center');
      if (wanted !== Infinity && done && wanted >= rowsLoaded) onShortResult?.(rowsLoaded);
    },
    [done, rowsLoaded, rowCount, scaled, onSelectionChange, selection, onShortResult],
  );
  const goTo = useCallback(
    (index: number) => {
      // already read that far: go now; otherwise read ahead and go when the rows are there
      if (done || rowsLoaded > index) {
        pendingRow.current = null;
        arrive(index);
        return;
      }
      pendingRow.current = index;
      const results = stores.results.getState();
      void (index === Infinity ? results.goToEnd(resultId) : results.goToRow(resultId, index));
    },
    [resultId, done, rowsLoaded, arrive],
  );
  useEffect(() => {
    const wanted = pendingRow.current;
    if (wanted === null || !(done || rowsLoaded > wanted)) return;
    // reading ahead may have been stopped: go as far as we know
    pendingRow.current = null;
    arrive(wanted);
  }, [done, rowsLoaded, arrive]);
  useEffect(() => {
    // Stop pressed: forget the target instead of jumping there when rows arrive later for another reason
    if (!result.readingAhead && pendingRow.current !== null && !done && rowsLoaded <= pendingRow.current)
      pendingRow.current = null;
  }, [result.readingAhead, done, rowsLoaded]);
  const goToEnd = useCallback(() => goTo(Infinity), [goTo]);
  useImperativeHandle(
    ref,
    () => ({ goToEnd, goToRow: (index: number) => goTo(index), focus: () => scrollRef.current?.focus() }),
    [goToEnd, goTo],
  );

  const cellAt = (target: EventTarget | null): CellPos | null => {
    const el = (target as HTMLElement | null)?.closest?.('[data-row]') as HTMLElement | null;
    if (!el) return null;
    return { row: Number(el.dataset.row), col: Number(el.dataset.col) };
  };
  const dragging = useRef(false);
  const onMouseDown = (event: MouseEvent) => {
    const header = (event.target as HTMLElement).closest('[data-header-col]') as HTMLElement | null;
    if (header && !(event.target as HTMLElement).classList.contains('grid-resize')) {
      const col = Number(header.dataset.headerCol);
      if (onHeaderClick) {
        if (event.button === 0) onHeaderClick(col, event.shiftKey);
        return;
      }
      onSelectionChange({ anchor: { row: 0, col }, focus: { row: 0, col }, allRows: true });
      return;
    }
    const pos = cellAt(event.target);
    if (!pos) return;
    if (
      event.button === 2 &&
      range &&
      pos.row >= range.row0 &&
      pos.row <= range.row1 &&
      pos.col >= range.col0 &&
      pos.col <= range.col1
    )
      return;
    if (pos.col < 0) {
      // row number: the whole row
      const anchor = event.shiftKey && selection ? { row: selection.anchor.row, col: 0 } : { row: pos.row, col: 0 };
      onSelectionChange({ anchor, focus: { row: pos.row, col: columns.length - 1 } });
      return;
    }
    dragging.current = event.button === 0;
    onSelectionChange(
      event.shiftKey && selection ? { anchor: selection.anchor, focus: pos } : { anchor: pos, focus: pos },
    );
  };
  const onMouseMove = (event: MouseEvent) => {
    if (!dragging.current || !selection || event.buttons !== 1) return;
    const pos = cellAt(event.target);
    if (pos && pos.col >= 0 && (pos.row !== selection.focus.row || pos.col !== selection.focus.col)) {
      onSelectionChange({ anchor: selection.anchor, focus: pos });
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (onGridKey?.(event, selection)) {
      event.preventDefault();
      return;
    }
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key;
    if (mod && key.toLowerCase() === 'a') {
      event.preventDefault();
      onSelectionChange({
        anchor: { row: 0, col: 0 },
        focus: { row: Math.max(0, rowCount - 1), col: columns.length - 1 },
        allRows: true,
      });
      return;
    }
    if (mod && key.toLowerCase() === 'c') {
      event.preventDefault();
      onCopy('tsv');
      return;
    }
    if (mod && key === 'End') {
      event.preventDefault();
      if (!done) return goToEnd();
    }
    const focus = selection?.focus ?? { row: 0, col: 0 };
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    const maxRow = Math.max(0, rowCount - 1);
    const moves: Record<string, CellPos> = {
      ArrowUp: { row: Math.max(0, focus.row - 1), col: focus.col },
      ArrowDown: { row: Math.min(maxRow, focus.row + 1), col: focus.col },
      ArrowLeft: { row: focus.row, col: Math.max(0, focus.col - 1) },
      ArrowRight: { row: focus.row, col: Math.min(columns.length - 1, focus.col + 1) },
      PageUp: { row: Math.max(0, focus.row - page), col: focus.col },
      PageDown: { row: Math.min(maxRow, focus.row + page), col: focus.col },
      Home: mod ? { row: 0, col: focus.col } : { row: focus.row, col: 0 },
      End: mod ? { row: maxRow, col: focus.col } : { row: focus.row, col: columns.length - 1 },
    };
    const next = moves[key];
    if (!next) return;
    event.preventDefault();
    onSelectionChange(
      event.shiftKey && selection ? { anchor: selection.anchor, focus: next } : { anchor: next, focus: next },
    );
    scrollToCell(next);
  };

  const startResize = (event: MouseEvent, col: number) => {
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = widths[col] ?? 120;
    let width = startWidth;
    let frame = 0;
    const move = (e: globalThis.MouseEvent) => {
      cancelAnimationFrame(frame);
      width = Math.max(MIN_COL, Math.min(2000, startWidth + e.clientX - startX));
      frame = requestAnimationFrame(() => setWidths((w) => w.map((x, i) => (i === col ? width : x))));
    };
    const up = () => {
      const key = keys[col];
      if (key !== undefined && width !== startWidth) columnWidthMemory.remember(widthScope, key, width);
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      document.body.classList.remove('is-resizing-col');
    };
    document.body.classList.add('is-resizing-col');
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };

  const header = useMemo(
    () => (
      <div role="row" aria-rowindex={1} className="grid-header" style={{ width: totalWidth, height: HEADER_HEIGHT }}>
        <div className="grid-corner" style={{ width: gutterWidth }} aria-hidden="true">
          #
        </div>
        {virtualCols.map((vc) => {
          const col = columns[vc.index]!;
          return (
            <div
              key={vc.key}
              role="columnheader"
              aria-colindex={vc.index + 2}
              className="grid-header-cell"
              style={{ left: vc.start, width: vc.size }}
              data-header-col={vc.index}
              title={col.dataType ? `${col.name} · ${col.dataType}` : col.name}
            >
              <span className="grid-header-name">{col.name}</span>
              {col.dataType && <span className="grid-header-type">{col.dataType.toLowerCase()}</span>}
              {headerExtra?.(vc.index)}
              <span
                className="grid-resize"
                onMouseDown={(e) => startResize(e, vc.index)}
                onDoubleClick={(e) => e.stopPropagation()}
              />
            </div>
          );
        })}
      </div>
    ),
    // startResize only closes over `widths`, `keys` and `widthScope` at drag start, which the memo tracks
    // eslint-disable-next-line react-hooks/exhaustive-deps -- startResize reads them only at drag start (listed)
    [virtualCols, columns, totalWidth, gutterWidth, widths, keys, widthScope, headerExtra],
  );

  return (
    <div
      ref={scrollRef}
      className="grid-scroll"
      role="grid"
      aria-rowcount={done ? rowCount + 1 : -1}
      aria-colcount={columns.length + 1}
      aria-multiselectable="true"
      tabIndex={0}
      data-testid="result-grid"
      onMouseDown={onMouseDown}
      onMouseMove={onMouseMove}
      onMouseUp={() => (dragging.current = false)}
      onDoubleClick={(e) => {
        const pos = cellAt(e.target);
        if (pos && pos.col >= 0 && onCellActivate) onCellActivate(pos);
      }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => {
        if (!cellAt(e.target)) return;
        e.preventDefault();
        onContextMenu(e.clientX, e.clientY);
      }}
    >
      <div className="grid-canvas" style={{ height: scaled.realHeight, width: totalWidth }}>
        {header}
        <div className="grid-rows" style={{ top: scaled.layerTop(), width: totalWidth }}>
          {virtualRows.map((vr) => {
            const inSel = range && vr.index >= range.row0 && vr.index <= range.row1;
            const row = readRow(resultId, vr.index);
            return (
              <GridRow
                key={vr.key}
                index={vr.index}
                top={scaled.rowTop(vr.start)}
                row={row}
                overlay={rowOverlay?.(vr.index, row)}
                cellExtra={cellExtra}
                columns={virtualCols}
                width={totalWidth}
                gutterWidth={gutterWidth}
                selFrom={inSel ? range.col0 : -1}
                selTo={inSel ? range.col1 : -1}
                focusCol={selection && selection.focus.row === vr.index ? selection.focus.col : -1}
                numericColumns={numericColumns}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
