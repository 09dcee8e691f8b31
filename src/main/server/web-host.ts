import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Dispatch } from '../../shared/dispatcher';
import type { EventMessage } from '../../shared/rpc';
import {
  allowedHostHeaders,
  authenticate,
  generateToken,
  isCrossOriginSubresource,
  isLoopbackHost,
  SECURITY_HEADERS,
  sendError,
  tokenCookie,
  tokensEqual,
  UNAUTHORIZED_MESSAGE,
} from './request-guard';
import { handleRpc } from './rpc-endpoint';
import { SseHub } from './sse-hub';
import { serveDownload, serveStatic } from './static-files';

/** Open `GET /events` streams at most; one per tab, so this only stops a runaway client or page. */
export const MAX_EVENT_STREAMS = 32;
/** Time allowed for a request's headers, and for the whole request (headers and body; not the response). */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
/** How long an unused launch URL stays valid. */
export const LAUNCH_CODE_TTL_MS = 5 * 60_000;

export interface WebHostOptions {
  dispatch: Dispatch;
  /** Registers the sink core events are pushed into (forwarded to every `GET /events` stream); may return an unsubscribe. */
  subscribe?: (sink: (message: EventMessage) => void) => (() => void) | void;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Where `query.export` writes files without a path (`<dataDir>/exports`); served at `/exports/<file>`. */
  exportsDir?: string;
  /** Default 127.0.0.1. Anything that is not loopback exposes the app to the network and prints a warning. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Default a random 32-byte hex token. */
  token?: string;
  /** When `port` is taken, listen on a free port instead of failing. */
  fallbackToFreePort?: boolean;
  /** Time allowed to receive a request's headers / the whole request, in ms (defaults below). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Where warnings go (default console.warn). */
  warn?: (message: string) => void;
}

export interface WebHost {
  /** The start URL: opening it trades the token for a cookie. */
  url: string;
  /** http://host:port, no path. */
  origin: string;
  host: string;
  port: number;
  token: string;
  /**
   * A start URL that works once (and for {@link LAUNCH_CODE_TTL_MS}), for handing to a browser on its command
   * line: other users of the machine can read command lines, and a browser keeps the URL it was started with in
   * its own for as long as it runs. The printed URL, with the token, is for the user's terminal only.
   */
  launchUrl(): string;
  server: Server;
  close(): Promise<void>;
}

