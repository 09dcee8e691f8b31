import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { contentTypeFor, isFileInside, resolveInside } from '../host-shared/renderer-files';
import { SECURITY_HEADERS } from '../host-shared/security-headers';

export type StaticOutcome = 'served' | 'not-found' | 'forbidden';

/**
 * Serves a built renderer file. Paths without an extension that match no file fall back to index.html (client
 * routing); a missing asset is a 404 so a broken build fails loudly rather than loading HTML as script.
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  rootDir: string,
  urlPath: string,
): Promise<StaticOutcome> {
  const file = resolveInside(rootDir, urlPath === '/' ? '/index.html' : urlPath);
  if (file === null) return 'forbidden';
  if (await isFileInside(rootDir, file)) {
    await sendFile(req, res, file, urlPath.startsWith('/assets/'));
    return 'served';
  }
  if (extname(file) === '') {
    const index = join(rootDir, 'index.html');
    if (await isFileInside(rootDir, index)) {
      await sendFile(req, res, index, false);
      return 'served';
    }
  }
  return 'not-found';
}

async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, immutable: boolean): Promise<void> {
  const info = await stat(file);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': contentTypeFor(file),
    'Content-Length': info.size,
    // hashed assets never change; index.html must be re-read so a rebuild shows up
    'Cache-Control': immutable ? 'private, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeFile(res, file);
}

/**
 * Headers of a download. Whatever the file holds (a CSV cell can hold `<script>`, a name can end in .js or .html),
 * the browser must save it, never render or run it from our origin: an attachment, an inert type, no sniffing,
 * and a sandbox CSP for a browser that renders it anyway.
 */
export function downloadHeaders(fileName: string, size: number): Record<string, string | number> {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'Content-Type': 'application/octet-stream',
    'Content-Length': size,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Cache-Control': 'no-store',
  };
}

/** Streams an exported file as a download. `name` must be a plain file name inside `dir`. */
export async function serveDownload(
  req: IncomingMessage,
  res: ServerResponse,
  dir: string,
  name: string,
): Promise<boolean> {
  const file = resolveInside(dir, name);
  if (file === null || file.slice(dir.length + 1).includes(sep) || !(await isFileInside(dir, file))) return false;
  const info = await stat(file);
  res.writeHead(200, downloadHeaders(file.slice(file.lastIndexOf(sep) + 1), info.size));
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await pipeFile(res, file);
  return true;
}

function pipeFile(res: ServerResponse, file: string): Promise<void> {
  return new Promise((resolvePipe) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      resolvePipe();
    });
    res.on('close', () => {
      stream.destroy();
      resolvePipe();
    });
    stream.pipe(res);
  });
}
