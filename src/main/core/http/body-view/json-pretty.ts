/**
 * A streaming JSON pretty-printer over bytes: minified JSON in, the same JSON with 2-space indentation out, one
 * chunk at a time and in constant memory (but for the nesting stack). Strings, numbers and literals are copied
 * byte for byte — nothing is parsed into values, so `1.0`, `1e400` and lone surrogates stay as sent. Only the
 * structure is checked (brackets match, one top-level value); anything else is the server's and shown verbatim.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const SPACE = 0x20;

const isSpace = (c: number) => c === SPACE || c === NEWLINE || c === 0x0d || c === 0x09;
const isStructural = (c: number) =>
  c === OPEN_BRACE || c === CLOSE_BRACE || c === OPEN_BRACKET || c === CLOSE_BRACKET || c === COMMA || c === COLON;

export class JsonStructureError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'JsonStructureError';
  }
}

/** Collects output bytes in blocks, so a chunk's output can be larger than the chunk without copying twice. */
class Output {
  private block = Buffer.allocUnsafe(1 << 18);
  private pos = 0;
  private blocks: Buffer[] = [];

  byte(c: number): void {
    if (this.pos === this.block.length) this.flush();
    this.block[this.pos++] = c;
  }

  copy(from: Buffer, start: number, end: number): void {
    // Buffer#copy costs more than a loop for the short pieces JSON is mostly made of
    if (end - start <= 32 && this.pos + (end - start) <= this.block.length) {
      const block = this.block;
      let pos = this.pos;
      for (let i = start; i < end; i++) block[pos++] = from[i]!;
      this.pos = pos;
      return;
    }
    while (start < end) {
      if (this.pos === this.block.length) this.flush();
      const n = Math.min(end - start, this.block.length - this.pos);
      from.copy(this.block, this.pos, start, start + n);
      this.pos += n;
      start += n;
    }
  }

  take(): Buffer {
    this.flush();
    const out = this.blocks.length === 1 ? this.blocks[0]! : Buffer.concat(this.blocks);
    this.blocks = [];
    return out;
  }

  private flush(): void {
    if (this.pos === 0) return;
    this.blocks.push(Buffer.from(this.block.subarray(0, this.pos)));
    this.pos = 0;
  }
}

export class JsonPrettyStream {
  private readonly out = new Output();
  /** The open containers, as their opening byte. */
  private readonly stack: number[] = [];
  private inString = false;
  private escaped = false;
  /** An opening bracket was written; a newline follows unless the container is empty (`{}` stays on its line). */
  private pendingOpen = false;
  private done = false;
  private started = false;
  private offset = 0;
  private indent = Buffer.alloc(0);

  /** The formatted bytes for `chunk`. Throws JsonStructureError when the structure is not JSON. */
  push(chunk: Buffer): Buffer {
    const out = this.out;
    const n = chunk.length;
    let nextQuote = -1;
    let nextBackslash = -1;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        if (this.escaped) {
          out.byte(chunk[i]!);
          this.escaped = false;
          i++;
          continue;
        }
        if (nextQuote < i) nextQuote = indexOrEnd(chunk, QUOTE, i);
        if (nextBackslash < i) nextBackslash = indexOrEnd(chunk, BACKSLASH, i);
        const stop = Math.min(nextQuote, nextBackslash);
        out.copy(chunk, i, stop);
        if (stop === n) break;
        out.byte(chunk[stop]!);
        if (chunk[stop] === BACKSLASH) this.escaped = true;
        else this.inString = false;
        i = stop + 1;
        continue;
      }
      const c = chunk[i]!;
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (this.done) throw new JsonStructureError('Text after the JSON value', this.offset + i);
      if (!this.started && c !== OPEN_BRACE && c !== OPEN_BRACKET)
        throw new JsonStructureError('Not a JSON object or array', this.offset + i);
      this.started = true;
      if (this.pendingOpen) {
        this.pendingOpen = false;
        const open = this.stack[this.stack.length - 1];
        if ((c === CLOSE_BRACE && open === OPEN_BRACE) || (c === CLOSE_BRACKET && open === OPEN_BRACKET)) {
          this.stack.pop();
          out.byte(c);
          this.done = this.stack.length === 0;
          i++;
          continue;
        }
        this.newline();
      }
      switch (c) {
        case QUOTE:
          out.byte(c);
          this.inString = true;
          i++;
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          out.byte(c);
          this.stack.push(c);
          this.pendingOpen = true;
          i++;
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET: {
          const open = this.stack.pop();
          if (open !== (c === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET))
            throw new JsonStructureError(`Unexpected "${String.fromCharCode(c)}"`, this.offset + i);
          this.newline();
          out.byte(c);
          this.done = this.stack.length === 0;
          i++;
          break;
        }
        case COMMA:
          out.byte(c);
          this.newline();
          i++;
          break;
        case COLON:
          out.byte(c);
          out.byte(SPACE);
          i++;
          break;
        default: {
          // a number or a literal: copied up to the next structural byte or space
          let end = i + 1;
          while (end < n && !isStructural(chunk[end]!) && !isSpace(chunk[end]!) && chunk[end] !== QUOTE) end++;
          out.copy(chunk, i, end);
          i = end;
        }
      }
    }
    this.offset += n;
    return out.take();
  }

  /** The last bytes (a final newline); throws when the JSON ended early. */
  end(): Buffer {
    if (!this.done) throw new JsonStructureError('The JSON ends before its value is complete', this.offset);
    this.out.byte(NEWLINE);
    return this.out.take();
  }

  private newline(): void {
    const width = this.stack.length * 2;
    if (this.indent.length < width) this.indent = Buffer.alloc(Math.max(width, this.indent.length * 2), SPACE);
    this.out.byte(NEWLINE);
    this.out.copy(this.indent, 0, width);
  }
}

function indexOrEnd(chunk: Buffer, byte: number, from: number): number {
  const at = chunk.indexOf(byte, from);
  return at === -1 ? chunk.length : at;
}

/**
 * Whether a body's first bytes look like minified JSON worth formatting: an object or array whose first 64 KB
 * hold a line longer than `longLine` bytes (pretty JSON from the server is shown as it came).
 */
export function looksLikeMinifiedJson(head: Buffer, longLine = 2000): boolean {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return false; // a BOM: not ours to rewrite
  while (i < head.length && isSpace(head[i]!)) i++;
  if (head[i] !== OPEN_BRACE && head[i] !== OPEN_BRACKET) return false;
  let start = 0;
  for (;;) {
    const nl = head.indexOf(NEWLINE, start);
    const end = nl === -1 ? head.length : nl;
    if (end - start > longLine) return true;
    if (nl === -1) return false;
    start = nl + 1;
  }
}
