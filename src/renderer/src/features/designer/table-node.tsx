import { Handle, Position, useStore, type NodeProps, type ReactFlowState } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { columnRowCenter, NODE_HEADER_HEIGHT } from './geometry';
import type { TableNode as TableNodeType } from './design-graph';

/** Below this zoom the column rows are unreadable: a table draws its name and the handles its edges use only. */
const FAR_ZOOM = 0.45;
const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

/** Handles on both sides of a column's row (an edge leaves from the side facing the other table). */
function ColumnHandles({ column, index }: { column: string; index: number }) {
  const top = columnRowCenter(index);
  return (
    <>
      <Handle type="source" id={`${column}:L`} position={Position.Left} className="design-handle" style={{ top }} />
      <Handle type="source" id={`${column}:R`} position={Position.Right} className="design-handle" style={{ top }} />
    </>
  );
}

/**
 * A table on the canvas: its name, then one row per column with its marks (PK, FK, unique, nullable) and type.
 * Each row has a handle on both sides; dragging from one to another table's column makes a foreign key. Every
 * value is rendered as text.
 */
function TableNodeView({ data, selected }: NodeProps<TableNodeType>) {
  const { table, fkColumns, linked, mark, columnMarks, hit } = data;
  // a node re-renders only when the zoom crosses the threshold, not on every zoom step
  const far = useStore(isFar);
  if (far) {
    return (
      <div
        className={`design-node design-node-far${selected ? ' design-node-selected' : ''}${mark ? ` design-node-${mark}` : ''}`}
        data-testid="design-node"
        data-table={table.name}
      >
        <div className="design-node-header" style={headerStyle(table.headerColor)}>
          <span className="design-node-name">{table.name}</span>
        </div>
        {linked.map((column) => {
          const index = table.columns.findIndex((c) => c.name === column);
          return index < 0 ? null : <ColumnHandles key={column} column={column} index={index} />;
        })}
      </div>
    );
  }
  return (
    <div
      className={`design-node${selected ? ' design-node-selected' : ''}${mark ? ` design-node-${mark}` : ''}`}
      data-testid="design-node"
      data-table={table.name}
    >
      <div
        className={`design-node-header${hit === '' ? ' design-hit' : ''}`}
        style={headerStyle(table.headerColor)}
        title={table.note ?? undefined}
      >
        {table.schema !== null && <span className="design-node-schema">{table.schema}.</span>}
        <span className="design-node-name">{table.name}</span>
        {mark && <span className={`design-mark design-mark-${mark}`}>{mark}</span>}
      </div>
      {table.columns.length === 0 && <div className="design-row design-row-empty">no columns</div>}
      {table.columns.map((column, index) => {
        const pk = table.primaryKey.includes(column.name);
        const fk = fkColumns.includes(column.name);
        const columnMark = columnMarks?.[column.name];
        return (
          <div
            key={column.name}
            className={`design-row${hit === column.name ? ' design-hit' : ''}${columnMark ? ` design-row-${columnMark}` : ''}`}
            data-testid="design-column"
            data-column={column.name}
            title={column.note ?? undefined}
          >
            <span className="design-row-marks">
              {pk && (
                <span className="design-badge design-badge-pk" title="Primary key">
                  PK
                </span>
              )}
              {fk && (
                <span className="design-badge design-badge-fk" title="Foreign key">
                  FK
                </span>
              )}
              {column.unique && !pk && (
                <span className="design-badge" title="Unique">
                  U
                </span>
              )}
            </span>
            <span className="design-row-name">{column.name}</span>
            <span className="design-row-type">
              {column.type}
              {column.nullable ? (
                <span className="design-null" title="Nullable">
                  ?
                </span>
              ) : null}
            </span>
            <ColumnHandles column={column.name} index={index} />
          </div>
        );
      })}
    </div>
  );
}

export const TableNodeComponent = memo(TableNodeView);

/** The header's height, and its DBML `headercolor` as a stripe along the top (readable in both themes). */
function headerStyle(color: string | undefined): CSSProperties {
  return color === undefined
    ? { height: NODE_HEADER_HEIGHT }
    : { height: NODE_HEADER_HEIGHT, boxShadow: `inset 0 4px 0 ${color}` };
}
