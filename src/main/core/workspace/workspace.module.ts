import type { CoreModule, ModuleContext } from '../module';
import { SavedQueries } from './saved-queries';
import { TabsStore } from './tabs-store';

/** `workspace.*`: open editor tabs (app database) and saved queries (files in the workspace folder). */
export function createWorkspaceModule(ctx: ModuleContext): CoreModule<'workspace'> {
  const tabs = new TabsStore(ctx.appDb, ctx.now);
  const queries = new SavedQueries(ctx.workspaceDir);
  return {
    handlers: {
      workspace: {
        loadTabs: async () => tabs.load(),
        saveTabs: async (input) => {
          tabs.save(input);
          return { saved: true };
        },
        listQueries: () => queries.list(),
        readQuery: ({ path }) => queries.read(path),
        saveQuery: ({ path, sql }) => queries.save(path, sql),
        deleteQuery: async ({ path }) => ({ deleted: await queries.delete(path) }),
      },
    },
  };
}
