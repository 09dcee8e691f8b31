import type { ExportFormat } from '../../../shared/contract';
import type { TableView } from '../../../shared/contract/data.contract';
import type { EventPayload } from '../../../shared/events';
import type { ExportState } from '../features/results/result-types';
import { toErrorShape } from '../rpc/error-shape';
import { stateFromStatus } from './results-export';
import type { AppClient, Notifier } from './store-deps';

/** A data tab's export to a file (`data.export`), kept by the tab: the grid reloading (sort, filter) never drops it. */
export interface TableExportsState {
  /** The export each data tab shows (running, or finished until dismissed), by editor tab id. */
  tableExports: Record<string, ExportState | undefined>;
  /** Exports the rows the data tab shows now (its filters, WHERE and sort) in `format`. */
  startTableExport(tabId: string, format: ExportFormat): Promise<void>;
  cancelTableExport(tabId: string): Promise<void>;
  dismissTableExport(tabId: string): void;
  /** Re-reads the exports still shown as running (after the event stream missed events it could not replay). */
  refreshRunningExports(): Promise<void>;
  /** A closed tab: its export is no longer shown (it still finishes or is cancelled on its own). */
  forgetTableExport(tabId: string): void;
}

export interface TableExportDeps {
  client: AppClient;
  notifier: Notifier;
  /** The view a data tab shows, or undefined when the tab is gone or has no connection. */
  dataViewOf?(tabId: string): TableView | undefined;
  /** True where the host shows a native save dialog (the desktop app): the user picks where the file goes. */
  nativeDialogs?(): boolean;
}

type Patch = (fn: (s: TableExportsState) => Partial<TableExportsState>) => void;

/**
 * The data tabs' exports, held apart from the rows on screen: a data tab's result is replaced on every reload,
 * while its export runs on. The export id is chosen here, so Cancel works from the first moment.
 */
export function createTableExportActions(
  { client, notifier, dataViewOf, nativeDialogs }: TableExportDeps,
  get: () => TableExportsState,
  set: Patch,
): Omit<TableExportsState, 'tableExports'> {
  let hooked = false;
  const patchExport = (tabId: string, exportId: string, fn: (e: ExportState) => Partial<ExportState> | null) =>
    set((s) => {
      const current = s.tableExports[tabId];
      if (current?.exportId !== exportId) return {};
      const next = fn(current);
      return { tableExports: { ...s.tableExports, [tabId]: next === null ? undefined : { ...current, ...next } } };
    });
  const tabOf = (exportId: string) => Object.entries(get().tableExports).find(([, e]) => e?.exportId === exportId)?.[0];

  const onProgress = (p: EventPayload<'export.progressed'>) => {
    const tabId = tabOf(p.exportId);
    if (!tabId) return;
    patchExport(tabId, p.exportId, (e) => ({
      path: p.path || e.path,
      rowsWritten: p.rowsWritten,
      done: p.done,
      cancelled: p.cancelled ?? false,
      error: p.error ?? null,
    }));
  };
  const hook = () => {
    if (hooked) return;
    hooked = true;
    client.on('export.progressed', onProgress);
  };

  return {
    async startTableExport(tabId, format) {
      const view = dataViewOf?.(tabId);
      const running = get().tableExports[tabId];
      if (!view || (running && !running.done)) return;
      hook();
      const exportId = crypto.randomUUID();
      set((s) => ({
        tableExports: {
          ...s.tableExports,
          [tabId]: { exportId, format, path: null, rowsWritten: 0, done: false, cancelled: false, error: null },
        },
      }));
      try {
        // the desktop asks where to save; the browser host writes to its exports folder for download
        const saveAs = nativeDialogs?.() === true;
        const { path } = await client.data.export({ ...view, exportId, format, ...(saveAs ? { saveAs } : {}) });
        // the save dialog was closed: nothing to show; else keep what progress events reported (the final name)
        patchExport(tabId, exportId, (e) => (path === null ? null : { path: e.path ?? path }));
      } catch (error) {
        const shape = toErrorShape(error);
        const cancelled = shape.code === 'QUERY_CANCELLED';
        patchExport(tabId, exportId, () => ({
          done: true,
          cancelled,
          error: cancelled ? null : { code: shape.code, message: shape.message },
        }));
      }
    },

    async cancelTableExport(tabId) {
      const exportId = get().tableExports[tabId]?.exportId;
      if (!exportId) return;
      try {
        await client.query.cancelExport({ exportId });
      } catch (error) {
        notifier.notifyError('Could not cancel the export', error);
      }
    },

    dismissTableExport(tabId) {
      set((s) => ({ tableExports: { ...s.tableExports, [tabId]: undefined } }));
    },

    async refreshRunningExports() {
      const running = Object.values(get().tableExports).filter((e) => e?.exportId && !e.done);
      if (running.length === 0) return;
      try {
        const statuses = await client.query.exportStatus({ exportIds: running.map((e) => e!.exportId!) });
        for (const status of statuses) {
          const tabId = tabOf(status.exportId);
          if (tabId) patchExport(tabId, status.exportId, (e) => stateFromStatus(e, status));
        }
      } catch (error) {
        notifier.notifyError('Could not check the running exports', error);
      }
    },

    forgetTableExport(tabId) {
      get().dismissTableExport(tabId);
    },
  };
}
