/**
 * The design as React Flow nodes and edges. Node objects are reused while their table, position and marks stay
 * the same, so an edit re-renders only the nodes it touched (500 tables stay smooth).
 */
import type { Edge, Node } from '@xyflow/react';
import type { SchemaChange } from '../../../../shared/contract/designer.contract';
import type { Design, DesignLayout, DesignTable } from '../../../../shared/design';
import { tableKey } from '../../../../shared/design';
import { isOneToOne, referencedKey } from '../../stores/design-edits';
import { NODE_WIDTH, nodeHeight } from './geometry';

export type ChangeMark = 'added' | 'altered';

export interface TableNodeData extends Record<string, unknown> {
  table: DesignTable;
  /** Columns that are part of a foreign key of this table. */
  fkColumns: readonly string[];
  /** Columns an edge starts or ends at (the only handles drawn when zoomed far out). */
  linked: readonly string[];
  /** The table's mark in the comparison overlay. */
  mark: ChangeMark | null;
  /** Column marks in the comparison overlay. */
  columnMarks: Readonly<Record<string, ChangeMark>> | null;
  /** The column the search found ('' for the table's name), shown highlighted. */
  hit: string | null;
}

export type TableNode = Node<TableNodeData, 'table'>;

/** The overlay's marks by table key, and the tables it drops (they are not on the canvas). */
export function overlayMarks(changes: readonly SchemaChange[] | null): {
  tables: Map<string, ChangeMark>;
  columns: Map<string, Record<string, ChangeMark>>;
  dropped: string[];
} {
  const tables = new Map<string, ChangeMark>();
  const columns = new Map<string, Record<string, ChangeMark>>();
  const dropped: string[] = [];
  for (const change of changes ?? []) {
    if (change.kind === 'dropTable') {
      dropped.push(change.table);
      continue;
    }
    if (change.kind === 'addTable') {
      tables.set(change.table, 'added');
      continue;
    }
    if (tables.get(change.table) !== 'added') tables.set(change.table, 'altered');
    if (
      change.item &&
      (change.kind === 'addColumn' || change.kind === 'alterColumn' || change.kind === 'renameColumn')
    ) {
      const marks = columns.get(change.table) ?? {};
      marks[change.item] = change.kind === 'addColumn' ? 'added' : 'altered';
      columns.set(change.table, marks);
    }
  }
  return { tables, columns, dropped };
}

export interface NodeInputs {
  design: Design;
  layout: DesignLayout;
  selection: readonly string[];
  overlay: readonly SchemaChange[] | null;
  /** Only these tables are shown (focus mode); null shows all. */
  visible: ReadonlySet<string> | null;
  hit: { key: string; column: string } | null;
}

/** A cache of the last nodes by key: a node whose inputs did not change is the same object. */
export type NodeCache = Map<string, TableNode>;

export function buildNodes(inputs: NodeInputs, cache: NodeCache): TableNode[] {
  const { tables, columns } = overlayMarks(inputs.overlay);
  const selected = new Set(inputs.selection);
  const linkedBy = new Map<string, Set<string>>();
  const link = (key: string, columns: readonly string[]) => {
    const set = linkedBy.get(key) ?? new Set<string>();
    for (const c of columns) set.add(c);
    linkedBy.set(key, set);
  };
  for (const table of inputs.design.tables)
    for (const fk of table.foreignKeys) {
      link(tableKey(table), fk.columns.slice(0, 1));
      link(referencedKey(fk, table), fk.refColumns.slice(0, 1));
    }
  for (const ref of inputs.design.manyToMany ?? []) {
    link(tableKey({ schema: ref.schema, name: ref.table }), ref.columns.slice(0, 1));
    link(tableKey({ schema: ref.refSchema, name: ref.refTable }), ref.refColumns.slice(0, 1));
  }
  const nodes: TableNode[] = [];
  const next: NodeCache = new Map();
  for (const table of inputs.design.tables) {
    const key = tableKey(table);
    const at = inputs.layout.tables[key] ?? { x: 0, y: 0 };
    const mark = tables.get(key) ?? null;
    const columnMarks = columns.get(key) ?? null;
    const hit = inputs.hit?.key === key ? inputs.hit.column : null;
    const hidden = inputs.visible !== null && !inputs.visible.has(key);
    const isSelected = selected.has(key);
    const linked = [...(linkedBy.get(key) ?? [])];
    const old = cache.get(key);
    const same =
      old &&
      old.data.table === table &&
      old.position.x === at.x &&
      old.position.y === at.y &&
      old.data.mark === mark &&
      old.data.columnMarks === columnMarks &&
      old.data.hit === hit &&
      old.data.linked.join('\u0000') === linked.join('\u0000') &&
      (old.hidden ?? false) === hidden &&
      (old.selected ?? false) === isSelected;
    const node: TableNode = same
      ? old
      : {
          id: key,
          type: 'table',
          position: { x: at.x, y: at.y },
          width: NODE_WIDTH,
          height: nodeHeight(table),
          selected: isSelected,
          hidden,
          data: {
            table,
            fkColumns: old?.data.table === table ? old.data.fkColumns : table.foreignKeys.flatMap((fk) => fk.columns),
            linked,
            mark,
            columnMarks,
            hit,
          },
        };
    next.set(key, node);
    nodes.push(node);
  }
  cache.clear();
  for (const [key, node] of next) cache.set(key, node);
  return nodes;
}

