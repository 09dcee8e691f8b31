import { stringify } from 'csv-stringify/sync';
import type { ResultColumn, Row } from '../../shared/domain';
import { jsonCell } from '../core/query/file-cells';

export type OutputFormat = 'table' | 'json' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'csv'];

/** Widest a table cell gets before it is cut with "…". */
export const MAX_CELL_WIDTH = 48;

function isBlob(value: unknown): value is { $blob: string; size: number } {
  return typeof value === 'object' && value !== null && '$blob' in value && 'size' in value;
}

/** A cell as text for the table and CSV: NULL marked, BLOBs summarised, JSON values as JSON. */
export function cellText(value: unknown, nullText: string): string {
  if (value === null || value === undefined) return nullText;
  if (typeof value === 'string') return value;
  if (isBlob(value)) return `<blob ${value.size} bytes>`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function tableCell(value: unknown, width: number): string {
  const text = cellText(value, 'NULL').replace(/\r\n|\r|\n|\t/g, ' ');
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}

/** Column keys for JSON row objects; a repeated name gets a suffix so no value is lost. */
export function uniqueKeys(columns: readonly ResultColumn[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const count = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, count);
    return count === 1 ? c.name : `${c.name}_${count}`;
  });
}

/**
 * Writes a result incrementally (rows arrive in batches, so a huge result never sits in memory). The table's
 * column widths come from the first batch; later longer cells are cut to fit. Rows for json/csv are read with
 * whole BLOBs and written as exports write them (file-cells.ts): base64 in CSV, `{ "$base64": … }` in JSON;
 * the table only says how big a BLOB is.
 */
export interface ResultWriter {
  start(columns: readonly ResultColumn[]): void;
  rows(batch: readonly Row[]): void;
  end(): void;
}

export function createResultWriter(format: OutputFormat, write: (text: string) => void): ResultWriter {
  switch (format) {
    case 'json':
      return jsonWriter(write);
    case 'csv':
      return csvWriter(write);
    case 'table':
      return tableWriter(write);
  }
}

function jsonWriter(write: (text: string) => void): ResultWriter {
  let keys: string[] = [];
  let count = 0;
  return {
    start(columns) {
      keys = uniqueKeys(columns);
      write('[');
    },
    rows(batch) {
      for (const row of batch) {
        const object: Record<string, unknown> = {};
        keys.forEach((k, i) =>
          Object.defineProperty(object, k, { value: jsonCell(row[i]), enumerable: true, writable: true }),
        );
        write(`${count === 0 ? '\n  ' : ',\n  '}${JSON.stringify(object)}`);
        count++;
      }
    },
    end() {
      write(count === 0 ? ']\n' : '\n]\n');
    },
  };
}

function csvWriter(write: (text: string) => void): ResultWriter {
  return {
    start(columns) {
      write(stringify([columns.map((c) => c.name)]));
    },
    rows(batch) {
      if (batch.length > 0)
        write(stringify(batch.map((row) => row.map((v) => (isBlob(v) ? v.$blob : cellText(v, ''))))));
    },
    end() {},
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
