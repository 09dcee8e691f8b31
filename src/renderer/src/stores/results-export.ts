import type { EventPayload } from '../../../shared/events';
import type { ExportState, ResultTab } from '../features/results/result-types';
import { client, downloadExportFile, downloadsFromHost } from '../rpc/client';
import { toErrorShape } from '../rpc/error-shape';
import type { AppState } from './app-store';
import type { ResultsSlice } from './results.slice';

let exportEventsHooked = false;
/** The latest progress per export id, kept for exports whose query.export call has not returned yet. */
const exportProgress = new Map<string, EventPayload<'export.progressed'>>();

type ExportActions = Pick<ResultsSlice, 'startExport' | 'cancelExport' | 'dismissExport'>;

/** Exports of a result's statement to a file, with progress from `export.progressed` events. */
export function createExportActions(
  get: () => AppState,
  patch: (id: string, fn: (r: ResultTab) => Partial<ResultTab>) => void,
): ExportActions {
  const applyProgress = (resultId: string, p: EventPayload<'export.progressed'>) =>
    patch(resultId, (x) => ({
      exportState: {
        ...(x.exportState ?? { format: 'csv' }),
        exportId: p.exportId,
        path: p.path,
        rowsWritten: p.rowsWritten,
        done: p.done,
        cancelled: p.cancelled ?? false,
        error: p.error ?? null,
      },
    }));
  const onExportProgress = (p: EventPayload<'export.progressed'>) => {
    const r = Object.values(get().resultsById).find((x) => x.exportState?.exportId === p.exportId);
    if (r) applyProgress(r.id, p);
    else exportProgress.set(p.exportId, p);
    if (exportProgress.size > 50) exportProgress.delete(exportProgress.keys().next().value as string);
  };

  return {
    async startExport(resultId, format) {
      const r = get().resultsById[resultId];
      if (!r) return;
      if (!exportEventsHooked) {
        exportEventsHooked = true;
        client.on('export.progressed', onExportProgress);
      }
      const initial: ExportState = {
        exportId: null,
        format,
        path: null,
        rowsWritten: 0,
        done: false,
        cancelled: false,
        error: null,
      };
      patch(resultId, () => ({ exportState: initial }));
      try {
        const { exportId, path } = await client.query.export({
          connectionId: r.connectionId,
          sql: r.statementText,
          format,
        });
        // progress events may have arrived first (they carry the id); keep whatever they reported
        patch(resultId, (x) => ({ exportState: { ...(x.exportState ?? initial), exportId, path } }));
        const early = exportProgress.get(exportId);
        exportProgress.delete(exportId);
        if (early) applyProgress(resultId, early);
      } catch (error) {
        const shape = toErrorShape(error);
        patch(resultId, (x) => ({
          exportState: {
            ...(x.exportState ?? initial),
            done: true,
            error: { code: shape.code, message: shape.message },
          },
        }));
      }
    },

    async cancelExport(resultId) {
      const exportId = get().resultsById[resultId]?.exportState?.exportId;
      if (!exportId) return;
      try {
        await client.query.cancelExport({ exportId });
      } catch (error) {
        get().notifyError('Could not cancel the export', error);
      }
    },

    dismissExport(resultId) {
      patch(resultId, () => ({ exportState: null }));
    },
  };
}

/**
 * The name of an export's file in the browser host's exports folder, or null where there is nothing to download
 * (the desktop app, which wrote the file where the user chose).
 */
export function exportFileName(path: string | null): string | null {
  if (!downloadsFromHost || path === null) return null;
  const parts = path.split(/[\\/]/);
  const name = parts.pop();
  return name && parts.pop() === 'exports' ? name : null;
}

/** Downloads a finished export from the browser host (a one-time link; the file never passes through the page). */
export async function downloadExport(state: ExportState): Promise<void> {
  const name = exportFileName(state.path);
  if (name !== null) await downloadExportFile(name);
}
