/**
 * A free spot for every table the layout has no position for: a grid under the tables already placed. The
 * auto-layout (ELK) normally places new tables; this keeps a table from being invisible whatever it left out.
 */
import type { Design, DesignLayout } from '../../../shared/design';
import { tableKey } from '../../../shared/design';
import { NODE_SPACING, NODE_WIDTH, nodeHeight } from '../features/designer/geometry';

export function placeUnplaced(design: Design, layout: DesignLayout): DesignLayout {
  const unplaced = design.tables.filter((t) => !layout.tables[tableKey(t)]);
  if (unplaced.length === 0) return layout;
  let left = Infinity;
  let bottom = -Infinity;
  for (const t of design.tables) {
    const at = layout.tables[tableKey(t)];
    if (!at) continue;
    left = Math.min(left, at.x);
    bottom = Math.max(bottom, at.y + nodeHeight(t));
  }
  const x0 = Number.isFinite(left) ? left : 0;
  const y0 = Number.isFinite(bottom) ? bottom + NODE_SPACING : 0;
  const perRow = Math.max(4, Math.ceil(Math.sqrt(unplaced.length)));
  const tables = { ...layout.tables };
  let rowTop = y0;
  for (let start = 0; start < unplaced.length; start += perRow) {
    const row = unplaced.slice(start, start + perRow);
    row.forEach((t, i) => {
      tables[tableKey(t)] = { x: x0 + i * (NODE_WIDTH + NODE_SPACING), y: rowTop };
    });
    rowTop += Math.max(...row.map((t) => nodeHeight(t))) + NODE_SPACING;
  }
  return { ...layout, tables };
}
