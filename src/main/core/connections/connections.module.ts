import { destinationChanged } from '../../../shared/connection-security';
import { resolve } from 'node:path';
import type { ConnectionParams } from '../../../shared/domain';
import type { CoreModule, ModuleContext } from '../module';
import { ConnectionManager } from './connection-manager';
import { ConnectionStore } from './connection-store';
import { openSession } from './open-session';
import { parseConnectionUrl } from './parse-url';
import { resolveSqliteFile } from './sqlite/sqlite-file';
import { decideTransport, withTransportPolicy } from './transport-policy';

export interface ConnectionsModule extends CoreModule<'connections'> {
  store: ConnectionStore;
  manager: ConnectionManager;
}

/** `connections.*`: saved connections (passwords encrypted) and their live sessions. */
export function createConnectionsModule(ctx: ModuleContext): ConnectionsModule {
  const store = new ConnectionStore(ctx.appDb, ctx.secrets, ctx.now);
  // every session of a saved connection, and the dialog's Test, go through the password transport policy
  const manager = new ConnectionManager({
    store,
    openSession: withTransportPolicy(openSession),
    emit: ctx.emit,
    logger: ctx.logger.child({ module: 'connections' }),
  });
  return {
    store,
    manager,
    handlers: {
      connections: {
        list: async () => store.list(),
        create: async ({ name, params: given, password }) => {
          const params = absoluteSqlitePath(given, ctx.workspaceDir);
          // refused at once, not only on the first connect: the dialog marks the SSL mode
          decideTransport(params, Boolean(password));
          return store.create({ name, params, password });
        },
        update: async (given) => {
          const input = given.params ? { ...given, params: absoluteSqlitePath(given.params, ctx.workspaceDir) } : given;
          const before = store.get(input.id);
          // only what changes is checked: renaming an older connection saved before this rule keeps working
          if (input.params !== undefined || input.password !== undefined) {
            const params = input.params ?? before.params;
            const keepsPassword =
              input.password === undefined
                ? before.hasPassword && !destinationChanged(before.params, params)
                : Boolean(input.password);
            decideTransport(params, keepsPassword);
          }
          const updated = store.update(input);
          // new params or password only take effect on a new session
          if ((input.params !== undefined || input.password !== undefined) && manager.isOpen(input.id)) {
            await manager.disconnect(input.id);
          }
          return updated;
        },
        duplicate: async ({ id }) => store.duplicate(id),
        delete: async ({ id }) => {
          // forget it first: a request arriving while the session closes must not reopen a deleted connection
          const deleted = store.delete(id);
          await manager.disconnect(id);
          return { deleted };
        },
        test: async (target) =>
          manager.test(
            'params' in target ? { ...target, params: absoluteSqlitePath(target.params, ctx.workspaceDir) } : target,
          ),
        connect: async ({ id }) => manager.connect(id),
        disconnect: async ({ id }) => {
          store.get(id); // NOT_FOUND for an unknown id
          return manager.disconnect(id);
        },
        statuses: async () => store.list().map((c) => manager.status(c.id)),
        parseUrl: async ({ url }) => parseConnectionUrl(url),
      },
    },
    dispose: () => manager.dispose(),
  };
}

/**
 * A SQLite file typed as a relative path names a file in the workspace folder — the rule the connection dialog
 * shows ("Opens <workspace>/shop.db") — and is saved absolute, so it never depends on where the app was started.
 * `~/` means the home folder.
 */
export function absoluteSqlitePath<P extends ConnectionParams>(params: P, workspaceDir: string): P {
  if (params.engine !== 'sqlite') return params;
  const file = params.file.startsWith('~/') || params.file === '~' ? params.file : resolve(workspaceDir, params.file);
  return { ...params, file: resolveSqliteFile(file) };
}
