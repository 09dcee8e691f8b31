import type { ColumnInfo, ForeignKeyInfo, IndexInfo, SchemaTree, TableInfo } from '../../../../shared/domain';

/** One visible line of the schema tree; the tree is flattened so it can be virtualized. */
export type TreeRow =
  | {
      kind: 'schema';
      key: string;
      depth: number;
      /** The schema's name as shown ('(default)' for a nameless one). */
      name: string;
      /** Its name for the client (null: the default schema). */
      schema: string | null;
      /** Null while its tables have not been read (another MySQL database, listed only). */
      tableCount: number | null;
      expanded: boolean;
      /** Listed without its tables, which are read when it opens (`tablesLoaded: false`). */
      unloaded: boolean;
    }
  | { kind: 'table'; key: string; depth: number; schema: string | null; table: TableInfo; expanded: boolean }
  | { kind: 'column'; key: string; depth: number; column: ColumnInfo; foreignKey: ForeignKeyInfo | null }
  | {
      kind: 'group';
      key: string;
      depth: number;
      label: string;
      count: number;
      expanded: boolean;
      group: 'indexes' | 'foreignKeys';
    }
  | { kind: 'index'; key: string; depth: number; index: IndexInfo }
  | { kind: 'foreignKey'; key: string; depth: number; foreignKey: ForeignKeyInfo }
  | { kind: 'message'; key: string; depth: number; text: string };

const k = (...parts: (string | null)[]) => JSON.stringify(parts);
export const schemaKey = (schema: string | null) => k('s', schema);
export const tableKey = (schema: string | null, table: string) => k('t', schema, table);
const groupKey = (group: string, schema: string | null, table: string) => k('g', group, schema, table);

/**
 * Whether a node is open by default: the first level (schemas) is, everything below starts collapsed. Schemas
 * listed without their tables (other MySQL databases) start collapsed too: opening one reads it.
 */
function expandedByDefault(key: string, listedOnly: ReadonlySet<string>): boolean {
  return key.startsWith('["s"') && !listedOnly.has(key);
}

export interface BuildOptions {
  /** Keys the user toggled away from their default state. */
  toggled: ReadonlySet<string>;
  /** Case-insensitive filter on table and column names. */
  filter: string;
  /** Why the tables of a listed schema could not be read, by schema name (else they show as loading). */
  schemaErrors?: Readonly<Record<string, string | undefined>>;
}

/**
 * PostgreSQL always shows its schemas; SQLite and MySQL flatten a single schema away, unless it is a database
 * listed without its tables (a MySQL connection that names no database and sees one): it opens from its node.
 */
export function showsSchemaLevel(tree: SchemaTree): boolean {
  return (
    tree.engine === 'postgres' || tree.schemas.length > 1 || tree.schemas.some((s) => s.tablesLoaded !== undefined)
  );
}

function sortTables(tables: TableInfo[]): TableInfo[] {
  // tables before views, each alphabetically: what people scan for first
  return [...tables].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'table' ? -1 : 1));
}

/** Flattens the schema tree into the rows to show, honouring expansion and the filter. */
export function buildRows(tree: SchemaTree, { toggled, filter, schemaErrors }: BuildOptions): TreeRow[] {
  const needle = filter.trim().toLowerCase();
  const listedOnly = new Set(tree.schemas.filter((s) => s.tablesLoaded !== undefined).map((s) => schemaKey(s.name)));
  const isOpen = (key: string) => expandedByDefault(key, listedOnly) !== toggled.has(key);
  const rows: TreeRow[] = [];
  const schemaLevel = showsSchemaLevel(tree);

  for (const schema of tree.schemas) {
    const matches: { table: TableInfo; columns: ColumnInfo[] | null }[] = [];
    for (const table of sortTables(schema.tables)) {
      if (!needle) {
        matches.push({ table, columns: null });
        continue;
      }
      const tableHit = table.name.toLowerCase().includes(needle);
      const columnHits = table.columns.filter((c) => c.name.toLowerCase().includes(needle));
      if (tableHit) matches.push({ table, columns: columnHits.length ? columnHits : null });
      else if (columnHits.length) matches.push({ table, columns: columnHits });
    }
    if (needle && matches.length === 0) continue;

    let depth = 0;
    if (schemaLevel) {
      const key = schemaKey(schema.name);
      // while filtering, schemas with hits are always open so the hits are visible
      const expanded = needle ? true : isOpen(key);
      const unloaded = schema.tablesLoaded === false;
      rows.push({
        kind: 'schema',
        key,
        depth: 0,
        name: schema.name ?? '(default)',
        schema: schema.name,
        tableCount: unloaded ? null : schema.tables.length,
        expanded,
        unloaded,
      });
      if (!expanded) continue;
      depth = 1;
      if (unloaded) {
        const error = schema.name === null ? undefined : schemaErrors?.[schema.name];
        const text = error ? `Could not read its tables: ${error}` : 'Reading tables…';
        rows.push({ kind: 'message', key: k('m', schema.name), depth, text });
        continue;
      }
      if (schema.tables.length === 0) {
        rows.push({ kind: 'message', key: k('m', schema.name), depth, text: 'No tables or views' });
        continue;
      }
    }

    for (const { table, columns: matchedColumns } of matches) {
      const tKey = tableKey(schema.name, table.name);
      // a table matched through its columns opens (showing just those columns) unless the user closed it
      const autoOpen = needle !== '' && matchedColumns !== null && !table.name.toLowerCase().includes(needle);
      const expanded = autoOpen ? !toggled.has(tKey) : isOpen(tKey);
      rows.push({ kind: 'table', key: tKey, depth, schema: schema.name, table, expanded });
      if (!expanded) continue;
      pushTableChildren(rows, schema.name, table, depth + 1, autoOpen ? matchedColumns : null, isOpen);
    }
  }
  return rows;
}

