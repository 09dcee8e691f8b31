import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../../shared/errors';
import type { MockHandler, MockRequest, MockResponse } from '../mock-http';
import { errorResponse, failureResponse } from './rest-errors';
import { hostnameOf, isLoopback } from '../loopback';

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
  const server: Server = createServer((req, res) => {
    const refusal = guarded ? foreignCaller(req) : null;
    if (refusal !== null) {
      req.resume();
      const response = errorResponse(403, refusal);
      res.writeHead(response.status, response.headers).end(response.body);
      return;
    }
    void answer(req, res, options.handler, maxBody);
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

/**
 * A server on a loopback address serves this machine only. A browser can still be made to call it: a foreign
 * name that resolves to 127.0.0.1 (DNS rebinding) carries that name in Host, and a page of another site (a
 * form posted across sites) sends its Origin. Both are refused; pages on this machine (a front end on
 * localhost:3000) and tools without an Origin are served.
 */
function foreignCaller(req: IncomingMessage): string | null {
  const host = req.headers.host ?? '';
  if (!isLoopback(hostnameOf(host))) return `Host "${host}" is not this machine: the server answers local names only.`;
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

async function answer(req: IncomingMessage, res: ServerResponse, handler: MockHandler, maxBody: number): Promise<void> {
  let response: MockResponse;
  try {
    const request = await readRequest(req, maxBody);
    response =
      typeof request === 'string'
        ? errorResponse(request === 'large' ? 413 : 400, messages[request])
        : await handler(request);
  } catch (error) {
    response = failureResponse(error);
  }
  if (res.destroyed) return;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.statusCode = response.status;
  res.end(response.status === 204 || req.method === 'HEAD' ? undefined : response.body);
}

const messages = {
  large: 'The body is larger than this server accepts.',
  json: 'The body is not valid JSON.',
  url: 'The request URL cannot be read.',
};

/** The request read whole, or why it cannot be answered: `large` (413), `json`/`url` (400). */
async function readRequest(req: IncomingMessage, maxBody: number): Promise<MockRequest | keyof typeof messages> {
  const chunks: Buffer[] = [];
  let size = 0;
  // past the limit the rest is read and dropped, so the client gets its 413 instead of a reset connection
  // (requestTimeout bounds how long that may take)
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBody) chunks.push(chunk);
  }
  if (size > maxBody) return 'large';
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return 'url';
  }
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const had = query[name];
    query[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  const bodyText = Buffer.concat(chunks).toString('utf8');
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
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    params: {},
    query,
    headers: req.headers,
    cookies,
    bodyText,
    body,
  };
}
