import { isBlobCell, isTextCell } from '../../shared/cells';
import type { ResultColumn, Row } from '../../shared/domain';
import type { RowFormat, RowWriter } from '../core/query/row-writer';

export type OutputFormat = 'table' | RowFormat;
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'csv'];

/** Widest a table cell gets before it is cut with "…". */
export const MAX_CELL_WIDTH = 48;

/** A cell as text for the table: NULL marked, BLOBs summarised, a long text's start, JSON values as JSON. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return value;
  if (isBlobCell(value)) return `<blob ${value.size} bytes>`;
  // the table cuts cells far shorter than a preview anyway; json/csv are read with whole values
  if (isTextCell(value)) return value.$text;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function tableCell(value: unknown, width: number): string {
  const text = cellText(value).replace(/\r\n|\r|\n|\t/g, ' ');
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}

/**
 * Writes a result incrementally (rows arrive in batches, so a huge result never sits in memory). The table's
 * column widths come from the first batch; later longer cells are cut to fit. Rows for json/csv are read with
 * whole BLOBs and written exactly as exports write them (row-writer.ts); the table only says how big a BLOB is.
 */
export interface ResultWriter {
  start(columns: readonly ResultColumn[]): void;
  rows(batch: readonly Row[]): void;
  end(): void;
}

/**
 * The writer for a format. CSV and JSON are the export service's own writer (row-writer.ts), loaded only when
 * asked for, so a plain `backbench query` does not pay for the CSV library.
 */
export async function createResultWriter(format: OutputFormat, write: (text: string) => void): Promise<ResultWriter> {
  if (format === 'table') return tableWriter(write);
  const { createRowWriter } = await import('../core/query/row-writer');
  let writer: RowWriter | null = null;
  return {
    start(columns) {
      writer = createRowWriter(format, columns);
      write(writer.head);
    },
    rows(batch) {
      const text = writer!.rows(batch);
      if (text) write(text);
    },
    end() {
      write(writer!.end());
    },
  };
}

function tableWriter(write: (text: string) => void): ResultWriter {
  let names: string[] = [];
  let widths: number[] | null = null;
  let count = 0;
  const line = (cells: string[]) =>
    write(
      `${cells
        .map((c, i) => c.padEnd(widths![i]!))
        .join(' | ')
        .trimEnd()}\n`,
    );
  const header = () => {
    line(names.map((n, i) => tableCell(n, widths![i]!)));
    write(`${widths!.map((w) => '-'.repeat(w)).join('-+-')}\n`);
  };
  return {
    start(columns) {
      names = columns.map((c) => c.name);
    },
    rows(batch) {
      if (widths === null) {
        widths = names.map((name, i) =>
          Math.min(
            MAX_CELL_WIDTH,
            Math.max(name.length, 1, ...batch.map((row) => tableCell(row[i], MAX_CELL_WIDTH).length)),
          ),
        );
        header();
      }
      for (const row of batch) line(names.map((_, i) => tableCell(row[i], widths![i]!)));
      count += batch.length;
    },
    end() {
      if (widths === null) {
        widths = names.map((n) => Math.min(MAX_CELL_WIDTH, Math.max(n.length, 1)));
        header();
      }
      write(`(${count} ${count === 1 ? 'row' : 'rows'})\n`);
    },
  };
}

export function affectedText(affectedRows: number | null): string {
  if (affectedRows === null) return 'OK\n';
  return `${affectedRows} ${affectedRows === 1 ? 'row' : 'rows'} affected\n`;
}
