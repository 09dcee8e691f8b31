import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Dispatch } from '../../shared/dispatcher';
import type { EventMessage } from '../../shared/rpc';
import {
  allowedHostHeaders,
  authenticate,
  generateToken,
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
      res.writeHead(302, {
        ...SECURITY_HEADERS,
        'Set-Cookie': tokenCookie(token, boundPort),
        Location: '/',
        'Cache-Control': 'no-store',
      });
      res.end();
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

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      sendError(res, 500, 'INTERNAL', `Internal error: ${message}`, true);
    });
  });

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
