import type { Engine } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { dialectFor } from '../connections/dialect-for';
import type { StatementRunner, Transaction } from '../connections/driver-adapter';
import type { ColumnSpec, SqlValue, TableRef } from '../connections/sql-dialect';
import { toBindValue, type BindValue } from '../connections/sqlite/sqlite-protocol';
import {
  columnTypeFor,
  columnValueReader,
  KindTracker,
  kindOfType,
  ValueMismatch,
  type ValueKind,
} from './column-types';
import { NumberMark } from './csv-numbers';
import { badInput, openRecordSource, type ImportFormat, type RecordSource, type SourceRecord } from './record-source';
import { tableColumns, tableExists } from './table-target';

/** What an import needs of a session: statements, and one transaction around the writing. */
export interface ImportSession extends StatementRunner {
  readonly engine: Engine;
  transaction<T>(work: (tx: Transaction) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export interface ImportOptions {
  file: string;
  /** How the file is named in messages (an uploaded file's original name); the path by default. */
  fileName?: string;
  format: ImportFormat;
  table: TableRef;
  /** Creates the table, its column types inferred from the whole file, when it does not exist. */
  create?: boolean;
  /**
   * Field of the file → column of the table. Without it every field goes to the column of the same name
   * (then the same name ignoring case); with it only the fields it names are imported.
   */
  mapping?: Record<string, string>;
  /** With `create`: field → column type, instead of the inferred one (the preview's types, edited). */
  columnTypes?: Record<string, string>;
  signal: AbortSignal;
  /** Called with the rows written so far, every PROGRESS_EVERY_ROWS rows and at the end. */
  onProgress?: (rowsImported: number) => void;
}

export interface ImportOutcome {
  rowsImported: number;
  /** True when the table was created by this import. */
  created: boolean;
}

export const PROGRESS_EVERY_ROWS = 5000;
/** Placeholders per statement: under SQLite's 32,766 and the 65,535 of PostgreSQL and MySQL. */
const MAX_PARAMS = 30_000;
/** Rows per INSERT at most; past a few hundred, bigger statements gain nothing. */
const MAX_BATCH_ROWS = 1000;

/**
 * Streams a CSV, TSV, JSON or NDJSON file into a table in one transaction: every value checked against its
 * column's type first (a bad one stops the import naming its line and column), written by multi-row INSERTs
 * with bound parameters, compiled by the engine's dialect. Any failure or a cancel rolls everything back; a
 * table made by `create` is not left behind (MySQL commits DDL at once, so there it is dropped again).
 */
export async function importFile(session: ImportSession, options: ImportOptions): Promise<ImportOutcome> {
  const { engine } = session;
  const { signal, table } = options;
  const name = options.fileName ?? options.file;
  // a CSV's parse worker starts at once, so it boots and reads ahead while the table is looked up (and knex
  // loads for that); with `create` the file may be read to infer the types first, so it starts after
  let source: RecordSource | null = options.create ? null : openRowSource(options, engine, name);
  const dialect = dialectFor(engine);
  let createdOnServer = false;
  try {
    const exists = await tableExists(session, engine, table, signal);
    if (!exists && !options.create) {
      throw new AppError(
        'NOT_FOUND',
        `Table "${table.table}" does not exist — create it first, or import with "create" to make it from the file.`,
        { table: table.table },
      );
    }
    const created = !exists;
    const specs = created ? await inferColumns(options, engine, name) : null;
    const rows = (source ??= openRowSource(options, engine, name));
    const rowsImported = await session.transaction(async (tx) => {
      if (specs) {
        createdOnServer = true;
        for (const statement of dialect.createTable(table, specs)) {
          await tx.execute(statement.sql, statement.params, signal);
        }
      }
      const columns = await tableColumns(tx, engine, table, signal);
      return writeRows(
        tx,
        engine,
        columns.map((c) => ({ name: c.name, kind: kindOfType(engine, c.dataType) })),
        options,
        name,
        rows,
      );
    }, signal);
    return { rowsImported, created };
  } catch (error) {
    if (createdOnServer && engine === 'mysql') {
      for (const statement of dialect.dropTable(table, { ifExists: true })) {
        await session.execute(statement.sql, statement.params, new AbortController().signal).catch(() => undefined);
      }
    }
    throw error;
  } finally {
    source?.close();
  }
}

/**
 * The records to write. SQLite's readers bind INTEGER and REAL values as numbers, which the parse worker can
 * read (csv-numbers.ts); CSV/TSV is parsed in that worker, started here so it reads ahead from now on.
 */
function openRowSource(options: ImportOptions, engine: Engine, name: string): RecordSource {
  const source = openRecordSource(options.file, options.format, name, { parallel: true, numbers: engine === 'sqlite' });
  source.start?.();
  return source;
}

interface TargetColumn {
  name: string;
  kind: ValueKind;
}

/** Reads the whole file once to find each field's narrowest type (a value near the end counts too). */
async function inferColumns(options: ImportOptions, engine: Engine, name: string): Promise<ColumnSpec[]> {
  const source = openRecordSource(options.file, options.format, name, { parallel: true });
  try {
    const header = await source.header();
    const names: string[] = header ? [...header] : [];
    const trackers = new Map<string, KindTracker>(names.map((n) => [n, new KindTracker()]));
    if (header) checkHeader(header, name);
    for await (const batch of source.batches()) {
      if (options.signal.aborted) throw cancelled();
      for (const record of batch) {
        const keys = record.keys ?? names;
        for (let i = 0; i < keys.length; i++) {
          let tracker = trackers.get(keys[i]!);
          if (!tracker) {
            tracker = new KindTracker();
            trackers.set(keys[i]!, tracker);
            names.push(keys[i]!);
          }
          tracker.add(record.values[i]);
        }
      }
    }
    const mapping = options.mapping;
    const chosen = mapping ? names.filter((n) => Object.hasOwn(mapping, n)) : names;
    if (chosen.length === 0) throw badInput(name, null, 'the file names no column to create.');
    const types = options.columnTypes ?? {};
    return chosen.map((n) => ({
      name: mapping?.[n] ?? n,
      type: Object.hasOwn(types, n) ? types[n]! : columnTypeFor(engine, trackers.get(n)!),
    }));
  } finally {
    source.close();
  }
}

function checkHeader(header: readonly string[], name: string): void {
  const seen = new Set<string>();
  header.forEach((field, i) => {
    if (field.trim() === '') throw badInput(name, 1, `field ${i + 1} of the header has no name.`);
    if (seen.has(field)) throw badInput(name, 1, `the header names "${field}" twice.`);
    seen.add(field);
  });
}

/** Fields of the file → target columns, by the explicit mapping or by name. */
function resolveField(
  field: string,
  columns: readonly TargetColumn[],
  mapping: ImportOptions['mapping'],
): number | null {
  if (mapping) {
    if (!Object.hasOwn(mapping, field)) return null;
    const target = mapping[field]!;
    const index = columns.findIndex((c) => c.name === target);
    if (index < 0)
      throw new AppError(
        'INVALID_INPUT',
        `The mapping sends "${field}" to column "${target}", which the table does not have.`,
        { column: target },
      );
    return index;
  }
  let index = columns.findIndex((c) => c.name === field);
  if (index < 0) {
    const lower = field.toLowerCase();
    const matches = columns.filter((c) => c.name.toLowerCase() === lower);
    if (matches.length === 1) index = columns.indexOf(matches[0]!);
  }
  return index < 0 ? -1 : index;
}

/**
 * A transaction that takes an INSERT's values as better-sqlite3 binds them (the CLI's in-process SQLite,
 * InlineSqliteSession): a million rows' values are not converted to the wire form and back.
 */
interface BoundWriter {
  writeBound(sql: string, values: readonly BindValue[], signal: AbortSignal): Promise<number>;
}

function boundWriter(tx: Transaction): BoundWriter | null {
  const writer = tx as Partial<BoundWriter>;
  return typeof writer.writeBound === 'function' ? (writer as BoundWriter) : null;
}

interface Batch {
  /** Target column indexes, in the order of the values of each row. */
  columns: number[];
  signature: string;
  params: SqlValue[];
  /** The params are already as the BoundWriter binds them. */
  bound?: boolean;
  /** CompiledInsert's order of the columns (the values are added in it). */
  order?: number[];
  rows: number;
  firstLine: number;
  lastLine: number;
}

async function writeRows(
  tx: Transaction,
  engine: Engine,
  columns: TargetColumn[],
  options: ImportOptions,
  name: string,
  source: RecordSource,
): Promise<number> {
  const { signal, table } = options;
  const numbers = engine === 'sqlite';
  const inserts = new InsertCache(engine, table, columns);
  const writer = engine === 'sqlite' ? boundWriter(tx) : null;
  const fieldIndex = new Map<string, number | null>();
  const fieldOf = (field: string, line: number): number | null => {
    let index = fieldIndex.get(field);
    if (index === undefined) {
      index = resolveField(field, columns, options.mapping);
      if (index === -1) {
        throw badInput(
          name,
          line,
          `the table "${table.table}" has no column "${field}" (columns: ${columns.map((c) => c.name).join(', ')}); map the field to a column or leave it out.`,
          field,
        );
      }
      fieldIndex.set(field, index);
    }
    return index;
  };
  let imported = 0;
  let sinceProgress = 0;
  /** One INSERT of the batch's rows; a row the database refuses names the batch's lines. */
  const insert = async (into: Batch) => {
    const { sql } = inserts.sql(into.columns, into.signature, into.rows);
    try {
      if (writer === null) await tx.execute(sql, into.params, signal);
      else
        await writer.writeBound(sql, into.bound ? (into.params as BindValue[]) : into.params.map(toBindValue), signal);
    } catch (error) {
      if (error instanceof AppError && error.code !== 'QUERY_CANCELLED') {
        const where =
          into.firstLine === into.lastLine ? `line ${into.firstLine}` : `lines ${into.firstLine}–${into.lastLine}`;
        throw new AppError(error.code, `${name} ${where}: ${error.message}`, {
          ...error.details,
          file: name,
          line: into.firstLine,
        });
      }
      throw error;
    }
    imported += into.rows;
    sinceProgress += into.rows;
    if (sinceProgress >= PROGRESS_EVERY_ROWS) {
      sinceProgress = 0;
      options.onProgress?.(imported);
    }
  };
  let batch: Batch | null = null;
  const flush = async () => {
    if (!batch || batch.rows === 0) return;
    await insert(batch);
    batch = null;
  };
  const header = await source.header();
  let csvColumns: number[] | null = null;
  let csvFields: number[] | null = null;
  if (header) {
    checkHeader(header, name);
    const targets = header.map((field) => fieldOf(field, 1));
    csvFields = [];
    csvColumns = [];
    targets.forEach((target, i) => {
      if (target === null) return;
      if (csvColumns!.includes(target)) throw badInput(name, 1, `two fields go to column "${columns[target]!.name}".`);
      csvFields!.push(i);
      csvColumns!.push(target);
    });
    if (csvColumns.length === 0) throw badInput(name, 1, 'no field of the header goes to a column of the table.');
    if (numbers) {
      source.useNumbers?.(
        Uint8Array.from(targets, (target) => {
          const kind = target === null ? null : columns[target]!.kind;
          return kind === 'integer' ? NumberMark.Integer : kind === 'real' ? NumberMark.Real : 255;
        }),
      );
    }
  }
  const csvSignature = csvColumns?.join(',') ?? '';
  const fromJson = header === null;
  const readers = columns.map((c) => columnValueReader(c.kind, engine, fromJson));
  /** A record's values into the batch, each checked against its column's type. */
  const add = (values: readonly unknown[], line: number, targets: number[], fields: number[] | null) => {
    const into = batch!;
    const order = (into.order ??= inserts.sql(targets, into.signature, 1).order);
    for (let j = 0; j < targets.length; j++) {
      const i = order[j]!;
      const target = targets[i]!;
      const value = readers[target]!(values[fields ? fields[i]! : i]);
      if (value instanceof ValueMismatch) throw badInput(name, line, value.message, columns[target]!.name);
      into.params.push(value);
    }
    into.rows++;
    into.lastLine = line;
  };
  const packed = csvColumns ? source.packedBatches?.() : undefined;
  if (packed && csvColumns && csvFields) {
    // CSV/TSV from the parse worker: each value read from its batch straight into the statement's parameters,
    // kept in one array (each statement's values are bound before the next ones are written)
    const width = csvColumns.length;
    const perBatch = inserts.rowsPerBatch(width);
    // the values of each row in the order of the statement's columns (the batch still names them as the file)
    const { order } = inserts.sql(csvColumns, csvSignature, 1);
    const targets = order.map((i) => csvColumns[i]!);
    const fields = order.map((i) => csvFields[i]!);
    const fieldReaders = targets.map((target) => readers[target]!);
    // a text column takes a string as it is (its reader's first test), without a call
    const plain = targets.map((target) => columns[target]!.kind === 'text' || columns[target]!.kind === 'any');
    // for the BoundWriter, each value as toBindValue makes it — but a number for an INTEGER or REAL column as it
    // is: bound as a double, which the column's affinity stores as the same integer or real its bigint would be
    const rebind = targets.map((target) => writer !== null && !['integer', 'real'].includes(columns[target]!.kind));
    const into: Batch = {
      columns: csvColumns,
      signature: csvSignature,
      bound: writer !== null,
      params: new Array<SqlValue>(perBatch * width),
      rows: 0,
      firstLine: 0,
      lastLine: 0,
    };
    for await (const rows of packed) {
      if (signal.aborted) throw cancelled();
      for (let r = 0; r < rows.count; r++) {
        if (into.rows === perBatch) {
          await insert(into);
          into.rows = 0;
        }
        const line = rows.line(r);
        if (into.rows === 0) into.firstLine = line;
        into.lastLine = line;
        const params = into.params;
        let at = into.rows * width;
        for (let i = 0; i < width; i++) {
          const cell = rows.value(r, fields[i]!);
          const value = plain[i] === true && typeof cell === 'string' ? cell : fieldReaders[i]!(cell);
          if (value instanceof ValueMismatch) throw badInput(name, line, value.message, columns[targets[i]!]!.name);
          params[at++] = rebind[i] === true && typeof value !== 'string' ? toBindValue(value) : value;
        }
        into.rows++;
      }
    }
    if (into.rows > 0) {
      if (into.rows < perBatch) into.params = into.params.slice(0, into.rows * width);
      await insert(into);
    }
  } else {
    for await (const records of source.batches()) {
      if (signal.aborted) throw cancelled();
      for (const record of records) {
        let targets: number[];
        let fields: number[] | null;
        let signature: string;
        if (csvColumns) {
          targets = csvColumns;
          fields = csvFields;
          signature = csvSignature;
        } else {
          ({ targets, fields } = jsonTargets(record, fieldOf));
          signature = targets.join(',');
          if (targets.length === 0)
            throw badInput(name, record.line, 'the row has no field that goes to a column of the table.');
        }
        if (batch && (batch.signature !== signature || batch.rows >= inserts.rowsPerBatch(targets.length)))
          await flush();
        batch ??= { columns: targets, signature, params: [], rows: 0, firstLine: record.line, lastLine: record.line };
        add(record.values, record.line, targets, fields);
      }
    }
  }
  await flush();
  options.onProgress?.(imported);
  return imported;
}

/** A JSON row's fields → target columns (fields mapped nowhere are left out). */
function jsonTargets(
  record: SourceRecord,
  fieldOf: (field: string, line: number) => number | null,
): { targets: number[]; fields: number[] } {
  const targets: number[] = [];
  const fields: number[] = [];
  record.keys!.forEach((key, i) => {
    const target = fieldOf(key, record.line);
    if (target === null) return;
    targets.push(target);
    fields.push(i);
  });
  return { targets, fields };
}

/** An INSERT compiled for some target columns, and the order its column list has them in. */
interface CompiledInsert {
  sql: string;
  /**
   * The statement's j-th column is the targets' `order[j]`-th: knex lists an inserted row's keys sorted. The
   * keys are the dialect's zero-padded tokens, so that is the targets' order today; it is read back from the
   * statement all the same, and values are bound in the statement's order.
   */
  order: number[];
}

/**
 * INSERT statements by column set and row count, compiled once by the dialect and reused with new values.
 * SQLite: knex writes a multi-row insert as `select … union all select …` there, which SQLite caps at 500
 * terms, so the one-row form is compiled and its VALUES tuple repeated (`?` placeholders take no numbering).
 */
class InsertCache {
  private readonly cache = new Map<string, CompiledInsert>();

  constructor(
    private readonly engine: Engine,
    private readonly table: TableRef,
    private readonly columns: readonly TargetColumn[],
  ) {}

  rowsPerBatch(width: number): number {
    return Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMS / Math.max(1, width))));
  }

  sql(targets: readonly number[], signature: string, rows: number): CompiledInsert {
    const key = `${signature}/${rows}`;
    let compiled = this.cache.get(key);
    if (compiled === undefined) {
      compiled = this.compile(targets, rows);
      if (this.cache.size > 100) this.cache.clear();
      this.cache.set(key, compiled);
    }
    return compiled;
  }

  private compile(targets: readonly number[], rows: number): CompiledInsert {
    const dialect = dialectFor(this.engine);
    const names = targets.map((t) => this.columns[t]!.name);
    let order: number[] = [];
    const build = (count: number) =>
      dialect.build((k, id) => {
        // one token per column, shared by every row (knex lists the union of the rows' keys, sorted)
        const tokens = names.map(id);
        order = tokens
          .map((_, i) => i)
          .sort((a, b) => (tokens[a]! < tokens[b]! ? -1 : tokens[a]! > tokens[b]! ? 1 : 0));
        const row = () => Object.fromEntries(tokens.map((t) => [t, '']));
        const builder = k(id(this.table.table));
        const scoped = this.table.schema === null ? builder : builder.withSchema(id(this.table.schema));
        return scoped.insert(Array.from({ length: count }, row));
      }).sql;
    if (this.engine !== 'sqlite' || rows === 1) return { sql: build(rows), order };
    const one = build(1);
    const at = one.lastIndexOf(' values (');
    if (at < 0) throw new AppError('INTERNAL', 'The SQLite INSERT has no VALUES list.');
    const tuple = one.slice(at + ' values '.length);
    return { sql: `${one}${`, ${tuple}`.repeat(rows - 1)}`, order };
  }
}

function cancelled(): AppError {
  return new AppError('QUERY_CANCELLED', 'The import was cancelled; nothing was written.');
}
