import { create } from 'zustand';
import type { ImportFile, ImportFormat, ImportPreview } from '../../../shared/contract/transfer.contract';
import type { Engine } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/errors';
import type { EventPayload } from '../../../shared/events';
import { toErrorShape } from '../rpc/error-shape';
import type { AppClient, Notifier } from './store-deps';
import { createTableExportActions, type TableExportDeps, type TableExportsState } from './table-exports';

/** Rows `transfer.preview` reads to infer each field's type (the dialog shows the first few). */
export const PREVIEW_ROWS = 100;

/** Where an import goes: into `table`, or (table null) into a new table the user names in the dialog. */
export interface ImportTarget {
  connectionId: string;
  schema: string | null;
  table: string | null;
}

export interface ImportJob {
  importId: string;
  connectionId: string;
  schema: string | null;
  table: string;
  /** The import may create the table. */
  create: boolean;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  rowsImported: number;
  error: { code: string; message: string } | null;
}

export interface ImportDialogState {
  target: ImportTarget;
  file: ImportFile | null;
  /** A file is being uploaded to the browser host (or chosen in the native dialog). */
  choosing: boolean;
  format: ImportFormat | null;
  preview: ImportPreview | null;
  previewLoading: boolean;
  /** Choosing, uploading or previewing failed (a bad line in the first rows names it). */
  error: AppErrorShape | null;
  job: ImportJob | null;
}

export interface ImportRequest {
  schema: string | null;
  table: string;
  create: boolean;
  /** Field → column; fields left out are skipped. */
  mapping?: Record<string, string>;
  /** Field → column type, for a new table. */
  columnTypes?: Record<string, string>;
}

export interface TransferState extends TableExportsState {
  /** The import dialog, or null when it is closed. */
  dialog: ImportDialogState | null;
  /** Files are uploaded from the page (browser host); else the native open dialog picks them. */
  canUpload: boolean;
  openImport(target: ImportTarget): void;
  /** Closes the dialog; a running import is cancelled first (its rows are rolled back). */
  closeImport(): void;
  /** Desktop: the native open dialog (`transfer.chooseFile`), then the preview. */
  chooseFile(): Promise<void>;
  /** Browser host: uploads a file picked in the page (`POST /upload`), then the preview. */
  uploadFile(file: File): Promise<void>;
  /** Reads the preview again as another format. */
  setFormat(format: ImportFormat): Promise<void>;
  startImport(request: ImportRequest): Promise<void>;
  cancelImport(): Promise<void>;
  /** Re-reads a running import's status (after the event stream missed events it could not replay). */
  refreshRunningImport(): Promise<void>;
}

export interface TransferDeps extends TableExportDeps {
  client: AppClient;
  notifier: Notifier;
  /** Uploads a picked file to the browser host; absent on the desktop, which asks in its open dialog. */
  upload?: (file: File) => Promise<ImportFile>;
  engineOf(connectionId: string): Engine;
  /** An import finished and wrote rows (or created a table): what shows the table should be re-read. */
  onImported(target: { connectionId: string; schema: string | null; table: string; created: boolean }): void;
}

/**
 * The import dialog's state: the file (chosen or uploaded), its preview, and the import running in the
 * background with progress from `import.progressed`. The import id is chosen here, so Cancel works from the first
 * moment. Also the data tabs' exports (`table-exports.ts`).
 */
