import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep, win32 } from 'node:path';
import { AppError } from '../../../shared/errors';

function outside(userPath: string, root: string, why: string): AppError {
  return new AppError('PATH_OUTSIDE_ROOT', `The path "${userPath}" ${why}; use a path inside ${root}.`, {
    path: userPath,
    root,
  });
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Resolves a user-supplied relative path inside `root` without touching the disk. Rejects absolute paths (any
 * platform's form), `..` segments and NUL bytes, so a path from the UI can never name a file elsewhere.
 */
export function resolveInside(root: string, userPath: string): string {
  if (userPath.includes('\0')) throw outside(userPath, root, 'contains a NUL character');
  if (isAbsolute(userPath) || win32.isAbsolute(userPath)) throw outside(userPath, root, 'is absolute');
  if (userPath.split(/[\\/]+/).includes('..')) throw outside(userPath, root, 'contains ".."');
  const absRoot = resolve(root);
  const target = resolve(absRoot, userPath);
  if (target === absRoot || !isInside(absRoot, target))
    throw outside(userPath, root, 'does not name a file inside the folder');
  return target;
}

/**
 * Like resolveInside, and also follows symlinks: the real path of the deepest existing ancestor (or the file
 * itself) must stay inside the real root, so a symlink planted in the folder cannot lead out of it.
 */
export async function resolveInsideReal(root: string, userPath: string): Promise<string> {
  const target = resolveInside(root, userPath);
  const realRoot = await realpath(root).catch(() => resolve(root));
  let probe = target;
  for (;;) {
    try {
      const real = await realpath(probe);
      if (!isInside(realRoot, real)) throw outside(userPath, root, 'leads outside the folder through a symbolic link');
      return target;
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = dirname(probe);
      if (parent === probe || !(parent + sep).startsWith(resolve(root) + sep)) return target;
      probe = parent;
    }
  }
}
