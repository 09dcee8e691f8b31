import type { ColumnInfo, ForeignKeyInfo, TableInfo } from '../../../shared/domain';
import type { StatementRunner } from '../connections/driver-adapter';
import { readAll } from './read-all';
import type { ReferencingKey } from './table-meta';

/**
 * One SQLite table or view of `main`, read with the table-valued pragmas (the same rules as
 * schema/introspect-sqlite.ts) — without the exact row count the schema tree takes of every table: a data tab
 * must not wait for a COUNT(*). The estimate is sqlite_stat1's, where ANALYZE left one.
 */
export async function loadSqliteTable(
  runner: StatementRunner,
  name: string,
): Promise<{ info: TableInfo; referencing: ReferencingKey[] } | null> {
  const objects = await readAll(
    runner,
    `SELECT name, type, sql FROM main.sqlite_schema WHERE type IN ('table', 'view') AND name = ?`,
    [name],
  );
  const object = objects[0] as [string, 'table' | 'view', string | null] | undefined;
  if (!object) return null;
  const [table, kind, sql] = object;
  const columnRows = (await readAll(
    runner,
    `SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?, 'main') WHERE hidden <> 1 ORDER BY cid`,
    [table],
  )) as [string, string, number, string | null, number, number][];
  const keyColumns = columnRows.filter((c) => c[4] > 0);
  const rowidAlias = keyColumns.length === 1 && keyColumns[0]![1].toUpperCase() === 'INTEGER';
  const withoutRowid = /\)\s*WITHOUT\s+ROWID\s*(,|;|$)/i.test(sql ?? '') || /WITHOUT\s+ROWID\s*$/i.test(sql ?? '');
  const keyEnforced = withoutRowid || rowidAlias;
  const columns: ColumnInfo[] = columnRows.map(([col, type, notnull, dflt, pk, hidden]) => ({
    name: col,
    dataType: type,
    nullable: notnull === 0 && !(pk > 0 && keyEnforced),
    defaultValue: dflt,
    primaryKey: pk > 0,
    primaryKeyOrdinal: pk > 0 ? pk : null,
    ...(hidden === 2 ? { generated: 'virtual' as const } : hidden === 3 ? { generated: 'stored' as const } : {}),
  }));
  const pk = keyColumns.sort((a, b) => a[4] - b[4]).map((c) => c[0]);

  const fkRows = (await readAll(
    runner,
    `SELECT id, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?, 'main') ORDER BY id, seq`,
    [table],
  )) as [number, string, string, string | null, string, string][];
  const foreignKeys: ForeignKeyInfo[] = [];
  for (const row of fkRows) {
    const [id, ref, from, to, onUpdate, onDelete] = row;
    let fk = foreignKeys[id];
    if (!fk) {
      fk = {
        name: null,
        columns: [],
        referencedSchema: 'main',
        referencedTable: ref,
        referencedColumns: [],
        onUpdate,
        onDelete,
      };
      foreignKeys[id] = fk;
    }
    fk.columns.push(from);
    fk.referencedColumns.push(to ?? '');
  }
  const present = foreignKeys.filter(Boolean);
  // "REFERENCES parent" without columns means the parent's primary key
  for (const fk of present) {
    if (fk.referencedColumns.some((c) => c === '')) {
      const parentPk = (await readAll(
        runner,
        `SELECT name FROM pragma_table_info(?, 'main') WHERE pk > 0 ORDER BY pk`,
        [fk.referencedTable],
      )) as [string][];
      fk.referencedColumns = fk.referencedColumns.map((c, i) => c || parentPk[i]?.[0] || '');
    }
  }

  const incoming = (await readAll(
    runner,
    `SELECT m.name, f.id, f."from", f."to" FROM main.sqlite_schema m JOIN pragma_foreign_key_list(m.name, 'main') f
      WHERE m.type = 'table' AND f."table" = ? COLLATE NOCASE ORDER BY m.name, f.id, f.seq`,
    [table],
  )) as [string, number, string, string | null][];
  const referencing = new Map<string, ReferencingKey>();
  for (const [child, id, from, to] of incoming) {
    const key = `${child}\u0000${id}`;
    let ref = referencing.get(key);
    if (!ref) {
      ref = { schema: 'main', table: child, columns: [], referencedColumns: [] };
      referencing.set(key, ref);
    }
    ref.referencedColumns.push(to ?? pk[ref.columns.length] ?? '');
    ref.columns.push(from);
  }

  let estimate: number | null = null;
  if (kind === 'table') {
    const stat = await readAll(
      runner,
      `SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'`,
      [],
    );
    if (stat.length > 0) {
      const rows = (await readAll(runner, `SELECT stat FROM main.sqlite_stat1 WHERE tbl = ? LIMIT 1`, [table])) as [
        string,
      ][];
      const n = rows[0] ? Number.parseInt(rows[0][0], 10) : Number.NaN;
      estimate = Number.isFinite(n) ? n : null;
    }
  }
  return {
    info: {
      schema: 'main',
      name: table,
      kind,
      columns,
      indexes: [],
      foreignKeys: present,
      rowCount: estimate,
      rowCountExact: false,
    },
    referencing: [...referencing.values()],
  };
}
