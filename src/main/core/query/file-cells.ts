import type { BlobCell } from '../../../shared/domain';

/**
 * Cells as they are written to files (query.export, `backbench query --format csv|json`). Rows for files are
 * read with `fullBlobs`, so a BLOB cell holds its whole value:
 * - CSV: a BLOB is the base64 of all its bytes; a JSON value (PostgreSQL json/jsonb…) is its JSON text.
 * - JSON: a BLOB is `{ "$base64": "<base64 of all its bytes>" }` — an object, so it is never mistaken for a
 *   text column that happens to hold base64; everything else keeps its JSON type.
 */

function isBlobCell(value: object): value is BlobCell {
  return '$blob' in value && typeof (value as { $blob: unknown }).$blob === 'string';
}

/** A BLOB in a JSON file. */
export interface JsonBlob {
  $base64: string;
}

/** A cell for a CSV file: NULL as null (written empty), BLOBs as base64, JSON values as JSON text. */
export function csvCell(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return isBlobCell(value) ? value.$blob : JSON.stringify(value);
  return value;
}

/** A cell for a JSON file: BLOBs as `{ "$base64": … }`, everything else as it is. */
export function jsonCell(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && isBlobCell(value)) return { $base64: value.$blob } satisfies JsonBlob;
  return value;
}
