import { z } from 'zod';
import { Id, ResultColumn, Row, StatementResult } from '../domain';
import { proc } from '../proc';
import { MAX_PAGE_SIZE } from './query.contract';

/**
 * Table data (issue 6): browse a table or view with server-side sort and filter, stage edits, review them as
 * SQL and apply them in one transaction, keep drafts across restarts, import and export. Statements are built
 * with the connection's dialect (knex), every value bound as a parameter, every name quoted.
 */

const Name = z.string().min(1).max(256);
/** The longest raw WHERE text a user may type. */
export const MAX_WHERE_CHARS = 64 * 1024;
/** The most staged changes one apply (or preview) carries. */
export const MAX_CHANGES = 100_000;

export const TableTarget = z.object({
  connectionId: Id,
  /** Null: the connection's default schema (SQLite `main`). */
  schema: Name.nullable(),
  table: Name,
});
export type TableTarget = z.infer<typeof TableTarget>;

/**
 * A value typed into a cell: null is NULL; `{ $default: true }` is the column's DEFAULT; `{ $base64 }` is
 * binary; a string, number or boolean is bound as it is (integers past 2^53 as their decimal text, dates as
 * ISO 8601 text, JSON as its text).
 */
export const CellInput = z.union([
  z.null(),
  z.string(),
  z.number(),
  z.boolean(),
  z.object({ $default: z.literal(true) }),
  z.object({ $base64: z.string() }),
]);
export type CellInput = z.infer<typeof CellInput>;

export const SortSpec = z.object({ column: Name, direction: z.enum(['asc', 'desc']) });
export type SortSpec = z.infer<typeof SortSpec>;

export const FilterOp = z.enum([
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'contains',
  'startsWith',
  'isNull',
  'isNotNull',
  'in',
  'between',
]);
export type FilterOp = z.infer<typeof FilterOp>;

/** One column filter: `value` for the comparisons, `values` for `in` (1+) and `between` (exactly 2). */
export const ColumnFilter = z.object({
  column: Name,
  op: FilterOp,
  value: CellInput.optional(),
  values: z.array(CellInput).max(10_000).optional(),
});
export type ColumnFilter = z.infer<typeof ColumnFilter>;

/** What rows a data tab shows: filters (AND), then the raw WHERE (AND), sorted by `sort` in order. */
export const TableView = TableTarget.extend({
  sort: z.array(SortSpec).max(32).default([]),
  filters: z.array(ColumnFilter).max(64).default([]),
  /** A raw SQL condition typed by the user, ANDed with the filters; run as written. */
  where: z.string().max(MAX_WHERE_CHARS).optional(),
});
export type TableView = z.infer<typeof TableView>;

/**
 * How a row of the table is found again to update or delete it:
 * - `primaryKey`: by its primary key columns;
 * - `rowid`: SQLite's rowid (a table without a primary key), carried in the result's last column `rowidColumn`;
 * - `allColumns`: by the original values (all of them, or all the caller holds whole: a truncated text or BLOB
 *   may be left out), and the change must touch exactly one row (else it is rolled back);
 * - `readOnly`: not editable (a view, a table whose rows cannot be told apart); `reason` says why.
 */
export const RowIdentity = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('primaryKey'), columns: z.array(z.string()) }),
  z.object({ kind: z.literal('rowid'), rowidColumn: z.string() }),
  z.object({ kind: z.literal('allColumns') }),
  z.object({ kind: z.literal('readOnly'), reason: z.string() }),
]);
export type RowIdentity = z.infer<typeof RowIdentity>;

/** What the editor needs to know of a column beyond the result column. */
export const DataColumn = z.object({
  name: z.string(),
  dataType: z.string().nullable(),
  nullable: z.boolean(),
  /** The default as the schema states it (an SQL expression), null when none. */
  defaultSql: z.string().nullable(),
  autoIncrement: z.boolean(),
  /** Generated (computed) columns cannot be written. */
  generated: z.boolean(),
  /** The allowed values of an enum/set column (PostgreSQL enum, MySQL ENUM/SET), else null. */
  enumValues: z.array(z.string()).nullable(),
  /** The row this column references, when it is (the first column of) a foreign key. */
  references: z.object({ schema: z.string().nullable(), table: z.string(), columns: z.array(z.string()) }).nullable(),
});
export type DataColumn = z.infer<typeof DataColumn>;

