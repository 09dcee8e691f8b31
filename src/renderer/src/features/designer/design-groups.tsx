/**
 * The design's table groups (DBML `TableGroup`s) drawn on the canvas: a labelled frame around each group's tables,
 * in the group's colour. Drawn in the viewport's coordinates and never hit by the pointer, so moving, selecting
 * and connecting tables work as without it.
 */
import { ViewportPortal } from '@xyflow/react';
import { memo } from 'react';
import type { Design, DesignLayout } from '../../../../shared/design';
import { tableKey } from '../../../../shared/design';
import { NODE_WIDTH, nodeHeight } from './geometry';

/** Space between a group's frame and its tables. */
export const GROUP_PADDING = 16;

export interface GroupBox {
  name: string;
  color: string | null;
  note: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Each group's frame: around the tables of it that are placed and shown; a group with none has no frame. */
export function groupBoxes(design: Design, layout: DesignLayout, visible: ReadonlySet<string> | null): GroupBox[] {
  const byKey = new Map(design.tables.map((t) => [tableKey(t), t]));
  const boxes: GroupBox[] = [];
  for (const group of design.groups ?? []) {
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    for (const key of group.tables) {
      const table = byKey.get(key);
      const at = layout.tables[key];
      if (!table || !at || (visible !== null && !visible.has(key))) continue;
      left = Math.min(left, at.x);
      top = Math.min(top, at.y);
      right = Math.max(right, at.x + NODE_WIDTH);
      bottom = Math.max(bottom, at.y + nodeHeight(table));
    }
    if (left === Infinity) continue;
    boxes.push({
      name: group.name,
      color: group.color,
      note: group.note,
      x: left - GROUP_PADDING,
      y: top - GROUP_PADDING,
      width: right - left + 2 * GROUP_PADDING,
      height: bottom - top + 2 * GROUP_PADDING,
    });
  }
  return boxes;
}

export const DesignGroups = memo(function DesignGroups({
  design,
  layout,
  visible,
}: {
  design: Design;
  layout: DesignLayout;
  visible: ReadonlySet<string> | null;
}) {
  const boxes = groupBoxes(design, layout, visible);
  if (boxes.length === 0) return null;
  return (
    <ViewportPortal>
      {boxes.map((box) => (
        <div
          key={box.name}
          className="design-group"
          role="group"
          aria-label={`Table group ${box.name}`}
          title={box.note ?? undefined}
          style={{
            transform: `translate(${box.x}px, ${box.y}px)`,
            width: box.width,
            height: box.height,
            ...(box.color === null ? {} : { borderColor: box.color }),
          }}
        >
          <span className="design-group-name" style={box.color === null ? undefined : { color: box.color }}>
            {box.name}
          </span>
        </div>
      ))}
    </ViewportPortal>
  );
});
