import type { Design, DesignColumn, DesignForeignKey, DesignIndex, DesignTable } from '../../../shared/design';
import { AppError } from '../../../shared/errors';
import type { CatalogQuery } from '../schema/introspect-postgres';
import { groupBy } from '../schema/group-by';
import {
  mysqlAction,
  normalizeMysqlDefault,
  normalizeMysqlType,
  normalizeOnUpdate,
  stripOuterParens,
} from './pull-normalize';

interface TableRow {
  name: string;
  note: string | null;
}
interface ColumnRow {
  tbl: string;
  name: string;
  type: string;
  nullable: string;
  dflt: string | null;
  extra: string | null;
  note: string | null;
}
/** information_schema.STATISTICS, all columns (MySQL 8 adds EXPRESSION for functional key parts). */
interface StatRow {
  TABLE_NAME: string;
  INDEX_NAME: string;
  NON_UNIQUE: number | string;
  COLUMN_NAME: string | null;
  SEQ_IN_INDEX: number | string;
  /** A prefix key part's length in characters (`name(10)`), null for the whole column. */
  SUB_PART: number | string | null;
  INDEX_TYPE: string;
  EXPRESSION?: string | null;
}
interface FkRow {
  tbl: string;
  name: string;
  col: string;
  ref_schema: string;
  ref_table: string;
  ref_col: string;
  upd: string;
  del: string;
}
interface CheckRow {
  CONSTRAINT_NAME: string;
  CHECK_CLAUSE: string;
  /** MariaDB only; on MySQL 8 the table comes from TABLE_CONSTRAINTS. */
  TABLE_NAME?: string;
}

/**
 * Reads one MySQL/MariaDB database (null: the connection's) into a design with six information_schema queries for
 * the whole database. Normalization (MySQL 8 and MariaDB print defaults differently): see pull-normalize.ts.
 */
export async function pullMysql(query: CatalogQuery, schema: string | null): Promise<Design> {
  const [info] = await query<{ db: string | null; version: string }>(
    'SELECT DATABASE() AS db, VERSION() AS version',
    [],
  );
  const db = schema ?? info?.db ?? null;
  if (db === null) return { dialect: 'mysql', tables: [], enums: [], note: null };
  const mariadb = /mariadb/i.test(info?.version ?? '');
  const found = await query<{ name: string }>(
    'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
    [db],
  );
  if (found.length === 0)
    throw new AppError('NOT_FOUND', `There is no database "${db}" on this server; pick one it has.`);
  const own = db === info?.db ? null : db;

  const tables = await query<TableRow>(
    `SELECT TABLE_NAME AS name, TABLE_COMMENT AS note FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`,
    [db],
  );
  const columns = await query<ColumnRow>(
    `SELECT TABLE_NAME AS tbl, COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable,
            COLUMN_DEFAULT AS dflt, EXTRA AS extra, COLUMN_COMMENT AS note
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    [db],
  );
  const stats = await query<StatRow>(
    `SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
    [db],
  );
  const fks = await query<FkRow>(
    `SELECT k.TABLE_NAME AS tbl, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col,
            k.REFERENCED_TABLE_SCHEMA AS ref_schema, k.REFERENCED_TABLE_NAME AS ref_table,
            k.REFERENCED_COLUMN_NAME AS ref_col, r.UPDATE_RULE AS upd, r.DELETE_RULE AS del
       FROM information_schema.KEY_COLUMN_USAGE k
       JOIN information_schema.REFERENTIAL_CONSTRAINTS r
         ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
        AND r.TABLE_NAME = k.TABLE_NAME
      WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
      ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
    [db],
  );
  const checks = await readChecks(query, db, mariadb);

  const columnsBy = groupBy(columns, (c) => c.tbl);
  const statsBy = groupBy(stats, (s) => s.TABLE_NAME);
  const fksBy = groupBy(fks, (f) => f.tbl);
  const checksBy = groupBy(checks, (c) => c.table);

  const designTables: DesignTable[] = tables.map((t) => {
    const tableChecks = checksBy.get(t.name) ?? [];
    // MariaDB's JSON is a longtext with a column check json_valid(`col`) named after the column
    const jsonColumns = new Set(
      tableChecks
        .filter((c) => c.expression.toLowerCase() === `json_valid(\`${c.name.replace(/`/g, '``')}\`)`.toLowerCase())
        .map((c) => c.name),
    );
    const foreignKeys: DesignForeignKey[] = [...groupBy(fksBy.get(t.name) ?? [], (f) => f.name)].map(
      ([name, rows]) => ({
        name,
        columns: rows.map((r) => r.col),
        refSchema: rows[0]!.ref_schema === db ? null : rows[0]!.ref_schema,
        refTable: rows[0]!.ref_table,
        refColumns: rows.map((r) => r.ref_col),
        onDelete: mysqlAction(rows[0]!.del),
        onUpdate: mysqlAction(rows[0]!.upd),
      }),
    );
    const fkByName = new Map(foreignKeys.map((f) => [f.name, f]));
    let primaryKey: string[] = [];
    const uniqueColumns = new Set<string>();
    const indexes: DesignIndex[] = [];
    for (const [name, rows] of groupBy(statsBy.get(t.name) ?? [], (s) => s.INDEX_NAME)) {
      const cols = rows.map(keyPart);
      const unique = Number(rows[0]!.NON_UNIQUE) === 0;
      if (name === 'PRIMARY') {
        primaryKey = cols;
        continue;
      }
      if (unique && cols.length === 1 && cols[0] === name) {
        uniqueColumns.add(name);
        continue;
      }
      const fk = fkByName.get(name);
      if (!unique && fk && sameList(fk.columns, cols)) continue;
      const method = rows[0]!.INDEX_TYPE.toLowerCase();
      indexes.push({
        name,
        columns: cols,
        unique,
        type: method === 'btree' ? null : method,
        // an index comment is not read: ddl.ts cannot write one through knex, so it would not survive a round trip
        note: null,
      });
    }
    const designColumns: DesignColumn[] = (columnsBy.get(t.name) ?? []).map((c) => {
      const extra = (c.extra ?? '').toLowerCase();
      const type = jsonColumns.has(c.name) ? 'json' : normalizeMysqlType(c.type);
      return {
        name: c.name,
        type,
        nullable: c.nullable === 'YES',
        default: /\bgenerated\b/.test(extra.replace('default_generated', ''))
          ? null
          : normalizeMysqlDefault(c.dflt, type, { mariadb, generated: extra.includes('default_generated') }),
        unique: uniqueColumns.has(c.name),
        autoIncrement: extra.includes('auto_increment'),
        note: c.note || null,
        ...onUpdateOf(extra),
      };
    });
    return {
      schema: own,
      name: t.name,
      columns: designColumns,
      primaryKey,
      indexes,
      foreignKeys,
      checks: tableChecks
        .filter((c) => !jsonColumns.has(c.name))
        .map((c) => ({ name: c.name, expression: c.expression })),
      note: t.note || null,
    };
  });
  return { dialect: 'mysql', tables: designTables, enums: [], note: null };
}