/** One staged change; `key` holds the row's identity (see RowIdentity) as read. */
export const DataChange = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('update'),
    key: z.record(z.string(), CellInput),
    values: z.record(z.string(), CellInput),
  }),
  /** Columns left out take their default. */
  z.object({ kind: z.literal('insert'), values: z.record(z.string(), CellInput) }),
  z.object({ kind: z.literal('delete'), key: z.record(z.string(), CellInput) }),
]);
export type DataChange = z.infer<typeof DataChange>;

/** A statement as it will run: SQL with the engine's placeholders, and its parameters in order. */
export const ReviewedStatement = z.object({
  /** Index of the change in the input it comes from. */
  change: z.number().int(),
  sql: z.string(),
  params: z.array(z.union([z.null(), z.string(), z.number(), z.boolean(), z.object({ $base64: z.string() })])),
});
export type ReviewedStatement = z.infer<typeof ReviewedStatement>;

const Changes = TableTarget.extend({ changes: z.array(DataChange).min(1).max(MAX_CHANGES) });

export const DataFormat = z.enum(['csv', 'tsv', 'json', 'ndjson', 'sql']);
export type DataFormat = z.infer<typeof DataFormat>;

export const dataContract = {
  /**
   * Opens a table or view as a result (no COUNT first): the first page and a handle paged with query.page,
   * the SELECT that was run (SQL and parameters, for the user to see and copy), the columns' details, how rows
   * are identified for editing, and the planner's row estimate (exact only where it is cheap: SQLite's
   * `schema.countRows` remains the exact count on demand).
   */
  open: proc(
    TableView.extend({ runId: Id, pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE) }),
    z.object({
      result: StatementResult,
      sql: z.string(),
      params: ReviewedStatement.shape.params,
      columns: z.array(DataColumn),
      identity: RowIdentity,
      /** A view takes no imports (its rows are computed); a table takes them whatever its identity. */
      kind: z.enum(['table', 'view']),
      estimatedRows: z.number().nullable(),
    }),
  ),
  /** The statements Apply would run for these changes, in order, without running them. */
  preview: proc(Changes, z.object({ statements: z.array(ReviewedStatement) })),
  /**
   * Runs the changes' statements in one transaction. If one fails (or, for `allColumns` identity, does not
   * touch exactly one row), nothing is applied: the error is CONFLICT or SQL_ERROR with `details.change` (the
   * index of the failing change) and the database's message.
   */
  apply: proc(
    Changes.extend({
      /**
       * The user confirmed the changes. On a connection marked production, apply fails with
       * CONFIRMATION_REQUIRED without it (nothing is run); on a read-only one it fails with READ_ONLY.
       */
      confirmed: z.boolean().optional(),
    }),
    z.object({ statements: z.number().int(), affectedRows: z.number().int() }),
  ),
  /** Saves a tab's staged changes in the app database (replacing the last save), so a restart can restore them. */
  saveDraft: proc(
    TableTarget.extend({ changes: z.array(DataChange).max(MAX_CHANGES) }),
    z.object({ savedAt: z.string() }),
  ),
  /** The staged changes saved for a table, or null. */
  loadDraft: proc(TableTarget, z.object({ changes: z.array(DataChange), savedAt: z.string() }).nullable()),
  discardDraft: proc(TableTarget, z.object({ discarded: z.boolean() })),
  /** Every saved draft (a tab offers to restore them after a crash). */
  drafts: proc(z.object({}), z.array(TableTarget.extend({ changes: z.number().int(), savedAt: z.string() }))),
  /**
   * Exports the rows a data tab shows (the table, or its filtered and sorted view) to a file, like
   * `query.export`: the SELECT is the one `data.open` builds (filters bound as parameters, without SQLite's rowid
   * column), streamed in the background with `export.progressed` events; cancel and status are
   * `query.cancelExport` / `query.exportStatus` with the same caller-chosen `exportId`.
   */
  export: proc(
    TableView.extend({ exportId: Id, format: DataFormat, saveAs: z.boolean().optional() }),
    z.object({ exportId: Id, path: z.string().nullable() }),
  ),
  /** Per table that references this row by a foreign key: how many of its rows do. */
  referencedBy: proc(
    TableTarget.extend({ key: z.record(z.string(), CellInput) }),
    z.array(
      z.object({
        schema: z.string().nullable(),
        table: z.string(),
        columns: z.array(z.string()),
        count: z.number().int(),
      }),
    ),
  ),
  /** Rows of a referenced table for a foreign-key picker: its key and a label, searched by text. */
  lookup: proc(
    TableTarget.extend({
      columns: z.array(Name).min(1),
      search: z.string().max(1000).optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    z.object({ columns: z.array(ResultColumn), rows: z.array(Row) }),
  ),
};
