import { useEffect, useMemo } from 'react';
import type { SchemaTree } from '../../../../shared/domain';
import { stores, useSchema } from '../../stores/app-stores';
import { schemaTablesKey } from '../../stores/schema.store';
import type { TreeRow } from './schema-tree-model';

/** Why the tables of a listed schema (another MySQL database) could not be read, by schema name. */
export function useSchemaErrors(tree: SchemaTree): Record<string, string> {
  const tablesStatus = useSchema((s) => s.schemaTablesStatus);
  return useMemo(() => {
    const errors: Record<string, string> = {};
    for (const schema of tree.schemas) {
      if (schema.name === null) continue;
      const error = tablesStatus[schemaTablesKey(tree.connectionId, schema.name)]?.error;
      if (error) errors[schema.name] = error.message;
    }
    return errors;
  }, [tree, tablesStatus]);
}

/**
 * Reads the tables of a schema listed without them when the user opens it; a failed read is not tried again
 * until the tree is refreshed (the tree shows why it failed).
 */
export function useReadOpenedSchemas(tree: SchemaTree, rows: TreeRow[]): void {
  const tablesStatus = useSchema((s) => s.schemaTablesStatus);
  useEffect(() => {
    for (const row of rows) {
      if (row.kind !== 'schema' || !row.expanded || !row.unloaded || row.schema === null) continue;
      if (tablesStatus[schemaTablesKey(tree.connectionId, row.schema)]) continue;
      void stores.schema.getState().loadSchemaTables(tree.connectionId, row.schema);
    }
  }, [rows, tablesStatus, tree.connectionId]);
}
