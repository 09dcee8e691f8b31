import type { MigrationStep } from '../../../shared/contract/designer.contract';
import { tableKey, type DesignColumn, type DesignIndex, type DesignTable } from '../../../shared/design';
import { quoteSqliteIdent as q } from '../connections/sqlite/sqlite-dialect';
import { createTableStatements } from './ddl';
import { alterSql, createIndexSql, generatedName, qualify, refOf, renameTableSql, schemaSql } from './migrate-common';
import type { MigrationOp, MigrationPlan, SqliteObject, TablePair } from './migrate-plan';

/**
 * SQLite statements. ALTER TABLE can rename a table or a column, add a plain column and drop a column nothing
 * depends on; every other change to an existing table is the documented rebuild
 * (https://www.sqlite.org/lang_altertable.html#otheralter): create `_bb_new_<table>` in the wanted shape, copy the
 * rows, drop the old table, rename the new one with `legacy_alter_table` on (views and other tables' triggers that
 * name it are left as they are), recreate its indexes and triggers, check the schema and run
 * `PRAGMA foreign_key_check`. apply.ts turns foreign keys off around the transaction (SQLite ignores the pragma
 * inside one) so dropping the old table does not cascade.
 */
export function sqliteStatements(op: MigrationOp, plan: MigrationPlan): string[] {
  const e = 'sqlite';
  switch (op.kind) {
    // no enum types, and no comments (the diff never asks for a note on SQLite)
    case 'addEnum':
    case 'alterEnum':
    case 'checkEnum':
    case 'recreateEnum':
    case 'dropEnum':
    case 'setTableNote':
      return [];
    case 'renameTable':
      return renameTableSql(e, op.live, op.to);
    case 'addTable':
      return createTableStatements(plan.source, op.table, { inlineForeignKeys: true });
    case 'dropTable':
      return schemaSql(e, (schema, id) => schema.dropTable(id(op.live.name)));
    case 'renameColumn':
      return alterSql(e, refOf(op.table), (t, id) => t.renameColumn(id(op.from), id(op.to)));
    case 'addColumn':
      return [`ALTER TABLE ${qualify(e, refOf(op.table))} ADD COLUMN ${columnDefinition(op.column, false)}`];
    case 'dropColumn':
      return [`ALTER TABLE ${qualify(e, refOf(op.table))} DROP COLUMN ${q(op.column.name)}`];
    case 'dropIndex':
      return [`DROP INDEX ${q(op.index.name ?? generatedName(op.table.name, op.index.columns, 'idx'))}`];
    case 'addIndex':
      return createIndexSql(plan.source, op.table, op.index);
    default:
      // rebuildNeeded sends every other change of an existing table to the rebuild
      throw new Error(`SQLite cannot ${op.kind} with ALTER TABLE; the table is rebuilt instead`);
  }
}

const REBUILT: ReadonlySet<MigrationOp['kind']> = new Set([
  'alterColumn',
  'dropPrimaryKey',
  'addPrimaryKey',
  'addForeignKey',
  'dropForeignKey',
  'addCheck',
  'dropCheck',
]);

/** Whether an existing table's changes need the rebuild (anything ALTER TABLE cannot do in place). */
export function rebuildNeeded(ops: readonly MigrationOp[], pair: TablePair, plan: MigrationPlan): boolean {
  return ops.some((op) => {
    if (REBUILT.has(op.kind)) return true;
    if (op.kind === 'addColumn') return !plainColumn(op.column, pair.table);
    if (op.kind === 'dropColumn') return !droppable(op.column.name, pair.live, plan);
    // an unnamed unique index is a UNIQUE constraint of the table (sqlite_autoindex_…): no DROP INDEX reaches it
    if (op.kind === 'dropIndex' || op.kind === 'addIndex') return isConstraint(op.index);
    return false;
  });
}

/** ADD COLUMN takes no key, no UNIQUE, and a default only when it is a constant. */
function plainColumn(c: DesignColumn, table: DesignTable): boolean {
  const constant = c.default === null || /^('([^']|'')*'|-?\d+(\.\d+)?|NULL|TRUE|FALSE)$/i.test(c.default.trim());
  const inKey = table.primaryKey.includes(c.name) || table.foreignKeys.some((fk) => fk.columns.includes(c.name));
  return !c.unique && !c.autoIncrement && !inKey && constant && (c.nullable || c.default !== null);
}

