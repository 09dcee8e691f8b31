/**
 * The workspace's `mocks/` folder: one YAML file per mock, named by a path relative to the folder
 * (`shop-api.yaml`, `team/orders.yml`). Every path from the UI is resolved inside the folder (symlinks
 * included), and writes are atomic (temp file + rename), so a watcher or a crash never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { AppError } from '../../../shared/errors';
import { resolveInsideReal } from '../workspace/safe-path';

const MOCK_FILE = /\.ya?ml$/i;

export class MockFiles {
  readonly root: string;

  constructor(workspaceDir: string) {
    this.root = join(workspaceDir, 'mocks');
    mkdirSync(this.root, { recursive: true });
  }

  /** Whether a path relative to the folder names a mock file (by its extension). */
  static isMockPath(path: string): boolean {
    return MOCK_FILE.test(path);
  }

  /** Every .yaml/.yml file below the folder, sorted; forward slashes. Symlinks are not followed. */
  async list(): Promise<string[]> {
    await mkdir(this.root, { recursive: true });
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile() && MOCK_FILE.test(entry.name)) out.push(this.relativePath(full));
      }
    };
    await walk(this.root);
    return out.sort((a, b) => a.localeCompare(b));
  }

  /** The absolute file of a mock path; PATH_OUTSIDE_ROOT when it leaves the folder. */
  async resolve(path: string): Promise<string> {
    return resolveInsideReal(this.root, path);
  }

  /** A path as the module keys it: relative, forward slashes, no `./`. */
  async normalize(path: string): Promise<string> {
    return this.relativePath(await this.resolve(path));
  }

  relativePath(file: string): string {
    return relative(this.root, file).split(sep).join('/');
  }

  async exists(path: string): Promise<boolean> {
    try {
      return (await stat(await this.resolve(path))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /** The file's text; FILE_NOT_FOUND naming the path when there is none. */
  async readText(path: string): Promise<string> {
    const file = await this.resolve(path);
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw fileError(error, path);
    }
  }

  /** Writes atomically and creates parent folders. */
  async writeText(path: string, text: string): Promise<void> {
    const file = await this.resolve(path);
    // a dot file ending in .tmp: the folder watcher and list() skip it
    const temp = join(dirname(file), `.bb-${randomBytes(6).toString('hex')}.tmp`);
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(temp, text, 'utf8');
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw fileError(error, path);
    }
  }

  /** False when there was no such file. */
  async delete(path: string): Promise<boolean> {
    const file = await this.resolve(path);
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new AppError('INVALID_INPUT', `"${path}" is not a mock file.`, { path });
      await rm(file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw fileError(error, path);
    }
  }
}

/** "Shop API" → `shop-api`; a name with no letters or digits → `mock`. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug === '' ? 'mock' : slug;
}

function fileError(error: unknown, path: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new AppError('FILE_NOT_FOUND', `There is no mock file "${path}".`, { path });
  if (code === 'EISDIR') return new AppError('INVALID_INPUT', `"${path}" is a folder, not a mock file.`, { path });
  return new AppError('IO_ERROR', `The mock file "${path}" could not be used: ${(error as Error).message}`, { path });
}
