import type { EventPayload } from '../../../shared/events';
import type { ExportState, ResultTab } from '../features/results/result-types';
import { toErrorShape } from '../rpc/error-shape';
import type { ResultsState } from './results.store';
import type { AppClient, Notifier } from './store-deps';

type ExportActions = Pick<ResultsState, 'startExport' | 'cancelExport' | 'dismissExport'>;

/** Exports of a result's statement to a file, with progress from `export.progressed` events. */
export function createExportActions(
  { client, notifier }: { client: AppClient; notifier: Notifier },
  get: () => ResultsState,
  patch: (id: string, fn: (r: ResultTab) => Partial<ResultTab>) => void,
): ExportActions {
  let exportEventsHooked = false;
  /** The latest progress per export id, kept for exports whose query.export call has not returned yet. */
  const exportProgress = new Map<string, EventPayload<'export.progressed'>>();
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
        notifier.notifyError('Could not cancel the export', error);
      }
    },

    dismissExport(resultId) {
      patch(resultId, () => ({ exportState: null }));
    },
  };
}