/** Starts the browser host: static renderer, `POST /rpc`, `GET /events` (SSE) and export downloads. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? generateToken();
  const rendererDir = resolve(options.rendererDir);
  const exportsDir = options.exportsDir === undefined ? undefined : resolve(options.exportsDir);
  const hub = new SseHub();
  const launchCodes = new Set<string>();
  let allowedHosts = new Set<string>();
  let boundPort = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
    const isApi = path === '/rpc' || path === '/events';

    // DNS rebinding: a foreign name that resolves to us carries its own name in Host
    const hostHeader = String(req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(hostHeader)) {
      sendError(res, 403, 'FORBIDDEN', 'Forbidden: unexpected Host header.', isApi);
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin.toLowerCase() !== `http://${hostHeader}`) {
      sendError(res, 403, 'FORBIDDEN', 'Forbidden: cross-origin request.', isApi);
      return;
    }
    if (isCrossOriginSubresource(req, path)) {
      sendError(res, 403, 'FORBIDDEN', 'Forbidden: cross-origin request.', isApi);
      return;
    }
    if (!path.startsWith('/')) {
      sendError(res, 400, 'INVALID_INPUT', 'Bad request path.', isApi);
      return;
    }

    // the start URL: trade the token for a cookie, then drop it from the address bar
    if (path === '/' && query.has('token')) {
      if (!tokensEqual(token, query.get('token'))) {
        sendError(res, 401, 'UNAUTHORIZED', `That token is not valid. ${UNAUTHORIZED_MESSAGE}`, false);
        return;
      }
      grantCookie(res, token, boundPort);
      return;
    }

    // a launch URL: the same trade, once (GET only, so a HEAD probe cannot use it up)
    if (path === '/' && query.has('launch') && req.method === 'GET') {
      const given = query.get('launch');
      const code = [...launchCodes].find((c) => tokensEqual(c, given));
      if (code === undefined) {
        sendError(res, 401, 'UNAUTHORIZED', `That start link was already used. ${UNAUTHORIZED_MESSAGE}`, false);
        return;
      }
      launchCodes.delete(code);
      grantCookie(res, token, boundPort);
      return;
    }

    const auth = authenticate(req, token, boundPort);
    if (auth === null) {
      sendError(res, 401, 'UNAUTHORIZED', UNAUTHORIZED_MESSAGE, isApi);
      return;
    }

    if (path === '/rpc') {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST', true);
      // a cookie is sent by any page on localhost (same site, other port): demand proof of same origin
      const sameOrigin = origin !== undefined || req.headers['sec-fetch-site'] === 'same-origin';
      if (auth === 'cookie' && !sameOrigin) {
        sendError(res, 403, 'FORBIDDEN', 'Forbidden: POST /rpc must come from the Backbench page.', true);
        return;
      }
      await handleRpc(req, res, options.dispatch);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD', isApi);
    if (path === '/events') {
      if (req.method === 'HEAD') return methodNotAllowed(res, 'GET', true);
      if (hub.size >= MAX_EVENT_STREAMS) {
        sendError(res, 503, 'NOT_SUPPORTED', 'Too many open event streams; close some Backbench tabs.', true);
        return;
      }
      hub.open(res);
      return;
    }
    if (path.startsWith('/exports/')) {
      const served =
        exportsDir !== undefined && (await serveDownload(req, res, exportsDir, path.slice('/exports/'.length)));
      if (!served) sendError(res, 404, 'NOT_FOUND', 'No such export file.', false);
      return;
    }
    const outcome = await serveStatic(req, res, rendererDir, path);
    if (outcome === 'forbidden') sendError(res, 403, 'FORBIDDEN', 'Forbidden path.', false);
    else if (outcome === 'not-found') sendError(res, 404, 'NOT_FOUND', 'Not found.', false);
  };

  const server = createServer(
    // a client that trickles its headers or body must not hold a socket for Node's defaults (60 s / 5 min)
    {
      headersTimeout: options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        sendError(res, 500, 'INTERNAL', `Internal error: ${message}`, true);
      });
    },
  );

  const port = await listen(server, options.port ?? 0, host, options.fallbackToFreePort ?? false);
  boundPort = port;
  allowedHosts = allowedHostHeaders(host, port);
  const unsubscribe = options.subscribe?.((message) => hub.publish(message));

  const warn = options.warn ?? ((m: string) => console.warn(m));
  if (!isLoopbackHost(host)) {
    warn(
      `Warning: Backbench is listening on ${host}, reachable from other machines. Anyone with the token can run ` +
        'queries on your connections. Use --host 127.0.0.1 unless you mean this.',
    );
  }

  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const originUrl = `http://${urlHost}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${originUrl}/?token=${token}`,
    origin: originUrl,
    host,
    port,
    token,
    server,
    launchUrl() {
      const code = generateToken();
      launchCodes.add(code);
      setTimeout(() => launchCodes.delete(code), LAUNCH_CODE_TTL_MS).unref();
      return `${originUrl}/?launch=${code}`;
    },
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        if (typeof unsubscribe === 'function') unsubscribe();
        hub.close();
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Trades a start URL for the cookie, and drops the secret from the address bar. */
function grantCookie(res: ServerResponse, token: string, port: number): void {
  res.writeHead(302, {
    ...SECURITY_HEADERS,
    'Set-Cookie': tokenCookie(token, port),
    Location: '/',
    'Cache-Control': 'no-store',
  });
  res.end();
}

function methodNotAllowed(res: ServerResponse, allow: string, asJson: boolean): void {
  res.setHeader('Allow', allow);
  sendError(res, 405, 'NOT_SUPPORTED', 'Method not allowed.', asJson);
}

function listen(server: Server, port: number, host: string, fallback: boolean): Promise<number> {
  return new Promise((resolveListen, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' && fallback && port !== 0) {
        server.off('listening', onListening);
        listen(server, 0, host, false).then(resolveListen, reject);
        return;
      }
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolveListen((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
