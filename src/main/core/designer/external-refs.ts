/**
 * Foreign keys to tables outside the design. DBML refuses a `Ref` to a table it does not define, so the DBML text
 * shows such a key as a comment and the design file keeps it in the sidecar (`externalForeignKeys`), from where
 * reading puts it back at its place.
 */
import type { Design, DesignForeignKey, DesignLayout, DesignTable } from '../../../shared/design';
import { tableKey } from '../../../shared/design';

/** True when `fk` of `table` names a table the design defines (`public` is the default schema, as in DBML). */
export function refersInside(design: Design, table: DesignTable, fk: DesignForeignKey): boolean {
  const schema = fk.refSchema ?? table.schema;
  return design.tables.some(
    (t) => t.name === fk.refTable && (t.schema === schema || (t.schema === null && schema === 'public')),
  );
}

/** The sidecar entries for the design's outside references, or undefined when it has none. */
export function externalForeignKeys(design: Design): DesignLayout['externalForeignKeys'] {
  const found: NonNullable<DesignLayout['externalForeignKeys']> = {};
  for (const table of design.tables) {
    const outside = table.foreignKeys
      .map((foreignKey, position) => ({ position, foreignKey }))
      .filter(({ foreignKey }) => !refersInside(design, table, foreignKey));
    if (outside.length > 0) found[tableKey(table)] = outside;
  }
  return Object.keys(found).length > 0 ? found : undefined;
}

/**
 * The design read from DBML with the sidecar's outside references put back at their positions; an entry whose table
 * or columns are gone (the DBML was edited) is dropped.
 */
export function withExternalForeignKeys(design: Design, layout: DesignLayout): Design {
  const entries = layout.externalForeignKeys;
  if (!entries) return design;
  return {
    ...design,
    tables: design.tables.map((table) => {
      const outside = entries[tableKey(table)];
      if (!outside) return table;
      const names = new Set(table.columns.map((c) => c.name));
      const foreignKeys = [...table.foreignKeys];
      for (const { position, foreignKey } of [...outside].sort((a, b) => a.position - b.position)) {
        if (!foreignKey.columns.every((c) => names.has(c)) || refersInside(design, table, foreignKey)) continue;
        foreignKeys.splice(Math.min(position, foreignKeys.length), 0, foreignKey);
      }
      return { ...table, foreignKeys };
    }),
  };
}