/** DROP COLUMN refuses a column that is keyed, unique, indexed, checked, referenced or named by a trigger or view. */
function droppable(column: string, live: DesignTable, plan: MigrationPlan): boolean {
  const usesColumn = (text: string) => mentions(text, column);
  const referenced = plan.target.tables.some((t) =>
    t.foreignKeys.some((fk) => fk.refTable === live.name && fk.refColumns.includes(column)),
  );
  const c = live.columns.find((x) => x.name === column);
  return !(
    c?.unique ||
    referenced ||
    live.primaryKey.includes(column) ||
    live.indexes.some((i) => i.columns.some(usesColumn)) ||
    live.foreignKeys.some((fk) => fk.columns.includes(column)) ||
    live.checks.some((ch) => usesColumn(ch.expression)) ||
    objectsOf(plan, live.name).some((o) => o.type !== 'index' && o.type !== 'table' && usesColumn(o.sql))
  );
}

/** The rebuild of one table, as one step (its statements run in the migration's transaction). */
export function sqliteRebuild(
  pair: TablePair,
  ops: readonly MigrationOp[],
  plan: MigrationPlan,
  destructive: boolean,
): MigrationStep {
  const { table } = pair;
  const name = table.name;
  const temp = `_bb_new_${name}`;
  // the live table as it is named once the renames before this step have run
  const objects = objectsOf(plan, pair.live.name);
  const keepsAutoincrement = objects.some((o) => o.type === 'table' && /\bautoincrement\b/i.test(o.sql));
  // a renamed table: the texts were read before the rename, and name it as it was
  const oldName = pair.live.name;
  // a trigger's text names tables as they were: this one and any other renamed in the same migration
  const retarget = (sql: string) =>
    [...plan.pairs.values()]
      .filter((p) => p.live.name !== p.table.name)
      .reduce((text, p) => renameIn(text, p.live.name, p.table.name), sql);
  const copied = table.columns.filter((c) => pair.sources.has(c.name));
  const liveColumns = new Map(pair.live.columns.map((c) => [c.name, c]));
  const select = copied.map((c) => {
    // renames ran before the rebuild: the live column already carries the wanted name
    const was = liveColumns.get(pair.sources.get(c.name)!);
    return !c.nullable && was?.nullable && c.default !== null ? `COALESCE(${q(c.name)}, ${c.default})` : q(c.name);
  });
  const unchangedIndexes = new Set(
    pair.live.indexes
      .filter((i) => !ops.some((op) => op.kind === 'dropIndex' && op.index.name === i.name))
      .map((i) => i.name),
  );
  const indexes = table.indexes
    .filter((index) => !isConstraint(index))
    .map((index) => {
      const original = objects.find((o) => o.type === 'index' && o.name === index.name);
      const renamed = ops.some((op) => op.kind === 'renameColumn');
      return original &&
        !renamed &&
        oldName === name &&
        unchangedIndexes.has(index.name) &&
        !ops.some((op) => op.kind === 'addIndex' && op.index === index)
        ? original.sql
        : createIndexSql(plan.source, table, index);
    });
  const statements = [
    createTable({ ...table, name: temp }, keepsAutoincrement),
    ...(copied.length > 0
      ? [
          `INSERT INTO ${q(temp)} (${copied.map((c) => q(c.name)).join(', ')}) SELECT ${select.join(', ')} FROM ${q(name)}`,
        ]
      : []),
    `DROP TABLE ${q(name)}`,
    // the legacy rename leaves the triggers and views of other tables that name the table as they are (they name
    // it again once the new one is renamed into place); the modern one checks them while the table is missing
    // and fails ("error in trigger …: no such table")
    'PRAGMA legacy_alter_table = ON',
    `ALTER TABLE ${q(temp)} RENAME TO ${q(name)}`,
    'PRAGMA legacy_alter_table = OFF',
    ...indexes.flat(),
    ...objects.filter((o) => o.type === 'trigger').map((o) => renameColumnsIn(retarget(o.sql), pair)),
    // a modern rename checks every trigger and view of the schema: one that the new shape broke (a column gone)
    // fails the step, naming it, instead of failing later when it fires
    ...SCHEMA_CHECK,
    'PRAGMA foreign_key_check',
  ];
  const what = ops
    .filter((op) => op.kind !== 'renameColumn')
    .map((op) => op.kind)
    .filter((k, i, all) => all.indexOf(k) === i)
    .join(', ');
  return { description: `Rebuild table ${tableKey(table)} (${what})`, statements, destructive };
}

const SCHEMA_CHECK = [
  'CREATE TABLE "_bb_schema_check" (x)',
  'ALTER TABLE "_bb_schema_check" RENAME TO "_bb_schema_checked"',
  'DROP TABLE "_bb_schema_checked"',
];

