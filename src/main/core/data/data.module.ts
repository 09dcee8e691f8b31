import type { ConnectionManager } from '../connections/connection-manager';
import type { CoreModule, ModuleContext } from '../module';
import type { ExportService } from '../query/export-service';
import type { QueryService } from '../query/query-service';
import { DataService } from './data-service';
import { DraftStore } from './draft-store';

/** `data.*`: table browsing (a query result with server-side sort and filters), staged edits, drafts, FK lookups. */
export function createDataModule(
  ctx: ModuleContext,
  deps: { manager: ConnectionManager; query: QueryService; exports: ExportService },
): CoreModule<'data'> {
  const data = new DataService({ manager: deps.manager, query: deps.query, exports: deps.exports });
  const drafts = new DraftStore(ctx.appDb, ctx.now);
  return {
    handlers: {
      data: {
        open: (input) => data.open(input),
        preview: (input) => data.preview(input),
        export: (input) => data.export(input),
        apply: (input) => data.apply(input),
        saveDraft: async (input) => drafts.save(input),
        loadDraft: async (input) => drafts.load(input),
        discardDraft: async (input) => drafts.discard(input),
        drafts: async () => drafts.list(),
        referencedBy: (input) => data.referencedBy(input),
        lookup: (input) => data.lookup(input),
      },
    },
  };
}
