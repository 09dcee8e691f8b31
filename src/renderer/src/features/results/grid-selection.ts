/** A cell address in a result grid (0-based). */
export interface CellPos {
  row: number;
  col: number;
}

/** A rectangular selection from `anchor` to `focus`; `allRows` stretches it over every row, loaded or not. */
export interface GridSelection {
  anchor: CellPos;
  focus: CellPos;
  allRows?: boolean;
}

export interface SelectionRange {
  row0: number;
  row1: number;
  col0: number;
  col1: number;
}

/** The selection as inclusive bounds; `rowCount` caps an all-rows selection. */
export function selectionRange(sel: GridSelection, rowCount: number): SelectionRange {
  return {
    row0: sel.allRows ? 0 : Math.min(sel.anchor.row, sel.focus.row),
    row1: sel.allRows ? Math.max(0, rowCount - 1) : Math.max(sel.anchor.row, sel.focus.row),
    col0: Math.min(sel.anchor.col, sel.focus.col),
    col1: Math.max(sel.anchor.col, sel.focus.col),
  };
}

export function isSingleCell(sel: GridSelection): boolean {
  return !sel.allRows && sel.anchor.row === sel.focus.row && sel.anchor.col === sel.focus.col;
}
