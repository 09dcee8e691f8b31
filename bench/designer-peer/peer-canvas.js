/* global document */
/**
 * The peer of bench:designer: the same diagram on React Flow as its docs show it, none of the canvas's
 * optimisations — every node and edge rendered whatever the viewport (no onlyRenderVisibleElements, no simpler
 * drawing when zoomed out), a handle per column on each side, smoothstep edges between the columns' handles, node
 * sizes from the canvas's geometry; the same background dots, minimap and fit-view options as the canvas. Plain JS (createElement): the bench's TypeScript has no DOM or JSX.
 */
import { Background, BackgroundVariant, Handle, MiniMap, Position, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createElement as h, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  NODE_HEADER_HEIGHT,
  NODE_ROW_HEIGHT,
  NODE_WIDTH,
  nodeHeight,
} from '../../src/renderer/src/features/designer/geometry.ts';

const keyOf = (table) => (table.schema === null ? table.name : `${table.schema}.${table.name}`);

function TableNode({ data }) {
  const { table } = data;
  const fk = new Set(table.foreignKeys.flatMap((f) => f.columns));
  return h(
    'div',
    {
      style: {
        width: NODE_WIDTH,
        height: nodeHeight(table),
        boxSizing: 'border-box',
        background: '#25282f',
        border: '1px solid #4a505c',
        borderRadius: 6,
        color: '#d9dde4',
        font: '12px system-ui, sans-serif',
      },
    },
    h(
      'div',
      {
        style: {
          height: NODE_HEADER_HEIGHT,
          lineHeight: `${NODE_HEADER_HEIGHT}px`,
          padding: '0 10px',
          fontWeight: 600,
          background: '#343842',
        },
      },
      table.name,
    ),
    table.columns.map((column) =>
      h(
        'div',
        {
          key: column.name,
          style: {
            position: 'relative',
            height: NODE_ROW_HEIGHT,
            lineHeight: `${NODE_ROW_HEIGHT}px`,
            padding: '0 8px',
            display: 'flex',
            gap: 6,
          },
        },
        h(
          'span',
          { style: { width: 28, color: '#e5b045', fontSize: 9 } },
          [table.primaryKey.includes(column.name) ? 'PK' : '', fk.has(column.name) ? 'FK' : ''].join(' '),
        ),
        h('span', { style: { flex: 1 } }, column.name),
        h('span', { style: { color: '#8c94a1' } }, column.type),
        h(Handle, { type: 'target', position: Position.Left, id: `${column.name}:in` }),
        h(Handle, { type: 'source', position: Position.Right, id: `${column.name}:out` }),
      ),
    ),
  );
}

const nodeTypes = { table: TableNode };

async function main() {
  const { design, layout } = await (await fetch('./diagram.json')).json();
  const nodes = design.tables.map((table) => ({
    id: keyOf(table),
    type: 'table',
    position: layout.tables[keyOf(table)] ?? { x: 0, y: 0 },
    data: { table },
  }));
  const edges = design.tables.flatMap((table) =>
    table.foreignKeys.map((fk, i) => ({
      id: `${keyOf(table)}:${i}`,
      source: keyOf(table),
      sourceHandle: `${fk.columns[0]}:out`,
      target: keyOf({ schema: fk.refSchema ?? table.schema, name: fk.refTable }),
      targetHandle: `${fk.refColumns[0]}:in`,
      type: 'smoothstep',
    })),
  );
  createRoot(document.getElementById('root')).render(
    h(
      StrictMode,
      null,
      h(
        ReactFlow,
        {
          defaultNodes: nodes,
          defaultEdges: edges,
          nodeTypes,
          minZoom: 0.05,
          maxZoom: 2,
          colorMode: 'dark',
          fitView: true,
          fitViewOptions: { padding: 0.15, maxZoom: 1 },
        },
        // the canvas's background and overview, so the two differ only in how they render
        h(Background, { variant: BackgroundVariant.Dots, gap: 20, size: 1 }),
        h(MiniMap, { pannable: true, zoomable: true, style: { width: 160, height: 110 } }),
      ),
    ),
  );
}

void main();
