import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Dispatch } from '../../shared/dispatcher';
import type { EventMessage } from '../../shared/rpc';
import {
  allowedHostHeaders,
  isApiPath,
  isCrossOriginSubresource,
  isLoopbackHost,
  sendError,
  UNAUTHORIZED_MESSAGE,
} from './request-guard';
import { handleRpc } from './rpc-endpoint';
import { handleUpload } from './upload-endpoint';
import { SseHub } from './sse-hub';
import { serveDownload, serveStatic } from './static-files';
import { WebAuth } from './web-auth';

/** Open `GET /events` streams at most; one per tab, so this only stops a runaway client or page. */
export const MAX_EVENT_STREAMS = 32;
/** Time allowed for a request's headers, and for the whole request (headers and body; not the response). */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
/**
 * Largest request head (request line and headers) accepted. Node's default is 16 KiB, but browsers send every
 * 127.0.0.1 cookie to every port of 127.0.0.1, so another local page can stuff the jar until the user's browser
 * gets only 431 from us. Chromium keeps at most 180 cookies of 4 KiB per host (≈ 720 KiB sent); 1 MiB takes that.
 */
export const MAX_REQUEST_HEAD_BYTES = 1024 * 1024;

export interface WebHostOptions {
  dispatch: Dispatch;
  /** Registers the sink core events are pushed into (forwarded to every `GET /events` stream); may return an unsubscribe. */
  subscribe?: (sink: (message: EventMessage) => void) => (() => void) | void;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Where `query.export` writes (`<dataDir>/exports`); its files are downloaded with one-time tickets. */
  exportsDir?: string;
  /** The data dir: browser sessions are kept there (hashed) so a restart keeps open tabs signed in. */
  dataDir?: string;
  /** Default 127.0.0.1. Anything that is not loopback exposes the app to the network and prints a warning. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** BACKBENCH_TOKEN: a start token that works any number of times (automation, tests). */
  fixedStartToken?: string;
  /** When `port` is taken, listen on a free port instead of failing. */
  fallbackToFreePort?: boolean;
  /** Largest `POST /upload` body (default MAX_UPLOAD_BYTES, 2 GiB). Uploads need `dataDir`. */
  maxUploadBytes?: number;
  /** Time allowed to receive a request's headers / the whole request, in ms (defaults below). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Where warnings go (default console.warn). */
  warn?: (message: string) => void;
  /** Where host errors go (an event that cannot be serialised); default nowhere but `warn`. */
  logError?: (fields: object, message: string) => void;
  /** The clock start links, sessions and download tickets expire by (default Date.now). */
  now?: () => number;
  /** Replay buffer of the event stream (see SseHub); defaults there. */
  replayEvents?: number;
  replayBytes?: number;
}

