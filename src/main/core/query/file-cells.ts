import { isBlobCell } from '../../../shared/cells';
import type { ResultColumn, Row } from '../../../shared/domain';

/**
 * Cells as they are written to files (query.export, `backbench query --format csv|json`). Rows for files are
 * read with `wholeValues`, so a BLOB cell holds its whole value and no text is cut:
 * - CSV: a BLOB is the base64 of all its bytes; a JSON value (PostgreSQL json/jsonb…) is its JSON text.
 * - JSON: a BLOB is `{ "$base64": "<base64 of all its bytes>" }` — an object, so it is never mistaken for a
 *   text column that happens to hold base64; a JSON document (a json/jsonb column) is written as that JSON, its
 *   text copied as it is so numbers past 2^53 stay exact; everything else keeps its JSON type.
 */

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

/** Columns whose values are JSON documents as text (PostgreSQL json/jsonb, MySQL/MariaDB JSON, SQLite JSON). */
export function isJsonColumn(column: ResultColumn): boolean {
  return /^jsonb?$/i.test(column.dataType ?? '');
}

/**
 * One row as the text of a JSON object with `keys`. A JSON column's text is copied verbatim when it is valid JSON
 * (JSON.parse and JSON.stringify would round numbers past 2^53), else written as a string; other cells as
 * jsonCell. Built by hand, so a key like `__proto__` is an ordinary key.
 */
export function jsonObjectText(keys: readonly string[], row: Row, json: readonly boolean[]): string {
  const parts = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const value = row[i];
    let text: string | undefined;
    if (json[i] && typeof value === 'string' && isJsonText(value)) text = value;
    parts[i] = `${JSON.stringify(keys[i])}:${text ?? JSON.stringify(jsonCell(value))}`;
  }
  return `{${parts.join(',')}}`;
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
