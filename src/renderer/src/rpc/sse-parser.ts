/** One dispatched server-sent event. */
export interface SseMessage {
  /** `message` unless the block named another type (`event: resync`). */
  event: string;
  data: string;
  /** The last event id after this block (ids persist across blocks, as in EventSource). */
  lastEventId: string;
}

/**
 * An incremental parser of the `text/event-stream` format (the WHATWG rules EventSource follows): lines end in
 * LF, CRLF or CR; `:` starts a comment; `data` lines are joined with LF; a block with an `id` but no data still
 * sets the last event id; an id containing NUL is ignored. Feed it decoded text as it arrives.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private eventType = '';
  private hasData = false;
  private pendingCr = false;
  lastEventId: string;

  constructor(
    private readonly onMessage: (message: SseMessage) => void,
    lastEventId = '',
  ) {
    this.lastEventId = lastEventId;
  }

  feed(text: string): void {
    let chunk = text;
    // a CR that ended the previous chunk may be the first half of a CRLF
    if (this.pendingCr) {
      this.pendingCr = false;
      if (chunk.startsWith('\n')) chunk = chunk.slice(1);
    }
    this.buffer += chunk;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(this.buffer.slice(start, i));
      if (c === 13) {
        if (i + 1 === this.buffer.length) this.pendingCr = true;
        else if (this.buffer.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  private line(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        this.hasData = true;
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      default:
        // `retry` and unknown fields: our reconnect timing is our own
        break;
    }
  }

  private dispatch(): void {
    const hadData = this.hasData;
    const message: SseMessage = {
      event: this.eventType || 'message',
      data: this.data.join('\n'),
      lastEventId: this.lastEventId,
    };
    this.data = [];
    this.eventType = '';
    this.hasData = false;
    if (hadData) this.onMessage(message);
  }
}
