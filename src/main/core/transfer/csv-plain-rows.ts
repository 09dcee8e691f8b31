import Papa from 'papaparse';
import { csvFeeder, packingCsvParser, type CsvFeeder, type PackingCsvParser } from './csv-parse-feed';
import type { PackSink } from './pack-sink';

/**
 * The CSV/TSV parse of an import and a preview: values packed into `sink` (an empty unquoted field NULL, `""`
 * the empty string), `onRecord` told the field count of each record csv-parse reads.
 *
 * csv-parse alone walks every byte through its state machine (two thirds of the parse worker's time); Papa
 * Parse splits lines without quotes with the engine's own string search, several times faster, but cannot say
 * whether an empty field was quoted (NULL or ""), names no line of an error, and accepts what csv-parse refuses.
 * So the two share the file (PlainRows): Papa Parse finds the lines and reads those without a quote or a stray
 * line break and with the header's number of fields — there the two parsers cannot differ, and no field is
 * quoted; every other line, the header among them, goes to csv-parse, which reads it, counts its lines and
 * raises its errors exactly as it would for the whole file. Where most lines have quotes (a file that quotes
 * every field) or the first line has one, csv-parse reads the rest of the file alone.
 */
export function openCsvFeeder(delimiter: string, sink: PackSink, onRecord: (fields: number) => void): CsvFeeder {
  let feed: CsvFeeder | null = null;
  return (chunk) => {
    if (feed === null) {
      const newline = delimiter === ',' || delimiter === '\t' ? plainRecordDelimiter(chunk) : null;
      const csv =
        newline === null ? null : packingCsvParser({ delimiter, bom: true, record_delimiter: newline }, sink, onRecord);
      feed =
        csv === null
          ? csvFeeder({ delimiter, bom: true }, sink, onRecord)
          : plainRowsFeeder(csv, delimiter, newline!, sink);
    }
    return feed(chunk);
  };
}

const CR = 13;
const LF = 10;
const QUOTE = 34;

/**
 * The record delimiter csv-parse would find in a file that starts with `chunk`: its first \r\n, \n or \r, where
 * no quote comes before it (else null: csv-parse then reads the file alone).
 */
function plainRecordDelimiter(chunk: Buffer | null): '\n' | '\r\n' | '\r' | null {
  if (chunk === null) return null;
  const lf = chunk.indexOf(LF);
  const cr = chunk.indexOf(CR);
  const at = lf < 0 ? cr : cr < 0 ? lf : Math.min(cr, lf);
  if (at < 0 || at === chunk.length - 1) return null;
  const quote = chunk.indexOf(QUOTE);
  if (quote >= 0 && quote < at) return null;
  return chunk[at] === LF ? '\n' : chunk[at + 1] === LF ? '\r\n' : '\r';
}

/** A carried part of the file (a line not yet complete, or lines left to csv-parse) longer than this: csv-parse. */
const CARRY_LIMIT = 1 << 20;
/** Lines a chunk needs to tell a file of mostly quoted lines (fewer: long lines, which Papa Parse finds fast). */
const MIN_LINES = 32;

