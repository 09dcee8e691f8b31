/**
 * The size of a table node on the design canvas, shared by the canvas (React Flow nodes), the auto-layout (ELK
 * needs node sizes) and the SVG/PNG export (which draws the whole diagram without the DOM), so all three agree.
 */
import type { DesignTable } from '../../../../shared/design';

export const NODE_WIDTH = 240;
export const NODE_HEADER_HEIGHT = 32;
export const NODE_ROW_HEIGHT = 22;
/** Padding under the last column row. */
export const NODE_FOOTER_HEIGHT = 6;
/** Space between tables that the auto-layout keeps. */
export const NODE_SPACING = 60;

export function nodeHeight(table: Pick<DesignTable, 'columns'>): number {
  return NODE_HEADER_HEIGHT + Math.max(1, table.columns.length) * NODE_ROW_HEIGHT + NODE_FOOTER_HEIGHT;
}

export function nodeSize(table: Pick<DesignTable, 'columns'>): { width: number; height: number } {
  return { width: NODE_WIDTH, height: nodeHeight(table) };
}

/** Vertical centre of a column's row inside its node (where its edge handles sit). */
export function columnRowCenter(index: number): number {
  return NODE_HEADER_HEIGHT + index * NODE_ROW_HEIGHT + NODE_ROW_HEIGHT / 2;
}
