import type { Row } from '../../../shared/domain';
import {
  PACKED_JSON,
  PACKED_NULL,
  PACKED_ROW,
  PACKED_ROW_HEADER,
  unpackRowBytes,
  type PackedKind,
  type PackedRows,
} from '../../../shared/packed-rows';

/**
 * Packed rows on the host (see shared/packed-rows.ts), with where each row starts so a result handle can
 * cache them in chunks and cut pages out of them without looking at a cell.
 */
export interface PackedChunk {
  kinds: PackedKind[];
  count: number;
  bytes: Buffer;
  /** starts[i] is where row i begins in `bytes`; starts[count] is bytes.length. */
  starts: Uint32Array;
}

export function isPackedChunk(batch: Row[] | PackedChunk): batch is PackedChunk {
  return !Array.isArray(batch);
}

export function batchLength(batch: Row[] | PackedChunk): number {
  return isPackedChunk(batch) ? batch.count : batch.length;
}

/** Rows [from, to) of a chunk, sharing its bytes. */
export function slicePacked(chunk: PackedChunk, from: number, to: number): PackedChunk {
  if (from === 0 && to === chunk.count) return chunk;
  const base = chunk.starts[from]!;
  const starts = chunk.starts.slice(from, to + 1);
  for (let i = 0; i < starts.length; i++) starts[i] = starts[i]! - base;
  return { kinds: chunk.kinds, count: to - from, bytes: chunk.bytes.subarray(base, chunk.starts[to]), starts };
}

/**
 * Chunks of the same result one after the other. Parts that lie side by side in one buffer (the chunks of one
 * read) become a view of it; others are copied once into new bytes.
 */
export function concatPacked(parts: readonly PackedChunk[]): PackedChunk {
  if (parts.length === 1) return parts[0]!;
  if (adjacent(parts)) {
    const first = parts[0]!.bytes;
    const last = parts[parts.length - 1]!.bytes;
    const bytes = Buffer.from(first.buffer, first.byteOffset, last.byteOffset + last.length - first.byteOffset);
    return { ...joinStarts(parts), bytes };
  }
  const joined = joinStarts(parts);
  const bytes = Buffer.allocUnsafe(joined.starts[joined.count]!);
  let at = 0;
  for (const part of parts) {
    part.bytes.copy(bytes, at);
    at += part.bytes.length;
  }
  return { ...joined, bytes };
}

function adjacent(parts: readonly PackedChunk[]): boolean {
  for (let i = 1; i < parts.length; i++) {
    const before = parts[i - 1]!.bytes;
    const after = parts[i]!.bytes;
    if (after.buffer !== before.buffer || after.byteOffset !== before.byteOffset + before.length) return false;
  }
  return true;
}

/** The row starts of parts laid one after the other. */
function joinStarts(parts: readonly PackedChunk[]): Omit<PackedChunk, 'bytes'> {
  let count = 0;
  for (const part of parts) count += part.count;
  const starts = new Uint32Array(count + 1);
  let row = 0;
  let at = 0;
  for (const part of parts) {
    for (let i = 0; i < part.count; i++) starts[row++] = at + part.starts[i]!;
    at += part.bytes.length;
  }
  starts[count] = at;
  return { kinds: parts[0]?.kinds ?? [], count, starts };
}

export function unpackChunk(chunk: PackedChunk): Row[] {
  return unpackRowBytes(chunk.bytes, 0, chunk.bytes.length, chunk.count, chunk.kinds);
}

/** Row `i` of a chunk as values. */
export function packedRow(chunk: PackedChunk, i: number): Row {
  return unpackRowBytes(chunk.bytes, chunk.starts[i]!, chunk.starts[i + 1]!, 1, chunk.kinds)[0]!;
}

/** The form a page's rows travel in. */
export function toPackedRows(chunk: PackedChunk): PackedRows {
  return { $packed: 1, kinds: chunk.kinds, count: chunk.count, bytes: chunk.bytes };
}