function plainRowsFeeder(csv: PackingCsvParser, delimiter: string, newline: string, sink: PackSink): CsvFeeder {
  const rows = new PlainRows(csv, delimiter, newline, sink);
  let alone = false;
  return (chunk) => {
    try {
      if (alone) csv.parse(chunk);
      else alone = rows.feed(chunk);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
}

/** The lines of a file shared between Papa Parse and csv-parse, as openCsvFeeder says. */
export class PlainRows {
  private readonly papa: Papa.Parser;
  /** The header's field count, and whether csv-parse has read the header. */
  private width = -1;
  private headerRead = false;
  /** csv-parse's line count where the next line starts (what it would count, reading the whole file). */
  private lines = 1;
  /** The end of the last chunk that Papa Parse has not read to a line's end, or lines left to csv-parse. */
  private carry: Buffer | null = null;

  // the chunk being read: its bytes, as Latin-1 text for Papa Parse (one character a byte, so its offsets are
  // the bytes' offsets; quotes, delimiters and line breaks are ASCII, which no UTF-8 sequence contains)
  private bytes: Buffer = Buffer.alloc(0);
  private text = '';
  private final = false;
  /** Where the next line starts; where the lines left to csv-parse start (-1: none). */
  private rowStart = 0;
  private runStart = -1;
  /** Where csv-parse goes on alone (-1: not yet). */
  private handOver = -1;
  /** The next quote and the next line break that is not a record delimiter at or after the line being read. */
  private nextQuote = -1;
  private nextBreak = -1;
  /** Lines in this chunk, and lines left to csv-parse. */
  private count = 0;
  private parsedCount = 0;

  constructor(
    private readonly csv: PackingCsvParser,
    delimiter: string,
    private readonly newline: string,
    private readonly sink: PackSink,
  ) {
    this.papa = new Papa.Parser({
      delimiter,
      newline: newline as Papa.ParseConfig['newline'],
      quoteChar: '"',
      step: (result: Papa.ParseStepResult<string[][]>) => this.row(result.data[0]!, result.meta.cursor),
    });
  }

  /** Reads a chunk (null: the end of the file); true when csv-parse is to read the rest alone. */
  feed(chunk: Buffer | null): boolean {
    const final = chunk === null;
    const carry = this.carry;
    const bytes = carry === null ? chunk : chunk === null ? carry : Buffer.concat([carry, chunk]);
    this.carry = null;
    if (bytes === null) {
      this.csv.parse(null);
      return true;
    }
    this.bytes = bytes;
    this.text = bytes.toString('latin1');
    this.final = final;
    this.rowStart = 0;
    this.runStart = -1;
    this.handOver = -1;
    this.nextQuote = -1;
    this.nextBreak = -1;
    this.count = 0;
    this.parsedCount = 0;
    const result = this.papa.parse(this.text, 0, !final) as Papa.ParseResult<string[]>;
    if (this.handOver >= 0) {
      this.csv.parse(bytes.subarray(this.handOver));
      if (final) this.csv.parse(null);
      return true;
    }
    const rest = this.runStart >= 0 ? this.runStart : result.meta.cursor;
    // csv-parse is between two records at `rest`, its line count behind by the lines read since
    this.csv.lines = this.lines;
    if (final) {
      if (rest < bytes.length) this.csv.parse(bytes.subarray(rest));
      this.csv.parse(null);
      return true;
    }
    // mostly lines with quotes (or a line longer than the limit): csv-parse reads them all from here
    if ((this.count >= MIN_LINES && this.parsedCount * 2 > this.count) || bytes.length - rest > CARRY_LIMIT) {
      this.csv.parse(bytes.subarray(rest));
      return true;
    }
    this.carry = bytes.subarray(rest);
    return false;
  }

  /** A line of the chunk (Papa Parse's step): its values as Papa Parse reads them, and where the next starts. */
  private row(fields: string[], next: number): void {
    const start = this.rowStart;
    this.rowStart = next;
    // Papa Parse ends a text that ends with a line break with an empty line; csv-parse reads none there
    if (this.handOver >= 0 || start === this.bytes.length) return;
    this.count++;
    // the header is csv-parse's (which takes its field count for every record's): until csv-parse has read it,
    // each chunk starts with it
    if (!this.headerRead && start === 0) this.width = fields.length;
    else if (fields.length === this.width && this.plain(start, fields) && this.parsedUpTo(start)) {
      this.sink.plainRecord(this.bytes, start, fields);
      this.lines++;
      return;
    }
    if (this.handOver >= 0) return;
    if (this.runStart < 0) this.runStart = start;
    this.parsedCount++;
  }

  /** Whether the line at `start` has no quote and no line break in it (`fields`: its values, as Papa read them). */
  private plain(start: number, fields: string[]): boolean {
    let end = start + fields.length - 1;
    for (const field of fields) end += field.length;
    if (this.nextQuote < start) this.nextQuote = this.find('"', start);
    // a quote at `end` too: a last field `""` is two characters longer than the value Papa Parse read
    if (this.nextQuote <= end) return false;
    // a line break inside a line (a \r in a file of \n lines…) is a line to csv-parse and a newline to the sink
    if (this.nextBreak < start) {
      const { newline } = this;
      this.nextBreak =
        newline === '\n'
          ? this.find('\r', start)
          : newline === '\r'
            ? this.find('\n', start)
            : Math.min(this.find('\r', start), this.find('\n', start));
    }
    return this.nextBreak >= end;
  }

  private find(char: string, from: number): number {
    const at = this.text.indexOf(char, from);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  }

  /**
   * Whether csv-parse has read every line before `start`: the lines left to it are given to it now, with the
   * bytes after them that it keeps back to look ahead, and it must end between two records exactly there. Where
   * it does not (a malformed line that Papa Parse ended elsewhere), it reads on alone from what it was given.
   */
  private parsedUpTo(start: number): boolean {
    const from = this.runStart;
    if (from < 0) return true;
    const { csv, bytes } = this;
    const held = csv.lookAhead;
    if (bytes.length - start < held) {
      // nothing to look ahead at before the end of the file: csv-parse reads the rest
      if (this.final) {
        csv.lines = this.lines;
        this.stop(from);
      }
      // else this line waits for the next chunk with the ones before it
      return false;
    }
    csv.lines = this.lines;
    csv.parse(bytes.subarray(from, start + held));
    if (!csv.holdsOnly(held)) {
      this.stop(start + held);
      return false;
    }
    csv.dropHeld();
    this.headerRead = true;
    this.lines = csv.lines;
    this.runStart = -1;
    return true;
  }

  /** csv-parse reads on alone from `at`: Papa Parse stops. */
  private stop(at: number): void {
    this.handOver = at;
    this.papa.abort();
  }
}
