/**
 * Reads a response's body file, which must stay inside the mock's folder: absolute paths, `..` (also once a
 * templated path's decoded parameters are in it) and symbolic links that point outside are refused with
 * PATH_OUTSIDE_ROOT. The check runs on the real path at read time, so a link made after the mock loaded is
 * caught too.
 */
import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { AppError } from '../../../shared/errors';

export interface BodyFile {
  /** The real path of the file read. */
  file: string;
  bytes: Buffer;
  /** From the extension; application/octet-stream when unknown. */
  contentType: string;
  /** Text (UTF-8) content: a templating step may compile it. */
  isText: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** `root` is the mock's folder; `name` the body file as written (relative to it). */
export async function readBodyFile(root: string, name: string): Promise<BodyFile> {
  const outside = () =>
    new AppError('PATH_OUTSIDE_ROOT', `The body file "${name}" is outside the mock's folder.`, { bodyFile: name });
  if (name.includes('\0') || isAbsolute(name) || inside(resolve(root), resolve(root, name)) === false) throw outside();
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = await realpath(root);
    realFile = await realpath(resolve(root, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('FILE_NOT_FOUND', `The body file "${name}" does not exist in the mock's folder.`, {
        bodyFile: name,
      });
    }
    throw new AppError('IO_ERROR', `The body file "${name}" could not be read: ${(error as Error).message}`, {
      bodyFile: name,
    });
  }
  if (!inside(realRoot, realFile)) throw outside();
  let bytes: Buffer;
  try {
    bytes = await readFile(realFile);
  } catch (error) {
    throw new AppError('IO_ERROR', `The body file "${name}" could not be read: ${(error as Error).message}`, {
      bodyFile: name,
    });
  }
  const contentType = contentTypeOf(realFile);
  return { file: realFile, bytes, contentType, isText: /charset=utf-8|svg/.test(contentType) };
}

function inside(root: string, file: string): boolean {
  const path = relative(root, file);
  return path !== '' && path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}
