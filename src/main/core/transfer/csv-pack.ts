import { createReadStream } from 'node:fs';
import { CsvError, parse as parseCsv, type Options as CsvOptions, type Parser } from 'csv-parse';
import { NumberMark, readNumber } from './csv-numbers';
import { unpackRecords, type PackedRecords } from './packed-rows';
import { badInput, readFailure } from './record-source';

/** A reader of a CSV/TSV file's header and then its records, ~128 KiB of the file at a time. */
export interface PackedCsvReader {
  header(): Promise<string[]>;
  /** The next records, or null at the end of the file. */
  next(): Promise<PackedRecords | null>;
  close(): void;
}

// reads of 128 KiB: a few thousand records at a time
const READ_BYTES = 128 * 1024;

/**
 * Opens the file; nothing is read until asked for. `numbers`: values are read as numbers too where they are ones
 * (csv-numbers.ts), for a writer that wants them so.
 */
export function openPackedCsv(file: string, delimiter: string, name: string, numbers = false): PackedCsvReader {
  const input = createReadStream(file, { highWaterMark: READ_BYTES });
  const chunks = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const sink = new PackSink(numbers);
  let header: string[] | null = null;
  let width = 0;
  let ended = false;
  const feed = csvFeeder({ delimiter, bom: true }, sink, (fields) => {
    const line = sink.record();
    if (header === null) {
      header = unpackRecords(sink.take(), fields, 0, 1)[0]!.values.map((v) => (v as string | null) ?? '');
      width = fields;
    } else if (fields !== width) {
      throw badInput(name, line, `${fields} fields where the header has ${width}.`);
    }
  });
  const step = async (): Promise<void> => {
    try {
      const chunk = await chunks.next();
      if (chunk.done) {
        ended = true;
        await feed(null);
      } else await feed(chunk.value);
    } catch (error) {
      ended = true;
      throw csvFailure(error, name, sink.nextLine);
    }
  };
  return {
    async header() {
      while (header === null && !ended) await step();
      if (header === null)
        throw badInput(name, null, 'the file is empty; a header line with the column names is needed.');
      return header;
    },
    async next() {
      await this.header();
      for (;;) {
        if (sink.count > 0) return sink.take();
        if (ended) return null;
        await step();
      }
    },
    close() {
      input.destroy();
    },
  };
}

/** Where parsed values are packed: bytes, value ends and record lines, grown as needed. */
class PackSink {
  bytes = Buffer.allocUnsafeSlow(2 * READ_BYTES);
  at = 0;
  ends: Int32Array<ArrayBuffer> = new Int32Array(16 * 1024);
  /** With numbers read: each value's NumberMark and number (by value, as `ends`). */
  marks: Uint8Array<ArrayBuffer> | null;
  numbers: Float64Array<ArrayBuffer> | null;
  k = 0;
  lines: Int32Array<ArrayBuffer> = new Int32Array(4 * 1024);
  count = 0;
  /** The line the next record starts on: one after the last, plus the newlines inside its quoted fields. */
  nextLine = 1;
  /** Where the record being parsed starts (bytes, ends), and the newlines in its values so far. */
  private recordAt = 0;
  private recordK = 0;
  private newlines = 0;

  constructor(numbers: boolean) {
    this.marks = numbers ? new Uint8Array(this.ends.length) : null;
    this.numbers = numbers ? new Float64Array(this.ends.length) : null;
  }

