import { z } from 'zod';
import { HttpRequestFileSchema } from './http-request';

/** Opaque identifiers made by the core (UUIDs or similar); bounded so nothing huge crosses. */
export const Id = z.string().min(1).max(100);

export const Engine = z.enum(['sqlite', 'postgres', 'mysql']);
export type Engine = z.infer<typeof Engine>;

export const SslMode = z.enum(['disable', 'prefer', 'require', 'verify-full']);
export type SslMode = z.infer<typeof SslMode>;

/**
 * How careful the app is with a connection: `readOnly` refuses every change (the session itself is read-only:
 * SQLite opens the file read-only, PostgreSQL and MySQL start read-only transactions); `production` asks before
 * every statement that may change something, and the UI marks it in red. Absent means `normal`.
 */
export const ConnectionSafety = z.enum(['normal', 'readOnly', 'production']);
export type ConnectionSafety = z.infer<typeof ConnectionSafety>;

/** SQLite target: a file path. `create` makes a new empty database when the file does not exist. */
export const SqliteParams = z.object({
  engine: z.literal('sqlite'),
  file: z.string().min(1).max(4096),
  create: z.boolean().optional(),
  /** Opens the file read-only (also implied by `safety: 'readOnly'`). */
  readOnly: z.boolean().optional(),
  safety: ConnectionSafety.optional(),
});

/** Server engines. `url` (postgres://…, mysql://…) may be given instead of the fields it covers. */
export const ServerParams = z.object({
  engine: z.enum(['postgres', 'mysql']),
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  user: z.string().max(255),
  database: z.string().max(255),
  sslMode: SslMode,
  connectTimeoutMs: z.number().int().min(100).max(120_000).optional(),
  /**
   * Lets the password go to a host that is not this machine without TLS (SSL mode "disable", or "prefer" with a
   * server that has no TLS). Off by default: anyone on the network path could read it.
   */
  allowCleartextPassword: z.boolean().optional(),
  safety: ConnectionSafety.optional(),
});

/** Connection parameters as stored and shown: never holds a password. */
export const ConnectionParams = z.discriminatedUnion('engine', [
  SqliteParams,
  ServerParams.extend({ engine: z.literal('postgres') }),
  ServerParams.extend({ engine: z.literal('mysql') }),
]);
export type ConnectionParams = z.infer<typeof ConnectionParams>;

/**
 * What the user submits to create/update/test a connection: the params plus an optional password.
 * `password: null` on update clears a stored password; omitted keeps it.
 */
export const ConnectionInput = z.object({
  params: ConnectionParams,
  password: z.string().max(1024).nullable().optional(),
});
export type ConnectionInput = z.infer<typeof ConnectionInput>;

