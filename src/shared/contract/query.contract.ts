import { z } from 'zod';
import { proc } from '../proc';
import { CellContent, Id, ResultPage, StatementResult } from '../domain';

export const MAX_SQL_CHARS = 1_000_000;
export const MAX_PAGE_SIZE = 5000;
/** Most characters (text) or bytes (BLOB) one query.cell call returns. */
export const MAX_CELL_WINDOW = 16 * 1024 * 1024;

export const ExportFormat = z.enum(['csv', 'tsv', 'json', 'ndjson', 'sql']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportStatus = z.object({
  exportId: Id,
  state: z.enum(['running', 'done', 'failed', 'cancelled', 'unknown']),
  /** The file written (or being written); null before it is known. */
  path: z.string().nullable(),
  rowsWritten: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type ExportStatus = z.infer<typeof ExportStatus>;

export const queryContract = {
  /**
   * Runs one statement and returns its first page and a handle for the rest (or the affected-row count).
   * `runId` is chosen by the caller so it can cancel the run before this call returns.
   */
  run: proc(
    z.object({
      connectionId: Id,
      sql: z.string().min(1).max(MAX_SQL_CHARS),
      runId: Id,
      pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE),
      /**
       * The user confirmed running it. A statement that may change data on a connection marked production
       * fails with CONFIRMATION_REQUIRED without it; on a read-only one such statements fail with READ_ONLY.
       */
      confirmed: z.boolean().optional(),
    }),
    StatementResult,
  ),
  /**
   * Reads the rows [offset, offset+limit) of a result; reading far ahead streams from the database. A page
   * stops early at its size budget (`sizeLimited`); long texts and BLOBs in it are previews (TextCell, BlobCell).
   */
  page: proc(
    z.object({
      handle: Id,
      offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      limit: z.number().int().min(1).max(MAX_PAGE_SIZE),
    }),
    ResultPage,
  ),
  /**
   * Reads one cell of a result whole — or, for a long text or BLOB, the window [offset, offset+length) of it
   * (characters as UTF-16 code units, or bytes). A value the result's pages carry whole comes from the handle's
   * cache; a cut one is read again from the database by re-running the statement up to that row, so it works
   * for statements that only read (others fail with RESULT_EXPIRED) and shows the data as it is now. Also
   * works on the handle of a complete result (`complete: true`) while it has cut cells.
   */
  cell: proc(
    z.object({
      handle: Id,
      row: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      column: z.number().int().min(0).max(10_000),
      offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      length: z.number().int().min(1).max(MAX_CELL_WINDOW).optional(),
    }),
    CellContent,
  ),
  /** Releases a result handle and the database cursor behind it. */
  close: proc(z.object({ handle: Id }), z.object({ closed: z.boolean() })),
  /** Cancels a running statement (or the paging of its result, or a `schema.countRows` given this runId). False when nothing was running. */
  cancel: proc(z.object({ runId: Id }), z.object({ cancelled: z.boolean() })),
  /**
   * Streams the rows of a statement to a CSV, TSV, JSON, NDJSON or SQL file (re-executing it), emitting `export.progressed`.
   * `exportId` is chosen by the caller (like `runId`) so it can cancel the export or ask its status before this
   * call returns. The file goes to the data dir's exports folder under a new name that never replaces a file
   * (files there are removed after 24 hours, and the oldest first when the folder passes 1 GB) — or, with
   * `saveAs` (desktop only, NOT_SUPPORTED elsewhere), where the user picks in the native save dialog, which asks
   * before replacing a file. No path ever comes from the caller. Returns once the statement is checked and the
   * connection open; `path` is null when the user closed the save dialog (nothing is written).
   * CSV/TSV: a header row, NULL as an empty unquoted field and the empty string as `""` (PostgreSQL COPY's
   * convention, so `transfer.import` reads back exactly what was written), BLOBs as base64 of the whole value,
   * JSON values as JSON text.
   * JSON: an array of row objects (a repeated column name gets a `_2` suffix), BLOBs as
   * `{ "$base64": "<whole value>" }`, other values as their JSON type. NDJSON: the same objects, one per line.
   * SQL: one INSERT per row, written by the connection's dialect, that runs back on the same engine.
   */
  export: proc(
    z.object({
      exportId: Id,
      connectionId: Id,
      sql: z.string().min(1).max(MAX_SQL_CHARS),
      format: ExportFormat,
      saveAs: z.boolean().optional(),
      /** `sql`: the table the INSERTs name (default: the one table the result comes from, else `exported_rows`). */
      insertTable: z.string().min(1).max(1000).optional(),
    }),
    z.object({ exportId: Id, path: z.string().nullable() }),
  ),
  /** Stops an export; the partial file is removed. False when it was not running. */
  cancelExport: proc(z.object({ exportId: Id }), z.object({ cancelled: z.boolean() })),
  /**
   * Where exports stand, for a renderer that may have missed their `export.progressed` events (its event stream
   * was down): `unknown` for an id this run of the app never started or has forgotten (the last 200 finished
   * exports are remembered).
   */
  exportStatus: proc(z.object({ exportIds: z.array(Id).min(1).max(100) }), z.array(ExportStatus)),
};
