import { parse as parseCsv, type Options as CsvOptions, type Parser } from 'csv-parse';
import type { PackSink } from './pack-sink';

/** A csv-parse API object, as far as this file uses it. */
interface CsvApi {
  options: {
    encoding?: unknown;
    cast?: unknown;
    rtrim?: unknown;
    max_record_size?: unknown;
    raw?: unknown;
    skip_records_with_empty_values?: unknown;
    columns?: unknown;
    objname?: unknown;
    on_record?: unknown;
  };
  info: { lines: number };
  state: {
    field: { length: number; buf: Buffer };
    wasQuoting: boolean;
    quoting: boolean;
    escaping: boolean;
    commenting: boolean;
    enabled: boolean;
    record: { length: number };
    record_length: number;
    error: unknown;
    previousBuf: Buffer | undefined;
    needMoreDataSize: number;
    recordDelimiterMaxLength: number;
  };
  parse(chunk: Buffer | undefined, end: boolean, push: (record: unknown) => void, close: () => void): unknown;
  __onField(this: CsvApi): unknown;
  __resetField(this: CsvApi): void;
  __resetRecord(this: CsvApi): void;
}

/**
 * What csv-parse knows of a record's fields when its field step packs them (packingCsvParser): their number,
 * which is all it reads of the record (its `length`). One for the whole file, where csv-parse makes an array per
 * record.
 */
class FieldCount {
  length = 0;
}

/** Feeds a parser a chunk of the file (null: the end). */
export type CsvFeeder = (chunk: Buffer | null) => Promise<void>;

/** csv-parse packing into a sink, driven by hand (packingCsvParser). */
export interface PackingCsvParser {
  /** Parses the bytes (null: the end of the input); throws csv-parse's error. */
  parse(chunk: Buffer | null): void;
  /** csv-parse's line count, which its errors name (every \r and \n it has seen, a record delimiter once). */
  lines: number;
  /** Bytes csv-parse keeps back at the end of what it is given, to see what follows them (its look-ahead). */
  readonly lookAhead: number;
  /**
   * Whether everything but the last `held` bytes given is parsed into complete records and those bytes are
   * only kept back, unread: csv-parse is then between two records, where the input may be continued elsewhere.
   */
  holdsOnly(held: number): boolean;
  /** Forgets the bytes kept back (holdsOnly said they are unread). */
  dropHeld(): void;
}

/**
 * csv-parse packing its values into `sink`, with an empty unquoted field NULL (the COPY convention; `""` stays
 * the empty string); `onRecord` is told each record's field count. csv-parse says whether a field was quoted
 * only to a `cast` function, and builds a context object of ~20 properties for each call — 50 s for a million
 * rows of five fields. So where csv-parse 7's internals are found as expected (the version is pinned), its
 * field step is replaced by one that copies the field's bytes into the sink (no string is made until a record is
 * read), and the parser is driven without its stream wrapper (a stream push and a 'data' event per record cost a
 * tenth of the parse). Null where they are not (csvFeeder then takes the stream and the `cast` option, slowly).
 * record-source.test.ts and transfer.db.test.ts check the outcome.
 */
