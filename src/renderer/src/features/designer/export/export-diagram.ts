/**
 * The whole diagram as an image, drawn from the model and the layout with the canvas's geometry, not from the DOM:
 * the canvas renders only what is on screen, the export has every table. Names come from files and databases, so
 * every text goes through `xml()`; nothing is ever parsed as markup.
 */
import {
  tableKey,
  type Design,
  type DesignLayout,
  type DesignManyToMany,
  type DesignTable,
} from '../../../../../shared/design';
import {
  NODE_HEADER_HEIGHT,
  NODE_ROW_HEIGHT,
  NODE_SPACING,
  NODE_WIDTH,
  columnRowCenter,
  nodeHeight,
} from '../geometry';

export type DiagramTheme = 'light' | 'dark';

interface Palette {
  background: string;
  node: string;
  header: string;
  headerText: string;
  border: string;
  text: string;
  muted: string;
  key: string;
  line: string;
  group: string;
}

// the app's theme variables (app/theme.css), written out: the SVG stands alone
const PALETTES: Record<DiagramTheme, Palette> = {
  dark: {
    background: '#1b1d22',
    node: '#25282f',
    header: '#343842',
    headerText: '#d9dde4',
    border: '#4a505c',
    text: '#d9dde4',
    muted: '#8c94a1',
    key: '#e5b045',
    line: '#6cb6ff',
    group: 'rgba(76, 141, 255, 0.08)',
  },
  light: {
    background: '#ffffff',
    node: '#ffffff',
    header: '#eef0f3',
    headerText: '#1f2329',
    border: '#b9bec7',
    text: '#1f2329',
    muted: '#626b78',
    key: '#8a5700',
    line: '#2463eb',
    group: 'rgba(36, 99, 235, 0.06)',
  },
};

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";
const MONO = "ui-monospace, 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace";
const MARGIN = 40;
const GROUP_PADDING = 24;
/** Characters that fit in a row beside the marks (12 px text): longer names end in an ellipsis, full in a title. */
const NAME_CHARS = 22;
const TYPE_CHARS = 14;
const HEADER_CHARS = 30;

interface Box {
  table: DesignTable;
  key: string;
  x: number;
  y: number;
  height: number;
}

/** Escapes text for an XML text node or a quoted attribute; drops characters XML 1.0 cannot hold at all. */
export function xml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these control characters even escaped
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function clip(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

/** Where each table is drawn: its layout position, or a row below the diagram for tables not placed yet. */
function boxesOf(design: Design, layout: DesignLayout): Box[] {
  const boxes: Box[] = [];
  const unplaced: DesignTable[] = [];
  for (const table of design.tables) {
    const at = layout.tables[tableKey(table)];
    if (at) boxes.push({ table, key: tableKey(table), x: at.x, y: at.y, height: nodeHeight(table) });
    else unplaced.push(table);
  }
  const bottom = boxes.length === 0 ? 0 : Math.max(...boxes.map((b) => b.y + b.height)) + NODE_SPACING;
  const left = boxes.length === 0 ? 0 : Math.min(...boxes.map((b) => b.x));
  unplaced.forEach((table, i) => {
    boxes.push({
      table,
      key: tableKey(table),
      x: left + i * (NODE_WIDTH + NODE_SPACING),
      y: bottom,
      height: nodeHeight(table),
    });
  });
  return boxes;
}

/** The whole diagram (not the visible area) as a standalone SVG document. */
export function diagramSvg(design: Design, layout: DesignLayout, theme: DiagramTheme): string {
  const colors = PALETTES[theme];
  const boxes = boxesOf(design, layout);
  const byKey = new Map(boxes.map((box) => [box.key, box]));
  const groups = layout.groups
    .map((group) => ({ group, members: group.tables.flatMap((key) => byKey.get(key) ?? []) }))
    .filter(({ members }) => members.length > 0)
    .map(({ group, members }) => {
      const x = Math.min(...members.map((b) => b.x)) - GROUP_PADDING;
      const y = Math.min(...members.map((b) => b.y)) - GROUP_PADDING - 18;
      const right = Math.max(...members.map((b) => b.x + NODE_WIDTH)) + GROUP_PADDING;
      const bottom = Math.max(...members.map((b) => b.y + b.height)) + GROUP_PADDING;
      return { name: group.name, color: group.color, x, y, width: right - x, height: bottom - y };
    });

  const rects = [...boxes.map((b) => ({ x: b.x, y: b.y, width: NODE_WIDTH, height: b.height })), ...groups];
  const minX = rects.length === 0 ? 0 : Math.min(...rects.map((r) => r.x)) - MARGIN;
  const minY = rects.length === 0 ? 0 : Math.min(...rects.map((r) => r.y)) - MARGIN;
  const maxX = rects.length === 0 ? 2 * MARGIN : Math.max(...rects.map((r) => r.x + r.width)) + MARGIN;
  const maxY = rects.length === 0 ? 2 * MARGIN : Math.max(...rects.map((r) => r.y + r.height)) + MARGIN;
  const width = Math.ceil(maxX - minX);
  const height = Math.ceil(maxY - minY);

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" ` +
      `viewBox="${minX} ${minY} ${width} ${height}" font-family="${xml(FONT)}" font-size="12">`,
    `<rect x="${minX}" y="${minY}" width="${width}" height="${height}" fill="${colors.background}"/>`,
  ];
  for (const group of groups) {
    const stroke = group.color ?? colors.border;
    out.push(
      `<g class="group"><rect x="${group.x}" y="${group.y}" width="${group.width}" height="${group.height}" rx="8" ` +
        `fill="${colors.group}" stroke="${stroke}" stroke-dasharray="6 4"/>` +
        `<text x="${group.x + 10}" y="${group.y + 16}" fill="${colors.muted}" font-weight="600">${xml(group.name)}</text></g>`,
    );
  }
  out.push(`<g class="relations" fill="none" stroke="${colors.line}" stroke-width="1.5">`);
  for (const box of boxes) {
    for (const fk of box.table.foreignKeys) {
      const target = byKey.get(tableKey({ schema: fk.refSchema ?? box.table.schema, name: fk.refTable }));
      if (target) out.push(relationPath(box, fk, target));
    }
  }
  for (const ref of design.manyToMany ?? []) {
    const from = byKey.get(tableKey({ schema: ref.schema, name: ref.table }));
    const to = byKey.get(tableKey({ schema: ref.refSchema, name: ref.refTable }));
    if (from && to) out.push(manyToManyPath(from, ref, to));
  }
  out.push('</g>');
  for (const box of boxes) out.push(tableNode(box, layout.tables[box.key]?.color, colors));
  out.push('</svg>');
  return out.join('\n');
}

