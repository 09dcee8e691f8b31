/**
 * One big response body as lines: built once by streaming the file in 1 MB chunks (the event loop gets a turn
 * after each, so the app answers while a 100 MB body is indexed), minified JSON pretty-printed into a second
 * file on the way, and read back a range of lines at a time. Lines are readable while the build runs, up to
 * where it has got.
 */
import { createReadStream } from 'node:fs';
import { open, rm, stat, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../../../shared/errors';
import { utf8Boundary } from '../http-service';
import { JsonPrettyStream, JsonStructureError, looksLikeMinifiedJson } from './json-pretty';
import { LineIndex } from './line-index';

const CHUNK = 1024 * 1024;
/** Bytes read at a time when reading lines; a longer line is cut and the next found by its checkpoint. */
const WINDOW = 256 * 1024;
/** A line's text is cut here (`truncated` says which were): a viewer shows no more. */
export const MAX_LINE_BYTES = 10_000;

export interface BodyViewStatus {
  size: number;
  /** Bytes of the text shown (the formatted copy's when formatted). */
  viewSize: number;
  lineCount: number;
  formatted: boolean;
  indexing: boolean;
  /** Share of the body built so far, 0..1. */
  progress: number;
  /** Why formatting was given up (the body is shown as it came), or why the build failed. */
  note: string | null;
}

export interface LinesRange {
  start: number;
  lines: string[];
  /** Line numbers (0-based) whose text was cut at MAX_LINE_BYTES. */
  truncated: number[];
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class BodyView {
  index = new LineIndex();
  formatted = false;
  indexing = true;
  note: string | null = null;
  size = 0;
  private processed = 0;
  private cancelled = false;
  /** Why the build stopped (lines then fail with it). */
  failure: unknown = null;
  readonly ready: Promise<void>;

  constructor(
    readonly source: string,
    readonly prettyPath: string,
  ) {
    this.ready = this.build()
      .catch((error: unknown) => {
        this.failure = error;
        this.note = `The body could not be read: ${error instanceof Error ? error.message : String(error)}`;
      })
      .finally(() => {
        this.indexing = false;
      });
  }

  /** The file whose lines are shown. */
  get file(): string {
    return this.formatted ? this.prettyPath : this.source;
  }

  status(): BodyViewStatus {
    return {
      size: this.size,
      viewSize: this.index.bytes,
      lineCount: this.index.lineCount(!this.indexing),
      formatted: this.formatted,
      indexing: this.indexing,
      progress: this.indexing ? (this.size ? Math.min(0.99, this.processed / this.size) : 0) : 1,
      note: this.note,
    };
  }

  cancel(): void {
    this.cancelled = true;
  }

  async dispose(): Promise<void> {
    this.cancel();
    await this.ready;
    await rm(this.prettyPath, { force: true });
  }

  /** Lines `start`..`start + count - 1` of those built so far (fewer at the end). */
  async lines(start: number, count: number): Promise<LinesRange> {
    if (this.failure) throw this.failure;
    const total = this.index.lineCount(!this.indexing);
    const end = Math.min(start + count, total);
    const range: LinesRange = { start, lines: [], truncated: [] };
    if (start >= end) return range;
    const limit = this.index.bytes;
    const file = await openBody(this.file);
    try {
      const buffer = Buffer.allocUnsafe(WINDOW);
      const cp = this.index.checkpoint(start);
      let pos = cp.offset;
      let line = cp.line;
      let length = await readAt(file, buffer, pos, limit);
      let cursor = 0;
      const push = (from: number, to: number, cut: boolean) => {
        if (line < start) return;
        let stop = to > from && buffer[to - 1] === 0x0d ? to - 1 : to;
        if (stop - from > MAX_LINE_BYTES) {
          stop = from + utf8Boundary(buffer.subarray(from, from + MAX_LINE_BYTES));
          cut = true;
        }
        range.lines.push(buffer.toString('utf8', from, stop));
        if (cut) range.truncated.push(line);
      };
      while (line < end) {
        const nl = buffer.subarray(0, length).indexOf(0x0a, cursor);
        if (nl !== -1) {
          push(cursor, nl, false);
          line++;
          cursor = nl + 1;
          continue;
        }
        if (pos + length >= limit) {
          // the last line, without a newline
          if (cursor < length) push(cursor, length, false);
          break;
        }
        if (cursor > 0) {
          pos += cursor;
          cursor = 0;
          length = await readAt(file, buffer, pos, limit);
          continue;
        }
        // a line longer than the window: its start is shown, the next line starts at a checkpoint
        push(0, length, true);
        const next = this.index.exactStart(line + 1);
        if (next === null) break;
        line++;
        pos = next;
        length = await readAt(file, buffer, pos, limit);
      }
      return range;
    } finally {
      await file.close();
    }
  }

  private async build(): Promise<void> {
    this.size = (await stat(this.source)).size;
    const head = Buffer.allocUnsafe(Math.min(this.size, 64 * 1024));
    const file = await openBody(this.source);
    try {
      await readAt(file, head, 0, this.size);
    } finally {
      await file.close();
    }
    if (looksLikeMinifiedJson(head)) {
      this.formatted = true;
      try {
        await this.formatJson();
        return;
      } catch (error) {
        if (!(error instanceof JsonStructureError)) throw error;
        this.note = `Shown as received: not formatted as JSON (${error.message}).`;
        this.formatted = false;
        this.index = new LineIndex();
        this.processed = 0;
        await rm(this.prettyPath, { force: true });
      }
    }
    await this.eachChunk((chunk) => this.index.scan(chunk));
  }

  /** Writes the formatted copy, indexing what is written (so its lines are readable as soon as written). */
  private async formatJson(): Promise<void> {
    const pretty = new JsonPrettyStream();
    const out = await open(this.prettyPath, 'w', 0o600);
    try {
      const write = async (bytes: Buffer) => {
        await out.write(bytes);
        this.index.scan(bytes);
      };
      await this.eachChunk((chunk) => write(pretty.push(chunk)));
      await write(pretty.end());
    } finally {
      await out.close();
    }
  }

  private async eachChunk(use: (chunk: Buffer) => void | Promise<void>): Promise<void> {
    for await (const chunk of createReadStream(this.source, { highWaterMark: CHUNK })) {
      if (this.cancelled) throw new AppError('REQUEST_CANCELLED', 'The body view was closed.');
      await use(chunk as Buffer);
      this.processed += (chunk as Buffer).length;
      await turn();
    }
  }
}

export async function openBody(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new AppError('NOT_FOUND', 'This response body is no longer kept; send the request again.');
    throw error;
  }
}

async function readAt(file: FileHandle, buffer: Buffer, pos: number, limit: number): Promise<number> {
  const want = Math.max(0, Math.min(buffer.length, limit - pos));
  if (want === 0) return 0;
  const { bytesRead } = await file.read(buffer, 0, want, pos);
  return bytesRead;
}
