import { existsSync } from 'node:fs';
import { BackgroundJobs, type JobRecord } from '../background-jobs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { ExportFormat, ExportStatus } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { EmitFn } from '../../../shared/events';
import type { ConnectionManager } from '../connections/connection-manager';
import { isRerunnable } from '../connections/cursor-gate';
import type { SqlValue } from '../connections/sql-dialect';
import { ensurePrivateDir } from '../data-dir';
import { errorFields, type Logger } from '../logging/logger';
import type { DialogPort } from '../services-deps';
import {
  exportFileName,
  PARTIAL_SUFFIX,
  placeWithoutReplacing,
  pruneExports,
  type PruneOptions,
} from './export-folder';
import { createRowWriter, insertTableOf } from './row-writer';

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
  /** The host's native dialogs (desktop): `saveAs` exports ask there where to write. */
  dialogs?: DialogPort;
  logger?: Logger;
  /** Limits of the exports folder (defaults in export-folder.ts). */
  folderLimits?: Pick<PruneOptions, 'maxAgeMs' | 'maxBytes'>;
}

export interface ExportInput {
  exportId: string;
  connectionId: string;
  sql: string;
  format: ExportFormat;
  saveAs?: boolean;
  /** The table `sql` INSERTs name; by default the one table the result comes from, else `exported_rows`. */
  insertTable?: string;
  /** Values of the statement's placeholders (a data tab's filters), bound in order. */
  params?: readonly SqlValue[];
}

/** Where a file goes: a new name in the exports folder, or the path the user chose in the save dialog. */
type Target = { kind: 'folder'; name: string } | { kind: 'chosen'; path: string };

interface ExportRecord extends JobRecord {
  path: string | null;
  rowsWritten: number;
}

/**
 * Streams a statement's rows into a CSV, TSV, JSON, NDJSON or SQL file (row-writer.ts): the statement is executed afresh and read in batches,
 * so no more than one batch is ever in memory. BLOBs are written whole (see file-cells.ts for how). The file
 * is written under a temporary name and put in place when complete; a failed or cancelled export leaves nothing
 * behind. Files go to `<dataDir>/exports` (0700, files 0600, never replacing one, pruned by age and total size)
 * or, on the desktop, where the user picks in the native save dialog. A path never comes from the caller.
 */
export class ExportService {
  private readonly jobs = new BackgroundJobs<ExportRecord>('export', 'exportId');
  /** Names in the exports folder that exports in progress will take or write to, so pruning leaves them. */
  private readonly busyNames = new Set<string>();
  private readonly now: () => Date;
  private readonly exportsDir: string;

  constructor(private readonly deps: ExportServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.exportsDir = join(deps.dataDir, 'exports');
  }

  /**
   * Checks the statement, asks where to save (saveAs) and connects, then returns while the rows are written in
   * the background. The export can be cancelled by its id from the start.
   */
  async start(input: ExportInput): Promise<{ exportId: string; path: string | null }> {
    const { exportId } = input;
    this.jobs.assertNew(exportId);
    if (!isRerunnable(input.sql)) {
      throw new AppError(
        'INVALID_INPUT',
        'Only statements that read data (SELECT, WITH, VALUES, SHOW…) can be exported, because exporting runs the statement again.',
      );
    }
    if (input.saveAs && !this.deps.dialogs) {
      throw new AppError(
        'NOT_SUPPORTED',
        'Choosing where to save needs the desktop app; here the export goes to the exports folder (export without "save as").',
      );
    }
    const record = this.jobs.add(exportId, { path: null, rowsWritten: 0 });
    const signal = record.controller.signal;
    let target: Target | undefined;
    try {
      if (input.saveAs) {
        const chosen = await this.deps.dialogs!.pickPath({
          mode: 'save',
          title: `Export rows as ${input.format.toUpperCase()}`,
          defaultPath: exportFileName(this.now(), input.format),
          filters: [{ name: input.format.toUpperCase(), extensions: [input.format] }],
        });
        if (chosen === null) {
          this.jobs.settle(record, 'cancelled');
          return { exportId, path: null };
        }
        if (!isAbsolute(chosen)) throw new AppError('INVALID_INPUT', 'The save dialog gave no absolute path.');
        target = { kind: 'chosen', path: chosen };
        record.path = chosen;
      } else {
        ensurePrivateDir(this.exportsDir);
        target = { kind: 'folder', name: this.freeName(input.format) };
        record.path = join(this.exportsDir, target.name);
      }
      if (signal.aborted) throw cancelled();
      await this.deps.manager.get(input.connectionId);
      if (signal.aborted) throw cancelled();
    } catch (error) {
      if (target?.kind === 'folder') this.busyNames.delete(target.name);
      const wasCancelled = signal.aborted || (error instanceof AppError && error.code === 'QUERY_CANCELLED');
      this.jobs.settle(record, wasCancelled ? 'cancelled' : 'failed', failureOf(error));
      throw error;
    }
    record.finished = this.write(exportId, input, target, record);
    return { exportId, path: record.path };
  }

  /** Stops an export; its partial file is removed. False when it was not running. */
  cancel(input: { exportId: string }): { cancelled: boolean } {
    return this.jobs.cancel(input.exportId);
  }

  /** Where the given exports stand (`unknown` for ids this service does not know). */
  status(input: { exportIds: string[] }): ExportStatus[] {
    return input.exportIds.map((exportId) => {
      const record = this.jobs.get(exportId);
      if (!record) return { exportId, state: 'unknown', path: null, rowsWritten: 0 };
      return {
        exportId,
        state: record.state,
        path: record.path,
        rowsWritten: record.rowsWritten,
        ...(record.error ? { error: record.error } : {}),
      };
    });
  }

