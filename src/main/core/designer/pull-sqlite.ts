import type Database from 'better-sqlite3';
import type {
  Design,
  DesignCheck,
  DesignColumn,
  DesignForeignKey,
  DesignIndex,
  DesignTable,
} from '../../../shared/design';
import { isIdent, isPunct, isWord, lexSql, matchParen, type SqlToken } from '../../../shared/sql/sql-lexer';
import type { CatalogQuery } from '../schema/introspect-postgres';
import { groupBy } from '../schema/group-by';
import { normalizeSqliteDefault, normalizeSqliteType, sqliteAction } from './pull-normalize';

interface TableRow {
  name: string;
  sql: string | null;
  wr: number | null;
}
interface ColumnRow {
  tbl: string;
  name: string;
  type: string;
  notnull: number;
  dflt: string | null;
  pk: number;
  hidden: number;
}
interface IndexRow {
  tbl: string;
  name: string;
  is_unique: number;
  origin: string;
  cid: number;
  col: string | null;
  sql: string | null;
}
interface FkRow {
  tbl: string;
  id: number;
  ref: string;
  from_col: string;
  to_col: string | null;
  on_update: string;
  on_delete: string;
}

/** The catalog reads of one SQLite database: four table-valued pragma queries for all tables together. */
const QUERIES = {
  tables: `SELECT m.name, m.sql, l.wr FROM main.sqlite_schema m
             LEFT JOIN pragma_table_list l ON l.schema = 'main' AND l.name = m.name
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name`,
  columns: `SELECT m.name AS tbl, p.name, p.type, p."notnull", p.dflt_value AS dflt, p.pk, p.hidden
              FROM main.sqlite_schema m JOIN pragma_table_xinfo(m.name) p
             WHERE m.type = 'table' AND p.hidden <> 1 ORDER BY m.name, p.cid`,
  indexes: `SELECT m.name AS tbl, il.name, il."unique" AS is_unique, il.origin, ii.cid, ii.name AS col, s.sql
              FROM main.sqlite_schema m JOIN pragma_index_list(m.name) il JOIN pragma_index_xinfo(il.name) ii
              LEFT JOIN main.sqlite_schema s ON s.type = 'index' AND s.name = il.name
             WHERE m.type = 'table' AND ii.key = 1 ORDER BY m.name, il.name, ii.seqno`,
  foreignKeys: `SELECT m.name AS tbl, f.id, f."table" AS ref, f."from" AS from_col, f."to" AS to_col,
                       f.on_update, f.on_delete
                  FROM main.sqlite_schema m JOIN pragma_foreign_key_list(m.name) f
                 WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq`,
};

interface CatalogRows {
  tables: TableRow[];
  columns: ColumnRow[];
  indexes: IndexRow[];
  foreignKeys: FkRow[];
}

/** An SQLite database opened in this process (an imported dump executed into :memory:) read into a design. */
export function pullSqliteDatabase(db: Database.Database): Design {
  return buildDesign({
    tables: db.prepare(QUERIES.tables).all() as TableRow[],
    columns: db.prepare(QUERIES.columns).all() as ColumnRow[],
    indexes: db.prepare(QUERIES.indexes).all() as IndexRow[],
    foreignKeys: db.prepare(QUERIES.foreignKeys).all() as FkRow[],
  });
}

/** The `main` schema of an SQLite session read into a design. */
export async function pullSqlite(query: CatalogQuery): Promise<Design> {
  return buildDesign({
    tables: await query<TableRow>(QUERIES.tables, []),
    columns: await query<ColumnRow>(QUERIES.columns, []),
    indexes: await query<IndexRow>(QUERIES.indexes, []),
    foreignKeys: await query<FkRow>(QUERIES.foreignKeys, []),
  });
}

