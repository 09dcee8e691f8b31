import type { StateCreator } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';
import type { SchemaTree } from '../../../shared/domain';
import { client } from '../rpc/client';
import { toErrorShape } from '../rpc/error-shape';
import type { AppState } from './app-store';

export interface CountRowsTarget {
  connectionId: string;
  schema: string | null;
  table: string;
}

export interface SchemaSlice {
  schemaByConnection: Record<string, SchemaTree | undefined>;
  schemaLoadingById: Record<string, boolean>;
  schemaErrorById: Record<string, AppErrorShape | undefined>;
  /** Tables whose exact count is being computed, keyed by `rowCountKey`. */
  countingRows: Record<string, boolean>;
  /** Introspects a connection; cached unless `force`. Errors are kept per connection and shown in the tree. */
  loadSchema(connectionId: string, opts?: { force?: boolean }): Promise<void>;
  /** Replaces a table's (estimated or unknown) row count with the exact count. */
  countRows(target: CountRowsTarget): Promise<void>;
  forgetSchema(connectionId: string): void;
}

export const rowCountKey = (t: CountRowsTarget): string => JSON.stringify([t.connectionId, t.schema, t.table]);

const inFlight = new Map<string, Promise<void>>();

export const createSchemaSlice: StateCreator<AppState, [], [], SchemaSlice> = (set, get) => ({
  schemaByConnection: {},
  schemaLoadingById: {},
  schemaErrorById: {},
  countingRows: {},

  loadSchema(connectionId, opts) {
    if (!opts?.force && get().schemaByConnection[connectionId]) return Promise.resolve();
    // concurrent callers (bootstrap, select, connect) share one introspection
    const pending = inFlight.get(connectionId);
    if (pending) return pending;
    const run = (async () => {
      set((s) => ({
        schemaLoadingById: { ...s.schemaLoadingById, [connectionId]: true },
        schemaErrorById: { ...s.schemaErrorById, [connectionId]: undefined },
      }));
      try {
        const tree = await client.schema.getTree({ connectionId });
        set((s) => ({ schemaByConnection: { ...s.schemaByConnection, [connectionId]: tree } }));
      } catch (error) {
        set((s) => ({ schemaErrorById: { ...s.schemaErrorById, [connectionId]: toErrorShape(error) } }));
      } finally {
        inFlight.delete(connectionId);
        set((s) => ({ schemaLoadingById: { ...s.schemaLoadingById, [connectionId]: false } }));
      }
    })();
    inFlight.set(connectionId, run);
    return run;
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
      get().notifyError(`Could not count the rows of ${target.table}`, error);
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
});
