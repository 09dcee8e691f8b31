import { z } from 'zod';
import { proc } from '../proc';
import { EditorTab, Id, SavedQuery } from '../domain';

const QueryPath = z
  .string()
  .min(1)
  .max(1024)
  .regex(/\.sql$/i, 'a saved query path must end in .sql');

export const workspaceContract = {
  /** The tabs open at the last save (each with its `kind`), so they survive a restart. */
  loadTabs: proc(z.object({}), z.object({ tabs: z.array(EditorTab), activeTabId: Id.nullable() })),
  /** Stores the open tabs, every kind (called by the UI, debounced, on every change); replaces what was stored. */
  saveTabs: proc(
    z.object({ tabs: z.array(EditorTab).max(200), activeTabId: Id.nullable() }),
    z.object({ saved: z.boolean() }),
  ),
  /** Saved queries: the .sql files under the workspace's queries folder. */
  listQueries: proc(z.object({}), z.array(SavedQuery)),
  readQuery: proc(z.object({ path: QueryPath }), z.object({ path: z.string(), sql: z.string() })),
  /** Writes a .sql file atomically (temp + rename); the path must stay inside the queries folder. */
  saveQuery: proc(z.object({ path: QueryPath, sql: z.string().max(1_000_000) }), SavedQuery),
  deleteQuery: proc(z.object({ path: QueryPath }), z.object({ deleted: z.boolean() })),
};
