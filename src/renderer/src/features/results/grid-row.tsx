import type { VirtualItem } from '@tanstack/react-virtual';
import { memo, type ReactNode } from 'react';
import type { Row } from '../../../../shared/domain';
import { cellKind, gridText } from './cell-format';

export const ROW_HEIGHT = 26;
export const HEADER_HEIGHT = 32;

export interface GridRowProps {
  index: number;
  /** Top inside the rows layer, which sits at the viewport (see scaled-scroll.ts): always a small number. */
  top: number;
  /** Undefined while the page is loading (placeholder cells are drawn). */
  row: Row | undefined;
  columns: VirtualItem[];
  width: number;
  gutterWidth: number;
  /** Selected column range in this row, or -1/-1. */
  selFrom: number;
  selTo: number;
  /** The focused cell's column when it is in this row, else -1. */
  focusCol: number;
  /** Per column: numbers sent as text (numeric, bigint) are right-aligned like numbers. */
  numericColumns: readonly boolean[];
  /** How an editing grid shows this row differently (staged values, a deleted or failed row). */
  overlay?: RowOverlay | null;
  /** Something drawn after a cell's value (a foreign key's link). */
  cellExtra?: (col: number, value: unknown) => ReactNode;
}

/** Staged state of a row as the data grid draws it over the values read. */
export interface RowOverlay {
  /** Added to the row's classes (`is-deleted`, `is-failed`). */
  className?: string;
  title?: string;
  /** Column index → the staged value shown instead of the one read. */
  values?: ReadonlyMap<number, unknown>;
}

/** A staged DEFAULT shows as such (the database picks the value on Apply). */
function stagedContent(value: unknown, numericColumn: boolean): { node: ReactNode; className: string } {
  if (value !== null && typeof value === 'object' && '$default' in value)
    return { node: <span className="cell-null">DEFAULT</span>, className: 'is-null' };
  return cellContent(value, numericColumn);
}

/** Renders a value as React text (never HTML): NULL badge, empty marker, numbers right-aligned. */
function cellContent(value: unknown, numericColumn: boolean): { node: ReactNode; className: string } {
  const kind = cellKind(value);
  if (kind === 'text' && numericColumn) return { node: gridText(value), className: 'is-number' };
  switch (kind) {
    case 'null':
      return { node: <span className="cell-null">NULL</span>, className: 'is-null' };
    case 'empty':
      return { node: null, className: 'is-empty' };
    case 'blob':
      return { node: <span className="cell-blob">{gridText(value)}</span>, className: 'is-blob' };
    default:
      return { node: gridText(value), className: `is-${kind}` };
  }
}

/** One grid row; memoised so scrolling re-renders only rows whose data or window changed. */
export const GridRow = memo(function GridRow(props: GridRowProps) {
  const { index, top, row, columns, width, gutterWidth, selFrom, selTo, focusCol, numericColumns, overlay } = props;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`grid-row${index % 2 ? ' is-odd' : ''}${selFrom >= 0 ? ' has-selection' : ''}${overlay?.className ? ` ${overlay.className}` : ''}`}
      style={{ top, width, height: ROW_HEIGHT }}
      title={overlay?.title}
    >
      <div role="rowheader" className="grid-gutter" style={{ width: gutterWidth }} data-row={index} data-col={-1}>
        {index + 1}
      </div>
      {columns.map((col) => {
        const selected = col.index >= selFrom && col.index <= selTo;
        const style = { left: col.start, width: col.size };
        if (!row) {
          return (
            <div
              key={col.key}
              role="gridcell"
              className="grid-cell is-loading"
              style={style}
              data-row={index}
              data-col={col.index}
            />
          );
        }
        const staged = overlay?.values?.has(col.index) ?? false;
        const value = staged ? overlay!.values!.get(col.index) : row[col.index];
        const { node, className } = stagedContent(value, numericColumns[col.index] ?? false);
        const extra = props.cellExtra?.(col.index, value);
        return (
          <div
            key={col.key}
            role="gridcell"
            aria-colindex={col.index + 2}
            aria-selected={selected || undefined}
            className={`grid-cell ${className}${selected ? ' is-selected' : ''}${focusCol === col.index ? ' is-focus' : ''}${staged ? ' is-staged' : ''}`}
            style={style}
            data-row={index}
            data-col={col.index}
          >
            {node}
            {extra}
          </div>
        );
      })}
    </div>
  );
});