  /** Resolves when the export has finished (any outcome); immediately when unknown. */
  whenFinished(exportId: string): Promise<void> {
    return this.jobs.whenFinished(exportId);
  }

  /** Removes old files from the exports folder, and the oldest while it is too big (see export-folder.ts). */
  async prune(): Promise<string[]> {
    try {
      const removed = await pruneExports(this.exportsDir, {
        now: this.now().getTime(),
        keep: this.busyNames,
        ...this.deps.folderLimits,
      });
      if (removed.length > 0) this.deps.logger?.info({ removed: removed.length }, 'Old exports removed');
      return removed;
    } catch (error) {
      this.deps.logger?.warn(errorFields(error), 'Could not prune the exports folder');
      return [];
    }
  }

  dispose(): Promise<void> {
    return this.jobs.dispose();
  }

  /** A name in the exports folder that no file and no export in progress has. */
  private freeName(format: ExportFormat): string {
    const at = this.now();
    for (let n = 1; ; n++) {
      const name = exportFileName(at, format, n);
      if (!this.busyNames.has(name) && !existsSync(join(this.exportsDir, name))) {
        this.busyNames.add(name);
        return name;
      }
    }
  }

  private async write(exportId: string, input: ExportInput, target: Target, record: ExportRecord): Promise<void> {
    const emit = this.deps.emit;
    const signal = record.controller.signal;
    const dir = target.kind === 'folder' ? this.exportsDir : dirname(target.path);
    const base = target.kind === 'folder' ? target.name : basename(target.path);
    const tempName = `.${base}.${exportId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 12)}${PARTIAL_SUFFIX}`;
    const temp = join(dir, tempName);
    if (target.kind === 'folder') this.busyNames.add(tempName);
    const progress = (done: boolean, extra: object = {}) =>
      emit?.('export.progressed', {
        exportId,
        path: record.path ?? '',
        rowsWritten: record.rowsWritten,
        done,
        ...extra,
      });
    let file: Awaited<ReturnType<typeof open>> | null = null;
    try {
      await mkdir(dir, { recursive: true });
      // the exports folder is private; a file the user placed elsewhere gets the usual permissions
      file = await open(temp, 'wx', target.kind === 'folder' ? 0o600 : 0o666);
      const session = await this.deps.manager.get(input.connectionId);
      // whole texts and BLOBs: the grid's cells carry only a preview, a file must not lose data
      const outcome = await session.execute(input.sql, input.params ?? [], signal, { wholeValues: true });
      if (outcome.kind !== 'rows') throw new AppError('INVALID_INPUT', 'The statement returned no rows to export.');
      const writer = createRowWriter(input.format, outcome.columns, {
        engine: session.engine,
        table: input.insertTable
          ? { schema: null, table: input.insertTable }
          : insertTableOf(outcome.columns, 'exported_rows'),
      });
      try {
        await file.write(writer.head);
        let sinceProgress = 0;
        let batch = READ_BATCH;
        for (;;) {
          if (signal.aborted) throw cancelled();
          const rows = await outcome.cursor.read(batch);
          if (rows.length === 0) break;
          const text = writer.rows(rows);
          await file.write(text);
          batch = Math.max(
            1,
            Math.min(READ_BATCH, Math.floor(BATCH_TARGET_CHARS / Math.max(1, text.length / rows.length))),
          );
          record.rowsWritten += rows.length;
          sinceProgress += rows.length;
          if (sinceProgress >= PROGRESS_EVERY_ROWS) {
            sinceProgress = 0;
            progress(false);
          }
        }
        await file.write(writer.end());
      } finally {
        await outcome.cursor
          .close()
          .catch((error: unknown) => this.deps.logger?.warn(errorFields(error), 'An export cursor did not close'));
      }
      await file.close();
      file = null;
      if (signal.aborted) throw cancelled();
      if (target.kind === 'chosen') {
        // the save dialog asked before replacing an existing file
        await rename(temp, target.path);
      } else {
        const name = target.name;
        record.path = await placeWithoutReplacing(temp, this.exportsDir, (n) =>
          n === 1 ? name : `${name.replace(/\.[^.]+$/, '')}-${n}.${input.format}`,
        );
      }
      this.jobs.settle(record, 'done');
      progress(true);
    } catch (error) {
      await file?.close().catch(() => undefined);
      await rm(temp, { force: true });
      const wasCancelled = signal.aborted || (error instanceof AppError && error.code === 'QUERY_CANCELLED');
      if (wasCancelled) {
        this.jobs.settle(record, 'cancelled');
        progress(true, { cancelled: true });
      } else {
        const failure = failureOf(error);
        this.jobs.settle(record, 'failed', failure);
        progress(true, { error: failure });
      }
    } finally {
      if (target.kind === 'folder') {
        this.busyNames.delete(target.name);
        this.busyNames.delete(tempName);
        await this.prune();
      }
    }
  }
}

function failureOf(error: unknown): { code: string; message: string } {
  return {
    code: error instanceof AppError ? error.code : 'IO_ERROR',
    message: error instanceof Error ? `The export failed: ${error.message}` : 'The export failed.',
  };
}

function cancelled(): AppError {
  return new AppError('QUERY_CANCELLED', 'The export was cancelled.');
}
