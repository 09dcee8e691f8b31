import type { NumberUse, PackedRecords } from './csv-pack';

/** utf8Slice: Buffer's own decoder, without toString's argument checks. */
type Utf8Buffer = Buffer & { utf8Slice(start: number, end: number): string };

/**
 * The records of a packed batch read one after the other into one array of values: no object or array per
 * record, for a writer that copies each record's values before it reads the next (an import's INSERT
 * parameters). The values are those unpackRecords gives (csv-pack.ts): the text, null for NULL, and with
 * `use` the numbers read by the parse worker.
 */
export class PackedRows {
  /** The records in the batch. */
  readonly count: number;
  private readonly bytes: Utf8Buffer;
  private readonly marks: Uint8Array | undefined;
  private next = 0;
  private k = 0;
  private from = 0;

  constructor(
    private readonly batch: PackedRecords,
    private readonly width: number,
    private readonly use?: NumberUse,
  ) {
    this.count = batch.lines.length;
    this.bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength) as Utf8Buffer;
    this.marks = use ? batch.marks : undefined;
  }

  /** The next record's values into `cells` (its first `width` places); returns the line the record starts on. */
  read(cells: unknown[]): number {
    const { ends, numbers } = this.batch;
    const { bytes, marks, use, width } = this;
    let k = this.k;
    let from = this.from;
    for (let j = 0; j < width; j++) {
      const end = ends[k]!;
      if (end < 0) cells[j] = null;
      else {
        cells[j] = marks !== undefined && marks[k]! >= use![j]! ? numbers![k]! : bytes.utf8Slice(from, end);
        from = end;
      }
      k++;
    }
    this.k = k;
    this.from = from;
    return this.batch.lines[this.next++]!;
  }
}