  /** A value: the first `length` bytes of `buf`; empty and unquoted is NULL (`""` is the empty string). */
  field(buf: Uint8Array, length: number, quoted: boolean): void {
    if (length === 0) {
      this.end(quoted ? this.at : ~this.at);
      return;
    }
    if (this.marks !== null) {
      if (this.k === this.ends.length) this.growEnds();
      this.marks[this.k] = readNumber(buf, length, this.numbers!, this.k);
    }
    if (this.at + length > this.bytes.length) this.growBytes(this.at + length);
    const out = this.bytes;
    let at = this.at;
    let newlines = 0;
    if (length < 64) {
      for (let i = 0; i < length; i++) {
        const c = buf[i]!;
        out[at++] = c;
        if (c === 10) newlines++;
      }
    } else {
      out.set(buf.subarray(0, length), at);
      at += length;
      for (let i = buf.indexOf(10); i !== -1 && i < length; i = buf.indexOf(10, i + 1)) newlines++;
    }
    this.newlines += newlines;
    this.at = at;
    this.end(at);
  }

  /** A value as text (csv-parse's stream fallback). */
  text(value: string | null): void {
    if (this.marks !== null) {
      if (this.k === this.ends.length) this.growEnds();
      this.marks[this.k] = NumberMark.None;
    }
    if (value === null) {
      this.end(~this.at);
      return;
    }
    const length = Buffer.byteLength(value);
    if (this.at + length > this.bytes.length) this.growBytes(this.at + length);
    this.bytes.write(value, this.at, 'utf8');
    for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) this.newlines++;
    this.at += length;
    this.end(this.at);
  }

  /** The record whose values came last is complete; returns the line it starts on. */
  record(): number {
    if (this.count === this.lines.length) this.lines = grown(this.lines, this.count * 2);
    const line = this.nextLine;
    this.lines[this.count++] = line;
    this.nextLine = line + 1 + this.newlines;
    this.newlines = 0;
    this.recordAt = this.at;
    this.recordK = this.k;
    return line;
  }

  /** The complete records so far; the values of a record not yet complete move to fresh buffers. */
  take(): PackedRecords {
    const { bytes, ends, lines, recordAt, recordK, at, k, marks, numbers } = this;
    const batch: PackedRecords = {
      bytes: bytes.subarray(0, recordAt),
      ends: ends.subarray(0, recordK),
      lines: lines.subarray(0, this.count),
    };
    if (marks !== null && numbers !== null) {
      batch.marks = marks.subarray(0, recordK);
      batch.numbers = numbers.subarray(0, recordK);
    }
    this.bytes = Buffer.allocUnsafeSlow(Math.max(2 * READ_BYTES, 2 * (at - recordAt)));
    bytes.copy(this.bytes, 0, recordAt, at);
    this.ends = new Int32Array(Math.max(16 * 1024, 2 * (k - recordK)));
    for (let i = recordK; i < k; i++) {
      const end = ends[i]!;
      this.ends[i - recordK] = end < 0 ? ~(~end - recordAt) : end - recordAt;
    }
    if (marks !== null && numbers !== null) {
      this.marks = new Uint8Array(this.ends.length);
      this.marks.set(marks.subarray(recordK, k));
      this.numbers = new Float64Array(this.ends.length);
      this.numbers.set(numbers.subarray(recordK, k));
    }
    this.lines = new Int32Array(lines.length);
    this.at = at - recordAt;
    this.k = k - recordK;
    this.count = 0;
    this.recordAt = 0;
    this.recordK = 0;
    return batch;
  }

  private end(end: number): void {
    if (this.k === this.ends.length) this.growEnds();
    this.ends[this.k++] = end;
  }

  /** Room for twice as many values (their marks and numbers too). */
  private growEnds(): void {
    const size = this.ends.length * 2;
    this.ends = grown(this.ends, size);
    if (this.marks !== null && this.numbers !== null) {
      const marks = new Uint8Array(size);
      marks.set(this.marks);
      this.marks = marks;
      const numbers = new Float64Array(size);
      numbers.set(this.numbers);
      this.numbers = numbers;
    }
  }

  private growBytes(needed: number): void {
    const bytes = Buffer.allocUnsafeSlow(Math.max(needed, this.bytes.length * 2));
    this.bytes.copy(bytes, 0, 0, this.at);
    this.bytes = bytes;
  }
}

function grown(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(size);
  bigger.set(array);
  return bigger;
}

