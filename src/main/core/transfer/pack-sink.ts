import { NumberMark, readNumber } from './csv-numbers';
import type { PackedRecords } from './packed-rows';

/** Reads of the file are this big: a few thousand records at a time. */
export const READ_BYTES = 128 * 1024;

/** Where parsed values are packed: bytes, value ends and record lines, grown as needed. */
export class PackSink {
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
      this.marks[this.k] = readNumber(buf, 0, length, this.numbers!, this.k);
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

  /**
   * A record read from a line without quotes or line breaks (csv-plain-rows.ts): its values are `fields`' lengths
   * of bytes of `buf` from `from`, one delimiter byte apart, each unquoted (empty is NULL). Returns its line.
   */
  plainRecord(buf: Uint8Array, from: number, fields: string[]): number {
    const count = fields.length;
    while (this.k + count > this.ends.length) this.growEnds();
    let at = this.at;
    let size = 0;
    for (let j = 0; j < count; j++) size += fields[j]!.length;
    if (at + size > this.bytes.length) this.growBytes(at + size);
    const { bytes: out, ends, marks, numbers } = this;
    let k = this.k;
    let src = from;
    for (let j = 0; j < count; j++) {
      const length = fields[j]!.length;
      if (length === 0) {
        if (marks !== null) marks[k] = NumberMark.None;
        ends[k++] = ~at;
      } else {
        if (marks !== null) marks[k] = readNumber(buf, src, length, numbers!, k);
        if (length < 64) for (let i = src, to = src + length; i < to; i++) out[at++] = buf[i]!;
        else {
          out.set(buf.subarray(src, src + length), at);
          at += length;
        }
        ends[k++] = at;
      }
      src += length + 1;
    }
    this.at = at;
    this.k = k;
    return this.record();
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
