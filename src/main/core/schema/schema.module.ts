import type { ConnectionManager } from '../connections/connection-manager';
import type { CoreModule } from '../module';
import type { QueryService } from '../query/query-service';

/** `schema.*`: the live schema tree and exact row counts (cancellable like a statement). */
export function createSchemaModule(deps: { manager: ConnectionManager; query: QueryService }): CoreModule<'schema'> {
  const { manager, query } = deps;
  return {
    handlers: {
      schema: {
        getTree: async ({ connectionId }) => {
          const session = await manager.get(connectionId);
          return { connectionId, ...(await session.introspect()) };
        },
        countRows: ({ connectionId, schema, table, runId }) =>
          query.track({ connectionId, runId }, async (signal) => {
            const session = await manager.get(connectionId);
            return { count: await session.countRows(schema, table, signal) };
          }),
      },
    },
  };
}
