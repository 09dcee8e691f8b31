import type { Row } from './domain';

/**
 * Rows in the packed form a page can travel in instead of JSON: the cells as UTF-8 text, each turned into its
 * value by its column's kind. The layout is PostgreSQL's DataRow message, so the host copies the rows the
 * server sent as they are, several at a time, instead of building a string per cell and a JSON text per page,
 * and the client turns a page into rows without JSON.parse (issue 5, E1). Every client unpacks
 * (shared/client.ts), so callers only ever see Row[]; the values are the ones docs/values.md defines, exactly
 * as the JSON form carries them.
 *
 * Layout of `bytes`, per row: the byte `D` (0x44), an int32 (big-endian) byte length of the rest of the row
 * counting itself, a uint16 cell count, then per cell an int32 length L:
 * - L ≥ 0: L bytes of UTF-8 text, turned into a value by the column's kind;
 * - L = -1: NULL;
 * - L = -2: an int32 length M, then M bytes of JSON text: a cell the kind cannot express (a BlobCell, a
 *   TextCell, or any other value).
 */
export interface PackedRows {
  $packed: 1;
  /** Per column, how a cell's text becomes its value. */
  kinds: PackedKind[];
  count: number;
  bytes: Uint8Array;
}

/**
 * `t` text as is; `n` a number; `i` an integer: a number while safe, else its text (the integer rule); `f` a
 * float: a number, but `NaN`, `Infinity` and `-Infinity` stay text (JSON has no such numbers); `b` a boolean
 * written `t` or `f`.
 */
export type PackedKind = 't' | 'n' | 'i' | 'f' | 'b';

/** The first byte of every row. */
export const PACKED_ROW = 0x44;
/** The row's first byte and its length. */
export const PACKED_ROW_HEADER = 5;
export const PACKED_NULL = -1;
export const PACKED_JSON = -2;

export function isPackedRows(value: unknown): value is PackedRows {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as PackedRows).$packed === 1 &&
    (value as PackedRows).bytes instanceof Uint8Array
  );
}

const utf8 = new TextDecoder('utf-8');

function int32(b: Uint8Array, at: number): number {
  return (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
}

/** The value of a cell's text in a column of `kind`. */
export function packedCellValue(kind: PackedKind | undefined, text: string): unknown {
  switch (kind) {
    case 'n':
      return Number(text);
    case 'i': {
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : text;
    }
    case 'f':
      return text === 'NaN' || text === 'Infinity' || text === '-Infinity' ? text : Number(text);
    case 'b':
      return text === 't';
    default:
      return text;
  }
}

function malformed(what: string): Error {
  return new Error(`Malformed packed rows: ${what}`);
}

/**
 * The rows of `bytes[start, end)` (`count` of them). The bytes are decoded as UTF-8 once; when every byte is
 * one character (ASCII, the usual page) cells are slices of that one string, else each cell is decoded alone.
 */
export function unpackRowBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  count: number,
  kinds: readonly PackedKind[],
): Row[] {
  const view = start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
  const whole = utf8.decode(view);
  // UTF-8 never decodes to more characters than bytes: equal lengths mean one character per byte throughout
  const oneToOne = whole.length === view.length;
  const plain = kinds.map((kind) => kind === 't');
  const rows: Row[] = new Array<Row>(count);
  let at = 0;
  for (let r = 0; r < count; r++) {
    if (at + PACKED_ROW_HEADER + 2 > view.length || view[at] !== PACKED_ROW)
      throw malformed(`row ${r} of ${count} is missing`);
    const rowEnd = at + 1 + int32(view, at + 1);
    at += PACKED_ROW_HEADER;
    const cells = (view[at]! << 8) | view[at + 1]!;
    at += 2;
    const row = new Array<unknown>(cells);
    for (let c = 0; c < cells; c++) {
      const length = (view[at]! << 24) | (view[at + 1]! << 16) | (view[at + 2]! << 8) | view[at + 3]!;
      at += 4;
      if (length >= 0) {
        const text = oneToOne ? whole.slice(at, at + length) : utf8.decode(view.subarray(at, at + length));
        row[c] = plain[c] === true ? text : packedCellValue(kinds[c], text);
        at += length;
      } else if (length === PACKED_NULL) row[c] = null;
      else if (length === PACKED_JSON) {
        const size = int32(view, at);
        at += 4;
        const text = oneToOne ? whole.slice(at, at + size) : utf8.decode(view.subarray(at, at + size));
        row[c] = JSON.parse(text) as unknown;
        at += size;
      } else throw malformed(`cell ${c} of row ${r} has length ${length}`);
    }
    if (at !== rowEnd) throw malformed(`row ${r} is ${rowEnd - at} bytes longer than its cells`);
    rows[r] = row;
  }
  if (at !== view.length) throw malformed(`${view.length - at} bytes follow the last row`);
  return rows;
}

export function unpackRows(packed: PackedRows): Row[] {
  return unpackRowBytes(packed.bytes, 0, packed.bytes.length, packed.count, packed.kinds);
}

/** A call's value with packed rows (`value.rows`) turned into rows; every other value as it is. */
export function unpackValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !isPackedRows((value as { rows?: unknown }).rows)) return value;
  const { rows, ...rest } = value as { rows: PackedRows };
  return { ...rest, rows: unpackRows(rows) };
}
