import { createReadStream } from 'node:fs';
import { TokenParser, Tokenizer, TokenType } from '@streamparser/json';
import { parse as parseCsv, CsvError, type Options as CsvOptions, type Parser } from 'csv-parse';
import { AppError } from '../../../shared/errors';
import { openCsvWorkerSource } from './csv-worker-source';

/** The file formats an import reads. */
export type ImportFormat = 'csv' | 'tsv' | 'json' | 'ndjson';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['csv', 'tsv', 'json', 'ndjson'];

/**
 * A number from a JSON file kept as its text where a JavaScript number would change it (integers past 2^53,
 * decimals with more digits than a double holds), so `12345678901234567890` arrives exactly.
 */
export class JsonNumberText {
  constructor(readonly text: string) {}
}

/**
 * One record of the file. CSV/TSV: `values` in header order, strings, null for an empty unquoted field (the
 * COPY convention: `""` is the empty string). JSON/NDJSON: the row object's keys and values (JSON values).
 */
export interface SourceRecord {
  /** The line the record starts on (1-based). */
  line: number;
  values: unknown[];
  /** JSON/NDJSON: the keys of this row object, in order; absent for CSV/TSV (the header names apply). */
  keys?: string[];
}

export interface RecordSource {
  /** CSV/TSV: the header's names. JSON: null (every record names its keys). */
  header(): Promise<string[] | null>;
  /** The records in file order, a few hundred or thousand at a time. */
  batches(): AsyncGenerator<SourceRecord[]>;
  /** Stops reading and closes the file. */
  close(): void;
}

/** The format a file's extension says, or null. */
export function formatFromExtension(file: string): ImportFormat | null {
  const match = /\.([A-Za-z]+)$/.exec(file);
  const ext = match?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'tsv' || ext === 'json' || ext === 'ndjson') return ext;
  if (ext === 'jsonl') return 'ndjson';
  if (ext === 'tab') return 'tsv';
  return null;
}