/** A saved connection as the renderer sees it. */
export const SavedConnection = z.object({
  id: Id,
  name: z.string(),
  params: ConnectionParams,
  hasPassword: z.boolean(),
  isSample: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedConnection = z.infer<typeof SavedConnection>;

export const ConnectionStatus = z.object({
  connectionId: Id,
  state: z.enum(['connected', 'disconnected', 'error']),
  serverVersion: z.string().optional(),
  message: z.string().optional(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

// ---- schema ---------------------------------------------------------------------------------------------

export const ColumnInfo = z.object({
  name: z.string(),
  dataType: z.string(),
  nullable: z.boolean(),
  defaultValue: z.string().nullable(),
  primaryKey: z.boolean(),
  /** 1-based position of this column within the primary key, when it belongs to it. */
  primaryKeyOrdinal: z.number().int().nullable(),
  /** Computed from other columns: `virtual` (on read) or `stored` (on write). Absent for ordinary columns. */
  generated: z.enum(['virtual', 'stored']).optional(),
});
export type ColumnInfo = z.infer<typeof ColumnInfo>;

export const IndexInfo = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  unique: z.boolean(),
  primary: z.boolean(),
});
export type IndexInfo = z.infer<typeof IndexInfo>;

export const ForeignKeyInfo = z.object({
  name: z.string().nullable(),
  columns: z.array(z.string()),
  referencedSchema: z.string().nullable(),
  referencedTable: z.string(),
  referencedColumns: z.array(z.string()),
  onUpdate: z.string().nullable(),
  onDelete: z.string().nullable(),
});
export type ForeignKeyInfo = z.infer<typeof ForeignKeyInfo>;

export const TableInfo = z.object({
  schema: z.string().nullable(),
  name: z.string(),
  kind: z.enum(['table', 'view']),
  columns: z.array(ColumnInfo),
  indexes: z.array(IndexInfo),
  foreignKeys: z.array(ForeignKeyInfo),
  /** Row count: exact when `rowCountExact`, otherwise the engine's estimate; null when unknown. */
  rowCount: z.number().nullable(),
  rowCountExact: z.boolean(),
});
export type TableInfo = z.infer<typeof TableInfo>;

export const SchemaInfo = z.object({
  name: z.string().nullable(),
  tables: z.array(TableInfo),
  /**
   * False for a schema listed without its tables (another MySQL/MariaDB database the user can see):
   * `schema.getSchema` reads them when it is opened (the renderer then marks it true). Absent for a schema the
   * tree read whole.
   */
  tablesLoaded: z.boolean().optional(),
});
export type SchemaInfo = z.infer<typeof SchemaInfo>;

export const SchemaTree = z.object({
  connectionId: Id,
  engine: Engine,
  /** The default schema/database unqualified names resolve in (public, the MySQL database, main). */
  defaultSchema: z.string().nullable(),
  schemas: z.array(SchemaInfo),
});
export type SchemaTree = z.infer<typeof SchemaTree>;

// ---- query ----------------------------------------------------------------------------------------------

/**
 * Where a result column's values come from, where the engine says (PostgreSQL RowDescription table/column ids,
 * MySQL org_table/org_name, SQLite's column origin): a plain column of a table or view, never an expression.
 */
export const ColumnSource = z.object({
  /** PostgreSQL schema, MySQL database, SQLite database name (`main`, `temp` or an attached one). */
  schema: z.string().nullable(),
  table: z.string(),
  column: z.string(),
  /** The column is part of that table's primary key. */
  primaryKey: z.boolean(),
});
export type ColumnSource = z.infer<typeof ColumnSource>;

export const ResultColumn = z.object({
  name: z.string(),
  /**
   * The engine's type name where it reports one (PG type name, MySQL column type, SQLite declared type); `json`
   * for JSON values on every engine that knows them (SQLite: a column declared JSON).
   */
  dataType: z.string().nullable(),
  /** Absent for expressions, and where the engine does not say. */
  source: ColumnSource.optional(),
});
export type ResultColumn = z.infer<typeof ResultColumn>;

/**
 * A cell value as it crosses the boundary (docs/values.md has the rule per type and engine). Rows travel as
 * arrays (not objects) in column order. null is SQL NULL; integers are numbers within ±(2^53−1) and decimal
 * strings beyond; decimals, JSON and dates are exact text; booleans are booleans where the column type is
 * boolean; BLOBs are BlobCells and text longer than a page may carry is a TextCell (see query.cell).
 */
export const CellValue = z.unknown();
export const Row = z.array(CellValue);
export type Row = unknown[];

/** A BLOB: base64 of its first bytes (or of a window of them, see query.cell), its exact size in bytes. */
export const BlobCell = z.object({
  $blob: z.string(),
  size: z.number().int(),
  /** True when `$blob` does not hold every byte. */
  truncated: z.boolean(),
});
export type BlobCell = z.infer<typeof BlobCell>;

/**
 * Text too long to travel whole in a page: its first characters, its exact length in UTF-16 code units
 * (JavaScript's string length, so a character outside the Basic Multilingual Plane counts 2).
 */
export const TextCell = z.object({ $text: z.string(), size: z.number().int(), truncated: z.literal(true) });
export type TextCell = z.infer<typeof TextCell>;

// the guards live in a zod-free module: the CLI loads them without loading zod
export { isBlobCell, isPartialCell, isTextCell } from './cells';

export const StatementResult = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('rows'),
    handle: Id,
    columns: z.array(ResultColumn),
    rows: z.array(Row),
    /** True when every row is in `rows`. */
    complete: z.boolean(),
    /**
     * True when `rows` stopped short of `pageSize` because the page reached its size budget (MAX_PAGE_BYTES):
     * more rows follow, read them with query.page from `rows.length`.
     */
    sizeLimited: z.boolean(),
    durationMs: z.number(),
  }),
  z.object({
    kind: z.literal('affected'),
    /**
     * What the statement was, from its leading keywords, upper case: `INSERT`, `UPDATE`, `CREATE TABLE`,
     * `DROP INDEX`, `BEGIN`… (like PostgreSQL's command tag, without its counts); null when not recognised.
     */
    command: z.string().nullable(),
    /**
     * Rows the statement inserted, changed or deleted. Null where a count means nothing (DDL such as CREATE
     * TABLE, SET, BEGIN…), so "0 rows affected" is never shown for them.
     */
    affectedRows: z.number().nullable(),
    /** The id generated by an INSERT (MySQL AUTO_INCREMENT, SQLite rowid); null for every other statement. */
    lastInsertId: z.union([z.number(), z.string()]).nullable(),
    durationMs: z.number(),
  }),
]);
export type StatementResult = z.infer<typeof StatementResult>;

export const ResultPage = z.object({
  handle: Id,
  offset: z.number().int(),
  rows: z.array(Row),
  /** True when the result has no rows past this page; `totalRows` is then exact. */
  done: z.boolean(),
  /** Rows read from the database so far (exact total once done). */
  rowsRead: z.number().int(),
  /**
   * True when `rows` stopped short of `limit` because the page reached its size budget (MAX_PAGE_BYTES); the
   * rows after it are read with another query.page from `offset + rows.length`.
   */
  sizeLimited: z.boolean(),
});
export type ResultPage = z.infer<typeof ResultPage>;