/** A csv-parse API object, as far as csvFeeder uses it. */
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
  state: {
    field: { length: number; buf: Buffer };
    wasQuoting: boolean;
    enabled: boolean;
    record: { length: number };
    record_length: number;
    error: unknown;
  };
  parse(chunk: Buffer | undefined, end: boolean, push: (record: unknown) => void, close: () => void): unknown;
  __onField(this: CsvApi): unknown;
  __resetField(this: CsvApi): void;
  __resetRecord(this: CsvApi): void;
}

/**
 * What csv-parse knows of a record's fields when its field step packs them (csvFeeder): their number, which is
 * all it reads of the record (its `length`). One for the whole file, where csv-parse makes an array per record.
 */
class FieldCount {
  length = 0;
}

/** Feeds csv-parse a chunk of the file (null: the end). */
type CsvFeeder = (chunk: Buffer | null) => Promise<void>;

/**
 * csv-parse packing its values into `sink`, with an empty unquoted field NULL (the COPY convention; `""` stays
 * the empty string); `onRecord` is told each record's field count. csv-parse says whether a field was quoted
 * only to a `cast` function, and builds a context object of ~20 properties for each call — 50 s for a million
 * rows of five fields. So where csv-parse 7's internals are found as expected (the version is pinned), its
 * field step is replaced by one that copies the field's bytes into the sink (no string is made until a record is
 * read), and the parser is driven without its stream wrapper (a stream push and a 'data' event per record cost a
 * tenth of the parse). Otherwise the stream and the `cast` option do the same, slowly. record-source.test.ts
 * and transfer.db.test.ts check the outcome.
 */
function csvFeeder(options: CsvOptions, sink: PackSink, onRecord: (fields: number) => void): CsvFeeder {
  const parser = parseCsv(options);
  const api = (parser as unknown as { api?: Partial<CsvApi> }).api;
  const state = api?.state;
  if (
    typeof api?.parse === 'function' &&
    typeof api.__onField === 'function' &&
    typeof api.__resetField === 'function' &&
    typeof api.__resetRecord === 'function' &&
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
    typeof state.field?.length === 'number' &&
    Buffer.isBuffer(state.field.buf) &&
    Array.isArray(state.record) &&
    state.record.length === 0 &&
    typeof state.record_length === 'number'
  ) {
    const fields = new FieldCount();
    state.record = fields;
    api.__onField = function (this: CsvApi) {
      const { state } = this;
      if (state.enabled !== false) {
        sink.field(state.field.buf, state.field.length, state.wasQuoting);
        fields.length++;
      }
      this.__resetField();
    };
    // csv-parse's own step but for the array it makes per record (a million of them were most of this thread's
    // garbage): the record is only counted here, and the count starts again
    api.__resetRecord = function (this: CsvApi) {
      this.state.error = undefined;
      this.state.record = fields;
      fields.length = 0;
      this.state.record_length = 0;
    };
    const parse = api.parse.bind(api) as CsvApi['parse'];
    const push = (record: unknown): void => onRecord((record as FieldCount).length);
    const close = (): void => undefined;
    return (chunk) => {
      const error = chunk === null ? parse(undefined, true, push, close) : parse(chunk, false, push, close);
      return error === undefined ? Promise.resolve() : Promise.reject(error as Error);
    };
  }
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

/** A parse failure as an error naming the file and line (csv-parse's own line where it says one). */
export function csvFailure(error: unknown, name: string, line: number): Error {
  if (error instanceof CsvError) {
    const lines = (error as CsvError & { lines?: number }).lines;
    // csv-parse says "at line N" itself; the message is given without its code prefix
    const message = error.message.replace(/^[A-Za-z_]+:\s*/, '').replace(/\s*at line \d+\.?$/i, '');
    return badInput(name, typeof lines === 'number' ? lines : line, `${message}.`.replace(/\.\.$/, '.'));
  }
  return readFailure(error, name);
}
