import { createReadStream } from 'node:fs';
import { CsvError } from 'csv-parse';
import { openCsvFeeder } from './csv-plain-rows';
import { PackSink, READ_BYTES } from './pack-sink';
import { unpackRecords, type PackedRecords } from './packed-rows';
import { badInput, readFailure } from './record-source';

/** A reader of a CSV/TSV file's header and then its records, ~128 KiB of the file at a time. */
export interface PackedCsvReader {
  header(): Promise<string[]>;
  /** The next records, or null at the end of the file. */
  next(): Promise<PackedRecords | null>;
  close(): void;
}

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
  const feed = openCsvFeeder(delimiter, sink, (fields) => {
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
