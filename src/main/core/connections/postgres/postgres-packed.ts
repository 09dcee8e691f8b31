import { packedCellValue, type PackedKind } from '../../../../shared/packed-rows';
import { PackedWriter, type PackedChunk } from '../../query/packed-chunk';
import { encodeValue, TEXT_PREVIEW_CHARS } from '../../query/value-encoding';
import { postgresTypes } from './postgres-values';
import { DATA_ROW_HEADER, type DataRowSink } from './raw-data-rows';

/** What a column's text needs on the host before it travels (the rest is copied as the server sent it). */
const enum Convert {
  None,
  /** timestamp: `YYYY-MM-DD HH:MM:SS[.f]` becomes ISO by its space turning into `T`, in place */
  Timestamp,
  /** through the value parser (timestamptz, time, timetz, bytea): the row is written cell by cell */
  Parse,
}

const KIND_BY_OID = new Map<number, PackedKind>([
  [16, 'b'], // boolean
  [20, 'i'], // int8
  [21, 'n'], // int2
  [23, 'n'], // int4
  [26, 'n'], // oid
  [700, 'f'], // float4
  [701, 'f'], // float8
]);

const CONVERT_BY_OID = new Map<number, Convert>([
  [1114, Convert.Timestamp],
  [1184, Convert.Parse],
  [1083, Convert.Parse],
  [1266, Convert.Parse],
  [17, Convert.Parse],
]);

const SPACE = 0x20;
const COLON = 0x3a;
const T = 0x54;
const C = 0x43;

/**
 * Packs a PostgreSQL portal's DataRows (text format) as they arrive. A DataRow message is a packed row already,
 * so consecutive rows of the parser's buffer are copied in one go (a run, taken when the parser is done with
 * the buffer), with the timestamp separator patched in place. Rows holding a value that needs parsing (bytea,
 * timestamptz, time) or a text longer than a page carries are written cell by cell through the same parsers
 * and encoding as the JSON path, so both forms give the same values (docs/values.md).
 */
export class PostgresRowPacker implements DataRowSink {
  private readonly writer: PackedWriter;
  private readonly kinds: PackedKind[];
  private readonly convert: Convert[];
  private readonly parsers: ((text: string) => unknown)[];
  private readonly plain: boolean;
  /** Rows of `run` [runStart, runEnd) not copied yet. */
  private run: Buffer | null = null;
  private runStart = 0;
  private runEnd = 0;

  constructor(fields: readonly { dataTypeID: number }[]) {
    this.kinds = fields.map((f) => KIND_BY_OID.get(f.dataTypeID) ?? 't');
    this.convert = fields.map((f) => CONVERT_BY_OID.get(f.dataTypeID) ?? Convert.None);
    this.parsers = fields.map((f) => postgresTypes.getTypeParser(f.dataTypeID));
    this.plain = this.convert.every((c) => c === Convert.None);
    this.writer = new PackedWriter(this.kinds);
  }

  get rows(): number {
    return this.writer.rows;
  }

  /**
   * One DataRow, its body `bytes[start, end)` with its header just before. The bytes are the parser's: a
   * timestamp's separator is patched there, as the row is nobody else's.
   */
  row(bytes: Buffer, start: number, end: number): void {
    const head = start - DATA_ROW_HEADER;
    if (this.run !== bytes || head !== this.runEnd) {
      this.flush();
      this.run = bytes;
      this.runStart = this.runEnd = head;
    }
    const count = (bytes[start]! << 8) | bytes[start + 1]!;
    let p = start + 2;
    for (let i = 0; i < count; i++) {
      const length = (bytes[p]! << 24) | (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!;
      p += 4;
      if (length > TEXT_PREVIEW_CHARS || (!this.plain && !this.patch(i, bytes, p, length))) {
        this.flush();
        this.byCells(bytes, start);
        return;
      }
      if (length > 0) p += length;
    }
    this.writer.rowAt(this.writer.size + (head - this.runStart));
    this.runEnd = end;
  }

  /** The parser is done with its buffer: the run is copied now. */
  endOfBuffer(): void {
    this.flush();
  }

  /** A row from pg's decoded fields (a parser without the DataRow hook). */
  fields(fields: readonly (string | null)[]): void {
    this.flush();
    this.writer.beginRow(fields.length);
    for (let i = 0; i < fields.length; i++) {
      const text = fields[i];
      if (text === null || text === undefined) this.writer.null();
      else this.cell(i, text);
    }
    this.writer.endRow();
  }

  /** The rows packed so far; the packer starts over. */
  take(): PackedChunk {
    this.flush();
    return this.writer.take();
  }

  private flush(): void {
    if (this.run !== null && this.runEnd > this.runStart) this.writer.append(this.run, this.runStart, this.runEnd);
    this.run = null;
    this.runStart = this.runEnd = 0;
  }

  /** Converts field `i` in place; false when it needs the cell-by-cell path. */
  private patch(i: number, bytes: Buffer, p: number, length: number): boolean {
    const convert = this.convert[i];
    if (convert === Convert.None || length < 0) return true;
    if (convert === Convert.Parse) return false;
    // the common shape only: a 4-digit year, no ` BC` (years past 9999 and BC dates go the long way)
    if (length < 19 || bytes[p + 10] !== SPACE || bytes[p + 13] !== COLON || bytes[p + 16] !== COLON) return false;
    if (bytes[p + length - 1] === C) return false;
    bytes[p + 10] = T;
    return true;
  }

  private byCells(bytes: Buffer, start: number): void {
    const writer = this.writer;
    const count = bytes.readInt16BE(start);
    writer.beginRow(count);
    let p = start + 2;
    for (let i = 0; i < count; i++) {
      const length = bytes.readInt32BE(p);
      p += 4;
      if (length < 0) writer.null();
      else if (this.convert[i] === Convert.None && length <= TEXT_PREVIEW_CHARS) writer.textBytes(bytes, p, p + length);
      else this.cell(i, bytes.toString('utf8', p, p + length));
      if (length > 0) p += length;
    }
    writer.endRow();
  }

  /** Cell `i` from the server's text, through its parser and the value encoding. */
  private cell(i: number, text: string): void {
    const value = encodeValue(this.parsers[i]!(text));
    if (typeof value === 'string' && packedCellValue(this.kinds[i], value) === value) this.writer.text(value);
    else if (typeof value === 'number' || typeof value === 'boolean') {
      const asText = typeof value === 'boolean' ? (value ? 't' : 'f') : String(value);
      if (packedCellValue(this.kinds[i], asText) === value) this.writer.text(asText);
      else this.writer.json(value);
    } else this.writer.json(value);
  }
}
