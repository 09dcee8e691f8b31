import type { NumberUse, PackedRecords } from './csv-pack';

/** utf8Slice: Buffer's own decoder, without toString's argument checks. */
type Utf8Buffer = Buffer & { utf8Slice(start: number, end: number): string };

/**
 * The records of a packed batch, each value read where it lies: no object or array per record, only the values
 * a writer asks for (an import's INSERT parameters, written straight into the statement's array). The values
 * are those unpackRecords gives (csv-pack.ts): the text, null for NULL, and with `use` the numbers read by the
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
