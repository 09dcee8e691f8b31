import { createReadStream } from 'node:fs';
import { AppError } from '../../../shared/errors';
import { openCsvWorkerSource } from './csv-worker-source';
import { recordsOf, type NumberUse, type PackedRows } from './packed-rows';

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
  /**
   * CSV/TSV opened with `numbers`: values of the fields `use` allows come as the number their column's reader
   * makes of their text, where the parse worker read one (see csv-pack.ts, NumberUse); before `batches`.
   */
  useNumbers?(use: NumberUse): void;
  /**
   * CSV/TSV in the parse worker: the same records as `batches`, read through PackedRows (no object per record),
   * for a writer that copies each record's values at once. Either this or `batches`, not both.
   */
  packedBatches?(): AsyncGenerator<PackedRows>;
  /** CSV/TSV in the parse worker: starts the worker now, so it reads ahead before the first record is asked for. */
  start?(): void;
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
 * parsed in a worker thread (csv-worker-source.ts) while this thread checks and writes the records before; with
 * `numbers` too, that worker also reads numbers for `useNumbers`.
 */
export function openRecordSource(
  file: string,
  format: ImportFormat,
  displayName = file,
  options: { parallel?: boolean; numbers?: boolean } = {},
): RecordSource {
  if (format === 'csv' || format === 'tsv') {
    const delimiter = format === 'csv' ? ',' : '\t';
    return options.parallel
      ? openCsvWorkerSource(file, delimiter, displayName, options.numbers === true)
      : delimitedSource(file, delimiter, displayName);
  }
  return jsonSource(file, format, displayName);
}

/** CSV/TSV records parsed in this thread (a preview reads a few rows so; the parse worker packs its own). */
export function delimitedSource(file: string, delimiter: string, name: string): RecordSource {
  // csv-pack (and csv-parse) loaded here, not at startup: an import's records come from the parse worker
  const opening = import('./csv-pack').then(({ openPackedCsv }) => openPackedCsv(file, delimiter, name));
  return {
    header: async () => (await opening).header(),
    async *batches() {
      const reader = await opening;
      const width = (await reader.header()).length;
      for (let batch = await reader.next(); batch !== null; batch = await reader.next()) yield* recordsOf(batch, width);
    },
    close: () => void opening.then((reader) => reader.close()),
  };
}

/** A failure reading the file (not its content) as the error to show: a missing file says so. */
export function readFailure(error: unknown, name: string): Error {
  if (error instanceof AppError) return error;
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
  return {
    header: async () => null,
    // the parser is loaded when rows are first read: a CSV import (and its parse worker) never needs it
    batches: async function* () {
      yield* jsonBatches(input, format, name, await import('@streamparser/json'));
    },
    close: () => input.destroy(),
  };
}

type StreamParserJson = typeof import('@streamparser/json');

async function* jsonBatches(
  input: ReturnType<typeof createReadStream>,
  format: 'json' | 'ndjson',
  name: string,
  { TokenParser, Tokenizer, TokenType }: StreamParserJson,
): AsyncGenerator<SourceRecord[]> {
  /** Numbers as parseJsonNumber reads them (the tokenizer's documented hook for numbers a double cannot hold). */
  class RowTokenizer extends Tokenizer {
    protected override parseNumber(text: string): number {
      return parseJsonNumber(text) as number;
    }
  }
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

  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      lines.add(chunk);
      tokenizer.write(chunk);
      // the rows before a bad one are handed out first (a preview shows them)
      if (queue.length > 0) yield queue.splice(0, queue.length);
      if (failure) throw failure;
    }
  } catch (error) {
    throw readFailure(error, name);
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
