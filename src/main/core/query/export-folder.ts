import { constants } from 'node:fs';
import { copyFile, link, lstat, readdir, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Files in the exports folder older than this are removed. */
export const EXPORT_MAX_AGE_MS = 24 * 60 * 60_000;
/** Past this total size, the oldest files in the exports folder are removed first (the newest always stays). */
export const EXPORTS_MAX_BYTES = 1024 * 1024 * 1024;

/** The suffix of a file still being written. */
export const PARTIAL_SUFFIX = '.part';

/** A file name for an export that starts at `at`: `export-2024-02-03T04-05-06-007Z.csv`, `-2`, `-3` after it. */
export function exportFileName(at: Date, format: string, n = 1): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return n === 1 ? `export-${stamp}.${format}` : `export-${stamp}-${n}.${format}`;
}

/**
 * Moves a finished file to `dir/<name>` without ever replacing a file: a hard link fails when the name exists,
 * so a name taken meanwhile (by another process too) moves on to the next one. Returns the path used.
 */
export async function placeWithoutReplacing(
  temp: string,
  dir: string,
  nameFor: (n: number) => string,
): Promise<string> {
  for (let n = 1; ; n++) {
    const target = join(dir, nameFor(n));
    try {
      await link(temp, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      // a file system without hard links: an exclusive copy refuses an existing name just the same
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
      try {
        await copyFile(temp, target, constants.COPYFILE_EXCL);
      } catch (copyError) {
        if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw copyError;
      }
    }
    await unlink(temp);
    return target;
  }
}

export interface PruneOptions {
  now: number;
  maxAgeMs?: number;
  maxBytes?: number;
  /** Names that must stay (exports being written). */
  keep?: ReadonlySet<string>;
}

/**
 * Keeps the exports folder from growing without end: removes files older than a day (partial files left by a
 * crash included), then the oldest finished files while the folder holds more than `maxBytes`. Only regular
 * files directly in the folder are touched. Returns the names removed.
 */
export async function pruneExports(dir: string, options: PruneOptions): Promise<string[]> {
  const maxAge = options.maxAgeMs ?? EXPORT_MAX_AGE_MS;
  const maxBytes = options.maxBytes ?? EXPORTS_MAX_BYTES;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: { name: string; size: number; mtimeMs: number }[] = [];
  for (const name of names) {
    if (options.keep?.has(name)) continue;
    const info = await lstat(join(dir, name)).catch(() => null);
    if (info?.isFile()) files.push({ name, size: info.size, mtimeMs: info.mtimeMs });
  }
  const removed: string[] = [];
  const remove = async (name: string) => {
    await rm(join(dir, name), { force: true });
    removed.push(name);
  };
  const kept = [];
  for (const file of files) {
    if (options.now - file.mtimeMs > maxAge) await remove(file.name);
    else if (!file.name.endsWith(PARTIAL_SUFFIX)) kept.push(file);
  }
  kept.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
  let total = kept.reduce((sum, file) => sum + file.size, 0);
  for (const file of kept.slice(0, -1)) {
    if (total <= maxBytes) break;
    await remove(file.name);
    total -= file.size;
  }
  return removed;
}
