/**
 * The auto-layout itself, apart from where it runs: the app runs it in a web worker (auto-layout.worker.ts), tests
 * run it in Node. ELK is passed in, so both use the same `elkjs/lib/elk.bundled.js`.
 */
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { tableKey, type Design, type DesignLayout } from '../../../../../shared/design';
import { NODE_SPACING, NODE_WIDTH, nodeSize } from '../geometry';

export type LayoutMode = 'all' | 'new';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

// https://eclipse.dev/elk/reference/algorithms/org-eclipse-elk-layered.html
const LAYERED_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': String(NODE_SPACING),
  'elk.layered.spacing.nodeNodeBetweenLayers': String(NODE_SPACING * 1.5),
  'elk.spacing.componentComponent': String(NODE_SPACING),
  'elk.edgeRouting': 'ORTHOGONAL',
  // tables without relations are packed in rows instead of one tall column
  'elk.separateConnectedComponents': 'true',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
};

/** FK edges between tables of the design, by table key (self references and references out of the design left out). */
export function relationEdges(design: Design): { from: string; to: string }[] {
  const keys = new Set(design.tables.map(tableKey));
  const edges: { from: string; to: string }[] = [];
  for (const table of design.tables) {
    const from = tableKey(table);
    for (const fk of table.foreignKeys) {
      const to = tableKey({ schema: fk.refSchema ?? table.schema, name: fk.refTable });
      if (to !== from && keys.has(to)) edges.push({ from, to });
    }
  }
  return edges;
}

/** Positions the design's tables; `new` leaves every table the layout already places where it is. */
export async function layoutDesign(
  elk: ELK,
  design: Design,
  layout: DesignLayout,
  mode: LayoutMode,
): Promise<DesignLayout> {
  const sizes = new Map(design.tables.map((table) => [tableKey(table), nodeSize(table)]));
  const edges = relationEdges(design);
  const placed = new Map<string, Rect>();
  if (mode === 'new') {
    for (const [key, size] of sizes) {
      const at = layout.tables[key];
      if (at) placed.set(key, { x: at.x, y: at.y, ...size });
    }
  }
  const unplaced = [...sizes.keys()].filter((key) => !placed.has(key));
  if (unplaced.length === 0) return layout;

  const positions = new Map<string, { x: number; y: number }>();
  if (placed.size === 0) {
    for (const [key, at] of await elkPositions(elk, unplaced, sizes, edges)) positions.set(key, at);
  } else {
    placeNearRelated(unplaced, sizes, edges, placed, positions);
    const rest = unplaced.filter((key) => !positions.has(key));
    if (rest.length > 0) {
      // tables with no placed relation: laid out together, below everything already on the canvas
      const block = await elkPositions(elk, rest, sizes, edges);
      const bounds = boundsOf([...placed.values()]);
      for (const [key, at] of block)
        positions.set(key, { x: bounds.x + at.x, y: bounds.y + bounds.height + NODE_SPACING * 2 + at.y });
    }
  }

  const tables = { ...layout.tables };
  for (const [key, at] of positions) tables[key] = { ...tables[key], x: Math.round(at.x), y: Math.round(at.y) };
  return { ...layout, tables };
}

async function elkPositions(
  elk: ELK,
  keys: string[],
  sizes: Map<string, { width: number; height: number }>,
  edges: { from: string; to: string }[],
): Promise<Map<string, { x: number; y: number }>> {
  const inGraph = new Set(keys);
  // node ids are indexes: table keys may hold any character
  const index = new Map(keys.map((key, i) => [key, `n${i}`]));
  const graphEdges: ElkExtendedEdge[] = edges
    .filter((edge) => inGraph.has(edge.from) && inGraph.has(edge.to))
    .map((edge, i) => ({ id: `e${i}`, sources: [index.get(edge.to)!], targets: [index.get(edge.from)!] }));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: LAYERED_OPTIONS,
    children: keys.map((key) => ({ id: index.get(key)!, ...sizes.get(key)! })),
    edges: graphEdges,
  };
  const result = await elk.layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  const byId = new Map(keys.map((key) => [index.get(key)!, key]));
  for (const child of result.children ?? []) positions.set(byId.get(child.id)!, { x: child.x ?? 0, y: child.y ?? 0 });
  return positions;
}

