import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { contentTypeFor, isFileInside, resolveInside } from '../host-shared/renderer-files';
import { SECURITY_HEADERS } from '../host-shared/security-headers';
import { urlOrigin } from './trusted-origin';

/**
 * The renderer is served from `app://backbench/…` rather than file://: a standard, secure scheme gives it a
 * real origin (so the IPC sender check has something to compare) and lets every response carry the CSP.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://backbench`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer folder on the app scheme, with the same CSP as the browser host. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    // not URL.origin: Node's URL calls every app:// origin "null" (see trusted-origin.ts)
    if (urlOrigin(request.url) !== APP_ORIGIN) return new Response('Not found', { status: 404 });
    const { pathname } = new URL(request.url);
    let file = resolveInside(rendererDir, pathname === '/' ? '/index.html' : pathname);
    if (file === null) return new Response('Forbidden', { status: 403 });
    // client-side routes fall back to index.html; a missing asset stays a 404. A symlink out of the folder is
    // treated as missing.
    if (!(await isFileInside(rendererDir, file)) && extname(file) === '') file = join(rendererDir, 'index.html');
    if (!(await isFileInside(rendererDir, file))) return new Response('Not found', { status: 404 });
    const upstream = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(SECURITY_HEADERS);
    headers.set('Content-Type', contentTypeFor(file));
    return new Response(upstream.body, { status: 200, headers });
  });
}
