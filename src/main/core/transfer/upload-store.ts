import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../shared/errors';
import { ensurePrivateDir } from '../data-dir';

/**
 * Files uploaded to the browser host for an import (`POST /upload`): `<dataDir>/uploads/<uuid>` (0700, files
 * 0600) with the original name beside it in `<uuid>.name`. The id is all a caller ever names; it is checked to
 * be a UUID, so no path from outside reaches the file system. Uploads are removed a day after they arrive.
 */

/** The largest upload the browser host takes. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function uploadsDir(dataDir: string): string {
  return join(dataDir, 'uploads');
}

/**
 * Writes `body` to a new upload, stopping with PAYLOAD_TOO_LARGE past `maxBytes` (the partial file is removed).
 * Returns its id.
 */
export async function saveUpload(
  dataDir: string,
  name: string,
  body: Readable,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<{ fileId: string; bytes: number }> {
  const dir = uploadsDir(dataDir);
  ensurePrivateDir(dir);
  const fileId = randomUUID();
  const path = join(dir, fileId);
  let bytes = 0;
  try {
    await pipeline(
      body,
      async function* limit(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          bytes += chunk.length;
          if (bytes > maxBytes) {
            throw new AppError(
              'PAYLOAD_TOO_LARGE',
              `The file is larger than ${maxBytes} bytes, the most an upload may be.`,
            );
          }
          yield chunk;
        }
      },
      createWriteStream(path, { flags: 'wx', mode: 0o600 }),
    );
    await writeFile(`${path}.name`, name.slice(0, 1000), { mode: 0o600 });
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { fileId, bytes };
}

/** The path and original name of an upload, or null when there is none with this id. */
export function findUpload(dataDir: string, fileId: string): { path: string; name: string } | null {
  if (!UUID.test(fileId)) return null;
  const path = join(uploadsDir(dataDir), fileId);
  if (!existsSync(path)) return null;
  const nameFile = `${path}.name`;
  return { path, name: existsSync(nameFile) ? readFileSync(nameFile, 'utf8') : fileId };
}

/** Removes uploads older than a day. */
export async function pruneUploads(dataDir: string, now: number): Promise<void> {
  const dir = uploadsDir(dataDir);
  if (!existsSync(dir)) return;
  for (const entry of await readdir(dir)) {
    const path = join(dir, entry);
    const info = await stat(path).catch(() => null);
    if (info && now - info.mtimeMs > MAX_AGE_MS) await rm(path, { force: true });
  }
}
