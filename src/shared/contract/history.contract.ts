import { z } from 'zod';
import { proc } from '../proc';
import { HistoryEntry, Id } from '../domain';

export const historyContract = {
  /** Executions, newest first, optionally for one connection and matching a search text. */
  list: proc(
    z.object({
      connectionId: Id.optional(),
      search: z.string().max(1000).optional(),
      limit: z.number().int().min(1).max(1000),
      offset: z.number().int().min(0).optional(),
    }),
    z.object({ entries: z.array(HistoryEntry), total: z.number().int() }),
  ),
  /** Removes history entries (all, or one connection's). */
  clear: proc(z.object({ connectionId: Id.optional() }), z.object({ removed: z.number().int() })),
};
