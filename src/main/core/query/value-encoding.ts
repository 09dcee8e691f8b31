import type { BlobCell } from '../../../shared/domain';

/** Bytes of a BLOB sent with a cell (the side viewer shows this prefix; the size is always exact). */
export const BLOB_PREVIEW_BYTES = 4096;

/** BLOB bytes to put in a cell: the preview for the grid, or everything (exports) with FULL_BLOBS. */
export const FULL_BLOBS = Number.POSITIVE_INFINITY;

/** How many BLOB bytes cells carry for an execute's options (see ExecuteOptions.fullBlobs). */
export function blobLimit(options?: { fullBlobs?: boolean }): number {
  return options?.fullBlobs ? FULL_BLOBS : BLOB_PREVIEW_BYTES;
}

/**
 * Makes a driver value safe to cross the boundary as JSON: Buffers become BlobCells (the first `blobBytes`
 * bytes), Dates ISO strings, bigints strings (no precision lost), everything else stays as the driver returned it.
 */
export function encodeValue(value: unknown, blobBytes: number = BLOB_PREVIEW_BYTES): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value.toString();
    case 'object':
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
      if (value instanceof Uint8Array) return encodeBlob(value, blobBytes);
      return value;
    default:
      return String(value);
  }
}

/** A BLOB as a cell: base64 of its first `limit` bytes (all of them with FULL_BLOBS), its exact size, and whether it was cut. */
export function encodeBlob(bytes: Uint8Array, limit: number = BLOB_PREVIEW_BYTES): BlobCell {
  const truncated = bytes.byteLength > limit;
  const head = truncated ? bytes.subarray(0, limit) : bytes;
  return {
    $blob: Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('base64'),
    size: bytes.byteLength,
    truncated,
  };
}

export function encodeRow(values: readonly unknown[], blobBytes: number = BLOB_PREVIEW_BYTES): unknown[] {
  const out = new Array<unknown>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = encodeValue(values[i], blobBytes);
  return out;
}
