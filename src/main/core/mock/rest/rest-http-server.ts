import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../../shared/errors';
import type { MockHandler, MockRequest, MockResponse } from '../mock-http';
import { errorResponse, failureResponse } from './rest-errors';
import { hostnameOf, isLoopback } from '../loopback';
import { preflight } from '../mock-wire';

/**
 * The HTTP glue of `backbench serve`: a Node request becomes a MockRequest, the handler's MockResponse is
 * written back. Kept thin and apart so the mock server's own (routes, CORS, logging) can take its place.
 */
export interface RestHttpServerOptions {
  handler: MockHandler;
  /**
   * Default 127.0.0.1: nothing outside this machine reaches it unless asked for. On a loopback address, requests
   * naming another host (DNS rebinding) or sent by a page of another site are refused with 403.
   */
  host?: string;
  /** 0 (the default): any free port. */
  port?: number;
  /** Largest body accepted (default 10 MB); a larger one is answered 413. */
  maxBodyBytes?: number;
  /**
   * Answer pages of other origins (CORS): preflights get 204 with the methods and headers allowed, and every
   * answer Access-Control-Allow-Origin. On a loopback address the Host check stays (DNS rebinding); the Origin
   * check goes, since calls from other sites' pages are what this asks for.
   */
  cors?: boolean;
}

