import type { BlobCell } from '../../../shared/domain';

/** Bytes of a BLOB sent with a cell (the side viewer shows this prefix; the size is always exact). */
export const BLOB_PREVIEW_BYTES = 4096;

/**
 * Makes a driver value safe to cross the boundary as JSON: Buffers become BlobCells, Dates ISO strings,
 * bigints strings (no precision lost), everything else stays as the driver returned it.
 */
export function encodeValue(value: unknown): unknown {
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
      if (value instanceof Uint8Array) return encodeBlob(value);
      return value;
    default:
      return String(value);
  }
}

export function encodeBlob(bytes: Uint8Array): BlobCell {
  const truncated = bytes.byteLength > BLOB_PREVIEW_BYTES;
  const head = truncated ? bytes.subarray(0, BLOB_PREVIEW_BYTES) : bytes;
  return { $blob: Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('base64'), size: bytes.byteLength, truncated };
}

export function encodeRow(values: readonly unknown[]): unknown[] {
  const out = new Array<unknown>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = encodeValue(values[i]);
  return out;
}
