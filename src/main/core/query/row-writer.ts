import { stringify } from 'csv-stringify/sync';
import type { ResultColumn, Row } from '../../../shared/domain';
import { csvCell, isJsonColumn, jsonObjectText } from './file-cells';

/** The machine-readable result formats: files from query.export, stdout of `backbench query --format`. */
export type RowFormat = 'csv' | 'json';

/**
 * A result as CSV or JSON text, produced batch by batch so no more than one batch is ever in memory. The one
 * implementation behind query.export and `backbench query --format csv|json`, so a file and the command line
 * always agree. Cells are written as file-cells.ts says (rows read with whole BLOBs):
 * - CSV: a header row of column names, then one record per row (RFC 4180 quoting); NULL is an empty field,
 *   booleans `true`/`false`, BLOBs the base64 of the whole value, JSON values their JSON text.
 * - JSON: an array of row objects, one per line; a repeated column name gets a suffix (`id`, `id_2`) so no
 *   value is lost; BLOBs are `{ "$base64": … }`, a JSON column's document nests as JSON (its exact text), everything
 *   else keeps its JSON type.
 */
export interface RowWriter {
  /** Text before the first row (the CSV header, the JSON array's opening). */
  readonly head: string;
  /** Text for the next rows, in order. */
  rows(batch: readonly Row[]): string;
  /** Text after the last row. */
  end(): string;
}

export function createRowWriter(format: RowFormat, columns: readonly ResultColumn[]): RowWriter {
  return format === 'csv' ? csvWriter(columns) : jsonWriter(columns);
}

/** Keys for JSON row objects: a repeated column name (SELECT a.id, b.id) gets a suffix so no value is lost. */
export function uniqueKeys(columns: readonly ResultColumn[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return n === 1 ? c.name : `${c.name}_${n}`;
  });
}

const CSV_OPTIONS = { cast: { boolean: (b: boolean) => (b ? 'true' : 'false') } };

function csvWriter(columns: readonly ResultColumn[]): RowWriter {
  return {
    head: stringify([columns.map((c) => c.name)], CSV_OPTIONS),
    rows: (batch) =>
      batch.length === 0
        ? ''
        : stringify(
            batch.map((row) => row.map(csvCell)),
            CSV_OPTIONS,
          ),
    end: () => '',
  };
}

function jsonWriter(columns: readonly ResultColumn[]): RowWriter {
  // the text is built directly (jsonObjectText), so a column named __proto__ is an ordinary key and a JSON
  // column's document is copied verbatim, numbers past 2^53 included
  const keys = uniqueKeys(columns);
  const json = columns.map(isJsonColumn);
  let written = 0;
  const rowText = (row: Row): string => jsonObjectText(keys, row, json);
  return {
    head: '[',
    rows(batch) {
      let text = '';
      for (const row of batch) text += `${written++ === 0 ? '\n  ' : ',\n  '}${rowText(row)}`;
      return text;
    },
    end: () => (written === 0 ? ']\n' : '\n]\n'),
  };
}
