/**
 * Where a response body goes: memory up to the threshold, then a file of the body store (what was held so far
 * is written first), so a 100 MB response never sits in memory.
 */
import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import type { BodyStore } from './body-store';
import type { ResponseBody } from './send-types';

export const INLINE_BODY_BYTES = 2 * 1024 * 1024;

export class BodySink extends Writable {
  private chunks: Buffer[] = [];
  private held = 0;
  private size = 0;
  private file: { handle: string; stream: WriteStream } | null = null;

  constructor(
    private readonly store: BodyStore,
    private readonly threshold = INLINE_BODY_BYTES,
  ) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.size += chunk.length;
    if (this.file === null && this.held + chunk.length <= this.threshold) {
      this.chunks.push(chunk);
      this.held += chunk.length;
      done();
      return;
    }
    if (this.file === null) {
      this.file = this.store.create();
      this.file.stream.on('error', (error) => this.destroy(error));
      for (const held of this.chunks) this.file.stream.write(held);
      this.chunks = [];
      this.held = 0;
    }
    if (this.file.stream.write(chunk)) done();
    else this.file.stream.once('drain', () => done());
  }

  override _final(done: (error?: Error | null) => void): void {
    if (this.file === null) {
      done();
      return;
    }
    const stream = this.file.stream;
    stream.end();
    once(stream, 'finish').then(
      () => done(),
      (error: Error) => done(error),
    );
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    // autoDestroy calls this after a clean finish too: only a failed or aborted body loses its file
    if (this.file && error) {
      const { handle, stream } = this.file;
      stream.destroy();
      void this.store.delete(handle).catch(() => undefined);
    }
    done(error);
  }

  /** The body as the response reports it (after `finish`). */
  result(wireSize: number): ResponseBody {
    if (this.file) {
      return { size: this.size, wireSize, encoding: null, data: null, handle: this.file.handle };
    }
    return inlineBody(Buffer.concat(this.chunks, this.held), this.size, wireSize);
  }
}

/** An inline body: UTF-8 text when it is text, else base64. */
export function inlineBody(bytes: Buffer, size: number, wireSize: number): ResponseBody {
  const text = decodeUtf8(bytes);
  return text === null
    ? { size, wireSize, encoding: 'base64', data: bytes.toString('base64'), handle: null }
    : { size, wireSize, encoding: 'utf8', data: text, handle: null };
}

/**
 * The bytes as text when they are valid UTF-8 without NUL characters (else binary), null otherwise. A BOM is
 * kept. isUtf8 then toString rather than a fatal TextDecoder: no exception path, a fraction of the cost for the
 * small bodies every run request gets (bench:runner).
 */
function decodeUtf8(bytes: Buffer): string | null {
  if (bytes.includes(0) || !isUtf8(bytes)) return null;
  return bytes.toString('utf8');
}
