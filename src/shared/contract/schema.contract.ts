import { z } from 'zod';
import { proc } from '../proc';
import { Id, SchemaTree } from '../domain';

export const schemaContract = {
  /** Introspects schemas, tables, views, columns, indexes and foreign keys, with cheap row counts. */
  getTree: proc(z.object({ connectionId: Id }), SchemaTree),
  /** Exact row count of one table or view (may be slow on big tables; runs off the main thread). */
  countRows: proc(
    z.object({ connectionId: Id, schema: z.string().max(255).nullable(), table: z.string().min(1).max(255) }),
    z.object({ count: z.number() }),
  ),
};
