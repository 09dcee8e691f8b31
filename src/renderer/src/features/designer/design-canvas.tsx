import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  ConnectionMode,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type Edge,
  type NodeChange,
  type OnSelectionChangeFunc,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { tableKey } from '../../../../shared/design';
import type { DesignDoc } from '../../stores/designer.store';
import { addForeignKey, deleteForeignKey, deleteTables, findTable, moveTables } from '../../stores/design-edits';
import { stores, useUi } from '../../stores/app-stores';
import { buildEdges, buildNodes, type NodeCache, type TableNode } from './design-graph';
import { DesignGroups } from './design-groups';
import { TableNodeComponent } from './table-node';

const nodeTypes = { table: TableNodeComponent };

/** The column a handle id names (`email:L` → `email`). */
const handleColumn = (handle: string | null | undefined) => (handle ?? '').replace(/:[LR]$/, '');

export interface DesignCanvasProps {
  path: string;
  doc: DesignDoc;
  /** Focus mode: only these tables are shown. */
  visible: ReadonlySet<string> | null;
  hit: { key: string; column: string } | null;
}

/**
 * The React Flow canvas of a design: tables as nodes, foreign keys (and dashed many-to-many references) as edges
 * with crow's-foot ends. Moves, selection, new foreign keys (drag between column handles) and deletes go to the
 * designer store as undoable edits.
 */
export function DesignCanvas({ path, doc, visible, hit }: DesignCanvasProps) {
  const theme = useUi((s) => s.theme);
  const markerBase = `design-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const markers = useMemo(() => ({ one: `${markerBase}-one`, many: `${markerBase}-many` }), [markerBase]);
  // reused between renders on purpose: the nodes of the last build, by table key
  const [cache] = useState<NodeCache>(() => new Map());
  const { design, layout, selection, overlay } = doc;
  const flow = useReactFlow();

  // focus mode on (or its table or hops changed): show what it keeps
  useEffect(() => {
    if (!visible) return;
    const frame = requestAnimationFrame(
      () => void flow.fitView({ nodes: [...visible].map((id) => ({ id })), padding: 0.2, maxZoom: 1, duration: 200 }),
    );
    return () => cancelAnimationFrame(frame);
  }, [visible, flow]);

  // a design opened before its tables had places (a schema just pulled): React Flow's own fit ran on an empty or
  // half-placed canvas, so the whole diagram is fitted once the layout worker has placed every table
  const allPlaced = design.tables.every((t) => layout.tables[tableKey(t)] !== undefined);
  const measured = useNodesInitialized();
  const awaitingPlaces = useRef(!allPlaced);
  useEffect(() => {
    if (!awaitingPlaces.current || !allPlaced || !measured) return;
    awaitingPlaces.current = false;
    requestAnimationFrame(() => void flow.fitView({ padding: 0.15, maxZoom: 1 }));
  }, [allPlaced, measured, flow]);

  const derived = useMemo(
    () => buildNodes({ design, layout, selection, overlay, visible, hit }, cache),
    [design, layout, selection, overlay, visible, hit, cache],
  );
  const edges = useMemo(() => buildEdges(design, layout, markers), [design, layout, markers]);
  // the store's nodes, with React Flow's own changes (a drag under way, selection) applied on top until committed
  const [local, setLocal] = useState({ from: derived, nodes: derived });
  if (local.from !== derived) setLocal({ from: derived, nodes: derived });
  const nodes = local.from === derived ? local.nodes : derived;

  const onNodesChange = useCallback(
    (changes: NodeChange<TableNode>[]) =>
      setLocal((current) => ({ ...current, nodes: applyNodeChanges(changes, current.nodes) })),
    [],
  );
  const onSelectionChange = useCallback<OnSelectionChangeFunc>(
    ({ nodes: picked }) =>
      stores.designer.getState().select(
        path,
        picked.map((n) => n.id),
      ),
    [path],
  );
  const onNodeDragStop = useCallback(
    (_event: unknown, _node: TableNode, dragged: TableNode[]) => {
      const moves = Object.fromEntries(
        dragged.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }]),
      );
      stores.designer.getState().edit(path, (s) => moveTables(s, moves));
    },
    [path],
  );
  const onConnect = useCallback(
    (connection: Connection) => {
      const column = handleColumn(connection.sourceHandle);
      const refColumn = handleColumn(connection.targetHandle);
      stores.designer.getState().edit(path, (s) => {
        const target = findTable(s.design, connection.target);
        if (!target) return s;
        return addForeignKey(s, connection.source, {
          columns: [column],
          refSchema: target.schema,
          refTable: target.name,
          refColumns: [refColumn],
        });
      });
    },
    [path],
  );
  const isValidConnection = useCallback(
    (c: Connection | Edge) => c.source !== c.target || handleColumn(c.sourceHandle) !== handleColumn(c.targetHandle),
    [],
  );
  const onNodesDelete = useCallback(
    (deleted: TableNode[]) =>
      stores.designer.getState().edit(path, (s) =>
        deleteTables(
          s,
          deleted.map((n) => n.id),
        ),
      ),
    [path],
  );
  const onEdgesDelete = useCallback(
    (deleted: Edge[]) =>
      stores.designer.getState().edit(path, (s) => {
        // only foreign-key edges carry data (many-to-many ones are not deletable); highest index first, so the
        // others keep theirs
        const gone = deleted
          .flatMap((e) => (e.data ? [e.data as { table: string; index: number }] : []))
          .sort((a, b) => b.index - a.index);
        return gone.reduce((state, fk) => deleteForeignKey(state, fk.table, fk.index), s);
      }),
    [path],
  );

  return (
    <div className="design-canvas" data-testid="design-canvas">
      <svg className="design-markers" aria-hidden="true">
        <defs>
          {/* drawn for the end of a path pointing right; at the start they are turned round */}
          <marker
            id={markers.one}
            viewBox="0 0 20 20"
            refX="20"
            refY="10"
            markerWidth="20"
            markerHeight="20"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path className="design-marker" d="M 11 3 V 17 M 15 3 V 17" />
          </marker>
          <marker
            id={markers.many}
            viewBox="0 0 20 20"
            refX="20"
            refY="10"
            markerWidth="20"
            markerHeight="20"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path className="design-marker" d="M 8 3 V 17 M 10 10 L 20 2 M 10 10 L 20 18 M 10 10 L 20 10" />
          </marker>
        </defs>
      </svg>
      <ReactFlow<TableNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onSelectionChange={onSelectionChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodesDelete={onNodesDelete}
        onEdgesDelete={onEdgesDelete}
        connectionMode={ConnectionMode.Loose}
        deleteKeyCode={['Delete', 'Backspace']}
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        onlyRenderVisibleElements
        minZoom={0.05}
        maxZoom={2}
        colorMode={theme === 'light' ? 'light' : 'dark'}
        proOptions={{ hideAttribution: true }}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <DesignGroups design={design} layout={layout} visible={visible} />
        {nodes.length > 0 && (
          <MiniMap
            pannable
            zoomable
            nodeClassName="design-minimap-node"
            ariaLabel="Overview of the diagram"
            style={{ width: 160, height: 110 }}
          />
        )}
      </ReactFlow>
    </div>
  );
}
