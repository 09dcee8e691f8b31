/**
 * Turns a request body of the file model into what undici sends. A body is a factory: a redirect that keeps
 * the body (307, 308) needs a fresh stream of the same file.
 */
import { createReadStream, openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { FormData } from 'undici';
import { AppError } from '../../../../shared/errors';
import type { RequestBody } from '../../../../shared/http-request';
import { resolveInsideReal } from '../../workspace/safe-path';
import type { HeaderEntry } from './send-types';

export interface BuiltBody {
  body: string | Readable | FormData | null;
  /** Headers the body type implies, each added only when the request does not name it. */
  headers: HeaderEntry[];
}

/** The factory of no body (a fresh result each time: a caller may add to its headers). */
export const noBody = async (): Promise<BuiltBody> => ({ body: null, headers: [] });

/** Reads the body's files now (missing ones fail before anything is sent) and returns a factory. */
export async function prepareBody(
  body: RequestBody | undefined,
  baseDir: string,
  filesRoot?: string,
): Promise<() => Promise<BuiltBody>> {
  if (!body || body.type === 'none') return noBody;
  switch (body.type) {
    case 'json':
      return text(body.text, 'application/json');
    case 'text':
      return text(body.text, 'text/plain; charset=utf-8');
    case 'xml':
      return text(body.text, 'application/xml; charset=utf-8');
    case 'form': {
      const form = new URLSearchParams();
      for (const field of body.fields) if (field.enabled !== false) form.append(field.name, field.value);
      return text(form.toString(), 'application/x-www-form-urlencoded');
    }
    case 'graphql':
      return text(JSON.stringify(graphqlPayload(body.query, body.variables, body.operationName)), 'application/json');
    case 'soap': {
      if (body.version === '1.2') {
        const action = body.action ? `; action="${body.action}"` : '';
        return text(body.text, `application/soap+xml; charset=utf-8${action}`);
      }
      const built: BuiltBody = {
        body: body.text,
        headers: [{ name: 'Content-Type', value: 'text/xml; charset=utf-8' }],
      };
      // SOAP 1.1 wants the header even when empty, its value quoted
      built.headers.push({ name: 'SOAPAction', value: `"${body.action ?? ''}"` });
      return async () => built;
    }
    case 'binary': {
      const file = await checkFile(body.file, baseDir, filesRoot);
      const type = body.contentType ?? 'application/octet-stream';
      return async () => ({
        body: createReadStream(file.path),
        headers: [
          { name: 'Content-Type', value: type },
          { name: 'Content-Length', value: String(file.size) },
        ],
      });
    }
    case 'multipart': {
      const parts = body.parts.filter((part) => part.enabled !== false);
      const files = new Map<number, string>();
      for (const [index, part] of parts.entries()) {
        if (part.file !== undefined) files.set(index, (await checkFile(part.file, baseDir, filesRoot)).path);
      }
      return async () => {
        const form = new FormData();
        for (const [index, part] of parts.entries()) {
          const file = files.get(index);
          if (file === undefined) {
            if (part.contentType) form.append(part.name, new Blob([part.value ?? ''], { type: part.contentType }));
            else form.append(part.name, part.value ?? '');
          } else {
            const blob = await openAsBlob(file, { type: part.contentType ?? 'application/octet-stream' });
            form.append(part.name, blob, basename(file));
          }
        }
        // undici writes the multipart/form-data Content-Type with its boundary
        return { body: form, headers: [] };
      };
    }
  }
}

function text(value: string, contentType: string): () => Promise<BuiltBody> {
  const built: BuiltBody = { body: value, headers: [{ name: 'Content-Type', value: contentType }] };
  return async () => built;
}

function graphqlPayload(query: string, variables: string | undefined, operationName: string | undefined) {
  let parsed: unknown;
  if (variables !== undefined && variables.trim() !== '') {
    try {
      parsed = JSON.parse(variables);
    } catch (error) {
      throw new AppError('INVALID_INPUT', `The GraphQL variables are not valid JSON: ${(error as Error).message}`, {
        field: 'body.variables',
      });
    }
  }
  return {
    query,
    ...(parsed !== undefined ? { variables: parsed } : {}),
    ...(operationName ? { operationName } : {}),
  };
}

/**
 * A body file: relative to the request's folder, or absolute. With `filesRoot` (the workspace) it must lie inside
 * it, symlinks resolved, absolute or not: a collection pulled from elsewhere must not be able to send any file of
 * this machine (`~/.ssh/id_rsa`) to a server of its choice. It must exist and be a file.
 */
export async function checkFile(
  path: string,
  baseDir: string,
  filesRoot?: string,
  what = 'body file',
): Promise<{ path: string; size: number; mtimeMs: number }> {
  let full = isAbsolute(path) ? path : resolve(baseDir, path);
  if (filesRoot !== undefined) {
    full = await resolveInsideReal(filesRoot, relative(filesRoot, full)).catch((error: unknown) => {
      throw new AppError(
        'PATH_OUTSIDE_ROOT',
        `The ${what} "${path}" is outside the workspace (${filesRoot}); copy it into the workspace and pick it there.`,
        { path, root: filesRoot, cause: (error as Error).message },
      );
    });
  }
  try {
    const info = await stat(full);
    if (!info.isFile()) throw new AppError('INVALID_INPUT', `The ${what} "${path}" is not a file.`, { path: full });
    return { path: full, size: info.size, mtimeMs: info.mtimeMs };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('FILE_NOT_FOUND', `The ${what} "${path}" does not exist (looked at ${full}).`, {
        path: full,
      });
    }
    throw new AppError('IO_ERROR', `The ${what} "${path}" could not be read: ${(error as Error).message}`, {
      path: full,
    });
  }
}
