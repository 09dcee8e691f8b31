import { z } from 'zod';

/** Opaque identifiers made by the core (UUIDs or similar); bounded so nothing huge crosses. */
export const Id = z.string().min(1).max(100);

export const Engine = z.enum(['sqlite', 'postgres', 'mysql']);
export type Engine = z.infer<typeof Engine>;

export const SslMode = z.enum(['disable', 'prefer', 'require', 'verify-full']);
export type SslMode = z.infer<typeof SslMode>;

/** SQLite target: a file path. `create` makes a new empty database when the file does not exist. */
export const SqliteParams = z.object({
  engine: z.literal('sqlite'),
  file: z.string().min(1).max(4096),
  create: z.boolean().optional(),
  readOnly: z.boolean().optional(),
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

export const ResultColumn = z.object({
  name: z.string(),
  /** The engine's type name where it reports one (PG type name, MySQL column type, SQLite declared type). */
  dataType: z.string().nullable(),
});
export type ResultColumn = z.infer<typeof ResultColumn>;

/**
 * A cell value as it crosses the boundary. Rows travel as arrays (not objects) in column order.
 * BLOBs become `{ $blob: base64-prefix, size }`, dates ISO strings, bigints strings, JSON values stay JSON.
 */
export const CellValue = z.unknown();
export const Row = z.array(CellValue);
export type Row = unknown[];

export const BlobCell = z.object({ $blob: z.string(), size: z.number().int(), truncated: z.boolean() });
export type BlobCell = z.infer<typeof BlobCell>;

export const SqlErrorPosition = z.object({
  /** 0-based character offset into the statement text as sent. */
  offset: z.number().int(),
});

export const StatementResult = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('rows'),
    handle: Id,
    columns: z.array(ResultColumn),
    rows: z.array(Row),
    /** True when every row is in `rows` (the handle is already closed). */
    complete: z.boolean(),
    durationMs: z.number(),
  }),
  z.object({
    kind: z.literal('affected'),
    affectedRows: z.number().nullable(),
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
});
export type ResultPage = z.infer<typeof ResultPage>;

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
 * An open tab as stored between sessions, discriminated by `kind`. Later kinds (table data, HTTP request, mock
 * server, schema diagram) join this union with their own fields; the renderer registers how each is shown.
 */
export const EditorTab = z.discriminatedUnion('kind', [SqlEditorTab]);
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