function pushTableChildren(
  rows: TreeRow[],
  schema: string | null,
  table: TableInfo,
  depth: number,
  onlyColumns: ColumnInfo[] | null,
  isOpen: (key: string) => boolean,
): void {
  const fkByColumn = new Map<string, ForeignKeyInfo>();
  for (const fk of table.foreignKeys) if (fk.columns.length === 1 && fk.columns[0]) fkByColumn.set(fk.columns[0], fk);
  const columns = onlyColumns ?? table.columns;
  for (const column of columns) {
    rows.push({
      kind: 'column',
      key: k('c', schema, table.name, column.name),
      depth,
      column,
      foreignKey: fkByColumn.get(column.name) ?? null,
    });
  }
  if (onlyColumns) return;
  if (table.columns.length === 0)
    rows.push({ kind: 'message', key: k('mc', schema, table.name), depth, text: 'No columns' });
  if (table.indexes.length > 0) {
    const key = groupKey('indexes', schema, table.name);
    const expanded = isOpen(key);
    rows.push({ kind: 'group', key, depth, label: 'Indexes', count: table.indexes.length, expanded, group: 'indexes' });
    if (expanded) {
      for (const index of table.indexes)
        rows.push({ kind: 'index', key: k('i', schema, table.name, index.name), depth: depth + 1, index });
    }
  }
  if (table.foreignKeys.length > 0) {
    const key = groupKey('foreignKeys', schema, table.name);
    const expanded = isOpen(key);
    rows.push({
      kind: 'group',
      key,
      depth,
      label: 'Foreign keys',
      count: table.foreignKeys.length,
      expanded,
      group: 'foreignKeys',
    });
    if (expanded) {
      table.foreignKeys.forEach((foreignKey, i) =>
        rows.push({
          kind: 'foreignKey',
          key: k('f', schema, table.name, foreignKey.name ?? String(i)),
          depth: depth + 1,
          foreignKey,
        }),
      );
    }
  }
}

/** "customers(id)" or "audit.log(a, b)" for the target of a foreign key. */
export function describeReference(fk: ForeignKeyInfo): string {
  const table = fk.referencedSchema ? `${fk.referencedSchema}.${fk.referencedTable}` : fk.referencedTable;
  return `${table}(${fk.referencedColumns.join(', ')})`;
}

/** The tooltip of a column: everything the one-line row leaves out. */
export function describeColumn(column: ColumnInfo, fk: ForeignKeyInfo | null): string {
  const lines = [`${column.name}: ${column.dataType || 'untyped'}`, column.nullable ? 'NULL allowed' : 'NOT NULL'];
  if (column.primaryKey)
    lines.push(
      `Primary key${column.primaryKeyOrdinal && column.primaryKeyOrdinal > 1 ? ` (part ${column.primaryKeyOrdinal})` : ''}`,
    );
  if (column.defaultValue !== null) lines.push(`Default: ${column.defaultValue}`);
  if (fk) lines.push(`References ${describeReference(fk)}`);
  return lines.join('\n');
}

/** What e2e page objects find rows by: a test id per kind and the row's name (`rowName`). */
export const ROW_TEST_IDS: Partial<Record<TreeRow['kind'], string>> = {
  schema: 'schema-node',
  table: 'schema-table',
  column: 'schema-column',
};

export function rowName(row: TreeRow): string | undefined {
  if (row.kind === 'table') return row.table.name;
  if (row.kind === 'column') return row.column.name;
  if (row.kind === 'schema') return row.name;
  return undefined;
}
