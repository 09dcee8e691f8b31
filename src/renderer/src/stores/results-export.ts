import type { ExportStatus } from '../../../shared/contract';
import type { TableView } from '../../../shared/contract/data.contract';
import type { EventPayload } from '../../../shared/events';
import type { ExportState, ResultTab } from '../features/results/result-types';
import { toErrorShape } from '../rpc/error-shape';
import type { ResultsState } from './results.store';
import type { AppClient, Notifier } from './store-deps';

type ExportActions = Pick<ResultsState, 'startExport' | 'cancelExport' | 'dismissExport' | 'refreshRunningExports'>;

export interface ExportDeps {
  client: AppClient;
  notifier: Notifier;
  /** True where the host shows a native save dialog (the desktop app): the user picks where the file goes. */
  nativeDialogs: () => boolean;
  /** The view a data tab shows (by editor tab id), exported with data.export; undefined for other tabs. */
  dataViewOf?: (editorTabId: string) => TableView | undefined;
}

/** What a status read after missed events means for the export bar. */
export function stateFromStatus(state: ExportState, status: ExportStatus): ExportState {
  switch (status.state) {
    case 'running':
      return { ...state, path: status.path ?? state.path, rowsWritten: status.rowsWritten };
    case 'done':
      return { ...state, path: status.path, rowsWritten: status.rowsWritten, done: true };
    case 'cancelled':
      return { ...state, done: true, cancelled: true };
    case 'failed':
      return { ...state, done: true, error: status.error ?? { code: 'INTERNAL', message: 'The export failed.' } };
    case 'unknown':
      return {
        ...state,
        done: true,
        error: {
          code: 'NOT_FOUND',
          message: 'Backbench restarted while this export ran, so it did not finish. Export again.',
        },
      };
  }
}

/**
 * Exports of a result's statement to a file, with progress from `export.progressed` events. The id is chosen
 * here, so Cancel works from the first moment; when events were missed (the event stream could not replay them)
 * the exports still shown as running are re-read with `query.exportStatus` (`refreshRunningExports`).
 */
export function createExportActions(
  { client, notifier, nativeDialogs, dataViewOf }: ExportDeps,
  get: () => ResultsState,
  patch: (id: string, fn: (r: ResultTab) => Partial<ResultTab>) => void,
): ExportActions {
  let hooked = false;
  const resultOf = (exportId: string) =>
    Object.values(get().resultsById).find((x) => x.exportState?.exportId === exportId);

  const onProgress = (p: EventPayload<'export.progressed'>) => {
    const r = resultOf(p.exportId);
    if (!r) return;
    patch(r.id, (x) => ({
      exportState: {
        ...(x.exportState ?? { format: 'csv' }),
        exportId: p.exportId,
        path: p.path || (x.exportState?.path ?? null),
        rowsWritten: p.rowsWritten,
        done: p.done,
        cancelled: p.cancelled ?? false,
        error: p.error ?? null,
      },
    }));
  };

  const refreshRunning = async () => {
    const running = Object.values(get().resultsById).filter((r) => r.exportState?.exportId && !r.exportState.done);
    if (running.length === 0) return;
    try {
      const statuses = await client.query.exportStatus({ exportIds: running.map((r) => r.exportState!.exportId!) });
      for (const status of statuses) {
        const r = resultOf(status.exportId);
        if (r?.exportState) patch(r.id, (x) => ({ exportState: stateFromStatus(x.exportState!, status) }));
      }
    } catch (error) {
      notifier.notifyError('Could not check the running exports', error);
    }
  };

  const hook = () => {
    if (hooked) return;
    hooked = true;
    client.on('export.progressed', onProgress);
  };

  return {
    async startExport(resultId, format) {
      const r = get().resultsById[resultId];
      if (!r) return;
      hook();
      const exportId = crypto.randomUUID();
      const initial: ExportState = {
        exportId,
        format,
        path: null,
        rowsWritten: 0,
        done: false,
        cancelled: false,
        error: null,
      };
      patch(resultId, () => ({ exportState: initial }));
      const mine = (x: ResultTab) => x.exportState?.exportId === exportId;
      try {
        // the desktop asks where to save; the browser host writes to its exports folder for download
        const saveAs = nativeDialogs();
        // a data tab's SELECT binds its filters as parameters: the data service builds it again
        const view = dataViewOf?.(r.editorTabId);
        const { path } = view
          ? await client.data.export({ ...view, exportId, format, ...(saveAs ? { saveAs } : {}) })
          : await client.query.export({
              exportId,
              connectionId: r.connectionId,
              sql: r.statementText,
              format,
              ...(saveAs ? { saveAs } : {}),
            });
        if (path === null) {
          // the save dialog was closed: nothing to show
          patch(resultId, (x) => (mine(x) ? { exportState: null } : {}));
          return;
        }
        // progress events may have arrived first (with the final name); keep what they reported
        patch(resultId, (x) =>
          mine(x) ? { exportState: { ...x.exportState!, path: x.exportState!.path ?? path } } : {},
        );
      } catch (error) {
        const shape = toErrorShape(error);
        patch(resultId, (x) =>
          mine(x)
            ? {
                exportState: {
                  ...x.exportState!,
                  done: true,
                  cancelled: shape.code === 'QUERY_CANCELLED',
                  error: shape.code === 'QUERY_CANCELLED' ? null : { code: shape.code, message: shape.message },
                },
              }
            : {},
        );
      }
    },

    async cancelExport(resultId) {
      const exportId = get().resultsById[resultId]?.exportState?.exportId;
      if (!exportId) return;
      try {
        await client.query.cancelExport({ exportId });
      } catch (error) {
        notifier.notifyError('Could not cancel the export', error);
      }
    },

    dismissExport(resultId) {
      patch(resultId, () => ({ exportState: null }));
    },

    refreshRunningExports: refreshRunning,
  };
}
