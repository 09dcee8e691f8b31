import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { SavedQuery } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { resolveInsideReal } from './safe-path';

/** Saved queries: plain `.sql` files under `<workspaceDir>/queries`, so they can live in git. */
export class SavedQueries {
  readonly root: string;

  constructor(workspaceDir: string) {
    this.root = join(workspaceDir, 'queries');
  }

  /** Every .sql file below the root, sorted by path; paths use forward slashes. Symlinks are not followed. */
  async list(): Promise<SavedQuery[]> {
    await mkdir(this.root, { recursive: true });
    const out: SavedQuery[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile() && entry.name.toLowerCase().endsWith('.sql')) out.push(await this.describe(full));
      }
    };
    await walk(this.root);
    return out.sort((a, b) => a.path.localeCompare(b.path));
  }

  async read(path: string): Promise<{ path: string; sql: string }> {
    const file = await this.resolve(path);
    try {
      return { path: this.relativePath(file), sql: await readFile(file, 'utf8') };
    } catch (error) {
      throw fileError(error, path);
    }
  }

  /** Writes atomically (temp file + rename) and creates parent folders. */
  async save(path: string, sql: string): Promise<SavedQuery> {
    const file = await this.resolve(path);
    // a short temp name: one built from the file's name would pass the 255-byte limit before the name does
    const temp = join(dirname(file), `.bb-${randomBytes(6).toString('hex')}.tmp`);
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(temp, sql, 'utf8');
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw fileError(error, path);
    }
    return this.describe(file);
  }

  /** False when there was no such file. */
  async delete(path: string): Promise<boolean> {
    const file = await this.resolve(path);
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new AppError('INVALID_INPUT', `"${path}" is not a saved query file.`, { path });
      await rm(file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw fileError(error, path);
    }
  }

  private async resolve(path: string): Promise<string> {
    try {
      return await resolveInsideReal(this.root, path);
    } catch (error) {
      throw fileError(error, path);
    }
  }

  private relativePath(file: string): string {
    return relative(this.root, file).split(sep).join('/');
  }

  private async describe(file: string): Promise<SavedQuery> {
    const info = await stat(file);
    return {
      path: this.relativePath(file),
      name: basename(file).replace(/\.sql$/i, ''),
      sizeBytes: info.size,
      modifiedAt: info.mtime.toISOString(),
    };
  }
}

function fileError(error: unknown, path: string): Error {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT')
    return new AppError('NOT_FOUND', `The saved query "${path}" does not exist any more.`, { path });
  if (code === 'ENAMETOOLONG') {
    return new AppError(
      'INVALID_INPUT',
      `The saved query name "${path}" is too long for the file system — choose a shorter name.`,
      { path },
    );
  }
  if (code === 'EISDIR' || code === 'ENOTDIR' || code === 'EEXIST')
    return new AppError(
      'INVALID_INPUT',
      `The saved query "${path}" clashes with a folder or file of the same name — choose another name.`,
      { path },
    );
  if (code === 'EACCES' || code === 'EPERM') {
    return new AppError(
      'PERMISSION_DENIED',
      `No permission to access the saved query "${path}". Check the folder's permissions.`,
      { path },
    );
  }
  return new AppError('IO_ERROR', `Could not access the saved query "${path}": ${(error as Error).message}`, {
    path,
    code,
  });
}
