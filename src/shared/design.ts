/**
 * A schema design (issue 9) as it crosses the boundary: what a DBML file says, in one engine's terms. The design
 * file (`designs/<name>.dbml`) holds the model; its sidecar (`designs/<name>.layout.json`) holds positions, colours
 * and groups. The live schema of a connection is read into the same model (`designer.pull`), so diffing a design
 * against a database, or a database against another, compares two values of this shape.
 *
 * Rules every producer keeps, so two designs of the same schema are equal:
 * - `type` is the column type as the engine spells it in DDL, lower case, with its arguments (`varchar(255)`,
 *   `numeric(10,2)`, `integer`, `timestamp with time zone`, an enum's name on PostgreSQL, `enum('a','b')` on MySQL).
 * - `default` is SQL text the engine accepts after DEFAULT: a quoted string literal (`'abc'`), a number (`0`,
 *   `1.5`), `true`/`false`, `NULL`, or an expression (`CURRENT_TIMESTAMP`, `now()`). Null means no default.
 * - The primary key is `primaryKey` on the table (ordered; one or more columns), never a per-column flag.
 * - Tables, columns, indexes and foreign keys keep their order in the file (columns: ordinal position).
 */
import { z } from 'zod';
import { Engine } from './domain';

const Name = z.string().min(1).max(255);
/** A CSS colour as DBML and the sidecar write it (`#rrggbb`). */
const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/);
const Note = z
  .string()
  .max(64 * 1024)
  .nullable();

export const DesignColumn = z.object({
  name: Name,
  type: z.string().min(1).max(1024),
  nullable: z.boolean(),
  default: z
    .string()
    .max(64 * 1024)
    .nullable(),
  /** A single-column UNIQUE constraint (a composite one is a unique index). */
  unique: z.boolean(),
  /** SQLite AUTOINCREMENT / INTEGER PRIMARY KEY rowid alias, PostgreSQL serial or identity, MySQL AUTO_INCREMENT. */
  autoIncrement: z.boolean(),
  note: Note,
  /**
   * MySQL/MariaDB `ON UPDATE CURRENT_TIMESTAMP`: the expression the engine sets the column to when its row changes
   * (`CURRENT_TIMESTAMP`, `CURRENT_TIMESTAMP(3)`), spelt like a default. Absent when the column has none (every
   * column of the other engines). DBML writes it as the column setting `on update: '…'`.
   */
  onUpdate: z.string().min(1).max(255).optional(),
});
export type DesignColumn = z.infer<typeof DesignColumn>;

export const DesignIndex = z.object({
  /** Null when the design leaves the name to the engine (generated names are compared by columns instead). */
  name: Name.nullable(),
  /** Column names, or an expression in backticks as DBML writes it (`` `lower(email)` ``). */
  columns: z.array(z.string().min(1).max(4096)).min(1),
  unique: z.boolean(),
  /** Index method where the engine has several (`btree`, `hash`, `gin`…); null for the default. */
  type: z.string().max(64).nullable(),
  note: Note,
});
export type DesignIndex = z.infer<typeof DesignIndex>;

export const ReferentialAction = z.enum(['no action', 'restrict', 'cascade', 'set null', 'set default']);
export type ReferentialAction = z.infer<typeof ReferentialAction>;

export const DesignForeignKey = z.object({
  name: Name.nullable(),
  columns: z.array(Name).min(1),
  /** Null: the referencing table's own schema. */
  refSchema: Name.nullable(),
  refTable: Name,
  refColumns: z.array(Name).min(1),
  /** Null means the engine's default (`no action`). */
  onDelete: ReferentialAction.nullable(),
  onUpdate: ReferentialAction.nullable(),
});
export type DesignForeignKey = z.infer<typeof DesignForeignKey>;

export const DesignCheck = z.object({
  name: Name.nullable(),
  /** The boolean SQL expression, without the CHECK keyword and its outer parentheses. */
  expression: z
    .string()
    .min(1)
    .max(64 * 1024),
});
export type DesignCheck = z.infer<typeof DesignCheck>;

export const DesignTable = z.object({
  /** Null: the engine's default schema (`public`, the connection's MySQL database, SQLite's `main`). */
  schema: Name.nullable(),
  name: Name,
  columns: z.array(DesignColumn),
  /** Ordered primary key columns; empty when the table has none. */
  primaryKey: z.array(Name),
  indexes: z.array(DesignIndex),
  foreignKeys: z.array(DesignForeignKey),
  checks: z.array(DesignCheck),
  note: Note,
  /** DBML's `headercolor` (the canvas colour of the table; the sidecar's `color` mirrors it). Not schema. */
  headerColor: Color.optional(),
});
export type DesignTable = z.infer<typeof DesignTable>;

