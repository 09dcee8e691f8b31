import type Database from 'better-sqlite3';
import type { ColumnInfo, ForeignKeyInfo, IndexInfo, SchemaTree, TableInfo } from '../../../shared/domain';
import { sqliteDialect } from '../connections/sqlite/sqlite-dialect';
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
  /** table_xinfo: 0 ordinary, 1 hidden column of a virtual table, 2 generated VIRTUAL, 3 generated STORED. */
  hidden: number;
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

/**
 * Reads the schema of an SQLite database as one schema named "main". Uses the table-valued pragma functions
 * so columns, indexes and foreign keys of all tables come back in three queries; row counts are exact
 * (count(*) per table) — this runs in the session's worker process, so a big table never blocks the host.
 *
 * Generated columns are listed (table_xinfo, not table_info, which leaves them out). A primary key column is
 * NOT NULL only where SQLite enforces it: an INTEGER PRIMARY KEY (the rowid) and the key of a WITHOUT ROWID
 * table; in an ordinary table any other key column accepts NULL unless declared NOT NULL (a legacy SQLite
 * behaviour, https://sqlite.org/lang_createtable.html#the_primary_key).
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
      `SELECT m.name AS tbl, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden
         FROM main.sqlite_schema m JOIN pragma_table_xinfo(m.name) p
        WHERE m.type IN ('table','view') AND p.hidden <> 1 ORDER BY m.name, p.cid`,
    )
    .all() as ColumnRow[];
  const withoutRowid = new Set(
    (db.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND wr = 1`).all() as { name: string }[]).map(
      (t) => t.name,
    ),
  );
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
    const tableColumns = columnsByTable.get(object.name) ?? [];
    const keyColumns = tableColumns.filter((c) => c.pk > 0);
    // the rowid alias: a one-column key declared exactly INTEGER
    const rowidAlias = keyColumns.length === 1 && keyColumns[0]!.type.toUpperCase() === 'INTEGER';
    const keyEnforced = withoutRowid.has(object.name) || rowidAlias;
    const cols: ColumnInfo[] = tableColumns.map((c) => ({
      name: c.name,
      dataType: c.type,
      nullable: c.notnull === 0 && !(c.pk > 0 && keyEnforced),
      defaultValue: c.dflt_value,
      primaryKey: c.pk > 0,
      primaryKeyOrdinal: c.pk > 0 ? c.pk : null,
      ...(c.hidden === 2 ? { generated: 'virtual' as const } : c.hidden === 3 ? { generated: 'stored' as const } : {}),
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
      // written out rather than compiled (dialect.countRows): compiling loads knex, which this process avoids
      const table = sqliteDialect.qualify({ schema: 'main', table: object.name });
      const row = db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
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
