/**
 * Cells that hold part of a value, and their guards, without zod: every consumer of rows (grid, viewer, files,
 * the CLI's output) checks cells here, and a one-shot command must not pay for loading zod (domain.ts has the
 * schemas of these shapes for the contract).
 */

/** A BLOB: base64 of its first bytes (or of a window of them, see query.cell), its exact size in bytes. */
export interface BlobCell {
  $blob: string;
  size: number;
  /** True when `$blob` does not hold every byte. */
  truncated: boolean;
}

/** Text too long to travel whole in a page: its first characters and its exact length in UTF-16 code units. */
export interface TextCell {
  $text: string;
  size: number;
  truncated: true;
}

/** The one check for a BLOB cell, for every consumer of rows (grid, viewer, files, CLI). */
export function isBlobCell(value: unknown): value is BlobCell {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as BlobCell).$blob === 'string' &&
    typeof (value as BlobCell).size === 'number'
  );
}

export function isTextCell(value: unknown): value is TextCell {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as TextCell).$text === 'string' &&
    typeof (value as TextCell).size === 'number'
  );
}

/** True for a cell that holds only part of its value (a long text or a BLOB): query.cell reads the rest. */
export function isPartialCell(value: unknown): boolean {
  return isTextCell(value) || (isBlobCell(value) && value.truncated);
}