function objectsOf(plan: MigrationPlan, table: string): SqliteObject[] {
  return plan.live.sqlite?.filter((o) => o.table === table && o.type !== 'view') ?? [];
}

function columnDefinition(c: DesignColumn, inlinePk: boolean, autoincrement = false): string {
  return [
    q(c.name),
    c.type,
    ...(inlinePk ? [autoincrement ? 'PRIMARY KEY AUTOINCREMENT' : 'PRIMARY KEY'] : []),
    ...(c.nullable || inlinePk ? [] : ['NOT NULL']),
    ...(c.default !== null ? [`DEFAULT ${/^[\w.'-]+$|^'.*'$/s.test(c.default) ? c.default : `(${c.default})`}`] : []),
    ...(c.unique ? ['UNIQUE'] : []),
  ].join(' ');
}

const ACTION = (a: string | null) => (a === null ? '' : ` ${a.toUpperCase()}`);

/** CREATE TABLE in the wanted shape, its foreign keys inline (SQLite has no other place for them). */
function createTable(table: DesignTable, keepsAutoincrement: boolean): string {
  const pk = table.primaryKey;
  const rowid = (c: DesignColumn) =>
    pk.length === 1 && pk[0] === c.name && c.autoIncrement && /^integer$/i.test(c.type.trim());
  const parts = table.columns.map((c) => columnDefinition(c, rowid(c), rowid(c) && keepsAutoincrement));
  if (pk.length > 0 && !table.columns.some(rowid)) parts.push(`PRIMARY KEY (${pk.map(q).join(', ')})`);
  for (const index of table.indexes.filter(isConstraint)) parts.push(`UNIQUE (${index.columns.map(q).join(', ')})`);
  for (const check of table.checks) {
    parts.push(`${check.name === null ? '' : `CONSTRAINT ${q(check.name)} `}CHECK (${check.expression})`);
  }
  for (const fk of table.foreignKeys) {
    parts.push(
      `${fk.name === null ? '' : `CONSTRAINT ${q(fk.name)} `}FOREIGN KEY (${fk.columns.map(q).join(', ')}) REFERENCES ${q(fk.refTable)} (${fk.refColumns.map(q).join(', ')})` +
        (fk.onDelete === null ? '' : ` ON DELETE${ACTION(fk.onDelete)}`) +
        (fk.onUpdate === null ? '' : ` ON UPDATE${ACTION(fk.onUpdate)}`),
    );
  }
  return `CREATE TABLE ${q(table.name)} (\n  ${parts.join(',\n  ')}\n)`;
}

/** A unique index without a name is written as the table's UNIQUE constraint, as pull reads one back. */
function isConstraint(index: DesignIndex): boolean {
  return index.name === null && index.unique && index.columns.every((c) => !c.startsWith('`'));
}

/**
 * A trigger's text read before this migration's column renames ran (SQLite rewrote the live one; the rebuild
 * drops it with the table): `NEW.`/`OLD.` references and the `UPDATE OF` list take the new names. Other uses of a
 * renamed column in the body are not rewritten; the schema check after the rebuild fails on them, naming the
 * trigger.
 */
function renameColumnsIn(sql: string, pair: TablePair): string {
  let out = sql;
  for (const [wanted, live] of pair.sources) {
    if (wanted === live) continue;
    const f = escapeRegExp(live);
    const ident = `(?:"${f}"|\`${f}\`|\\[${f}\\]|${f}(?![\\w$]))`;
    out = out.replace(new RegExp(`\\b(new|old)\\s*\\.\\s*${ident}`, 'gi'), (_m, row: string) => `${row}.${q(wanted)}`);
    out = out.replace(/\bupdate\s+of\s+([^]*?)\s+on\s/i, (whole: string, list: string) =>
      whole.replace(list, list.replace(new RegExp(`(?<![\\w$])${ident}`, 'g'), q(wanted))),
    );
  }
  return out;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether SQL text names `name` as an identifier (bare or quoted). */
function mentions(sql: string, name: string): boolean {
  return new RegExp(`(^|[^\\w$])${escapeRegExp(name)}($|[^\\w$])`).test(sql);
}

/** `from` as an identifier (bare, "quoted", `quoted` or [quoted]) → `to`, quoted: SQLite's own rename, in text. */
function renameIn(sql: string, from: string, to: string): string {
  const f = escapeRegExp(from);
  return sql.replace(new RegExp(`"${f}"|\`${f}\`|\\[${f}\\]|(?<![\\w$])${f}(?![\\w$])`, 'g'), q(to));
}