export function packingCsvParser(
  options: CsvOptions,
  sink: PackSink,
  onRecord: (fields: number) => void,
): PackingCsvParser | null {
  const parser = parseCsv(options);
  const api = (parser as unknown as { api?: Partial<CsvApi> }).api;
  const state = api?.state;
  if (!(
    typeof api?.parse === 'function' &&
    typeof api.__onField === 'function' &&
    typeof api.__resetField === 'function' &&
    typeof api.__resetRecord === 'function' &&
    typeof api.info?.lines === 'number' &&
    api.options?.encoding === 'utf8' &&
    !api.options.cast &&
    api.options.rtrim === false &&
    api.options.max_record_size === 0 &&
    api.options.raw === false &&
    api.options.skip_records_with_empty_values === false &&
    api.options.columns === false &&
    api.options.objname === undefined &&
    api.options.on_record === undefined &&
    typeof state?.wasQuoting === 'boolean' &&
    typeof state.quoting === 'boolean' &&
    typeof state.escaping === 'boolean' &&
    typeof state.commenting === 'boolean' &&
    state.previousBuf === undefined &&
    typeof state.needMoreDataSize === 'number' &&
    typeof state.recordDelimiterMaxLength === 'number' &&
    typeof state.field?.length === 'number' &&
    Buffer.isBuffer(state.field.buf) &&
    Array.isArray(state.record) &&
    state.record.length === 0 &&
    typeof state.record_length === 'number'
  ))
    return null;
  const csv = api as CsvApi;
  const fields = new FieldCount();
  csv.state.record = fields;
  csv.__onField = function (this: CsvApi) {
    const { state } = this;
    if (state.enabled !== false) {
      sink.field(state.field.buf, state.field.length, state.wasQuoting);
      fields.length++;
    }
    this.__resetField();
  };
  // csv-parse's own step but for the array it makes per record (a million of them were most of this thread's
  // garbage): the record is only counted here, and the count starts again
  csv.__resetRecord = function (this: CsvApi) {
    this.state.error = undefined;
    this.state.record = fields;
    fields.length = 0;
    this.state.record_length = 0;
  };
  const push = (record: unknown): void => onRecord((record as FieldCount).length);
  const close = (): void => undefined;
  return {
    parse(chunk) {
      const error = chunk === null ? csv.parse(undefined, true, push, close) : csv.parse(chunk, false, push, close);
      if (error !== undefined) throw error as Error;
    },
    get lines() {
      return csv.info.lines;
    },
    set lines(lines: number) {
      csv.info.lines = lines;
    },
    get lookAhead() {
      // what __needMoreData asks for between two records: at least a delimiter's or a trimmable character's bytes
      return Math.max(csv.state.needMoreDataSize, csv.state.recordDelimiterMaxLength);
    },
    holdsOnly(held) {
      const { state } = csv;
      return (
        fields.length === 0 &&
        state.field.length === 0 &&
        !state.quoting &&
        !state.wasQuoting &&
        !state.escaping &&
        !state.commenting &&
        (state.previousBuf?.length ?? 0) === held
      );
    },
    dropHeld() {
      csv.state.previousBuf = undefined;
    },
  };
}

/** csv-parse packing into `sink` (packingCsvParser), or through its stream interface where that is missing. */
export function csvFeeder(options: CsvOptions, sink: PackSink, onRecord: (fields: number) => void): CsvFeeder {
  const packing = packingCsvParser(options, sink, onRecord);
  if (packing !== null)
    return (chunk) => {
      try {
        packing.parse(chunk);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error as Error);
      }
    };
  return streamFeeder(
    parseCsv({ ...options, cast: (value, context) => (value === '' && !context.quoting ? null : value) }),
    (values) => {
      for (const value of values) sink.text(value);
      onRecord(values.length);
    },
  );
}

/** csv-parse through its stream interface (the fallback of csvFeeder). */
function streamFeeder(parser: Parser, onRecord: (record: (string | null)[]) => void): CsvFeeder {
  let failure: Error | null = null;
  let ended = false;
  parser.on('data', (record: (string | null)[]) => {
    try {
      onRecord(record);
    } catch (error) {
      failure ??= error as Error;
    }
  });
  parser.on('error', (error) => (failure ??= error));
  parser.on('end', () => (ended = true));
  return async (chunk) => {
    if (chunk === null) {
      parser.end();
      await new Promise<void>((resolve) => {
        if (ended || failure) resolve();
        else {
          parser.once('end', () => resolve());
          parser.once('error', () => resolve());
        }
      });
    } else {
      parser.write(chunk);
      // records pushed while parsing reach 'data' by the next turn
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (failure) throw failure;
  };
}