function tableNode(box: Box, color: string | undefined, colors: Palette): string {
  const { table, x, y, height } = box;
  const pk = new Set(table.primaryKey);
  const fkColumns = new Set(table.foreignKeys.flatMap((fk) => fk.columns));
  const title = table.schema === null ? table.name : `${table.schema}.${table.name}`;
  const parts = [
    `<g class="table" data-table="${xml(box.key)}">`,
    `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${height}" rx="6" fill="${colors.node}" stroke="${colors.border}"/>`,
    `<path d="M${x} ${y + NODE_HEADER_HEIGHT}V${y + 6}a6 6 0 0 1 6 -6H${x + NODE_WIDTH - 6}a6 6 0 0 1 6 6V${y + NODE_HEADER_HEIGHT}Z" ` +
      `fill="${color ?? colors.header}"/>`,
    `<text x="${x + 10}" y="${y + NODE_HEADER_HEIGHT / 2 + 4}" fill="${color ? '#ffffff' : colors.headerText}" ` +
      `font-weight="600" font-size="13">${titled(title, HEADER_CHARS)}</text>`,
  ];
  table.columns.forEach((column, i) => {
    const rowY = y + columnRowCenter(i);
    const marks = [pk.has(column.name) ? 'PK' : '', fkColumns.has(column.name) ? 'FK' : ''].filter(Boolean).join(' ');
    parts.push(
      `<g class="column" data-column="${xml(column.name)}">` +
        (marks
          ? `<text x="${x + 8}" y="${rowY + 4}" fill="${colors.key}" font-size="9" font-weight="700">${marks}</text>`
          : '') +
        `<text x="${x + 40}" y="${rowY + 4}" fill="${colors.text}"${pk.has(column.name) ? ' font-weight="600"' : ''}>` +
        `${titled(column.name, NAME_CHARS)}</text>` +
        `<text x="${x + NODE_WIDTH - 8}" y="${rowY + 4}" fill="${colors.muted}" font-family="${xml(MONO)}" font-size="11" ` +
        `text-anchor="end">${titled(column.type, TYPE_CHARS)}</text></g>`,
    );
    if (i > 0) {
      const lineY = y + NODE_HEADER_HEIGHT + i * NODE_ROW_HEIGHT;
      parts.push(`<path d="M${x + 1} ${lineY}H${x + NODE_WIDTH - 1}" stroke="${colors.border}" stroke-opacity="0.4"/>`);
    }
  });
  parts.push('</g>');
  return parts.join('');
}

/** Escaped text, clipped to `chars` with the full text kept in a <title> (shown on hover, found by search). */
function titled(text: string, chars: number): string {
  return text.length > chars ? `<title>${xml(text)}</title>${xml(clip(text, chars))}` : xml(text);
}

interface Line {
  x1: number;
  y1: number;
  d1: number;
  x2: number;
  y2: number;
  d2: number;
  /** The curve from one column's row to the other's. */
  path: string;
}

