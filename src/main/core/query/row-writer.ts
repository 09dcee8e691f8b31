import { stringify } from 'csv-stringify/sync';
import type { Engine, ResultColumn, Row } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { TableRef } from '../connections/sql-dialect';
import { csvCell, isJsonColumn, jsonObjectText } from './file-cells';
import { sqlInsertWriter } from './sql-insert-writer';

/**
 * The machine-readable result formats: files from query.export, stdout of `backbench query --format` and
 * `backbench export --format`.
 */
export type RowFormat = 'csv' | 'tsv' | 'json' | 'ndjson' | 'sql';

/** Where `sql` INSERTs go: the engine whose dialect writes them and the table they name. */
export interface InsertTarget {
  engine: Engine;
  table: TableRef;
}

/**
 * A result as CSV or JSON text, produced batch by batch so no more than one batch is ever in memory. The one
 * implementation behind query.export and `backbench query --format csv|json`, so a file and the command line
 * always agree. Cells are written as file-cells.ts says (rows read with whole BLOBs):
 * - CSV: a header row of column names, then one record per row (RFC 4180 quoting); as PostgreSQL's COPY, NULL is
 *   an empty unquoted field and the empty string `""`, so an import reads back exactly what was written;
 *   booleans `true`/`false`, BLOBs the base64 of the whole value, JSON values their JSON text.
 * - TSV: the same with tabs between fields.
 * - JSON: an array of row objects, one per line; a repeated column name gets a suffix (`id`, `id_2`) so no
 *   value is lost; BLOBs are `{ "$base64": … }`, a JSON column's document nests as JSON (its exact text), everything
 *   else keeps its JSON type.
 * - NDJSON: the same row objects, one per line, no array around them.
 * - SQL: one INSERT per row, values written by the engine's dialect (sql-insert-writer.ts).
 */
export interface RowWriter {
  /** Text before the first row (the CSV header, the JSON array's opening). */
  readonly head: string;
  /** Text for the next rows, in order. */
  rows(batch: readonly Row[]): string;
  /** Text after the last row. */
  end(): string;
}

export function createRowWriter(format: RowFormat, columns: readonly ResultColumn[], target?: InsertTarget): RowWriter {
  switch (format) {
    case 'csv':
      return delimitedWriter(columns, ',');
    case 'tsv':
      return delimitedWriter(columns, '\t');
    case 'json':
      return jsonWriter(columns);
    case 'ndjson':
      return ndjsonWriter(columns);
    case 'sql':
      if (!target) throw new AppError('INVALID_INPUT', 'SQL INSERT output needs the engine and the table to name.');
      return sqlInsertWriter(columns, target);
  }
}

/**
 * The table SQL INSERTs of a result name: the one table all its columns come from (a plain SELECT of a table),
 * else `fallback`.
 */
export function insertTableOf(columns: readonly ResultColumn[], fallback: string): TableRef {
  const sources = columns.map((c) => c.source);
  const first = sources[0];
  if (first && sources.every((s) => s && s.table === first.table && s.schema === first.schema)) {
    // SQLite names its main database `main`; that is the connection's default schema
    return { schema: first.schema === 'main' ? null : first.schema, table: first.table };
  }
  return { schema: null, table: fallback };
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

function delimitedWriter(columns: readonly ResultColumn[], delimiter: string): RowWriter {
  // quoted_match quotes a field that was the empty string; a null one (NULL) stays empty and unquoted
  const options = { delimiter, quoted_match: /^$/, cast: { boolean: (b: boolean) => (b ? 'true' : 'false') } };
  return {
    head: stringify([columns.map((c) => c.name)], options),
    rows: (batch) =>
      batch.length === 0
        ? ''
        : stringify(
            batch.map((row) => row.map(csvCell)),
            options,
          ),
    end: () => '',
  };
}

function ndjsonWriter(columns: readonly ResultColumn[]): RowWriter {
  const keys = uniqueKeys(columns);
  const json = columns.map(isJsonColumn);
  return {
    head: '',
    rows(batch) {
      let text = '';
      for (const row of batch) text += `${jsonObjectText(keys, row, json)}\n`;
      return text;
    },
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