/**
 * Places each unplaced table that has a placed relation (directly, or through tables placed before it) beside it:
 * right of a table it references, left of one that references it, in the nearest free spot.
 */
function placeNearRelated(
  unplaced: string[],
  sizes: Map<string, { width: number; height: number }>,
  edges: { from: string; to: string }[],
  placed: Map<string, Rect>,
  positions: Map<string, { x: number; y: number }>,
): void {
  const occupied = [...placed.values()];
  const where = new Map(placed);
  let progress = true;
  while (progress) {
    progress = false;
    for (const key of unplaced) {
      if (where.has(key)) continue;
      const anchor = anchorFor(key, edges, where);
      if (!anchor) continue;
      const size = sizes.get(key)!;
      const spot = freeSpot(anchor, size, occupied);
      const rect = { ...spot, ...size };
      occupied.push(rect);
      where.set(key, rect);
      positions.set(key, spot);
      progress = true;
    }
  }
}

/** Where a table would ideally go, from the placed tables it is related to; null when it has none. */
function anchorFor(
  key: string,
  edges: { from: string; to: string }[],
  where: Map<string, Rect>,
): { x: number; y: number } | null {
  let x = 0;
  let y = 0;
  let count = 0;
  for (const edge of edges) {
    // the referencing table sits right of the table it references (as ELK lays them out)
    const other = edge.from === key ? edge.to : edge.to === key ? edge.from : null;
    const rect = other === null ? undefined : where.get(other);
    if (!rect) continue;
    x += edge.from === key ? rect.x + rect.width + NODE_SPACING * 1.5 : rect.x - NODE_WIDTH - NODE_SPACING * 1.5;
    y += rect.y;
    count++;
  }
  return count === 0 ? null : { x: x / count, y: y / count };
}

const STEP_X = NODE_WIDTH + NODE_SPACING;
const STEP_Y = NODE_SPACING;
const MAX_RING = 60;

/** The free spot nearest to `anchor` (searched ring by ring on a grid around it) that keeps the spacing. */
function freeSpot(
  anchor: { x: number; y: number },
  size: { width: number; height: number },
  occupied: Rect[],
): { x: number; y: number } {
  for (let ring = 0; ring <= MAX_RING; ring++) {
    const candidates: { x: number; y: number; distance: number }[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const x = anchor.x + i * STEP_X;
        const y = anchor.y + j * STEP_Y;
        candidates.push({ x, y, distance: Math.hypot(i * STEP_X, j * STEP_Y) });
      }
    }
    candidates.sort((a, b) => a.distance - b.distance);
    for (const candidate of candidates) {
      if (!occupied.some((rect) => overlaps({ ...candidate, ...size }, rect, NODE_SPACING / 2))) return candidate;
    }
  }
  // nowhere near: below everything
  const bounds = boundsOf(occupied);
  return { x: bounds.x, y: bounds.y + bounds.height + NODE_SPACING };
}

export function overlaps(a: Rect, b: Rect, margin = 0): boolean {
  return (
    a.x < b.x + b.width + margin &&
    b.x < a.x + a.width + margin &&
    a.y < b.y + b.height + margin &&
    b.y < a.y + a.height + margin
  );
}

function boundsOf(rects: Rect[]): Rect {
  if (rects.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const minX = Math.min(...rects.map((r) => r.x));
  const minY = Math.min(...rects.map((r) => r.y));
  const maxX = Math.max(...rects.map((r) => r.x + r.width));
  const maxY = Math.max(...rects.map((r) => r.y + r.height));
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