export interface RunningRestServer {
  port: number;
  /** `http://<host>:<port>`. */
  url: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

export async function startRestHttpServer(options: RestHttpServerOptions): Promise<RunningRestServer> {
  const host = options.host ?? '127.0.0.1';
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const guarded = isLoopback(host);
  const cors = options.cors === true;
  const refusals = guarded ? hostChecks(cors) : null;
  const server: Server = createServer((req, res) => {
    const refusal = refusals === null ? null : refusals(req);
    if (refusal !== null) {
      req.resume();
      const response = errorResponse(403, refusal);
      res.writeHead(response.status, response.headers).end(response.body);
      return;
    }
    if (cors && req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      req.resume();
      write(req, res, preflight(req), true);
      return;
    }
    // a request without a body (most GETs) is answered in this call when the handler answers at once
    if (hasBody(req)) void answer(req, res, options.handler, maxBody, cors);
    else respond(req, res, options.handler, parseRequest(req, ''), cors);
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new AppError('CONFLICT', `Port ${options.port} is already in use: choose another, or 0 for any free port`, {
              port: options.port,
            })
          : error,
      );
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    port,
    url: `http://${shown}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** foreignCaller with the last Host value's verdict kept: a client sends the same Host on every request. */
function hostChecks(cors: boolean): (req: IncomingMessage) => string | null {
  let lastHost: string | null = null;
  let lastLocal = false;
  const localHost = (host: string): boolean => {
    if (host !== lastHost) {
      lastLocal = isLoopback(hostnameOf(host));
      lastHost = host;
    }
    return lastLocal;
  };
  return (req) => foreignCaller(req, localHost, cors);
}

/**
 * A server on a loopback address serves this machine only. A browser can still be made to call it: a foreign
 * name that resolves to 127.0.0.1 (DNS rebinding) carries that name in Host, and a page of another site (a
 * form posted across sites) sends its Origin. Both are refused; pages on this machine (a front end on
 * localhost:3000) and tools without an Origin are served.
 */
function foreignCaller(req: IncomingMessage, localHost: (host: string) => boolean, cors: boolean): string | null {
  const host = req.headers.host ?? '';
  if (!localHost(host)) return `Host "${host}" is not this machine: the server answers local names only.`;
  if (cors) return null;
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null')
    return origin === 'null' ? 'Requests from an opaque origin are refused.' : null;
  let originHost: string;
  try {
    originHost = new URL(origin).hostname;
  } catch {
    return `Origin "${origin}" cannot be read.`;
  }
  return isLoopback(originHost)
    ? null
    : `Origin "${origin}" is another site: only pages on this machine may call the server.`;
}

/** Whether a body follows the headers (Content-Length above 0, or chunks). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  handler: MockHandler,
  maxBody: number,
  cors: boolean,
): Promise<void> {
  let request: MockRequest | keyof typeof messages;
  try {
    const body = await readBody(req, maxBody);
    request = body === null ? 'large' : parseRequest(req, body);
  } catch (error) {
    write(req, res, failureResponse(error), cors);
    return;
  }
  respond(req, res, handler, request, cors);
}

/** Runs the handler and writes its answer: at once when it gives one, else when its promise settles. */
function respond(
  req: IncomingMessage,
  res: ServerResponse,
  handler: MockHandler,
  request: MockRequest | keyof typeof messages,
  cors: boolean,
): void {
  if (typeof request === 'string') {
    write(req, res, errorResponse(request === 'large' ? 413 : 400, messages[request]), cors);
    return;
  }
  let response: MockResponse | Promise<MockResponse>;
  try {
    response = handler(request);
  } catch (error) {
    response = failureResponse(error);
  }
  if (response instanceof Promise) {
    response.then(
      (answered) => write(req, res, answered, cors),
      (error: unknown) => write(req, res, failureResponse(error), cors),
    );
  } else write(req, res, response, cors);
}

/**
 * Writes the answer. Its headers go as the flat list writeHead takes, content-length included, rather than one
 * setHeader (a checked copy into Node's header map) each: that was a good share of a point read's cost.
 */
function write(req: IncomingMessage, res: ServerResponse, response: MockResponse, cors: boolean): void {
  if (res.destroyed) return;
  const headers = response.headers;
  const wire: (string | string[])[] = [];
  for (const name in headers) if (name !== 'content-length') wire.push(name, headers[name]!);
  if (cors && headers['access-control-allow-origin'] === undefined) {
    const origin = req.headers.origin;
    wire.push('access-control-allow-origin', origin ?? '*');
    if (origin !== undefined) wire.push('access-control-allow-credentials', 'true', 'vary', 'Origin');
  }
  if (response.status === 204 || req.method === 'HEAD') {
    // no body: Node says what content-length it gives, as before
    res.writeHead(response.status, wire as string[]);
    res.end();
    return;
  }
  const body = response.body;
  wire.push('content-length', String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength));
  res.writeHead(response.status, wire as string[]);
  res.end(body);
}

const messages = {
  large: 'The body is larger than this server accepts.',
  json: 'The body is not valid JSON.',
  url: 'The request URL cannot be read.',
};

/** The body as text; null past `maxBody` bytes (413). */
async function readBody(req: IncomingMessage, maxBody: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  // past the limit the rest is read and dropped, so the client gets its 413 instead of a reset connection
  // (requestTimeout bounds how long that may take)
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBody) chunks.push(chunk);
  }
  return size > maxBody ? null : Buffer.concat(chunks).toString('utf8');
}

/**
 * A path the URL parser leaves as it is: no query, no dot segment (`.`, `%2e`), nothing it would encode or
 * turn around (`\\`, `//` at the start names a host).
 */
const PLAIN_PATH = /^\/(?!\/)[\w\-~!$&'()*+,;=:@%/]*$/;

/** The request with its body text, or why it cannot be answered: `json`/`url` (400). */
function parseRequest(req: IncomingMessage, bodyText: string): MockRequest | keyof typeof messages {
  const target = req.url ?? '/';
  let path: string;
  const query: Record<string, string | string[]> = {};
  if (PLAIN_PATH.test(target) && !/%2e/i.test(target)) path = target;
  else {
    let url: URL;
    try {
      url = new URL(target, 'http://localhost');
    } catch {
      return 'url';
    }
    path = url.pathname;
    for (const [name, value] of url.searchParams) {
      const had = query[name];
      query[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
    }
  }
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  let body: unknown;
  if (/^application\/([\w.+-]+\+)?json\b/.test(type) || (type === '' && /^\s*[[{]/.test(bodyText))) {
    if (bodyText.trim() !== '') {
      try {
        body = JSON.parse(bodyText);
      } catch {
        return 'json';
      }
    }
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    body = Object.fromEntries(new URLSearchParams(bodyText));
  }
  const cookies: Record<string, string> = {};
  const cookie = req.headers.cookie;
  if (cookie !== undefined) {
    for (const part of cookie.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path,
    params: {},
    query,
    headers: req.headers,
    cookies,
    bodyText,
    body,
  };
}
