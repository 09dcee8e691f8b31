/**
 * Foreign keys to tables outside the design. DBML refuses a `Ref` to a table it does not define, so the DBML text
 * shows such a key as a comment and the design file keeps it in the sidecar (`externalForeignKeys`), from where
 * reading puts it back at its place.
 */
import type { Design, DesignForeignKey, DesignLayout, DesignTable } from '../../../shared/design';
import { tableKey } from '../../../shared/design';

/** The design's tables by schema (`public` for the default one, as in DBML) and name. */
export type TablesByName = ReadonlyMap<string, DesignTable>;

const nameKey = (schema: string | null, name: string) => `${schema ?? 'public'}\u0000${name}`;

/** Indexes the tables once, so that checking every foreign key of a large design stays linear. */
export function tablesByName(design: Design): TablesByName {
  const byName = new Map<string, DesignTable>();
  for (const table of design.tables) {
    const key = nameKey(table.schema, table.name);
    if (!byName.has(key)) byName.set(key, table);
  }
  return byName;
}

/** The table `fk` of `table` refers to, when the design defines it. */
export function referencedTable(
  tables: TablesByName,
  table: DesignTable,
  fk: DesignForeignKey,
): DesignTable | undefined {
  return tables.get(nameKey(fk.refSchema ?? table.schema, fk.refTable));
}

/** True when `fk` of `table` names a table the design defines (`public` is the default schema, as in DBML). */
export function refersInside(
  design: Design,
  table: DesignTable,
  fk: DesignForeignKey,
  tables: TablesByName = tablesByName(design),
): boolean {
  return referencedTable(tables, table, fk) !== undefined;
}

/** The sidecar entries for the design's outside references, or undefined when it has none. */
export function externalForeignKeys(design: Design): DesignLayout['externalForeignKeys'] {
  const found: NonNullable<DesignLayout['externalForeignKeys']> = {};
  const tables = tablesByName(design);
  for (const table of design.tables) {
    const outside = table.foreignKeys
      .map((foreignKey, position) => ({ position, foreignKey }))
      .filter(({ foreignKey }) => !refersInside(design, table, foreignKey, tables));
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
  const byName = tablesByName(design);
  return {
    ...design,
    tables: design.tables.map((table) => {
      const outside = entries[tableKey(table)];
      if (!outside) return table;
      const names = new Set(table.columns.map((c) => c.name));
      const foreignKeys = [...table.foreignKeys];
      for (const { position, foreignKey } of [...outside].sort((a, b) => a.position - b.position)) {
        if (!foreignKey.columns.every((c) => names.has(c)) || refersInside(design, table, foreignKey, byName)) continue;
        foreignKeys.splice(Math.min(position, foreignKeys.length), 0, foreignKey);
      }
      return { ...table, foreignKeys };
    }),
  };
}
