import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { ErrorCode } from '../../shared/errors';
import { SECURITY_HEADERS } from '../host-shared/security-headers';

export { SECURITY_HEADERS };

/** The cookie the start URL's token is traded for. */
/**
 * The cookie carrying the token. Browsers share cookies across ports of one host, so the name carries the port:
 * two instances on one machine do not overwrite each other's cookie.
 */
export function tokenCookieName(port: number): string {
  return `bb_token_${port}`;
}

/** A fresh access token: 32 random bytes as hex. */
export function generateToken(): string {
  return randomBytes(32).toString('hex');
}

export function tokensEqual(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
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
 * top-level navigation to a page. The cookie is sent by every page on this host name whatever its port
 * (same-site), so without this a page on another localhost port could hold `GET /events` streams open, pull
 * exports into a download, or probe assets with `<script>`/`<img>` tags. CORP and nosniff already keep it from
 * reading the bytes; this refuses the request itself. Tools and old browsers send no Sec-Fetch-Site and fall
 * through to the Origin and token checks.
 */
export function isCrossOriginSubresource(req: IncomingMessage, path: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'none') return false;
  const isPage = path !== '/rpc' && path !== '/events' && !path.startsWith('/exports/');
  const isNavigation =
    req.headers['sec-fetch-mode'] === 'navigate' &&
    (req.method === 'GET' || req.method === 'HEAD') &&
    (req.headers['sec-fetch-dest'] === undefined || req.headers['sec-fetch-dest'] === 'document');
  return !(isPage && isNavigation);
}

export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? match[1]! : null;
}

export type AuthResult = 'cookie' | 'bearer' | null;

export function authenticate(req: IncomingMessage, token: string, port: number): AuthResult {
  if (tokensEqual(token, bearerToken(req))) return 'bearer';
  if (tokensEqual(token, readCookie(req, tokenCookieName(port)))) return 'cookie';
  return null;
}

export function tokenCookie(token: string, port: number): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
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

export const UNAUTHORIZED_MESSAGE =
  'Backbench needs its access token. Open the URL printed in the terminal where you started `backbench web` ' +
  '(it ends in ?token=…).';
