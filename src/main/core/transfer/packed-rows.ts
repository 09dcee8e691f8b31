import type { SourceRecord } from './record-source';

/** utf8Slice: Buffer's own decoder, without toString's argument checks. */
type Utf8Buffer = Buffer & { utf8Slice(start: number, end: number): string };

/**
 * The records of a packed batch, each value read where it lies: no object or array per record, only the values
 * a writer asks for (an import's INSERT parameters, written straight into the statement's array). The values
 * are those unpackRecords gives (below): the text, null for NULL, and with `use` the numbers read by the
 * parse worker.
 */
export class PackedRows {
  /** The records in the batch. */
  readonly count: number;
  private readonly bytes: Utf8Buffer;
  private readonly ends: Int32Array;
  private readonly marks: Uint8Array | undefined;
  private readonly numbers: Float64Array | undefined;
  /**
   * The batch's bytes decoded at once when each is one character (ASCII, the usual file): a value is then a
   * slice of this string, not a decoder call of its own (as shared/packed-rows.ts reads a page). Else null.
   */
  private readonly whole: string | null;

  constructor(
    private readonly batch: PackedRecords,
    private readonly width: number,
    private readonly use?: NumberUse,
  ) {
    this.count = batch.lines.length;
    this.bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength) as Utf8Buffer;
    this.ends = batch.ends;
    this.marks = use ? batch.marks : undefined;
    this.numbers = batch.numbers;
    const whole = this.bytes.utf8Slice(0, this.bytes.length);
    // UTF-8 never decodes to more characters than bytes: equal lengths mean one character per byte throughout
    this.whole = whole.length === this.bytes.length ? whole : null;
  }

  /** The line record `record` starts on. */
  line(record: number): number {
    return this.batch.lines[record]!;
  }

  /** Value `field` of record `record`: its text, null for NULL, or its number where `use` takes one. */
  value(record: number, field: number): string | number | null {
    const k = record * this.width + field;
    const end = this.ends[k]!;
    if (end < 0) return null;
    const marks = this.marks;
    if (marks !== undefined && marks[k]! >= this.use![field]!) return this.numbers![k]!;
    // a value starts where the one before it ends (a NULL, ~its end, ends where it starts)
    const before = k === 0 ? 0 : this.ends[k - 1]!;
    const from = before < 0 ? ~before : before;
    return this.whole !== null ? this.whole.slice(from, end) : this.bytes.utf8Slice(from, end);
  }
}

/**
 * CSV/TSV records packed as the UTF-8 bytes of their values one after the other, with where each value ends:
 * what the parse worker hands over (three buffers moved, not copied) and what both threads read records from.
 */
export interface PackedRecords {
  bytes: Uint8Array;
  /** Where each value ends in `bytes`, record after record (the header's width each); ~offset (negative) for NULL. */
  ends: Int32Array;
  /** The line each record starts on. */
  lines: Int32Array;
  /** With numbers read (openPackedCsv's `numbers`): each value's NumberMark, and its number where one is marked. */
  marks?: Uint8Array;
  numbers?: Float64Array;
}

/** Records unpacked at a time: only the rows being written live as strings and arrays (cheap to collect). */
export const UNPACK_ROWS = 500;

/**
 * Which number a field's value may come as, by field (header order): the least NumberMark its column's reader
 * takes a number with (NumberMark.Integer for an INTEGER column, NumberMark.Real for a REAL one), or more than
 * any mark for one that takes the text.
 */
export type NumberUse = Uint8Array;

/**
 * Records `first` to `last` (exclusive) of a packed batch whose records have `width` values; with `use`, a value
 * read as a number that its field may take comes as that number, not as its text.
 */
export function unpackRecords(
  batch: PackedRecords,
  width: number,
  first: number,
  last: number,
  use?: NumberUse,
): SourceRecord[] {
  const { ends, lines } = batch;
  const marks = use ? batch.marks : undefined;
  const numbers = batch.numbers!;
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength) as Utf8Buffer;
  const records: SourceRecord[] = new Array(last - first);
  let k = first * width;
  let from = k === 0 ? 0 : endOf(ends[k - 1]!);
  for (let r = first; r < last; r++) {
    const values: (string | number | null)[] = new Array(width);
    for (let j = 0; j < width; j++) {
      const end = ends[k]!;
      if (end < 0) values[j] = null;
      else {
        values[j] = marks !== undefined && marks[k]! >= use![j]! ? numbers[k]! : bytes.utf8Slice(from, end);
        from = end;
      }
      k++;
    }
    records[r - first] = { line: lines[r]!, values };
  }
  return records;
}

/** The records of a batch, UNPACK_ROWS at a time (see unpackRecords for `use`). */
export function* recordsOf(batch: PackedRecords, width: number, use?: NumberUse): Generator<SourceRecord[]> {
  const count = batch.lines.length;
  for (let from = 0; from < count; from += UNPACK_ROWS) {
    yield unpackRecords(batch, width, from, Math.min(count, from + UNPACK_ROWS), use);
  }
}

/** Where a value ends (a NULL ends where it starts). */
function endOf(end: number): number {
  return end < 0 ? ~end : end;
}