async function readChecks(
  query: CatalogQuery,
  db: string,
  mariadb: boolean,
): Promise<{ table: string; name: string; expression: string }[]> {
  const rows = await query<CheckRow>(
    'SELECT * FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? ORDER BY CONSTRAINT_NAME',
    [db],
  );
  let tableOf = (r: CheckRow): string => r.TABLE_NAME ?? '';
  if (!mariadb) {
    // MySQL 8: check names are unique per database; the table is in TABLE_CONSTRAINTS
    const owners = await query<{ name: string; tbl: string }>(
      `SELECT CONSTRAINT_NAME AS name, TABLE_NAME AS tbl FROM information_schema.TABLE_CONSTRAINTS
        WHERE CONSTRAINT_SCHEMA = ? AND CONSTRAINT_TYPE = 'CHECK'`,
      [db],
    );
    const byName = new Map(owners.map((o) => [o.name, o.tbl]));
    tableOf = (r) => r.TABLE_NAME ?? byName.get(r.CONSTRAINT_NAME) ?? '';
  }
  return rows.map((r) => ({
    table: tableOf(r),
    name: r.CONSTRAINT_NAME,
    expression: stripOuterParens(r.CHECK_CLAUSE),
  }));
}

/** A key part: its column, or — for a functional part (MySQL 8) or a prefix (`name(10)`) — an expression. */
function keyPart(r: StatRow): string {
  if (r.COLUMN_NAME === null) return `\`${r.EXPRESSION ?? ''}\``;
  if (r.SUB_PART === null) return r.COLUMN_NAME;
  return `\`\`${r.COLUMN_NAME.replace(/`/g, '``')}\`(${Number(r.SUB_PART)})\``;
}

/** EXTRA's `on update current_timestamp()` (MariaDB) or `on update CURRENT_TIMESTAMP(3)` (MySQL 8), lower-cased. */
function onUpdateOf(extra: string): Pick<DesignColumn, 'onUpdate'> {
  const found = /\bon update (\S+)/.exec(extra);
  return found ? { onUpdate: normalizeOnUpdate(found[1]!) } : {};
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