function buildDesign(rows: CatalogRows): Design {
  const columnsBy = groupBy(rows.columns, (c) => c.tbl);
  const indexesBy = groupBy(rows.indexes, (i) => i.tbl);
  const fksBy = groupBy(rows.foreignKeys, (f) => f.tbl);
  const pkOf = new Map<string, string[]>();
  for (const [table, cols] of columnsBy) pkOf.set(table.toLowerCase(), primaryKeyOf(cols));

  const tables: DesignTable[] = rows.tables.map((t) => {
    const cols = columnsBy.get(t.name) ?? [];
    const primaryKey = primaryKeyOf(cols);
    const keyColumns = cols.filter((c) => c.pk > 0);
    // the rowid alias: a one-column key declared exactly INTEGER, in a table with a rowid
    const rowidAlias =
      t.wr !== 1 && keyColumns.length === 1 && keyColumns[0]!.type.toUpperCase() === 'INTEGER'
        ? keyColumns[0]!.name
        : null;
    const parsed = parseCreateTable(t.sql ?? '');

    const uniqueColumns = new Set<string>();
    const indexes: DesignIndex[] = [];
    for (const [name, idxRows] of groupBy(indexesBy.get(t.name) ?? [], (i) => i.name)) {
      const first = idxRows[0]!;
      if (first.origin === 'pk') continue;
      if (first.origin === 'u' && idxRows.length === 1 && idxRows[0]!.col !== null) {
        uniqueColumns.add(idxRows[0]!.col);
        continue;
      }
      const items = first.sql ? indexItems(first.sql) : [];
      indexes.push({
        name: first.origin === 'u' ? null : name,
        columns: idxRows.map((r, i) => r.col ?? `\`${items[i] ?? ''}\``),
        unique: first.is_unique === 1,
        type: null,
        note: null,
      });
    }

    const designColumns: DesignColumn[] = cols.map((c) => ({
      name: c.name,
      type: normalizeSqliteType(c.type),
      nullable: c.notnull === 0 && !(c.pk > 0 && (t.wr === 1 || rowidAlias !== null)),
      // a generated column (hidden 2 virtual, 3 stored) has no default
      default: c.hidden >= 2 ? null : normalizeSqliteDefault(c.dflt),
      unique: uniqueColumns.has(c.name),
      autoIncrement: c.name === rowidAlias,
      note: null,
    }));

    const foreignKeys: DesignForeignKey[] = [...groupBy(fksBy.get(t.name) ?? [], (f) => f.id).values()]
      // pragma_foreign_key_list numbers keys from the last declared
      .reverse()
      .map((fkRows) => {
        const first = fkRows[0]!;
        // "REFERENCES parent" without columns means the parent's primary key
        const implicit = pkOf.get(first.ref.toLowerCase()) ?? [];
        const columns = fkRows.map((r) => r.from_col);
        const named = parsed.foreignKeys.find(
          (f) => f.refTable.toLowerCase() === first.ref.toLowerCase() && sameList(f.columns, columns),
        );
        return {
          name: named?.name ?? null,
          columns,
          refSchema: null,
          refTable: first.ref,
          refColumns: fkRows.map((r, i) => r.to_col ?? implicit[i] ?? ''),
          onDelete: sqliteAction(first.on_delete),
          onUpdate: sqliteAction(first.on_update),
        };
      });

    return {
      schema: null,
      name: t.name,
      columns: designColumns,
      primaryKey,
      indexes,
      foreignKeys,
      checks: parsed.checks,
      note: null,
    };
  });
  return { dialect: 'sqlite', tables, enums: [], note: null };
}

function primaryKeyOf(cols: readonly ColumnRow[]): string[] {
  return cols
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
}

interface ParsedTable {
  checks: DesignCheck[];
  foreignKeys: { name: string; columns: string[]; refTable: string }[];
}

/**
 * What the pragmas leave out of a CREATE TABLE: its CHECK constraints (column or table level, with their
 * CONSTRAINT names) and the names of its table-level foreign keys.
 */
export function parseCreateTable(sql: string): ParsedTable {
  const out: ParsedTable = { checks: [], foreignKeys: [] };
  const tokens = lexSql(sql, 'sqlite');
  const open = tokens.findIndex((t) => isPunct(t, '('));
  if (open < 0) return out;
  const close = matchParen(tokens, open);
  for (const [from, to] of topLevelItems(tokens, open + 1, close)) {
    for (let i = from; i < to; i++) {
      const t = tokens[i]!;
      if (isPunct(t, '(')) {
        i = matchParen(tokens, i);
        continue;
      }
      const name = isWord(tokens[i - 2], 'CONSTRAINT') && isIdent(tokens[i - 1]) ? tokens[i - 1]!.value : null;
      if (isWord(t, 'CHECK') && isPunct(tokens[i + 1], '(')) {
        const end = matchParen(tokens, i + 1);
        out.checks.push({ name, expression: sql.slice(tokens[i + 1]!.to, tokens[end]?.from ?? sql.length).trim() });
        i = end;
      } else if (isWord(t, 'FOREIGN') && isWord(tokens[i + 1], 'KEY') && name !== null && isPunct(tokens[i + 2], '(')) {
        const end = matchParen(tokens, i + 2);
        const columns = tokens
          .slice(i + 3, end)
          .filter(isIdent)
          .map((c) => c.value);
        const ref = tokens[end + 2];
        if (isWord(tokens[end + 1], 'REFERENCES') && isIdent(ref)) {
          out.foreignKeys.push({ name, columns, refTable: ref.value });
        }
        i = end;
      }
    }
  }
  return out;
}

/** The key items of CREATE INDEX … ON t (item, …) as written, without a trailing ASC/DESC. */
function indexItems(sql: string): string[] {
  const tokens = lexSql(sql, 'sqlite');
  const on = tokens.findIndex((t) => isWord(t, 'ON'));
  const open = tokens.findIndex((t, i) => i > on && isPunct(t, '('));
  if (on < 0 || open < 0) return [];
  const close = matchParen(tokens, open);
  return topLevelItems(tokens, open + 1, close).map(([from, to]) => {
    const last = to - 1 >= from && (isWord(tokens[to - 1], 'ASC') || isWord(tokens[to - 1], 'DESC')) ? to - 1 : to;
    return sql.slice(tokens[from]!.from, tokens[last - 1]!.to);
  });
}

/** [from, to) token ranges of the comma-separated items between `from` and `to` at depth 0. */
function topLevelItems(tokens: readonly SqlToken[], from: number, to: number): [number, number][] {
  const items: [number, number][] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (isPunct(tokens[i], '(')) i = matchParen(tokens, i);
    else if (isPunct(tokens[i], ',')) {
      items.push([start, i]);
      start = i + 1;
    }
  }
  if (start < to) items.push([start, to]);
  return items;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
