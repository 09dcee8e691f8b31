import { z } from 'zod';
import { proc } from '../proc';
import { Id, SchemaTree } from '../domain';

export const schemaContract = {
  /** Introspects schemas, tables, views, columns, indexes and foreign keys, with cheap row counts. */
  getTree: proc(z.object({ connectionId: Id }), SchemaTree),
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
