import type { SchemaInfo } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ConnectionManager } from '../connections/connection-manager';
import type { DriverSession } from '../connections/driver-adapter';
import type { CoreModule } from '../module';
import type { QueryService } from '../query/query-service';
import { sessionCatalogQuery } from './catalog-query';
import { introspectMysql, listOtherMysqlDatabases } from './introspect-mysql';

/** One schema read whole: another MySQL database from its catalog, else the schema of the connection's tree. */
async function readSchema(session: DriverSession, name: string): Promise<SchemaInfo> {
  if (session.engine === 'mysql') {
    const query = sessionCatalogQuery(session);
    const own = await session.introspect();
    const found = own.schemas.find((s) => s.name === name);
    if (found) return found;
    if ((await listOtherMysqlDatabases(query, own.defaultSchema)).includes(name)) {
      const tree = await introspectMysql(query, name);
      return tree.schemas[0] ?? { name, tables: [] };
    }
  } else {
    const found = (await session.introspect()).schemas.find((s) => s.name === name);
    if (found) return found;
  }
  throw new AppError('NOT_FOUND', `This connection sees no schema named "${name}". Refresh the schema tree.`, {
    schema: name,
  });
}

/** `schema.*`: the live schema tree and exact row counts (cancellable like a statement). */
export function createSchemaModule(deps: { manager: ConnectionManager; query: QueryService }): CoreModule<'schema'> {
  const { manager, query } = deps;
  return {
    handlers: {
      schema: {
        getTree: async ({ connectionId }) => {
          const session = await manager.get(connectionId);
          const tree = await session.introspect();
          if (session.engine !== 'mysql') return { connectionId, ...tree };
          // the other databases are listed only: reading every one whole could take long on a shared server
          const others = await listOtherMysqlDatabases(sessionCatalogQuery(session), tree.defaultSchema);
          const listed: SchemaInfo[] = others.map((name) => ({ name, tables: [], tablesLoaded: false }));
          return { connectionId, ...tree, schemas: [...tree.schemas, ...listed] };
        },
        getSchema: async ({ connectionId, schema }) => readSchema(await manager.get(connectionId), schema),
        countRows: ({ connectionId, schema, table, runId }) =>
          query.track({ connectionId, runId }, async (signal) => {
            const session = await manager.get(connectionId);
            return { count: await session.countRows(schema, table, signal) };
          }),
      },
    },
  };
}