/** A line from a column's row to another's, leaving each table on the side facing the other. */
function lineBetween(from: Box, column: string | undefined, to: Box, refColumn: string | undefined): Line {
  const fromRow = Math.max(
    0,
    from.table.columns.findIndex((c) => c.name === column),
  );
  const toRow = Math.max(
    0,
    to.table.columns.findIndex((c) => c.name === refColumn),
  );
  const y1 = from.y + columnRowCenter(fromRow);
  const y2 = to.y + columnRowCenter(toRow);
  const self = from === to;
  const fromRight = self || to.x + NODE_WIDTH / 2 > from.x + NODE_WIDTH / 2;
  const toRight = self ? true : !fromRight;
  const x1 = fromRight ? from.x + NODE_WIDTH : from.x;
  const x2 = toRight ? to.x + NODE_WIDTH : to.x;
  const d1 = fromRight ? 1 : -1;
  const d2 = toRight ? 1 : -1;
  const reach = self ? 40 : Math.max(30, Math.abs(x2 - x1) / 2);
  const path = `M${x1} ${y1}C${x1 + d1 * reach} ${y1} ${x2 + d2 * reach} ${y2} ${x2} ${y2}`;
  return { x1, y1, d1, x2, y2, d2, path };
}

/**
 * The line of a foreign key: from the referencing column's row to the referenced column's row, with crow's-foot
 * ends (many, zero-or-many on the referencing side; one, or zero-or-one when the FK columns may be NULL, on the
 * referenced side).
 */
function relationPath(from: Box, fk: DesignTable['foreignKeys'][number], to: Box): string {
  const { x1, y1, d1, x2, y2, d2, path } = lineBetween(from, fk.columns[0], to, fk.refColumns[0]);
  const nullable = fk.columns.some((name) => from.table.columns.find((c) => c.name === name)?.nullable ?? false);
  const unique =
    sameColumns(fk.columns, from.table.primaryKey) ||
    (fk.columns.length === 1 && from.table.columns.find((c) => c.name === fk.columns[0])?.unique === true) ||
    from.table.indexes.some((index) => index.unique && sameColumns(index.columns, fk.columns));
  const line =
    `<path d="${path}"/>` + end(x1, y1, d1, unique ? 'one' : 'many', true) + end(x2, y2, d2, 'one', nullable);
  return `<g class="relation">${line}</g>`;
}

/** The line of a many-to-many (`<>`) reference: dashed (no foreign key behind it), many at both ends. */
function manyToManyPath(from: Box, ref: DesignManyToMany, to: Box): string {
  const { x1, y1, d1, x2, y2, d2, path } = lineBetween(from, ref.columns[0], to, ref.refColumns[0]);
  const line =
    `<path d="${path}" stroke-dasharray="6 4"/>` + end(x1, y1, d1, 'many', true) + end(x2, y2, d2, 'many', true);
  return `<g class="relation many-to-many">${line}</g>`;
}

function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((name) => b.includes(name));
}

/** A crow's-foot end at (x, y) leaving in direction d (1: to the right): many or one, optional (circle) or not (bar). */
function end(x: number, y: number, d: number, cardinality: 'one' | 'many', optional: boolean): string {
  const parts: string[] = [];
  if (cardinality === 'many') parts.push(`<path d="M${x} ${y - 7}L${x + d * 12} ${y}L${x} ${y + 7}"/>`);
  else parts.push(`<path d="M${x + d * 8} ${y - 6}V${y + 6}"/>`);
  if (optional) parts.push(`<circle cx="${x + d * 19}" cy="${y}" r="4" fill="none"/>`);
  else parts.push(`<path d="M${x + d * 15} ${y - 6}V${y + 6}"/>`);
  return parts.join('');
}

/** The largest canvas browsers draw reliably (Chromium: 16,384 px a side, ~268 M pixels; kept well under). */
const MAX_SIDE = 16_384;
const MAX_PIXELS = 100_000_000;

/** The whole diagram as a PNG image (twice the canvas resolution, less where the diagram is too big for that). */
export async function diagramPng(design: Design, layout: DesignLayout, theme: DiagramTheme): Promise<Blob> {
  const svg = diagramSvg(design, layout, theme);
  const size = /width="(\d+)" height="(\d+)"/.exec(svg);
  const width = Number(size?.[1] ?? 1);
  const height = Number(size?.[2] ?? 1);
  const scale = Math.min(2, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_PIXELS / (width * height)));
  const image = new Image();
  // a data: URL, which the page's CSP allows for images (blob: it does not)
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.floor(width * scale));
  canvas.height = Math.max(1, Math.floor(height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('Could not draw the diagram: the browser gave no 2D canvas.');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('Could not encode the diagram as PNG: it may be too large.'))),
      'image/png',
    ),
  );
}