/** The handle sides of a line from one table to another: each leaves on the side facing the other. */
function sides(layout: DesignLayout, from: string, to: string): { source: 'L' | 'R'; target: 'L' | 'R' } {
  const a = layout.tables[from] ?? { x: 0, y: 0 };
  const b = layout.tables[to] ?? { x: 0, y: 0 };
  // tables one above the other link on their left sides; a table linked to itself loops on its right
  if (from === to) return { source: 'R', target: 'R' };
  if (Math.abs(a.x - b.x) < NODE_WIDTH) return { source: 'L', target: 'L' };
  return a.x < b.x ? { source: 'R', target: 'L' } : { source: 'L', target: 'R' };
}

/**
 * One edge per foreign key, from the referencing column to the referenced one, with crow's-foot ends; and one dashed
 * edge per many-to-many (`<>`) reference, many at both ends. Those have no foreign key behind them, so they cannot
 * be deleted on the canvas (onEdgesDelete reads `data` as a foreign key).
 */
export function buildEdges(design: Design, layout: DesignLayout, markerIds: { one: string; many: string }): Edge[] {
  const keys = new Set(design.tables.map(tableKey));
  const edges: Edge[] = [];
  for (const table of design.tables) {
    const from = tableKey(table);
    table.foreignKeys.forEach((fk, index) => {
      const to = referencedKey(fk, table);
      if (!keys.has(to)) return;
      const side = sides(layout, from, to);
      edges.push({
        id: `${from}#fk${index}`,
        source: from,
        target: to,
        sourceHandle: `${fk.columns[0] ?? ''}:${side.source}`,
        targetHandle: `${fk.refColumns[0] ?? ''}:${side.target}`,
        type: 'smoothstep',
        markerStart: isOneToOne(fk, table) ? markerIds.one : markerIds.many,
        markerEnd: markerIds.one,
        className: 'design-edge',
        ariaLabel: `${from}.${fk.columns.join(', ')} references ${to}.${fk.refColumns.join(', ')}`,
        data: { table: from, index },
      });
    });
  }
  (design.manyToMany ?? []).forEach((ref, index) => {
    const from = tableKey({ schema: ref.schema, name: ref.table });
    const to = tableKey({ schema: ref.refSchema, name: ref.refTable });
    if (!keys.has(from) || !keys.has(to)) return;
    const side = sides(layout, from, to);
    edges.push({
      id: `m2m${index}`,
      source: from,
      target: to,
      sourceHandle: `${ref.columns[0] ?? ''}:${side.source}`,
      targetHandle: `${ref.refColumns[0] ?? ''}:${side.target}`,
      type: 'smoothstep',
      markerStart: markerIds.many,
      markerEnd: markerIds.many,
      className: 'design-edge design-edge-m2m',
      deletable: false,
      ariaLabel: `${from}.${ref.columns.join(', ')} many-to-many ${to}.${ref.refColumns.join(', ')}`,
    });
  });
  return edges;
}
