import type { IncomingMessage, ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { ErrorCode } from '../../shared/errors';
import { SECURITY_HEADERS } from '../host-shared/security-headers';

export { SECURITY_HEADERS };

/**
 * The header that carries a tab's session secret on every API call. Not a cookie: browsers send a 127.0.0.1
 * cookie to every port of 127.0.0.1, so any other local server the user visits would receive it. A header is
 * only ever sent by our own page's script, and a page of another origin cannot add it without a CORS preflight
 * we never answer.
 */
export const SESSION_HEADER = 'x-backbench-session';

/** The session secret a request carries, or null. */
export function sessionSecret(req: IncomingMessage): string | null {
  const value = req.headers[SESSION_HEADER];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function isLoopbackHost(host: string): boolean {
  return (
    host === '127.0.0.1' ||
    host === 'localhost' ||
    host === '::1' ||
    host === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

function formatHostPort(host: string, port: number): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${h}:${port}`.toLowerCase();
}

/**
 * The Host header values this server answers to. Anything else is a DNS-rebinding attempt (a foreign name
 * resolving to 127.0.0.1) and gets 403. A wildcard bind also accepts the machine's own interface addresses.
 */
export function allowedHostHeaders(bindHost: string, port: number): Set<string> {
  const hosts = new Set(['127.0.0.1', 'localhost', '::1', bindHost]);
  if (bindHost === '0.0.0.0' || bindHost === '::') {
    for (const list of Object.values(networkInterfaces())) {
      for (const info of list ?? []) hosts.add(info.address);
    }
  }
  hosts.delete('0.0.0.0');
  hosts.delete('::');
  return new Set([...hosts].map((h) => formatHostPort(h, port)));
}

/**
 * Fetch metadata (Sec-Fetch-*): true when a browser says the request comes from another origin and it is not a
 * top-level navigation to a page. A second line of defence behind the session header: a page on another
 * localhost port must not even start an API request, follow a download link of ours, or probe assets with
 * `<script>`/`<img>` tags (CORP and nosniff already keep it from reading the bytes). Tools and old browsers send
 * no Sec-Fetch-Site and fall through to the Origin and session checks.
 */
export function isCrossOriginSubresource(req: IncomingMessage, path: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'none') return false;
  const isPage = !isApiPath(path) && !path.startsWith('/exports/');
  const isNavigation =
    req.headers['sec-fetch-mode'] === 'navigate' &&
    (req.method === 'GET' || req.method === 'HEAD') &&
    (req.headers['sec-fetch-dest'] === undefined || req.headers['sec-fetch-dest'] === 'document');
  return !(isPage && isNavigation);
}

/** Writes a short response with the security headers; JSON error envelopes for API paths, a page otherwise. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  asJson: boolean,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = asJson
    ? JSON.stringify({ ok: false, error: { code, message } })
    : `<!doctype html><meta charset="utf-8"><title>Backbench</title><p>${escapeHtml(message)}</p>\n`;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': asJson ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Paths answered with JSON (errors included); everything else is a page or a file. */
export function isApiPath(path: string): boolean {
  return (
    path === '/rpc' ||
    path === '/events' ||
    path === '/session' ||
    path.startsWith('/session/') ||
    path === '/download-ticket' ||
    path === '/upload'
  );
}

export const UNAUTHORIZED_MESSAGE =
  'This browser tab is not signed in to Backbench. In the terminal where `backbench web` runs, press Enter for a ' +
  'new start link (or start it again) and open that link.';
