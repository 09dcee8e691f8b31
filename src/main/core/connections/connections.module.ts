import { destinationChanged } from '../../../shared/connection-security';
import type { CoreModule, ModuleContext } from '../module';
import { ConnectionManager } from './connection-manager';
import { ConnectionStore } from './connection-store';
import { openSession } from './open-session';
import { parseConnectionUrl } from './parse-url';
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
        create: async ({ name, params, password }) => {
          // refused at once, not only on the first connect: the dialog marks the SSL mode
          decideTransport(params, Boolean(password));
          return store.create({ name, params, password });
        },
        update: async (input) => {
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
        test: async (target) => manager.test(target),
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