/** One cell read whole, or a window of a long text/BLOB (query.cell). */
export const CellContent = z.object({
  /**
   * The value. A text holds the characters [offset, offset + length) as a plain string; a BLOB is a BlobCell
   * whose `$blob` holds the bytes [offset, offset + length); every other value is whole.
   */
  value: CellValue,
  /** The whole value's size: UTF-16 code units of a text, bytes of a BLOB; null for other values. */
  size: z.number().int().nullable(),
  offset: z.number().int(),
  /** True when `value` holds the whole value (not only a window of it). */
  whole: z.boolean(),
});
export type CellContent = z.infer<typeof CellContent>;

export const HistoryEntry = z.object({
  id: z.number().int(),
  connectionId: Id,
  sql: z.string(),
  executedAt: z.string(),
  durationMs: z.number().nullable(),
  rowCount: z.number().nullable(),
  status: z.enum(['ok', 'error', 'cancelled']),
  errorMessage: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** What every editor tab has, whatever its kind. */
const TabBase = z.object({
  id: Id,
  title: z.string().max(200),
  /** The connection the tab works on; null until the user picks one (or after its connection was deleted). */
  connectionId: Id.nullable(),
});

/** A SQL editor tab: its text, and the saved .sql file it edits, if any. */
export const SqlEditorTab = TabBase.extend({
  kind: z.literal('sql'),
  sql: z.string().max(1_000_000),
  /** Workspace-relative path of the saved .sql file this tab edits, if any. */
  savedPath: z.string().max(1024).nullable(),
});
export type SqlEditorTab = z.infer<typeof SqlEditorTab>;

/**
 * A table data tab (issue 6): the table or view it browses and the view the user set (server-side sort, column
 * filters, raw WHERE). Filters keep their values as typed; data.open checks them.
 */
export const DataEditorTab = TabBase.extend({
  kind: z.literal('data'),
  schema: z.string().max(256).nullable(),
  table: z.string().min(1).max(256),
  sort: z.array(z.object({ column: z.string(), direction: z.enum(['asc', 'desc']) })).max(32),
  filters: z
    .array(
      z.object({
        column: z.string(),
        op: z.string(),
        value: z.unknown().optional(),
        values: z.array(z.unknown()).optional(),
      }),
    )
    .max(64),
  where: z.string().max(64 * 1024),
});
export type DataEditorTab = z.infer<typeof DataEditorTab>;

/** A mock server tab (issue 7): the mock file it edits, relative to the workspace's `mocks/` folder. */
export const MockEditorTab = TabBase.extend({
  kind: z.literal('mock'),
  path: z.string().min(1).max(1024),
});
export type MockEditorTab = z.infer<typeof MockEditorTab>;

/** An HTTP request tab (issue 8): the request file it edits, relative to `collections/`; null for an unsaved one. */
export const HttpEditorTab = TabBase.extend({
  kind: z.literal('http'),
  path: z.string().min(1).max(1024).nullable(),
  /** The request as edited (kept so a reload or restart loses no edits); absent for a tab never edited. */
  draft: HttpRequestFileSchema.optional(),
});
export type HttpEditorTab = z.infer<typeof HttpEditorTab>;

/** A collection run tab (issue 8, item 9): the collection or folder it runs, relative to `collections/`. */
export const HttpRunEditorTab = TabBase.extend({
  kind: z.literal('httpRun'),
  path: z.string().min(1).max(1024),
});
export type HttpRunEditorTab = z.infer<typeof HttpRunEditorTab>;

/** A schema design tab (issue 9): the design file it edits, relative to the workspace's `designs/` folder. */
export const DesignEditorTab = TabBase.extend({
  kind: z.literal('design'),
  path: z.string().min(1).max(1024),
});
export type DesignEditorTab = z.infer<typeof DesignEditorTab>;

/**
 * An open tab as stored between sessions, discriminated by `kind`. Later kinds (HTTP request, mock server,
 * schema diagram) join this union with their own fields; the renderer registers how each is shown.
 */
export const EditorTab = z.discriminatedUnion('kind', [
  SqlEditorTab,
  DataEditorTab,
  MockEditorTab,
  HttpEditorTab,
  HttpRunEditorTab,
  DesignEditorTab,
]);
export type EditorTab = z.infer<typeof EditorTab>;
export type EditorTabKind = EditorTab['kind'];

export const SavedQuery = z.object({
  /** Path relative to the workspace's queries folder, always ending in .sql. */
  path: z.string(),
  name: z.string(),
  sizeBytes: z.number().int(),
  modifiedAt: z.string(),
});
export type SavedQuery = z.infer<typeof SavedQuery>;
