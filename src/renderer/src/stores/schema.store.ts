import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';
import type { SchemaTree } from '../../../shared/domain';
import { toErrorShape } from '../rpc/error-shape';
import type { AppClient, Notifier } from './store-deps';

export interface CountRowsTarget {
  connectionId: string;
  schema: string | null;
  table: string;
}

/** Reading the tables of a schema the tree listed without them (another MySQL/MariaDB database). */
export interface SchemaTablesStatus {
  loading: boolean;
  error: AppErrorShape | null;
}

export interface SchemaState {
  schemaByConnection: Record<string, SchemaTree | undefined>;
  /** Schemas whose tables are being read or failed to read, keyed by `schemaTablesKey`. */
  schemaTablesStatus: Record<string, SchemaTablesStatus | undefined>;
  schemaLoadingById: Record<string, boolean>;
  schemaErrorById: Record<string, AppErrorShape | undefined>;
  /** Tables whose exact count is being computed, keyed by `rowCountKey`. */
  countingRows: Record<string, boolean>;
  /** Introspects a connection; cached unless `force`. Errors are kept per connection and shown in the tree. */
  loadSchema(connectionId: string, opts?: { force?: boolean }): Promise<void>;
  /**
   * Re-reads a tree already shown after statements changed tables or their rows (row counts, new tables);
   * a connection whose tree was never loaded is left alone.
   */
  refreshAfterChange(connectionId: string): Promise<void>;
  /**
   * Reads the tables of a schema the tree listed without them (`tablesLoaded: false`: another MySQL/MariaDB
   * database) and puts them in the tree, marked `tablesLoaded: true`.
   */
  loadSchemaTables(connectionId: string, schema: string): Promise<void>;
  /** Replaces a table's (estimated or unknown) row count with the exact count. */
  countRows(target: CountRowsTarget): Promise<void>;
  forgetSchema(connectionId: string): void;
}

export const rowCountKey = (t: CountRowsTarget): string => JSON.stringify([t.connectionId, t.schema, t.table]);
export const schemaTablesKey = (connectionId: string, schema: string): string => JSON.stringify([connectionId, schema]);

/**
 * A tree read again keeps the tables of the listed schemas read before (shown until they are read again), so a
 * refresh does not empty what the user opened; returns the tree and the schemas to read again.
 */
function keepReadSchemas(next: SchemaTree, old: SchemaTree | undefined): { tree: SchemaTree; reread: string[] } {
  const reread: string[] = [];
  const schemas = next.schemas.map((schema) => {
    const before = old?.schemas.find((s) => s.name === schema.name);
    if (schema.tablesLoaded !== false || before?.tablesLoaded !== true || schema.name === null) return schema;
    reread.push(schema.name);
    return before;
  });
  return { tree: { ...next, schemas }, reread };
}

/** Schema trees per connection, introspected on demand and shared by the tree and autocomplete. */
export function createSchemaStore({ client, notifier }: { client: AppClient; notifier: Notifier }) {
  // concurrent callers (bootstrap, select, connect) share one introspection per connection
  const inFlight = new Map<string, Promise<void>>();
  return create<SchemaState>()((set, get) => {
    const introspect = (connectionId: string): Promise<void> => {
      const run = (async () => {
        set((s) => ({
          schemaLoadingById: { ...s.schemaLoadingById, [connectionId]: true },
          schemaErrorById: { ...s.schemaErrorById, [connectionId]: undefined },
        }));
        try {
          const fresh = await client.schema.getTree({ connectionId });
          const { tree, reread } = keepReadSchemas(fresh, get().schemaByConnection[connectionId]);
          set((s) => ({
            schemaByConnection: { ...s.schemaByConnection, [connectionId]: tree },
            // a failed read is tried again when its schema is opened after a refresh
            schemaTablesStatus: Object.fromEntries(
              Object.entries(s.schemaTablesStatus).filter(
                ([key]) => !key.startsWith(`[${JSON.stringify(connectionId)},`),
              ),
            ),
          }));
          for (const name of reread) void get().loadSchemaTables(connectionId, name);
        } catch (error) {
          set((s) => ({ schemaErrorById: { ...s.schemaErrorById, [connectionId]: toErrorShape(error) } }));
        } finally {
          inFlight.delete(connectionId);
          set((s) => ({ schemaLoadingById: { ...s.schemaLoadingById, [connectionId]: false } }));
        }
      })();
      inFlight.set(connectionId, run);
      return run;
    };

    return {
      schemaByConnection: {},
      schemaTablesStatus: {},
      schemaLoadingById: {},
      schemaErrorById: {},
      countingRows: {},

      loadSchema(connectionId, opts) {
        const pending = inFlight.get(connectionId);
        // a forced reload asked while one runs must see changes made after that one started
        if (pending) return opts?.force ? pending.then(() => get().loadSchema(connectionId, opts)) : pending;
        if (!opts?.force && get().schemaByConnection[connectionId]) return Promise.resolve();
        return introspect(connectionId);
      },

      refreshAfterChange(connectionId) {
        if (!get().schemaByConnection[connectionId]) return Promise.resolve();
        return get().loadSchema(connectionId, { force: true });
      },

      async loadSchemaTables(connectionId, schema) {
        const key = schemaTablesKey(connectionId, schema);
        if (get().schemaTablesStatus[key]?.loading) return;
        const status = (value: SchemaTablesStatus | undefined) =>
          set((s) => ({ schemaTablesStatus: { ...s.schemaTablesStatus, [key]: value } }));
        status({ loading: true, error: null });
        try {
          const info = await client.schema.getSchema({ connectionId, schema });
          set((s) => {
            const tree = s.schemaByConnection[connectionId];
            if (!tree) return {};
            const schemas = tree.schemas.map((x) => (x.name === schema ? { ...info, tablesLoaded: true } : x));
            return { schemaByConnection: { ...s.schemaByConnection, [connectionId]: { ...tree, schemas } } };
          });
          status(undefined);
        } catch (error) {
          status({ loading: false, error: toErrorShape(error) });
        }
      },

      async countRows(target) {
        const key = rowCountKey(target);
        set((s) => ({ countingRows: { ...s.countingRows, [key]: true } }));
        try {
          const { count } = await client.schema.countRows(target);
          set((s) => {
            const tree = s.schemaByConnection[target.connectionId];
            if (!tree) return {};
            const schemas = tree.schemas.map((schema) =>
              schema.name !== target.schema
                ? schema
                : {
                    ...schema,
                    tables: schema.tables.map((t) =>
                      t.name === target.table ? { ...t, rowCount: count, rowCountExact: true } : t,
                    ),
                  },
            );
            return { schemaByConnection: { ...s.schemaByConnection, [target.connectionId]: { ...tree, schemas } } };
          });
        } catch (error) {
          notifier.notifyError(`Could not count the rows of ${target.table}`, error);
        } finally {
          set((s) => ({ countingRows: { ...s.countingRows, [key]: false } }));
        }
      },

      forgetSchema(connectionId) {
        set((s) => ({
          schemaByConnection: { ...s.schemaByConnection, [connectionId]: undefined },
          schemaErrorById: { ...s.schemaErrorById, [connectionId]: undefined },
        }));
      },
    };
  });
}

export type SchemaStore = ReturnType<typeof createSchemaStore>;
