import { isBlobCell, isTextCell, type BlobCell, type TextCell } from '../../../shared/cells';

/**
 * How values cross the boundary, shared by the three engines (the rule per type is docs/values.md). The engine
 * folders turn driver values into these shapes; this file holds what they have in common.
 */

/** Bytes of a BLOB a page's cell carries (the side viewer reads the rest with query.cell). */
export const BLOB_PREVIEW_BYTES = 4096;
/** UTF-16 code units of a text a page's cell carries; a longer text becomes a TextCell. */
export const TEXT_PREVIEW_CHARS = 64 * 1024;
/** A page stops adding rows once its cells reach this estimated size (see cellBytes). */
export const MAX_PAGE_BYTES = 16 * 1024 * 1024;

/**
 * What part of each text and BLOB value a cell carries: [offset, offset + textChars) of a text (UTF-16 code
 * units), [offset, offset + blobBytes) of a BLOB. Other values are always whole.
 */
export interface ValueWindow {
  offset: number;
  textChars: number;
  blobBytes: number;
}

/** Pages: the first TEXT_PREVIEW_CHARS of a text, BLOB_PREVIEW_BYTES of a BLOB. */
export const PREVIEW_VALUES: ValueWindow = { offset: 0, textChars: TEXT_PREVIEW_CHARS, blobBytes: BLOB_PREVIEW_BYTES };
/** Exports and machine-readable output: every value whole. */
export const WHOLE_VALUES: ValueWindow = {
  offset: 0,
  textChars: Number.POSITIVE_INFINITY,
  blobBytes: Number.POSITIVE_INFINITY,
};

/** The window an execute's options ask for (see ExecuteOptions). */
export function valueWindow(options?: {
  wholeValues?: boolean;
  valueWindow?: { offset: number; length: number };
}): ValueWindow {
  if (options?.valueWindow) {
    const { offset, length } = options.valueWindow;
    return { offset, textChars: length, blobBytes: length };
  }
  return options?.wholeValues ? WHOLE_VALUES : PREVIEW_VALUES;
}

/** True when cells carry whole values (rows may then be big: readers buffer fewer of them). */
export function isWhole(window: ValueWindow): boolean {
  return window.offset === 0 && window.textChars === Number.POSITIVE_INFINITY;
}

/** A text as a cell: itself when it fits the window, else a TextCell with the window's part and the exact size. */
export function encodeText(text: string, window: ValueWindow): string | TextCell {
  if (window.offset === 0 && text.length <= window.textChars) return text;
  const end = window.offset + window.textChars;
  return { $text: text.slice(window.offset, end), size: text.length, truncated: true };
}

/** A BLOB as a cell: base64 of the window's bytes, the exact size, and whether bytes are missing. */
export function encodeBlob(bytes: Uint8Array, window: ValueWindow = PREVIEW_VALUES): BlobCell {
  const start = Math.min(window.offset, bytes.byteLength);
  const end = Math.min(bytes.byteLength, start + window.blobBytes);
  const part = start === 0 && end === bytes.byteLength ? bytes : bytes.subarray(start, end);
  return {
    $blob: Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('base64'),
    size: bytes.byteLength,
    truncated: part.byteLength < bytes.byteLength,
  };
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

/** An integer: a JSON number within ±(2^53−1), its decimal text beyond (JSON numbers lose digits there). */
export function encodeInteger(value: bigint): number | string {
  return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value.toString();
}

/** An integer sent as text (PostgreSQL int8): the same rule without going through BigInt. */
export function integerFromText(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

/**
 * Makes a driver value safe to cross the boundary as JSON: Buffers become BlobCells, long texts TextCells,
 * bigints the integer rule, NaN/Infinity strings; everything else stays as the engine folder prepared it.
 */
export function encodeValue(value: unknown, window: ValueWindow = PREVIEW_VALUES): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return value.length <= window.textChars && window.offset === 0 ? value : encodeText(value, window);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return encodeInteger(value);
    case 'object':
      if (value instanceof Uint8Array) return encodeBlob(value, window);
      return value;
    default:
      return value;
  }
}

/** encodeRow into the same array, for rows the driver made for this read only (saves an array per row). */
export function encodeRowInPlace(values: unknown[], window: ValueWindow = PREVIEW_VALUES): unknown[] {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    // the usual cells (finite numbers, short texts) stay as they are without a call
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) values[i] = String(value);
    } else if (typeof value === 'string') {
      if (value.length > window.textChars || window.offset !== 0) values[i] = encodeText(value, window);
    } else values[i] = encodeValue(value, window);
  }
  return values;
}

export function encodeRow(values: readonly unknown[], window: ValueWindow = PREVIEW_VALUES): unknown[] {
  const out = new Array<unknown>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = encodeValue(values[i], window);
  return out;
}

/** Roughly how many bytes a cell takes in a JSON page: enough to keep pages within MAX_PAGE_BYTES. */
export function cellBytes(value: unknown): number {
  if (typeof value === 'string') return value.length + 3;
  if (value === null || typeof value !== 'object') return 8;
  if (isBlobCell(value)) return value.$blob.length + 48;
  if (isTextCell(value)) return value.$text.length + 48;
  return 64;
}

/** Trims a fraction's trailing zeros (".500000" → ".5", ".000" → ""); `end` is where the fraction stops. */
function trimFraction(text: string, dot: number, end: number): string {
  let last = end;
  while (last > dot + 1 && text.charCodeAt(last - 1) === 48) last--;
  return last === dot + 1 ? '' : text.slice(dot, last);
}

/** "+01" → "+01:00"; "+05:30" and "+00:09:21" (historic offsets with seconds) stay. */
function isoOffset(offset: string): string {
  return offset.length === 3 ? `${offset}:00` : offset;
}

/**
 * A time of day or duration as the server prints it (`HH:MM:SS[.ffffff][±HH[:MM]]`, MySQL also
 * `-838:59:59`) in the one form: fraction without trailing zeros, offset as ±HH:MM. Other text passes.
 */
export function isoTime(text: string): string {
  const dot = text.indexOf('.');
  let zone = text.length;
  for (let i = Math.max(dot, 1); i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 43 || c === 45) {
      zone = i;
      break;
    }
  }
  const fraction = dot === -1 || dot > zone ? '' : trimFraction(text, dot, zone);
  const clock = dot === -1 || dot > zone ? text.slice(0, zone) : text.slice(0, dot);
  return `${clock}${fraction}${zone < text.length ? isoOffset(text.slice(zone)) : ''}`;
}

/**
 * A timestamp as the server prints it (`YYYY-MM-DD HH:MM:SS[.ffffff][±HH[:MM]][ BC]`) in ISO 8601:
 * `YYYY-MM-DDTHH:MM:SS[.fff]`, fraction without trailing zeros, offset as ±HH:MM. Text of another shape
 * (`infinity`, a zero date's zeros stay zeros) passes unchanged apart from the separator.
 */
export function isoDateTime(text: string): string {
  // the common shape, `YYYY-MM-DD HH:MM:SS` (no fraction, no offset), with the fewest intermediate strings
  if (text.length === 19 && text.charCodeAt(10) === 32 && text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58)
    return text.slice(0, 10) + 'T' + text.slice(11);
  const space = text.indexOf(' ');
  // years beyond 9999 print with 5+ digits, so the date part's length varies
  if (space < 10 || text.charCodeAt(space - 3) !== 45) return text;
  const bc = text.endsWith(' BC');
  const body = bc ? text.slice(0, -3) : text;
  return `${body.slice(0, space)}T${isoTime(body.slice(space + 1))}${bc ? ' BC' : ''}`;
}
