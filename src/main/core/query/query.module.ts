import type { ConnectionManager } from '../connections/connection-manager';
import type { HistoryStore } from '../history/history-store';
import type { CoreModule, ModuleContext } from '../module';
import { ExportService } from './export-service';
import { QueryService } from './query-service';

export interface QueryModule extends CoreModule<'query'> {
  query: QueryService;
  /** Also runs data tabs' exports (`data.export`). */
  exports: ExportService;
}

/** `query.*`: statements, their paged results, cancel, and exports. */
export function createQueryModule(
  ctx: ModuleContext,
  deps: { manager: ConnectionManager; history: HistoryStore },
): QueryModule {
  const query = new QueryService({ manager: deps.manager, history: deps.history, emit: ctx.emit, now: ctx.now });
  const exports = new ExportService({
    manager: deps.manager,
    dataDir: ctx.dataDir,
    emit: ctx.emit,
    now: ctx.now,
    dialogs: ctx.dialogs,
    logger: ctx.logger.child({ module: 'exports' }),
  });
  // exports left from earlier runs go once they are a day old (and again after each export)
  void exports.prune();
  return {
    query,
    exports,
    handlers: {
      query: {
        run: (input) => query.run(input),
        page: (input) => query.page(input),
        cell: (input) => query.cell(input),
        close: (input) => query.close(input),
        cancel: async (input) => query.cancel(input),
        export: (input) => exports.start(input),
        cancelExport: async (input) => exports.cancel(input),
        exportStatus: async (input) => exports.status(input),
      },
    },
    // exports and statements are aborted without waiting for the sessions: closing a wedged session (the
    // connections module, disposed at the same time) is what unblocks their cleanup
    dispose: async () => {
      await Promise.all([exports.dispose(), query.dispose()]);
    },
  };
}
