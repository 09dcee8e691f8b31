import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { ExportFormat } from '../../../shared/contract';
import type { ResultColumn, Row } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { EmitFn } from '../../../shared/events';
import type { ConnectionManager } from '../connections/connection-manager';
import { isRerunnable } from '../connections/cursor-gate';
import { resolveInside } from '../workspace/safe-path';
import { csvCell, isJsonColumn, jsonObjectText } from './file-cells';

/** Rows between two `export.progressed` events. */
export const PROGRESS_EVERY_ROWS = 5000;
const READ_BATCH = 1000;
/** Roughly how much encoded text one batch may hold: rows with big BLOBs are read a few at a time. */
const BATCH_TARGET_CHARS = 4 * 1024 * 1024;

export interface ExportServiceDeps {
  manager: ConnectionManager;
  dataDir: string;
  emit?: EmitFn;
  now?: () => Date;
}

export interface ExportInput {
  connectionId: string;
  sql: string;
  format: ExportFormat;
  path?: string;
}

interface RunningExport {
  controller: AbortController;
  finished: Promise<void>;
}

/**
 * Streams a statement's rows into a CSV or JSON file: the statement is executed afresh and read in batches,
 * so no more than one batch is ever in memory. BLOBs are written whole (see file-cells.ts for how). The file
 * is written under a temporary name and renamed when complete; a failed or cancelled export leaves nothing
 * behind.
 */
export class ExportService {
  private readonly running = new Map<string, RunningExport>();
  /** Paths being written, so two exports started in the same millisecond get different default names. */
  private readonly targets = new Set<string>();
  private readonly now: () => Date;

  constructor(private readonly deps: ExportServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Checks the statement and connects, then returns while the rows are written in the background. */
  async start(input: ExportInput): Promise<{ exportId: string; path: string }> {
    if (!isRerunnable(input.sql)) {
      throw new AppError(
        'INVALID_INPUT',
        'Only statements that read data (SELECT, WITH, VALUES, SHOW…) can be exported, because exporting runs the statement again.',
      );
    }
    const path = this.targetPath(input);
    await this.deps.manager.get(input.connectionId);
    const exportId = randomUUID();
    const controller = new AbortController();
    const finished = this.write(exportId, input, path, controller.signal).finally(() => this.running.delete(exportId));
    this.running.set(exportId, { controller, finished });
    return { exportId, path };
  }

  /** Stops an export; its partial file is removed. False when it was not running. */
  cancel(input: { exportId: string }): { cancelled: boolean } {
    const running = this.running.get(input.exportId);
    if (!running) return { cancelled: false };
    running.controller.abort();
    return { cancelled: true };
  }

  /** Resolves when the export has finished (any outcome); immediately when unknown. */
  async whenFinished(exportId: string): Promise<void> {
    await this.running.get(exportId)?.finished;
  }

  async dispose(): Promise<void> {
    const all = [...this.running.values()];
    for (const r of all) r.controller.abort();
    await Promise.all(all.map((r) => r.finished));
  }

  private targetPath(input: ExportInput): string {
    const exportsDir = join(this.deps.dataDir, 'exports');
    if (input.path) return isAbsolute(input.path) ? resolve(input.path) : resolveInside(exportsDir, input.path);
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    let path = join(exportsDir, `export-${stamp}.${input.format}`);
    for (let n = 2; existsSync(path) || this.targets.has(path); n++)
      path = join(exportsDir, `export-${stamp}-${n}.${input.format}`);
    return path;
  }

  private async write(exportId: string, input: ExportInput, path: string, signal: AbortSignal): Promise<void> {
    const emit = this.deps.emit;
    const temp = `${path}.${exportId.slice(0, 8)}.part`;
    this.targets.add(path);
    let rowsWritten = 0;
    let file: Awaited<ReturnType<typeof open>> | null = null;
    try {
      await mkdir(dirname(path), { recursive: true });
      file = await open(temp, 'w');
      const session = await this.deps.manager.get(input.connectionId);
      // whole texts and BLOBs: the grid's cells carry only a preview, a file must not lose data
      const outcome = await session.execute(input.sql, [], signal, { wholeValues: true });
      if (outcome.kind !== 'rows') throw new AppError('INVALID_INPUT', 'The statement returned no rows to export.');
      const encoder = input.format === 'csv' ? csvEncoder(outcome.columns) : jsonEncoder(outcome.columns);
      try {
        await file.write(encoder.head);
        let sinceProgress = 0;
        let batch = READ_BATCH;
        for (;;) {
          if (signal.aborted) throw cancelled();
          const rows = await outcome.cursor.read(batch);
          if (rows.length === 0) break;
          const text = encoder.rows(rows, rowsWritten === 0);
          await file.write(text);
          batch = Math.max(
            1,
            Math.min(READ_BATCH, Math.floor(BATCH_TARGET_CHARS / Math.max(1, text.length / rows.length))),
          );
          rowsWritten += rows.length;
          sinceProgress += rows.length;
          if (sinceProgress >= PROGRESS_EVERY_ROWS) {
            sinceProgress = 0;
            emit?.('export.progressed', { exportId, path, rowsWritten, done: false });
          }
        }
        await file.write(encoder.tail(rowsWritten === 0));
      } finally {
        await outcome.cursor.close().catch(() => undefined);
      }
      await file.close();
      file = null;
      if (signal.aborted) throw cancelled();
      await rename(temp, path);
      emit?.('export.progressed', { exportId, path, rowsWritten, done: true });
    } catch (error) {
      await file?.close().catch(() => undefined);
      await rm(temp, { force: true });
      const wasCancelled = signal.aborted || (error instanceof AppError && error.code === 'QUERY_CANCELLED');
      emit?.('export.progressed', {
        exportId,
        path,
        rowsWritten,
        done: true,
        ...(wasCancelled
          ? { cancelled: true }
          : {
              error: {
                code: error instanceof AppError ? error.code : 'IO_ERROR',
                message: error instanceof Error ? `The export failed: ${error.message}` : 'The export failed.',
              },
            }),
      });
    } finally {
      this.targets.delete(path);
    }
  }
}

function cancelled(): AppError {
  return new AppError('QUERY_CANCELLED', 'The export was cancelled.');
}

interface Encoder {
  head: string;
  rows(rows: Row[], first: boolean): string;
  tail(empty: boolean): string;
}

function csvEncoder(columns: ResultColumn[]): Encoder {
  const options = { cast: { boolean: (b: boolean) => (b ? 'true' : 'false') } };
  return {
    head: stringify([columns.map((c) => c.name)], options),
    rows: (rows) =>
      stringify(
        rows.map((row) => row.map(csvCell)),
        options,
      ),
    tail: () => '',
  };
}

function jsonEncoder(columns: ResultColumn[]): Encoder {
  // duplicate column names (SELECT a.id, b.id) would overwrite each other in an object: suffix them
  const seen = new Map<string, number>();
  const keys = columns.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return n === 1 ? c.name : `${c.name}_${n}`;
  });
  const json = columns.map(isJsonColumn);
  return {
    head: '[',
    rows: (rows, first) => (first ? '\n' : ',\n') + rows.map((r) => jsonObjectText(keys, r, json)).join(',\n'),
    tail: (empty) => (empty ? ']\n' : '\n]\n'),
  };
}