/** A PostgreSQL enum type (MySQL enums are column types: `enum('a','b')`). */
export const DesignEnum = z.object({
  schema: Name.nullable(),
  name: Name,
  values: z.array(z.string().max(1024)).min(1),
  /** Notes of values, by value (DBML's `value [note: '…']`); only the values that have one. */
  valueNotes: z.record(z.string(), z.string().max(64 * 1024)).optional(),
});
export type DesignEnum = z.infer<typeof DesignEnum>;

/** A DBML `TableGroup`: tables shown together (the canvas's groups). Not schema: DDL and diffs ignore it. */
export const DesignTableGroup = z.object({
  name: Name,
  /** Member tables by `tableKey`, in the file's order. */
  tables: z.array(z.string().min(1).max(600)),
  note: Note,
  color: Color.nullable(),
});
export type DesignTableGroup = z.infer<typeof DesignTableGroup>;

/** A DBML sticky note (`Note name { '…' }`), a note on the diagram that belongs to no table. */
export const DesignStickyNote = z.object({
  name: Name,
  content: z.string().max(64 * 1024),
  color: Color.nullable(),
});
export type DesignStickyNote = z.infer<typeof DesignStickyNote>;

/**
 * A many-to-many reference (DBML's `<>`): a relation the diagram shows, with no foreign key behind it, so DDL and
 * diffs ignore it. `schema`/`refSchema` null: the default schema.
 */
export const DesignManyToMany = z.object({
  name: Name.nullable(),
  schema: Name.nullable(),
  table: Name,
  columns: z.array(Name).min(1),
  refSchema: Name.nullable(),
  refTable: Name,
  refColumns: z.array(Name).min(1),
});
export type DesignManyToMany = z.infer<typeof DesignManyToMany>;

/** A DBML `Records` block (sample rows), kept as its source text and written back unchanged. Not schema. */
export const DesignRecords = z.object({
  /** The table it fills, by `tableKey`. */
  table: z.string().min(1).max(600),
  /** The whole block, `Records name(a, b) { … }`, as the file had it. */
  text: z.string().max(16 * 1024 * 1024),
});
export type DesignRecords = z.infer<typeof DesignRecords>;

export const Design = z.object({
  /** The engine whose types and DDL the design is written in. */
  dialect: Engine,
  tables: z.array(DesignTable),
  enums: z.array(DesignEnum),
  note: Note,
  /**
   * What a DBML file may hold beyond the schema, kept so a file from dbdiagram.io opens and saves without loss
   * (docs/designs.md). All optional; DDL, diffs and migrations read none of them.
   */
  /** `Project name { … }`'s name. */
  projectName: Name.optional(),
  /** `database_type` as the file spelled it, when that is not the writer's own spelling (`'Postgres'`, `'SQL Server'`). */
  databaseType: z.string().max(255).optional(),
  groups: z.array(DesignTableGroup).optional(),
  stickyNotes: z.array(DesignStickyNote).optional(),
  manyToMany: z.array(DesignManyToMany).optional(),
  records: z.array(DesignRecords).optional(),
  /**
   * MySQL/MariaDB: the file's DBML `Enum` blocks. MySQL has no named enum types, so a column typed with one reads as
   * the inline `enum('a','b')` and `enums` stays empty; the blocks are kept here only so the file writes back with
   * them (a column whose type spells one of them is written with its name again). docs/designs.md.
   */
  enumBlocks: z.array(DesignEnum).optional(),
});
export type Design = z.infer<typeof Design>;

/** The sidecar layout file: where each table sits on the canvas, its colour, and groups of tables. */
export const DesignLayout = z.object({
  version: z.literal(1),
  /** By table key (`tableKey`): top-left corner in canvas units, and an optional CSS colour (`#rrggbb`). */
  tables: z.record(
    z.string(),
    z.object({
      x: z.number().finite(),
      y: z.number().finite(),
      color: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/)
        .optional(),
    }),
  ),
  groups: z.array(
    z.object({
      name: Name,
      tables: z.array(z.string()),
      color: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/)
        .optional(),
    }),
  ),
  /**
   * Foreign keys whose referenced table is not in the design (a pulled schema that refers to another one): DBML
   * cannot hold a reference to a table it does not define, so the design file keeps them here, by the referencing
   * table's key, with their position among its foreign keys. Only the design files write and read this; a layout
   * they return never carries it (the design does). docs/designs.md.
   */
  externalForeignKeys: z
    .record(z.string(), z.array(z.object({ position: z.number().int().min(0), foreignKey: DesignForeignKey })))
    .optional(),
});
export type DesignLayout = z.infer<typeof DesignLayout>;

export const EMPTY_LAYOUT: DesignLayout = { version: 1, tables: {}, groups: [] };

/** How a table is named in layouts, diffs and messages: `schema.table`, or `table` in the default schema. */
export function tableKey(table: { schema: string | null; name: string }): string {
  return table.schema === null ? table.name : `${table.schema}.${table.name}`;
}

export function emptyDesign(dialect: Engine): Design {
  return { dialect, tables: [], enums: [], note: null };
}
