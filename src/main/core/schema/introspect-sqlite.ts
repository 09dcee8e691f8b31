import type Database from 'better-sqlite3';
import type { ColumnInfo, ForeignKeyInfo, IndexInfo, SchemaTree, TableInfo } from '../../../shared/domain';
import { groupBy } from './group-by';

interface ObjectRow {
  name: string;
  type: 'table' | 'view';
}
interface ColumnRow {
  tbl: string;
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}
interface IndexRow {
  tbl: string;
  name: string;
  is_unique: number;
  origin: string;
  col: string | null;
}
interface ForeignKeyRow {
  tbl: string;
  id: number;
  ref: string;
  from_col: string;
  to_col: string | null;
  on_update: string;
  on_delete: string;
}

export function quoteSqliteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Reads the schema of an SQLite database as one schema named "main". Uses the table-valued pragma functions
 * so columns, indexes and foreign keys of all tables come back in three queries; row counts are exact
 * (count(*) per table) — this runs in the session's worker thread, so a big table never blocks the host.
 */
export function introspectSqlite(db: Database.Database): Omit<SchemaTree, 'connectionId'> {
  const objects = db
    .prepare(
      `SELECT name, type FROM main.sqlite_schema
        WHERE type IN ('table','view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
        ORDER BY name`,
    )
    .all() as ObjectRow[];
  const columns = db
    .prepare(
      `SELECT m.name AS tbl, p.name, p.type, p."notnull", p.dflt_value, p.pk
         FROM main.sqlite_schema m JOIN pragma_table_info(m.name) p
        WHERE m.type IN ('table','view') ORDER BY m.name, p.cid`,
    )
    .all() as ColumnRow[];
  const indexes = db
    .prepare(
      `SELECT m.name AS tbl, il.name, il."unique" AS is_unique, il.origin, ii.name AS col
         FROM main.sqlite_schema m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii
        WHERE m.type = 'table' ORDER BY m.name, il.name, ii.seqno`,
    )
    .all() as IndexRow[];
  const foreignKeys = db
    .prepare(
      `SELECT m.name AS tbl, f.id, f."table" AS ref, f."from" AS from_col, f."to" AS to_col,
              f.on_update, f.on_delete
         FROM main.sqlite_schema m JOIN pragma_foreign_key_list(m.name) f
        WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq`,
    )
    .all() as ForeignKeyRow[];

  const columnsByTable = groupBy(columns, (c) => c.tbl);
  const pkColumns = new Map<string, string[]>();
  for (const [table, cols] of columnsByTable) {
    pkColumns.set(
      table.toLowerCase(),
      cols
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
    );
  }

  const tables: TableInfo[] = objects.map((object) => {
    const cols: ColumnInfo[] = (columnsByTable.get(object.name) ?? []).map((c) => ({
      name: c.name,
      dataType: c.type,
      nullable: c.notnull === 0 && c.pk === 0,
      defaultValue: c.dflt_value,
      primaryKey: c.pk > 0,
      primaryKeyOrdinal: c.pk > 0 ? c.pk : null,
    }));
    const idx: IndexInfo[] = [];
    for (const [name, rows] of groupBy(
      indexes.filter((i) => i.tbl === object.name),
      (i) => i.name,
    )) {
      const first = rows[0]!;
      idx.push({
        name,
        columns: rows.map((r) => r.col ?? '<expression>'),
        unique: first.is_unique === 1,
        primary: first.origin === 'pk',
      });
    }
    const fks: ForeignKeyInfo[] = [];
    for (const rows of groupBy(
      foreignKeys.filter((f) => f.tbl === object.name),
      (f) => f.id,
    ).values()) {
      const first = rows[0]!;
      // "REFERENCES parent" without columns means the parent's primary key
      const implicit = pkColumns.get(first.ref.toLowerCase()) ?? [];
      fks.push({
        name: null,
        columns: rows.map((r) => r.from_col),
        referencedSchema: 'main',
        referencedTable: first.ref,
        referencedColumns: rows.map((r, i) => r.to_col ?? implicit[i] ?? ''),
        onUpdate: first.on_update,
        onDelete: first.on_delete,
      });
    }
    let rowCount: number | null = null;
    if (object.type === 'table') {
      const row = db.prepare(`SELECT count(*) AS n FROM main.${quoteSqliteIdent(object.name)}`).get() as { n: number };
      rowCount = row.n;
    }
    return {
      schema: 'main',
      name: object.name,
      kind: object.type,
      columns: cols,
      indexes: idx,
      foreignKeys: fks,
      rowCount,
      rowCountExact: object.type === 'table',
    };
  });
  return { engine: 'sqlite', defaultSchema: 'main', schemas: [{ name: 'main', tables }] };
}
