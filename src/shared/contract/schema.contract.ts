import { z } from 'zod';
import { proc } from '../proc';
import { Id, SchemaInfo, SchemaTree } from '../domain';

export const schemaContract = {
  /**
   * Introspects schemas, tables, views, columns, indexes and foreign keys, with cheap row counts. On MySQL/MariaDB
   * the connection's database is read whole and the other databases the user can see (not the system ones) are
   * listed after it without their tables (`tablesLoaded: false`).
   */
  getTree: proc(z.object({ connectionId: Id }), SchemaTree),
  /**
   * One schema read whole: a MySQL/MariaDB database the tree listed without its tables, or any schema the tree
   * holds. NOT_FOUND when the connection sees no such schema.
   */
  getSchema: proc(z.object({ connectionId: Id, schema: z.string().min(1).max(255) }), SchemaInfo),
  /**
   * Exact row count of one table or view (may be slow on big tables; runs off the main thread). With a
   * caller-chosen `runId`, `query.cancel({ runId })` stops it (rejecting with QUERY_CANCELLED); closing the
   * connection stops it either way.
   */
  countRows: proc(
    z.object({
      connectionId: Id,
      schema: z.string().max(255).nullable(),
      table: z.string().min(1).max(255),
      runId: Id.optional(),
    }),
    z.object({ count: z.number() }),
  ),
};
