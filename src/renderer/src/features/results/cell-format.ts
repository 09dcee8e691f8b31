import { isBlobCell, isTextCell, type BlobCell } from '../../../../shared/domain';

export { isBlobCell, isTextCell };

export type CellKind = 'null' | 'empty' | 'number' | 'boolean' | 'json' | 'blob' | 'text';

/** Longest text a grid cell renders; the side viewer shows the whole value. */
const GRID_TEXT_LIMIT = 300;

/** Human byte size with decimal units ("1.2 kB"), like file managers show. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  do {
    value /= 1000;
    unit++;
  } while (value >= 1000 && unit < units.length - 1);
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const NUMERIC_TYPE =
  /^(?:numeric|decimal|number|money|real|double|float\d?|int[248]?|integer|bigint|smallint|tinyint|mediumint|(?:big|small)?serial)\b/;

/**
 * True for a column type whose values are numbers even when the driver sends text (PostgreSQL numeric and
 * bigint, MySQL DECIMAL): the grid right-aligns them like other numbers.
 */
export function isNumericType(dataType: string | null | undefined): boolean {
  if (!dataType) return false;
  const type = dataType.trim().toLowerCase();
  return !type.includes('[') && NUMERIC_TYPE.test(type);
}

export function cellKind(value: unknown): CellKind {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return value.length === 0 ? 'empty' : 'text';
  if (isTextCell(value)) return 'text';
  if (isBlobCell(value)) return 'blob';
  return 'json';
}

/** The one-line text a grid cell shows (newlines become ⏎ so rows keep their height). */
export function gridText(value: unknown): string {
  switch (cellKind(value)) {
    case 'null':
      return 'NULL';
    case 'empty':
      return '';
    case 'blob':
      return `BLOB ${formatBytes((value as BlobCell).size)}`;
    case 'json':
      return clip(JSON.stringify(value));
    default:
      return clip(plainText(value));
  }
}

function clip(text: string): string {
  const short = text.length > GRID_TEXT_LIMIT ? `${text.slice(0, GRID_TEXT_LIMIT)}…` : text;
  return short.replace(/\r?\n/g, ' ⏎ ').replace(/\t/g, ' ');
}

/**
 * A value as plain text for the clipboard or the viewer: NULL is empty, JSON compact, BLOBs their base64, a
 * long text (TextCell) the part the page carries.
 */
export function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (isTextCell(value)) return value.$text;
  if (isBlobCell(value)) return value.$blob;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One TSV field: quoted (Excel style) only when it contains a tab, newline or quote. */
function tsvField(value: unknown): string {
  const text = plainText(value);
  return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as tab-separated values, with an optional header line. */
export function toTsv(rows: readonly (readonly unknown[])[], header?: readonly string[]): string {
  const lines = rows.map((row) => row.map(tsvField).join('\t'));
  if (header) lines.unshift(header.map(tsvField).join('\t'));
  return lines.join('\n');
}

/** Rows as a pretty JSON array of objects keyed by column name (duplicate names get a suffix). */
export function toJson(rows: readonly (readonly unknown[])[], columns: readonly string[]): string {
  const keys: string[] = [];
  const seen = new Map<string, number>();
  for (const name of columns) {
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    keys.push(count === 0 ? name : `${name}_${count + 1}`);
  }
  const objects = rows.map((row) => Object.fromEntries(keys.map((key, i) => [key, row[i] ?? null])));
  return JSON.stringify(objects, null, 2);
}

/**
 * Pretty-printed JSON when the text (or value) is a JSON object or array, else null. The text is re-indented,
 * not parsed and printed again: JSON.parse would round numbers past 2^53 (database JSON keeps them exact).
 */
export function prettyJson(value: unknown): string | null {
  if (typeof value === 'object' && value !== null && !isBlobCell(value) && !isTextCell(value))
    return JSON.stringify(value, null, 2);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!/^[[{]/.test(trimmed)) return null;
  try {
    JSON.parse(trimmed);
  } catch {
    return null;
  }
  return reindent(trimmed);
}

/** Valid JSON text laid out as JSON.stringify(value, null, 2) would, every token kept as written. */
function reindent(text: string): string {
  const out: string[] = [];
  let depth = 0;
  const newline = () => out.push('\n', '  '.repeat(depth));
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out.push(text.slice(i, end + 1));
      i = end;
    } else if (c === '{' || c === '[') {
      let next = i + 1;
      while (/\s/.test(text[next] ?? '')) next++;
      if (text[next] === (c === '{' ? '}' : ']')) {
        out.push(c, text[next]!);
        i = next;
      } else {
        out.push(c);
        depth++;
        newline();
      }
    } else if (c === '}' || c === ']') {
      depth--;
      newline();
      out.push(c);
    } else if (c === ',') {
      out.push(',');
      newline();
    } else if (c === ':') out.push(': ');
    else if (!/\s/.test(c)) out.push(c);
  }
  return out.join('');
}

/** Hex dump lines (offset, 16 bytes, ASCII) of a base64 BLOB prefix. */
export function hexDump(base64: string, maxBytes = 1024): string {
  const binary = atob(base64);
  const lines: string[] = [];
  for (let offset = 0; offset < Math.min(binary.length, maxBytes); offset += 16) {
    const chunk = binary.slice(offset, offset + 16);
    const hex = [...chunk].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(' ');
    const ascii = [...chunk].map((c) => (c.charCodeAt(0) >= 32 && c.charCodeAt(0) < 127 ? c : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}
