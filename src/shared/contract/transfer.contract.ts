import { z } from 'zod';
import { proc } from '../proc';
import { Engine, Id, Row } from '../domain';

export const ImportFormat = z.enum(['csv', 'tsv', 'json', 'ndjson']);
export type ImportFormat = z.infer<typeof ImportFormat>;

/** What a column of an import file holds, as far as the preview could tell. */
export const InferredKind = z.enum(['integer', 'decimal', 'real', 'boolean', 'date', 'timestamp', 'json', 'text']);

/** A file to import: one the user chose in the native open dialog (desktop) or uploaded (browser host). */
export const ImportFile = z.object({
  fileId: Id,
  /** The file's own name, for display. */
  name: z.string(),
  /** The format its extension says, or null. */
  format: ImportFormat.nullable(),
});
export type ImportFile = z.infer<typeof ImportFile>;

export const ImportPreview = z.object({
  format: ImportFormat,
  /** The file's fields in order (CSV/TSV: the header; JSON: the keys of the rows read). */
  columns: z.array(
    z.object({
      name: z.string(),
      /** Inferred from the rows read (null when they are all NULL). */
      kind: InferredKind.nullable(),
      /**
       * The column type `create` would give it on `engine` (null without one); `create` itself reads the whole
       * file, so a later value can widen it.
       */
      sqlType: z.string().nullable(),
    }),
  ),
  /** The first rows, a value per column (CSV: strings, null for NULL; JSON: the values as read). */
  rows: z.array(Row),
  /** Line of each row in the file. */
  lines: z.array(z.number().int()),
  /** The file ended within the rows read. */
  complete: z.boolean(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportStatus = z.object({
  importId: Id,
  state: z.enum(['running', 'done', 'failed', 'cancelled', 'unknown']),
  rowsImported: z.number().int(),
  /** The table was created by this import. */
  created: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type ImportStatus = z.infer<typeof ImportStatus>;

/** A column type as written in CREATE TABLE: a name with optional size/precision, nothing else. */
const ColumnTypeText = z
  .string()
  .min(1)
  .max(100)
  .regex(
    /^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?( [A-Za-z ]+)?$/,
    'a column type such as integer, text or numeric(10,2)',
  );

export const transferContract = {
  /**
   * Desktop: asks in the native open dialog for a file to import and returns its id for `transfer.preview` and
   * `transfer.import` (null when the dialog was closed). NOT_SUPPORTED in the browser host, which uploads the
   * file instead (`POST /upload`, same id). No path ever comes from the caller. `purpose` picks the dialog's
   * title and file types: rows to import (CSV, TSV, JSON, NDJSON; the default) or a mock for `mock.importFile`
   * (YAML or JSON).
   */
  chooseFile: proc(z.object({ purpose: z.enum(['rows', 'mock']).optional() }), ImportFile.nullable()),
  /**
   * Parses the first `limit` rows of a chosen or uploaded file and infers each field's type from them (with the
   * type `create` would use on `engine`). A bad line in those rows fails with INVALID_INPUT naming it.
   */
  preview: proc(
    z.object({
      fileId: Id,
      format: ImportFormat.optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      engine: Engine.optional(),
    }),
    ImportPreview,
  ),
  /**
   * Imports a chosen or uploaded file into a table in one transaction, emitting `import.progressed`; returns
   * once the import is under way. `importId` is chosen by the caller (like `query.export`'s exportId) so it can
   * cancel before this returns. Fields go to the columns of the same name, or as `mapping` says (field →
   * column; fields it leaves out are skipped). Every value is checked against its column's type first: a bad
   * one stops the import naming its line and column, and nothing is written (rolled back). `create` makes the
   * table when it does not exist, column types inferred from the whole file unless `columnTypes` (field →
   * type) says otherwise; a failed import does not leave it behind. CSV/TSV as PostgreSQL's COPY: an empty
   * unquoted field is NULL, `""` the empty string.
   */
  import: proc(
    z.object({
      importId: Id,
      connectionId: Id,
      fileId: Id,
      format: ImportFormat.optional(),
      schema: z.string().min(1).max(1000).nullable().optional(),
      table: z.string().min(1).max(1000),
      create: z.boolean().optional(),
      mapping: z.record(z.string(), z.string()).optional(),
      columnTypes: z.record(z.string(), ColumnTypeText).optional(),
    }),
    z.object({ importId: Id }),
  ),
  /** Stops an import; everything it wrote is rolled back. False when it was not running. */
  cancelImport: proc(z.object({ importId: Id }), z.object({ cancelled: z.boolean() })),
  /** Where imports stand, for a renderer that missed their events (`unknown` for ids this run never started). */
  importStatus: proc(z.object({ importIds: z.array(Id).min(1).max(100) }), z.array(ImportStatus)),
};
