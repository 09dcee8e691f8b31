import { z } from 'zod';
import { proc } from '../proc';
import { Id, Engine } from '../domain';
import { Design, DesignLayout } from '../design';

/** A design file, relative to the workspace's `designs/` folder, always ending in `.dbml`. */
export const DesignPath = z
  .string()
  .min(1)
  .max(1024)
  .regex(/\.dbml$/i, 'a design path must end in .dbml');

export const DesignSummary = z.object({
  path: z.string(),
  name: z.string(),
  dialect: Engine.nullable(),
  tables: z.number().int(),
  sizeBytes: z.number().int(),
  modifiedAt: z.string(),
  /** Set when the file does not parse: the parser's message with its line and column. */
  error: z.string().optional(),
});
export type DesignSummary = z.infer<typeof DesignSummary>;

/** Where a DBML text fails to parse: 1-based line and column, and the parser's message. */
export const DbmlProblem = z.object({ line: z.number().int(), column: z.number().int(), message: z.string() });
export type DbmlProblem = z.infer<typeof DbmlProblem>;

/** A live schema: a connection and one of its schemas (null: the connection's default schema). */
export const LiveSchema = z.object({ connectionId: Id, schema: z.string().min(1).max(255).nullable() });
export type LiveSchema = z.infer<typeof LiveSchema>;

/** One side of a diff: a design (as edited, unsaved edits included) or a live schema. */
export const DiffSide = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('design'), design: Design }),
  z.object({ kind: z.literal('live'), live: LiveSchema }),
]);
export type DiffSide = z.infer<typeof DiffSide>;

export const SchemaChangeKind = z.enum([
  'addTable',
  'dropTable',
  'renameTable',
  'addColumn',
  'dropColumn',
  'renameColumn',
  'alterColumn',
  'addPrimaryKey',
  'dropPrimaryKey',
  'addIndex',
  'dropIndex',
  'addForeignKey',
  'dropForeignKey',
  'addCheck',
  'dropCheck',
  'addEnum',
  'dropEnum',
  'alterEnum',
  /** The table's own attributes: its note (comment). */
  'alterTable',
]);
export type SchemaChangeKind = z.infer<typeof SchemaChangeKind>;

/** One difference between the two sides, as the user reads it in the list and on the canvas overlay. */
export const SchemaChange = z.object({
  kind: SchemaChangeKind,
  /** Table key (`schema.table` or `table`) on the side being changed; the enum's key for enum changes. */
  table: z.string(),
  /** The column, index, foreign key or check concerned, when the change is about one. */
  item: z.string().nullable(),
  /** What changes, in words (`type integer → bigint`, `NOT NULL added (default 0)`). */
  description: z.string(),
  /** Loses data or can fail on existing rows; applied only with the user's explicit confirmation. */
  destructive: z.boolean(),
  /** Why it is destructive (`drops column orders.note`, `narrows varchar(255) → varchar(50)`). */
  reason: z.string().nullable(),
});
export type SchemaChange = z.infer<typeof SchemaChange>;

/** A drop + add the diff thinks may be a rename; the user confirms it by passing it back in `renames`. */
export const RenameCandidate = z.object({
  kind: z.enum(['table', 'column']),
  /** For a column: the table key it is in; for a table: null. */
  table: z.string().nullable(),
  from: z.string(),
  to: z.string(),
});
export type RenameCandidate = z.infer<typeof RenameCandidate>;

/** One step of a migration: statements run together (a SQLite rebuild is one step of several statements). */
export const MigrationStep = z.object({
  description: z.string(),
  statements: z.array(z.string()),
  destructive: z.boolean(),
});
export type MigrationStep = z.infer<typeof MigrationStep>;

export const SchemaDiff = z.object({
  changes: z.array(SchemaChange),
  renameCandidates: z.array(RenameCandidate),
  /** Ordered steps that make the target side match the source side. */
  steps: z.array(MigrationStep),
  /** The steps as one `.sql` script, or `No changes.` when in sync. */
  sql: z.string(),
  /** The steps as a knex migration file (`exports.up` / `exports.down`). */
  knex: z.string(),
  /** Each destructive change as `table.column` (or `table`), as the CLI names them. */
  destructive: z.array(z.string()),
});
export type SchemaDiff = z.infer<typeof SchemaDiff>;

export const DiffInput = z.object({
  /** The side wanted. */
  source: DiffSide,
  /** The live schema to change. */
  target: LiveSchema,
  /** Rename candidates the user confirmed (others stay drop + add). */
  renames: z.array(RenameCandidate).max(1000).default([]),
});

export const designerContract = {
  /** The design files under the workspace's `designs/` folder. */
  list: proc(z.object({}), z.array(DesignSummary)),
  /**
   * One design file and its layout sidecar (an empty layout when there is none). A file that does not parse is
   * INVALID_INPUT naming the line and column.
   */
  read: proc(
    z.object({ path: DesignPath }),
    z.object({ path: z.string(), dbml: z.string(), design: Design, layout: DesignLayout }),
  ),
  /** Writes the design as DBML and its layout sidecar, atomically; the path stays inside `designs/`. */
  write: proc(
    z.object({ path: DesignPath, design: Design, layout: DesignLayout }),
    z.object({ path: z.string(), dbml: z.string() }),
  ),
  /** Creates a design file: empty, or from a live schema (reverse engineering, "Open as diagram"). */
  create: proc(
    z.object({
      path: DesignPath,
      dialect: Engine,
      from: LiveSchema.optional(),
    }),
    z.object({ path: z.string(), design: Design, layout: DesignLayout }),
  ),
  deleteDesign: proc(z.object({ path: DesignPath }), z.object({ deleted: z.boolean() })),
  /** DBML text → design, for the text pane; problems instead of a design when it does not parse. */
  parseDbml: proc(
    z.object({ dbml: z.string().max(16 * 1024 * 1024), dialect: Engine }),
    z.object({ design: Design.nullable(), problems: z.array(DbmlProblem) }),
  ),
  /** Design → DBML text, as the file would hold it. */
  formatDbml: proc(z.object({ design: Design }), z.object({ dbml: z.string() })),
  /** The live schema of a connection read into a design. */
  pull: proc(LiveSchema, Design),
  /** CREATE script for the design in its dialect (tables in dependency order, then indexes and foreign keys). */
  ddl: proc(z.object({ design: Design }), z.object({ sql: z.string() })),
  /** A SQL dump (CREATE statements) or DBML text read into a design of the given dialect. */
  importText: proc(
    z.object({ text: z.string().max(64 * 1024 * 1024), format: z.enum(['dbml', 'sql']), dialect: Engine }),
    Design,
  ),
  /** What would change the target to match the source, and the migration that does it. Changes nothing. */
  diff: proc(DiffInput, SchemaDiff),
  /**
   * Applies the migration `diff` computes (recomputed here, against the target as it is now). Refuses destructive
   * steps unless `allowDestructive` (INVALID_INPUT naming each). SQLite and PostgreSQL run it in one transaction;
   * MySQL step by step, reporting the step that failed and those already applied. Progress: `designer.applyProgressed`.
   */
  apply: proc(
    DiffInput.extend({ allowDestructive: z.boolean().default(false), runId: Id.optional() }),
    z.object({
      applied: z.number().int(),
      total: z.number().int(),
      /** Set when a step failed: its 0-based index, its description and the database's message. */
      failed: z.object({ step: z.number().int(), description: z.string(), message: z.string() }).optional(),
    }),
  ),
};
