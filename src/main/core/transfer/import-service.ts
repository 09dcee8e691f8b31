import { randomUUID } from 'node:crypto';
import { BackgroundJobs, type JobRecord } from '../background-jobs';
import { basename } from 'node:path';
import type { ImportFile, ImportPreview, ImportStatus } from '../../../shared/contract';
import type { Engine } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { EmitFn } from '../../../shared/events';
import type { ConnectionManager } from '../connections/connection-manager';
import type { Logger } from '../logging/logger';
import type { DialogPort } from '../services-deps';
import { columnTypeFor, KindTracker } from './column-types';
import { importFile } from './import-file';
import { formatFromExtension, JsonNumberText, openRecordSource, type ImportFormat } from './record-source';
import { findUpload, pruneUploads } from './upload-store';

/** What a chosen file is for: rows to import into a table, or a mock (`mock.importFile`). */
export type ChoosePurpose = 'rows' | 'mock';

/** The open dialog's title and the file types it offers, by what the file is for. */
const CHOOSE: Record<ChoosePurpose, { title: string; filters: { name: string; extensions: string[] }[] }> = {
  rows: {
    title: 'Import rows from a file',
    filters: [{ name: 'CSV, TSV, JSON, NDJSON', extensions: ['csv', 'tsv', 'tab', 'json', 'ndjson', 'jsonl'] }],
  },
  mock: {
    title: 'Import a mock (mock file, OpenAPI, Swagger or Mockoon)',
    filters: [{ name: 'YAML, JSON', extensions: ['yaml', 'yml', 'json'] }],
  },
};

/** Finished imports whose status is remembered for `transfer.importStatus`. */
const PREVIEW_ROWS = 50;

export interface ImportServiceDeps {
  manager: ConnectionManager;
  dataDir: string;
  emit?: EmitFn;
  now?: () => Date;
  /** The desktop's native dialogs: `chooseFile` asks there. */
  dialogs?: DialogPort;
  logger?: Logger;
}

export interface StartImportInput {
  importId: string;
  connectionId: string;
  fileId: string;
  format?: ImportFormat;
  schema?: string | null;
  table: string;
  create?: boolean;
  mapping?: Record<string, string>;
  columnTypes?: Record<string, string>;
}

interface ImportRecord extends JobRecord {
  rowsImported: number;
  created: boolean;
}

/**
 * `transfer.*`: files chosen in the native open dialog (desktop) or uploaded to the browser host, previewed and
 * imported in the background (import-file.ts does the work), with progress events and cancel by a caller-chosen
 * id — as ExportService runs exports. A path never comes from the caller: chosen files are known by an id this
 * service made, uploads by their UUID under the data dir.
 */
export class ImportService {
  private readonly chosen = new Map<string, { path: string; name: string }>();
  private readonly jobs = new BackgroundJobs<ImportRecord>('import', 'importId');

  constructor(private readonly deps: ImportServiceDeps) {}

  async chooseFile({ purpose = 'rows' }: { purpose?: ChoosePurpose } = {}): Promise<ImportFile | null> {
    if (!this.deps.dialogs) {
      throw new AppError(
        'NOT_SUPPORTED',
        'Choosing a file needs the desktop app; in the browser, upload the file instead.',
      );
    }
    const path = await this.deps.dialogs.pickPath({ mode: 'open', ...CHOOSE[purpose] });
    if (path === null) return null;
    const fileId = randomUUID();
    const name = basename(path);
    this.chosen.set(fileId, { path, name });
    return { fileId, name, format: formatFromExtension(name) };
  }

  /** A file chosen in the native dialog, by the id `chooseFile` gave it (mock imports read it too). */
  chosenFile(fileId: string): { path: string; name: string } | null {
    return this.chosen.get(fileId) ?? null;
  }

  async preview(input: {
    fileId: string;
    format?: ImportFormat;
    limit?: number;
    engine?: Engine;
  }): Promise<ImportPreview> {
    const file = this.file(input.fileId);
    const format = this.formatOf(file.name, input.format);
    const limit = input.limit ?? PREVIEW_ROWS;
    const source = openRecordSource(file.path, format, file.name);
    try {
      const header = await source.header();
      const names: string[] = header ? [...header] : [];
      const index = new Map(names.map((n, i) => [n, i]));
      const trackers = names.map(() => new KindTracker());
      const records: { line: number; values: unknown[]; keys?: string[] }[] = [];
      let complete = true;
      outer: for await (const batch of source.batches()) {
        for (const record of batch) {
          if (records.length === limit) {
            complete = false;
            break outer;
          }
          const keys = record.keys ?? names;
          keys.forEach((key, i) => {
            if (!index.has(key)) {
              index.set(key, names.length);
              names.push(key);
              trackers.push(new KindTracker());
            }
            trackers[index.get(key)!]!.add(record.values[i]);
          });
          records.push(record);
        }
      }
      const rows = records.map((record) => {
        if (!record.keys) return record.values;
        const row: unknown[] = names.map(() => null);
        record.keys.forEach((key, i) => (row[index.get(key)!] = record.values[i]));
        return row;
      });
      return {
        format,
        columns: names.map((name, i) => ({
          name,
          kind: trackers[i]!.kind,
          sqlType: input.engine ? columnTypeFor(input.engine, trackers[i]!) : null,
        })),
        // long numbers read from JSON travel as their text
        rows: JSON.parse(
          JSON.stringify(rows, (_key, value: unknown) => (value instanceof JsonNumberText ? value.text : value)),
        ) as unknown[][],
        lines: records.map((r) => r.line),
        complete,
      };
    } finally {
      source.close();
    }
  }