/** An error in the file's content, naming where it is. */
export function badInput(file: string, line: number | null, message: string, column?: string): AppError {
  const where = [line !== null ? `line ${line}` : null, column !== undefined ? `column "${column}"` : null]
    .filter(Boolean)
    .join(', ');
  return new AppError('INVALID_INPUT', `${file}${where ? ` ${where}` : ''}: ${message}`, {
    file,
    ...(line !== null ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
  });
}

/**
 * Opens a streamed reader of the file's records; nothing is read until asked for. With `parallel`, CSV/TSV is
 * parsed in a worker thread (csv-worker-source.ts) while this thread checks and writes the records before.
 */
export function openRecordSource(
  file: string,
  format: ImportFormat,
  displayName = file,
  options: { parallel?: boolean } = {},
): RecordSource {
  if (format === 'csv' || format === 'tsv') {
    const delimiter = format === 'csv' ? ',' : '\t';
    return options.parallel
      ? openCsvWorkerSource(file, delimiter, displayName)
      : delimitedSource(file, delimiter, displayName);
  }
  return jsonSource(file, format, displayName);
}

/** A csv-parse API object, as far as csvFeeder uses it. */
interface CsvApi {
  options: { encoding?: unknown; cast?: unknown; rtrim?: unknown; max_record_size?: unknown };
  state: {
    /** utf8Slice: Buffer's own decoder, without toString's argument checks (a fifth of the parse). */
    field: { length: number; buf: Buffer & { utf8Slice(start: number, end: number): string } };
    wasQuoting: boolean;
    enabled: boolean;
    record: unknown[];
  };
  parse(chunk: Buffer | undefined, end: boolean, push: (record: unknown) => void, close: () => void): unknown;
  __onField(this: CsvApi): unknown;
  __resetField(this: CsvApi): void;
}

/** Feeds csv-parse a chunk of the file (null: the end), handing the records it completes to `onRecord`. */
type CsvFeeder = (chunk: Buffer | null) => Promise<void>;

/**
 * csv-parse with an empty unquoted field made NULL (the COPY convention; `""` stays the empty string).
 * csv-parse says whether a field was quoted only to a `cast` function, and builds a context object of ~20
 * properties for each call — 50 s for a million rows of five fields. So where csv-parse 7's internals are found
 * as expected (the version is pinned), its field step is replaced by one that stores the field — as UTF-8
 * text read straight from its buffer, or null when it was empty and unquoted — and the parser is driven
 * without its stream wrapper (a stream push and a 'data' event per record cost a tenth of the parse). Otherwise
 * the stream and the `cast` option do the same, slowly. record-source.test.ts and transfer.db.test.ts check the
 * outcome.
 */
function csvFeeder(options: CsvOptions, onRecord: (record: (string | null)[]) => void): CsvFeeder {
  const parser = parseCsv(options);
  const api = (parser as unknown as { api?: Partial<CsvApi> }).api;
  const state = api?.state;
  if (
    typeof api?.parse === 'function' &&
    typeof api.__onField === 'function' &&
    typeof api.__resetField === 'function' &&
    api.options?.encoding === 'utf8' &&
    !api.options.cast &&
    api.options.rtrim === false &&
    api.options.max_record_size === 0 &&
    typeof state?.wasQuoting === 'boolean' &&
    typeof state.field?.length === 'number' &&
    Buffer.isBuffer(state.field.buf) &&
    typeof (state.field.buf as { utf8Slice?: unknown }).utf8Slice === 'function' &&
    Array.isArray(state.record)
  ) {
    api.__onField = function (this: CsvApi) {
      const { state } = this;
      if (state.enabled !== false) {
        const { length, buf } = state.field;
        state.record.push(length === 0 ? (state.wasQuoting ? '' : null) : buf.utf8Slice(0, length));
      }
      this.__resetField();
    };
    const parse = api.parse.bind(api) as CsvApi['parse'];
    const push = onRecord as (record: unknown) => void;
    const close = (): void => undefined;
    return (chunk) => {
      const error = chunk === null ? parse(undefined, true, push, close) : parse(chunk, false, push, close);
      return error === undefined ? Promise.resolve() : Promise.reject(error as Error);
    };
  }
  return streamFeeder(
    parseCsv({ ...options, cast: (value, context) => (value === '' && !context.quoting ? null : value) }),
    onRecord,
  );
}

/** csv-parse through its stream interface (the fallback of csvFeeder). */
function streamFeeder(parser: Parser, onRecord: (record: (string | null)[]) => void): CsvFeeder {
  let failure: Error | null = null;
  let ended = false;
  parser.on('data', onRecord);
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

/** CSV/TSV records parsed in this thread (the parse worker runs this; a preview reads a few rows with it). */
export function delimitedSource(file: string, delimiter: string, name: string): RecordSource {
  // reads of 128 KiB: a few thousand records at a time, so few of them live long enough to be copied by the
  // garbage collector
  const input = createReadStream(file, { highWaterMark: 128 * 1024 });
  const pending: (string | null)[][] = [];
  let ended = false;
  const feed = csvFeeder({ delimiter, bom: true }, (values) => pending.push(values));
  const chunks = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  /** The line the next record starts on: one after the last, plus the newlines inside its quoted fields. */
  let nextLine = 1;
  let header: string[] | null | undefined;
  let width = 0;
  /** Parses until records are pending or the file ends; an empty array means the end. */
  const fill = async (): Promise<(string | null)[][]> => {
    try {
      while (pending.length === 0 && !ended) {
        const step = await chunks.next();
        if (step.done) {
          ended = true;
          await feed(null);
        } else {
          await feed(step.value);
        }
      }
    } catch (error) {
      throw csvFailure(error, name, nextLine);
    }
    return pending.splice(0, pending.length);
  };
  const lineOf = (values: readonly (string | null)[]): number => {
    const line = nextLine;
    let newlines = 0;
    for (const value of values) {
      if (value === null) continue;
      for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) newlines++;
    }
    nextLine = line + 1 + newlines;
    return line;
  };
  let leftover: (string | null)[][] = [];
  return {
    async header() {
      if (header === undefined) {
        const first = await fill();
        if (first.length === 0)
          throw badInput(name, null, 'the file is empty; a header line with the column names is needed.');
        const values = first.shift()!;
        lineOf(values);
        header = values.map((v) => v ?? '');
        width = header.length;
        leftover = first;
      }
      return header;
    },
    async *batches() {
      await this.header();
      for (;;) {
        const rows = leftover.length > 0 ? leftover : await fill();
        leftover = [];
        if (rows.length === 0) return;
        const batch: SourceRecord[] = new Array(rows.length);
        for (let i = 0; i < rows.length; i++) {
          const values = rows[i]!;
          const line = lineOf(values);
          if (values.length !== width)
            throw badInput(name, line, `${values.length} fields where the header has ${width}.`);
          batch[i] = { line, values };
        }
        yield batch;
      }
    },
    close() {
      input.destroy();
    },
  };
}

function csvFailure(error: unknown, name: string, line: number): Error {
  if (error instanceof AppError) return error;
  if (error instanceof CsvError) {
    const lines = (error as CsvError & { lines?: number }).lines;
    // csv-parse says "at line N" itself; the message is given without its code prefix
    const message = error.message.replace(/^[A-Za-z_]+:\s*/, '').replace(/\s*at line \d+\.?$/i, '');
    return badInput(name, typeof lines === 'number' ? lines : line, `${message}.`.replace(/\.\.$/, '.'));
  }
  if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
    return new AppError('FILE_NOT_FOUND', `${name}: no such file.`, { file: name });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Integers past 2^53 and long decimals keep their text (see JsonNumberText). */
function parseJsonNumber(text: string): number | JsonNumberText {
  const n = Number(text);
  if (Number.isSafeInteger(n) || String(n) === text) return n;
  if (/^-?\d+$/.test(text) || !Number.isFinite(n) || /^-?\d+\.\d+$/.test(text)) return new JsonNumberText(text);
  return n;
}

/**
 * JSON (an array of row objects) and NDJSON (one row object per line), through @streamparser/json's tokenizer
 * and token parser. The tokenizer's byte offsets are turned into line numbers by counting the newlines read so
 * far, so a bad row names the line it starts on.
 */
function jsonSource(file: string, format: 'json' | 'ndjson', name: string): RecordSource {
  const input = createReadStream(file);
  const tokenizer = new RowTokenizer(format === 'ndjson' ? { separator: '' } : {});
  const parser = new TokenParser(
    format === 'ndjson' ? { paths: ['$'], keepStack: false, separator: '' } : { paths: ['$.*'], keepStack: false },
  );
  const lines = new LineCounter();
  let depth = 0;
  let rowStart = 1;
  let lastOffset = 0;
  let sawArray = false;
  const queue: SourceRecord[] = [];
  let failure: Error | null = null;
  tokenizer.onToken = (token) => {
    lastOffset = token.offset;
    if (token.token === TokenType.LEFT_BRACE || token.token === TokenType.LEFT_BRACKET) {
      if (depth === 0 && format === 'json') {
        if (token.token !== TokenType.LEFT_BRACKET) {
          throw badInput(
            name,
            lines.lineAt(token.offset),
            'a JSON import needs an array of row objects ([{…}, …]); for one object per line use NDJSON.',
          );
        }
        sawArray = true;
      }
      if (depth === (format === 'json' ? 1 : 0)) rowStart = lines.lineAt(token.offset);
      depth++;
    } else if (token.token === TokenType.RIGHT_BRACE || token.token === TokenType.RIGHT_BRACKET) {
      depth--;
    } else if (depth === (format === 'json' ? 1 : 0)) {
      rowStart = lines.lineAt(token.offset);
      if (depth === 0 && format === 'json') {
        throw badInput(name, rowStart, 'a JSON import needs an array of row objects ([{…}, …]).');
      }
    }
    parser.write(token);
  };
  parser.onValue = ({ value }) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof JsonNumberText) {
      throw badInput(name, rowStart, `each row must be a JSON object ({"column": value, …}), not ${describe(value)}.`);
    }
    const keys = Object.keys(value);
    queue.push({ line: rowStart, keys, values: keys.map((k) => (value as Record<string, unknown>)[k]) });
  };
  tokenizer.onError = (error) => {
    failure ??=
      error instanceof AppError ? error : badInput(name, lines.lineAt(lastOffset), `invalid JSON: ${error.message}`);
  };
  parser.onError = tokenizer.onError;

  async function* batches(): AsyncGenerator<SourceRecord[]> {
    try {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        lines.add(chunk);
        tokenizer.write(chunk);
        // the rows before a bad one are handed out first (a preview shows them)
        if (queue.length > 0) yield queue.splice(0, queue.length);
        if (failure) throw failure;
      }
    } catch (error) {
      throw csvFailure(error, name, lines.lineAt(lastOffset));
    }
    if (!tokenizer.isEnded) {
      try {
        tokenizer.end();
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
      }
    }
    if (queue.length > 0) yield queue.splice(0, queue.length);
    if (failure) throw failure;
    if (format === 'json' && (!sawArray || depth !== 0)) {
      throw badInput(
        name,
        lines.lineAt(lastOffset),
        sawArray ? 'the JSON array is not closed.' : 'the file holds no JSON array.',
      );
    }
  }
  return {
    header: async () => null,
    batches,
    close: () => input.destroy(),
  };
}

/** Numbers as parseJsonNumber reads them (the tokenizer's documented hook for numbers a double cannot hold). */
class RowTokenizer extends Tokenizer {
  protected override parseNumber(text: string): number {
    return parseJsonNumber(text) as number;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof JsonNumberText) return 'a number';
  return `a ${typeof value}`;
}

/** Line numbers of byte offsets, for offsets that only grow: newlines are counted once, as the offsets pass them. */
class LineCounter {
  private chunks: { start: number; bytes: Buffer }[] = [];
  private end = 0;
  /** The offset up to which newlines are counted, and how many there were before it. */
  private counted = 0;
  private line = 1;

  add(bytes: Buffer): void {
    this.chunks.push({ start: this.end, bytes });
    this.end += bytes.length;
  }

  lineAt(offset: number): number {
    while (this.counted < offset && this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      const from = this.counted - chunk.start;
      const to = Math.min(chunk.bytes.length, offset - chunk.start);
      for (let i = chunk.bytes.indexOf(10, from); i !== -1 && i < to; i = chunk.bytes.indexOf(10, i + 1)) this.line++;
      this.counted = chunk.start + to;
      if (to === chunk.bytes.length) this.chunks.shift();
    }
    return this.line;
  }
}
