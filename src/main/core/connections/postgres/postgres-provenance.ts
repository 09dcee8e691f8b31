import type { ColumnSource } from '../../../../shared/domain';
import type { CatalogQuery } from '../../schema/introspect-postgres';

/** A result field as PostgreSQL describes it: `tableID`/`columnID` are 0 for expressions. */
export interface PgField {
  name: string;
  dataTypeID: number;
  tableID: number;
  columnID: number;
}

interface TableColumns {
  schema: string;
  table: string;
  /** attnum → column name and primary-key membership. */
  columns: Map<number, { name: string; primaryKey: boolean }>;
}

interface AttributeRow {
  relid: number;
  schema: string;
  table: string;
  attnum: number;
  column: string;
  pk: boolean;
}

/**
 * Names the table columns result fields come from (RowDescription gives only OIDs and attribute numbers), with
 * one catalog query for the tables not seen before. Cached per session until it runs ALTER or DROP: a rename or
 * a dropped-and-recreated table elsewhere shows until then.
 */
export class PostgresColumnSources {
  private readonly tables = new Map<number, TableColumns>();

  /** Tables of `fields` not known yet. */
  missing(fields: readonly PgField[]): number[] {
    const ids = new Set<number>();
    for (const f of fields) if (f.tableID !== 0 && !this.tables.has(f.tableID)) ids.add(f.tableID);
    return [...ids];
  }

  /** Reads the columns of `tableIds` through `query` (a table the query cannot see stays unknown). */
  async load(tableIds: readonly number[], query: CatalogQuery): Promise<void> {
    if (tableIds.length === 0) return;
    const rows = await query<AttributeRow>(
      `SELECT c.oid::int AS relid, n.nspname AS schema, c.relname AS table, a.attnum::int AS attnum,
              a.attname AS column, COALESCE(a.attnum = ANY (i.indkey::int2[]), false) AS pk
         FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         LEFT JOIN pg_catalog.pg_index i ON i.indrelid = c.oid AND i.indisprimary
        WHERE c.oid = ANY ($1::oid[])`,
      [tableIds],
    );
    for (const row of rows) {
      let table = this.tables.get(row.relid);
      if (!table) {
        table = { schema: row.schema, table: row.table, columns: new Map() };
        this.tables.set(row.relid, table);
      }
      table.columns.set(row.attnum, { name: row.column, primaryKey: row.pk });
    }
  }

  /** The source of one field, when it is a plain column of a known table. */
  sourceOf(field: PgField): ColumnSource | undefined {
    const table = this.tables.get(field.tableID);
    const column = table?.columns.get(field.columnID);
    if (!table || !column) return undefined;
    return { schema: table.schema, table: table.table, column: column.name, primaryKey: column.primaryKey };
  }

  /** After this session changed the schema (ALTER, DROP): names may have changed. */
  forget(): void {
    this.tables.clear();
  }
}