  /** Checks the file and connection, then returns while the rows are written in the background. */
  async start(input: StartImportInput): Promise<{ importId: string }> {
    const { importId } = input;
    this.jobs.assertNew(importId);
    const file = this.file(input.fileId);
    const format = this.formatOf(file.name, input.format);
    const record = this.jobs.add(importId, { rowsImported: 0, created: false });
    let session;
    try {
      session = await this.deps.manager.get(input.connectionId);
    } catch (error) {
      this.jobs.settle(record, 'failed', failureOf(error));
      throw error;
    }
    const emit = this.deps.emit;
    const signal = record.controller.signal;
    record.finished = importFile(session, {
      file: file.path,
      fileName: file.name,
      format,
      table: { schema: input.schema ?? null, table: input.table },
      create: input.create,
      mapping: input.mapping,
      columnTypes: input.columnTypes,
      signal,
      onProgress: (rows) => {
        record.rowsImported = rows;
        emit?.('import.progressed', { importId, rowsImported: rows, done: false });
      },
    }).then(
      (outcome) => {
        record.rowsImported = outcome.rowsImported;
        record.created = outcome.created;
        this.jobs.settle(record, 'done');
        emit?.('import.progressed', { importId, rowsImported: outcome.rowsImported, done: true });
      },
      (error: unknown) => {
        record.rowsImported = 0;
        if (signal.aborted || (error instanceof AppError && error.code === 'QUERY_CANCELLED')) {
          this.jobs.settle(record, 'cancelled');
          emit?.('import.progressed', { importId, rowsImported: 0, done: true, cancelled: true });
        } else {
          const failure = failureOf(error);
          this.jobs.settle(record, 'failed', failure);
          emit?.('import.progressed', { importId, rowsImported: 0, done: true, error: failure });
        }
      },
    );
    return { importId };
  }

  /** Stops an import; what it wrote is rolled back. False when it was not running. */
  cancel(input: { importId: string }): { cancelled: boolean } {
    return this.jobs.cancel(input.importId);
  }

  status(input: { importIds: string[] }): ImportStatus[] {
    return input.importIds.map((importId) => {
      const record = this.jobs.get(importId);
      if (!record) return { importId, state: 'unknown', rowsImported: 0, created: false };
      return {
        importId,
        state: record.state,
        rowsImported: record.rowsImported,
        created: record.created,
        ...(record.error ? { error: record.error } : {}),
      };
    });
  }

  /** Resolves when the import has finished (any outcome); immediately when unknown. */
  whenFinished(importId: string): Promise<void> {
    return this.jobs.whenFinished(importId);
  }

  async prune(): Promise<void> {
    await pruneUploads(this.deps.dataDir, (this.deps.now?.() ?? new Date()).getTime()).catch(() => undefined);
  }

  dispose(): Promise<void> {
    return this.jobs.dispose();
  }

  private file(fileId: string): { path: string; name: string } {
    const file = this.chosen.get(fileId) ?? findUpload(this.deps.dataDir, fileId);
    if (!file) {
      throw new AppError(
        'NOT_FOUND',
        'That file is no longer available (uploads are kept for a day); choose or upload it again.',
        {
          fileId,
        },
      );
    }
    return file;
  }

  private formatOf(name: string, format: ImportFormat | undefined): ImportFormat {
    const resolved = format ?? formatFromExtension(name);
    if (!resolved) {
      throw new AppError(
        'INVALID_INPUT',
        `Cannot tell the format of "${name}" from its name; say csv, tsv, json or ndjson.`,
      );
    }
    return resolved;
  }
}

function failureOf(error: unknown): { code: string; message: string } {
  return {
    code: error instanceof AppError ? error.code : 'IO_ERROR',
    message: error instanceof Error ? `The import failed: ${error.message}` : 'The import failed.',
  };
}