export interface WebHost {
  /** http://host:port, no path. */
  origin: string;
  host: string;
  port: number;
  /**
   * A new start link, `<origin>/#token=<t>`: it works once and for 10 minutes. The token is in the fragment, so
   * it never reaches a server log or a Referer; the page trades it for a session and drops it from the address
   * bar and history.
   */
  startUrl(): string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Starts the browser host. Unauthenticated: the renderer's static files, `GET /health` and `POST /session` (which
 * needs a start token). Everything else (`/rpc`, `/events`, `/session/tab`, `/download-ticket`, `/upload`) needs the
 * tab's session header; `/exports/<ticket>` needs a one-time ticket.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const rendererDir = resolve(options.rendererDir);
  const exportsDir = options.exportsDir === undefined ? undefined : resolve(options.exportsDir);
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const hub = new SseHub({
    replayEvents: options.replayEvents,
    replayBytes: options.replayBytes,
    onError: options.logError ?? ((_fields, message) => warn(`Backbench: ${message}`)),
  });
  const auth = new WebAuth({
    fixedStartToken: options.fixedStartToken,
    dataDir: options.dataDir,
    warn,
    now: options.now,
  });
  let allowedHosts = new Set<string>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const isApi = isApiPath(path);

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

    if (path === '/health') {
      // Playwright's and scripts' readiness probe: says nothing but "up"
      res.writeHead(200, { 'Cache-Control': 'no-store', 'Content-Length': 0 });
      res.end();
      return;
    }
    if (path === '/session' && req.method === 'POST') return auth.handleStart(req, res);
    if (path.startsWith('/exports/')) {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET', false);
      const name = auth.takeTicket(decodeURIComponentSafe(path.slice('/exports/'.length)));
      const served =
        name !== undefined && exportsDir !== undefined && (await serveDownload(req, res, exportsDir, name));
      if (!served) {
        sendError(
          res,
          404,
          'NOT_FOUND',
          'This download link was already used or has expired. Click Download again.',
          false,
        );
      }
      return;
    }
    if (!isApi) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD', false);
      const outcome = await serveStatic(req, res, rendererDir, path);
      if (outcome === 'forbidden') sendError(res, 403, 'FORBIDDEN', 'Forbidden path.', false);
      else if (outcome === 'not-found') sendError(res, 404, 'NOT_FOUND', 'Not found.', false);
      return;
    }

    if (!auth.isSignedIn(req)) {
      req.resume();
      sendError(res, 401, 'UNAUTHORIZED', UNAUTHORIZED_MESSAGE, true);
      return;
    }
    switch (path) {
      case '/rpc':
        if (req.method !== 'POST') return methodNotAllowed(res, 'POST', true);
        return handleRpc(req, res, options.dispatch);
      case '/events': {
        if (req.method !== 'GET') return methodNotAllowed(res, 'GET', true);
        if (hub.size >= MAX_EVENT_STREAMS) {
          sendError(res, 503, 'NOT_SUPPORTED', 'Too many open event streams; close some Backbench tabs.', true);
          return;
        }
        const lastEventId = req.headers['last-event-id'];
        hub.open(res, typeof lastEventId === 'string' ? lastEventId : undefined);
        return;
      }
      case '/session':
        if (req.method !== 'GET') return methodNotAllowed(res, 'GET, POST', true);
        return auth.handleCheck(res);
      case '/session/tab':
        if (req.method !== 'POST') return methodNotAllowed(res, 'POST', true);
        return auth.handleForTab(req, res);
      case '/download-ticket':
        if (req.method !== 'POST') return methodNotAllowed(res, 'POST', true);
        return auth.handleTicket(req, res, exportsDir);
      case '/upload':
        if (req.method !== 'POST') return methodNotAllowed(res, 'POST', true);
        return handleUpload(req, res, options.dataDir, options.maxUploadBytes);
      default:
        sendError(res, 404, 'NOT_FOUND', 'Not found.', true);
    }
  };

  const server = createServer(
    // a client that trickles its headers or body must not hold a socket for Node's defaults (60 s / 5 min)
    {
      headersTimeout: options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1_000,
      maxHeaderSize: MAX_REQUEST_HEAD_BYTES,
    },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        sendError(res, 500, 'INTERNAL', `Internal error: ${message}`, true);
      });
    },
  );

  const port = await listen(server, options.port ?? 0, host, options.fallbackToFreePort ?? false);
  allowedHosts = allowedHostHeaders(host, port);
  const unsubscribe = options.subscribe?.((message) => hub.publish(message));

  if (!isLoopbackHost(host)) {
    warn(
      `Warning: Backbench is listening on ${host}, reachable from other machines. Anyone with a start link can ` +
        'run queries on your connections, and traffic is not encrypted. Use --host 127.0.0.1 unless you mean this.',
    );
  }

  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const originUrl = `http://${urlHost}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    origin: originUrl,
    host,
    port,
    server,
    startUrl: () => `${originUrl}/#token=${auth.mintStartToken()}`,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        if (typeof unsubscribe === 'function') unsubscribe();
        hub.close();
        auth.close();
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
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