/**
 * Builds a PackedChunk: rows copied as bytes already in the packed layout (runs of PostgreSQL DataRow
 * messages), or written cell by cell. The buffer doubles as it fills.
 */
export class PackedWriter {
  private buffer: Buffer;
  private length = 0;
  private starts: Uint32Array;
  private count = 0;
  /** Where the row being written cell by cell begins (its length is set by endRow). */
  private rowStart = -1;

  constructor(
    private readonly kinds: PackedKind[],
    initialBytes = 64 * 1024,
    initialRows = 1024,
  ) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
    this.starts = new Uint32Array(initialRows + 1);
  }

  get rows(): number {
    return this.count;
  }

  /** Bytes written so far: where the next row or run begins. */
  get size(): number {
    return this.length;
  }

  /** Records that a row begins at byte `at` (rows copied in a run are written by `append`). */
  rowAt(at: number): void {
    if (this.count + 1 >= this.starts.length) {
      const starts = new Uint32Array(this.starts.length * 2);
      starts.set(this.starts);
      this.starts = starts;
    }
    this.starts[this.count++] = at;
  }

  /** Bytes already in the packed layout (whole rows, each recorded with rowAt), copied from `source[start, end)`. */
  append(source: Uint8Array, start: number, end: number): void {
    this.reserve(end - start);
    this.buffer.set(source.subarray(start, end), this.length);
    this.length += end - start;
  }

  /** Starts a row of `cells` cells, written cell by cell; endRow() finishes it. */
  beginRow(cells: number): void {
    this.rowAt(this.length);
    this.rowStart = this.length;
    this.reserve(PACKED_ROW_HEADER + 2);
    this.buffer[this.length] = PACKED_ROW;
    this.buffer.writeUInt16BE(cells, this.length + PACKED_ROW_HEADER);
    this.length += PACKED_ROW_HEADER + 2;
  }

  endRow(): void {
    this.buffer.writeInt32BE(this.length - this.rowStart - 1, this.rowStart + 1);
    this.rowStart = -1;
  }

  null(): void {
    this.reserve(4);
    this.buffer.writeInt32BE(PACKED_NULL, this.length);
    this.length += 4;
  }

  /** A cell as text (its kind turns it into the value). */
  text(text: string): void {
    const size = Buffer.byteLength(text);
    this.reserve(4 + size);
    this.buffer.writeInt32BE(size, this.length);
    this.buffer.write(text, this.length + 4, size, 'utf8');
    this.length += 4 + size;
  }

  /** A cell as its bytes of text, copied from `source[start, end)`. */
  textBytes(source: Uint8Array, start: number, end: number): void {
    this.reserve(4 + end - start);
    this.buffer.writeInt32BE(end - start, this.length);
    this.buffer.set(source.subarray(start, end), this.length + 4);
    this.length += 4 + end - start;
  }

  /** A cell its kind cannot express, as JSON. */
  json(value: unknown): void {
    const text = JSON.stringify(value);
    const size = Buffer.byteLength(text);
    this.reserve(8 + size);
    this.buffer.writeInt32BE(PACKED_JSON, this.length);
    this.buffer.writeInt32BE(size, this.length + 4);
    this.buffer.write(text, this.length + 8, size, 'utf8');
    this.length += 8 + size;
  }

  /** The rows written so far, in their own bytes; the writer starts over. */
  take(): PackedChunk {
    const bytes = Buffer.allocUnsafe(this.length);
    this.buffer.copy(bytes, 0, 0, this.length);
    const starts = this.starts.slice(0, this.count + 1);
    starts[this.count] = this.length;
    const chunk: PackedChunk = { kinds: this.kinds, count: this.count, bytes, starts };
    this.length = 0;
    this.count = 0;
    return chunk;
  }

  private reserve(size: number): void {
    if (this.length + size <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < this.length + size) capacity *= 2;
    const grown = Buffer.allocUnsafe(capacity);
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