export function createTransferStore(deps: TransferDeps) {
  const { client } = deps;
  let hooked = false;

  return create<TransferState>()((set, get) => {
    const patchDialog = (fn: (d: ImportDialogState) => Partial<ImportDialogState>) =>
      set((s) => (s.dialog ? { dialog: { ...s.dialog, ...fn(s.dialog) } } : {}));
    const patchJob = (importId: string, fn: (j: ImportJob) => Partial<ImportJob>) =>
      patchDialog((d) => (d.job?.importId === importId ? { job: { ...d.job, ...fn(d.job) } } : {}));

    const finished = (job: ImportJob, created: boolean) => {
      if (job.state === 'done' || created)
        deps.onImported({ connectionId: job.connectionId, schema: job.schema, table: job.table, created });
    };

    const onProgress = (p: EventPayload<'import.progressed'>) => {
      const job = get().dialog?.job;
      if (!job || job.importId !== p.importId || job.state !== 'running') return;
      const state: ImportJob['state'] = !p.done ? 'running' : p.error ? 'failed' : p.cancelled ? 'cancelled' : 'done';
      patchJob(p.importId, () => ({ rowsImported: p.rowsImported, state, error: p.error ?? null }));
      if (state === 'done') finished({ ...job, state }, false);
    };

    const hook = () => {
      if (hooked) return;
      hooked = true;
      client.on('import.progressed', onProgress);
    };

    /** Reads the first rows of the current file as `format` (or as its extension says). */
    const loadPreview = async (file: ImportFile, format: ImportFormat | null) => {
      patchDialog(() => ({ previewLoading: true, error: null }));
      const connectionId = get().dialog?.target.connectionId;
      try {
        const preview = await client.transfer.preview({
          fileId: file.fileId,
          ...(format ? { format } : {}),
          limit: PREVIEW_ROWS,
          ...(connectionId ? { engine: deps.engineOf(connectionId) } : {}),
        });
        patchDialog((d) =>
          d.file?.fileId === file.fileId ? { preview, format: preview.format, previewLoading: false } : {},
        );
      } catch (error) {
        patchDialog((d) =>
          d.file?.fileId === file.fileId ? { preview: null, previewLoading: false, error: toErrorShape(error) } : {},
        );
      }
    };

    const fileChosen = async (file: ImportFile | null) => {
      if (!get().dialog) return;
      if (file === null) {
        patchDialog(() => ({ choosing: false }));
        return;
      }
      patchDialog(() => ({ file, format: file.format, preview: null, choosing: false, job: null }));
      await loadPreview(file, file.format);
    };

    return {
      dialog: null,
      canUpload: deps.upload !== undefined,
      tableExports: {},
      ...createTableExportActions(deps, get, set),

      openImport(target) {
        hook();
        set({
          dialog: {
            target,
            file: null,
            choosing: false,
            format: null,
            preview: null,
            previewLoading: false,
            error: null,
            job: null,
          },
        });
      },

      closeImport() {
        const job = get().dialog?.job;
        if (job?.state === 'running') void get().cancelImport();
        set({ dialog: null });
      },

      async chooseFile() {
        patchDialog(() => ({ choosing: true, error: null }));
        try {
          await fileChosen(await client.transfer.chooseFile({}));
        } catch (error) {
          patchDialog(() => ({ choosing: false, error: toErrorShape(error) }));
        }
      },

      async uploadFile(file) {
        if (!deps.upload) return;
        patchDialog(() => ({ choosing: true, error: null }));
        try {
          await fileChosen(await deps.upload(file));
        } catch (error) {
          patchDialog(() => ({ choosing: false, error: toErrorShape(error) }));
        }
      },

      async setFormat(format) {
        const file = get().dialog?.file;
        if (!file) return;
        patchDialog(() => ({ format }));
        await loadPreview(file, format);
      },

      async startImport(request) {
        const d = get().dialog;
        if (!d?.file || d.job?.state === 'running') return;
        hook();
        const importId = crypto.randomUUID();
        const job: ImportJob = {
          importId,
          connectionId: d.target.connectionId,
          schema: request.schema,
          table: request.table,
          create: request.create,
          state: 'running',
          rowsImported: 0,
          error: null,
        };
        patchDialog(() => ({ job, error: null }));
        try {
          await client.transfer.import({
            importId,
            connectionId: d.target.connectionId,
            fileId: d.file.fileId,
            ...(d.format ? { format: d.format } : {}),
            schema: request.schema,
            table: request.table,
            create: request.create,
            ...(request.mapping ? { mapping: request.mapping } : {}),
            ...(request.columnTypes ? { columnTypes: request.columnTypes } : {}),
          });
        } catch (error) {
          const shape = toErrorShape(error);
          patchJob(importId, (j) =>
            j.state === 'running'
              ? shape.code === 'QUERY_CANCELLED'
                ? { state: 'cancelled' }
                : { state: 'failed', error: { code: shape.code, message: shape.message } }
              : {},
          );
        }
      },

      async cancelImport() {
        const job = get().dialog?.job;
        if (job?.state !== 'running') return;
        try {
          await client.transfer.cancelImport({ importId: job.importId });
        } catch (error) {
          deps.notifier.notifyError('Could not cancel the import', error);
        }
      },

      async refreshRunningImport() {
        const job = get().dialog?.job;
        if (job?.state !== 'running') return;
        try {
          const [status] = await client.transfer.importStatus({ importIds: [job.importId] });
          if (!status || status.state === 'running') {
            if (status) patchJob(job.importId, () => ({ rowsImported: status.rowsImported }));
            return;
          }
          const state = status.state === 'unknown' ? 'failed' : status.state;
          const error =
            status.state === 'unknown'
              ? {
                  code: 'NOT_FOUND',
                  message: 'Backbench restarted while this import ran, so nothing was imported. Import again.',
                }
              : (status.error ?? null);
          patchJob(job.importId, () => ({ state, rowsImported: status.rowsImported, error }));
          finished({ ...job, state }, status.created);
        } catch (error) {
          deps.notifier.notifyError('Could not check the running import', error);
        }
      },
    };
  });
}

export type TransferStore = ReturnType<typeof createTransferStore>;
