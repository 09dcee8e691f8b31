import { createRequire } from 'node:module';
import type { Knex } from 'knex';
import {
  tableKey,
  type Design,
  type DesignColumn,
  type DesignForeignKey,
  type DesignIndex,
  type DesignTable,
} from '../../../shared/design';
import type { Engine } from '../../../shared/domain';
import { dialectFor } from '../connections/dialect-for';
import type { IdentifierToken, TableRef } from '../connections/sql-dialect';
import { createTableStatements } from './ddl';
import type { MigrationPlan } from './migrate-plan';

/** Helpers the per-engine step writers (migrate-sqlite.ts, migrate-postgres.ts, migrate-mysql.ts) share. */

type KnexFactory = typeof import('knex').knex;
let rawMaker: Knex | null = null;

/** SQL text knex writes as it is (a default expression); knex is loaded on first use, never at startup. */
export function raw(sql: string): Knex.Raw {
  rawMaker ??= (createRequire(import.meta.url)('knex') as { knex: KnexFactory }).knex({ client: 'pg' });
  return rawMaker.raw(sql);
}

/** Schema statements built by knex for `engine`, every name passed through `id` (see sql-dialect.ts). */
export function schemaSql(
  engine: Engine,
  fn: (schema: Knex.SchemaBuilder, id: IdentifierToken) => Knex.SchemaBuilder,
): string[] {
  return dialectFor(engine)
    .buildSchema(fn)
    .map((s) => s.sql);
}

/** `alterTable` on a table (schema-qualified when it has a schema). */
export function alterSql(
  engine: Engine,
  ref: TableRef,
  fn: (t: Knex.AlterTableBuilder, id: IdentifierToken) => void,
): string[] {
  return schemaSql(engine, (schema, id) =>
    (ref.schema === null ? schema : schema.withSchema(id(ref.schema))).alterTable(id(ref.table), (t) => fn(t, id)),
  );
}

export function refOf(table: { schema: string | null; name: string }): TableRef {
  return { schema: table.schema, table: table.name };
}

/** The table as it is named before renames run (drops of keys, indexes and checks come first). */
export function liveRef(plan: MigrationPlan, table: DesignTable): TableRef {
  return refOf(plan.pairs.get(tableKey(table))?.live ?? table);
}

export function quote(engine: Engine, name: string): string {
  return dialectFor(engine).quoteIdentifier(name);
}

export function qualify(engine: Engine, ref: TableRef): string {
  return dialectFor(engine).qualify(ref);
}

/** `UPDATE t SET c = <default> WHERE c IS NULL`: rows keep a value when a column becomes NOT NULL. */
export function fillNulls(engine: Engine, ref: TableRef, column: DesignColumn): string[] {
  if (column.default === null) return [];
  const name = quote(engine, column.name);
  return [`UPDATE ${qualify(engine, ref)} SET ${name} = ${column.default} WHERE ${name} IS NULL`];
}

/** Notes compare as the engines keep them: an empty comment is none. */
export function sameNote(a: string | null, b: string | null): boolean {
  return (a || null) === (b || null);
}

/** A note as a string literal: PostgreSQL doubles `'`; MySQL also reads backslash escapes, so both are escaped. */
export function noteLiteral(engine: 'postgres' | 'mysql', note: string): string {
  const body = note.replace(/'/g, "''");
  return `'${engine === 'mysql' ? body.replace(/\\/g, '\\\\') : body}'`;
}

const ACTION: Record<string, string> = {
  'no action': 'NO ACTION',
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set null': 'SET NULL',
  'set default': 'SET DEFAULT',
};

/**
 * `t.foreign(...)` for a design foreign key. An unnamed key gets the name ddl.ts and PostgreSQL give it
 * (`t_col_fkey`): knex would derive one from the identifier tokens, the same for every key.
 */
export function addForeign(
  t: Knex.AlterTableBuilder,
  id: IdentifierToken,
  fk: DesignForeignKey,
  table: { schema: string | null; name: string },
): void {
  // a null refSchema is the referencing table's own schema
  const refSchema = fk.refSchema ?? table.schema;
  const chain = t
    .foreign(fk.columns.map(id), id(fk.name ?? generatedName(table.name, fk.columns, 'fkey')))
    .references(fk.refColumns.map(id))
    .inTable(refSchema === null ? id(fk.refTable) : `${id(refSchema)}.${id(fk.refTable)}`);
  if (fk.onDelete !== null) chain.onDelete(ACTION[fk.onDelete]!);
  if (fk.onUpdate !== null) chain.onUpdate(ACTION[fk.onUpdate]!);
}

/** The name ddl.ts gives an index or key the design leaves unnamed (`t_col_idx`, `t_col_key`, `t_col_fkey`). */
export function generatedName(table: string, columns: readonly string[], suffix: 'idx' | 'key' | 'fkey'): string {
  const plain = suffix === 'fkey' ? columns.join('_') : columns.map((c) => c.replace(/\W+/g, '_')).join('_');
  return `${table}_${plain}_${suffix}`;
}

/** RENAME TABLE by knex (its typings say renameTable returns a promise; it returns the builder, like the rest). */
export function renameTableSql(engine: Engine, live: { schema: string | null; name: string }, to: string): string[] {
  return schemaSql(
    engine,
    (schema, id) =>
      (live.schema === null ? schema : schema.withSchema(id(live.schema))).renameTable(
        id(live.name),
        id(to),
      ) as unknown as Knex.SchemaBuilder,
  );
}

/**
 * CREATE INDEX as ddl.ts writes it for a new table (its names for unnamed indexes, methods, MySQL prefix and
 * functional parts), so an index added by a migration pulls back like one created with its table.
 */
export function createIndexSql(design: Design, table: DesignTable, index: DesignIndex): string[] {
  const bare: DesignTable = {
    ...table,
    note: null,
    // only the index: no comments, UNIQUE constraints or key, which knex would write as statements of their own
    columns: table.columns.map((c) => ({ ...c, note: null, unique: false })),
    primaryKey: [],
    checks: [],
    foreignKeys: [],
    indexes: [index],
  };
  return createTableStatements(design, bare, { inlineForeignKeys: false }).filter((s) => !/^create table /i.test(s));
}
