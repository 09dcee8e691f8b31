/**
 * Response bodies past the inline threshold, kept as files in `<data>/http-bodies` (0700, files 0600) and read
 * back in ranges by a handle (a UUID this store made — never a path from the caller). Old files are pruned:
 * at start those older than a day, and after each new one all but the newest `keep`.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../../shared/errors';
import { ensurePrivateDir } from '../../data-dir';

const HANDLE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY_MS = 24 * 3600 * 1000;

export interface BodyRange {
  offset: number;
  /** Bytes read. */
  length: number;
  /** The whole body's size. */
  size: number;
  bytes: Buffer;
}

export class BodyStore {
  readonly dir: string;
  private readonly keep: number;

  constructor(dataDir: string, options: { keep?: number } = {}) {
    this.dir = join(dataDir, 'http-bodies');
    this.keep = options.keep ?? 50;
    mkdirSync(dataDir, { recursive: true });
    ensurePrivateDir(this.dir);
  }

  /** A new file to stream a body into, and its handle. */
  create(): { handle: string; stream: WriteStream } {
    const handle = randomUUID();
    return { handle, stream: createWriteStream(this.fileOf(handle), { mode: 0o600, flags: 'wx' }) };
  }

  /** Reads `length` bytes from `offset` (fewer at the end). NOT_FOUND once the body is gone. */
  async read(handle: string, offset: number, length: number): Promise<BodyRange> {
    let file;
    try {
      file = await open(this.fileOf(handle), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new AppError('NOT_FOUND', 'This response body is no longer kept; send the request again.', { handle });
      }
      throw error;
    }
    try {
      const size = (await file.stat()).size;
      const start = Math.min(offset, size);
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - start)));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, start);
      return { offset: start, length: bytesRead, size, bytes: buffer.subarray(0, bytesRead) };
    } finally {
      await file.close();
    }
  }

  async delete(handle: string): Promise<void> {
    await rm(this.fileOf(handle), { force: true });
  }

  /** Deletes files older than a day, then all but the newest `keep`. */
  async prune(now = Date.now()): Promise<void> {
    const entries = await Promise.all(
      (await readdir(this.dir))
        .filter((name) => name.endsWith('.body'))
        .map(async (name) => ({ name, mtime: (await stat(join(this.dir, name)).catch(() => null))?.mtimeMs ?? 0 })),
    );
    entries.sort((a, b) => b.mtime - a.mtime);
    const doomed = entries.filter((entry, index) => index >= this.keep || now - entry.mtime > DAY_MS);
    await Promise.all(doomed.map((entry) => rm(join(this.dir, entry.name), { force: true })));
  }

  private fileOf(handle: string): string {
    if (!HANDLE.test(handle)) throw new AppError('INVALID_INPUT', 'Not a response body handle.', { handle });
    return join(this.dir, `${handle}.body`);
  }
}
