import { AppError } from '../../../shared/errors';
import type { ConnectionStore } from '../connections/connection-store';
import type { CoreModule, ModuleContext } from '../module';
import { appVersion } from './app-info';

/** `app.*`: facts about the running app and the host's native dialogs. */
export function createAppModule(ctx: ModuleContext, deps: { store: ConnectionStore }): CoreModule<'app'> {
  const version = appVersion();
  return {
    handlers: {
      app: {
        info: async () => ({
          version,
          host: ctx.host,
          dataDir: ctx.dataDir,
          workspaceDir: ctx.workspaceDir,
          sampleConnectionId: deps.store.findSample()?.id ?? null,
          nativeDialogs: ctx.dialogs !== undefined,
        }),
        pickPath: async (input) => {
          if (!ctx.dialogs) {
            throw new AppError('NOT_SUPPORTED', 'This host has no native file dialog. Type the path instead.');
          }
          return { path: await ctx.dialogs.pickPath(input) };
        },
      },
    },
  };
}
