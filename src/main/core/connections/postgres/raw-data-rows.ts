import { Parser } from 'pg-protocol/dist/parser';

const DATA_ROW = 68; // 'D'
/** DataRow message header: the code byte and the int32 length. */
export const DATA_ROW_HEADER = 5;

/**
 * Where a parser puts DataRows instead of making messages of them: a portal read in packed form (see
 * PortalCursor.packing). `row` gets the message's body, `bytes[start, end)` (its header is the 5 bytes before
 * `start`); the bytes are the parser's buffer, valid until endOfBuffer(), which the parser calls when it is
 * done with that buffer (so consecutive rows can be copied in one go).
 */
export interface DataRowSink {
  row(bytes: Buffer, start: number, end: number): void;
  endOfBuffer(): void;
}

/** The message pg receives for a row that went to a sink: the query only counts it. */
export const SUNK_ROW = { name: 'dataRow', length: 0, fieldCount: 0, fields: [] as (string | null)[] };

/**
 * A DataRow message whose fields are decoded only when asked for (pg-protocol decodes every field of every row
 * into a string as it parses). Its bytes are the parser's buffer, valid only while the message is handled:
 * pg hands each message to its query synchronously (Client → Query/Cursor.handleDataRow), which reads it then.
 */
export class RawDataRow {
  readonly name = 'dataRow';
  length = 0;
  private decoded: (string | null)[] | null = null;

  constructor(
    readonly bytes: Buffer,
    readonly start: number,
    readonly end: number,
    /** The parser it came from: a sink attached to it receives the next rows directly. */
    readonly parser: object,
  ) {}

  get fieldCount(): number {
    return this.bytes.readInt16BE(this.start);
  }

  /** The fields as pg-protocol gives them: UTF-8 text, or null. */
  get fields(): (string | null)[] {
    if (this.decoded) return this.decoded;
    const { bytes } = this;
    const count = bytes.readInt16BE(this.start);
    const fields = new Array<string | null>(count);
    let at = this.start + 2;
    for (let i = 0; i < count; i++) {
      const length = bytes.readInt32BE(at);
      at += 4;
      if (length === -1) fields[i] = null;
      else {
        fields[i] = bytes.toString('utf8', at, at + length);
        at += length;
      }
    }
    return (this.decoded = fields);
  }
}

const SINK = Symbol('backbench.dataRowSink');
type SinkHolder = { [SINK]?: DataRowSink | null };

/** Sends the parser's next DataRows to `sink` until detachSink. */
export function attachSink(parser: object, sink: DataRowSink): void {
  (parser as SinkHolder)[SINK] = sink;
}

/** Stops sending rows to the parser's sink, which first takes what it still holds of the parser's buffer. */
export function detachSink(parser: object): void {
  const holder = parser as SinkHolder;
  const sink = holder[SINK];
  if (!sink) return;
  holder[SINK] = null;
  sink.endOfBuffer();
}

type HandlePacket = (offset: number, code: number, length: number, bytes: Buffer) => unknown;
type Parse = (buffer: Buffer, callback: (message: unknown) => void) => void;
let installed = false;

/**
 * Makes pg-protocol's parser hand DataRows to an attached sink, or else over as RawDataRow (once per process;
 * every pg connection's parser shares the class). Other messages are parsed as before.
 */
export function installRawDataRows(): void {
  if (installed) return;
  installed = true;
  const proto = Parser.prototype as unknown as { handlePacket: HandlePacket; parse: Parse };
  const handlePacket = proto.handlePacket;
  const parse = proto.parse;
  proto.handlePacket = function (this: SinkHolder, offset, code, length, bytes) {
    if (code !== DATA_ROW) return handlePacket.call(this, offset, code, length, bytes);
    // `offset` is past the header; `length` counts itself (4 bytes) and the body
    const end = offset + length - 4;
    const sink = this[SINK];
    if (sink) {
      sink.row(bytes, offset, end);
      return SUNK_ROW;
    }
    const row = new RawDataRow(bytes, offset, end, this);
    row.length = length;
    return row;
  };
  proto.parse = function (this: SinkHolder, buffer, callback) {
    parse.call(this, buffer, callback);
    this[SINK]?.endOfBuffer();
  };
}
