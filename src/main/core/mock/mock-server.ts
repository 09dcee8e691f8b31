/**
 * One running mock (issue 7): a node:http server that parses each request once, finds its route, picks the
 * response by the route's rules and mode, waits the latency, applies a fault or renders the response, writes
 * it and logs the exchange. `reload` swaps the compiled routes under the open socket; sequential counters and
 * the log survive it. A failure while answering is a 500 and a log entry, never a crash. What no route or
 * resource answers goes to the definition's proxy target when it has one (streamed, see proxy/); with
 * `https: true` it serves TLS with a certificate made for localhost (tls/).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { AppError } from '../../../shared/errors';
import { compileMock, type BodyCompiler, type CompiledMock, type RenderState } from './compile-mock';
import type { Latency, MockDefinition, MockRoute } from '../../../shared/mock-definition';
import { jsonResponse, type MockHandler, type MockRequest, type MockResponse } from './mock-http';
import { createProxyAgents, type ProxyAgents, type ProxyTarget } from './proxy/forward-request';
import { goesToProxy, proxyExchange, proxyLogEntry, RouteRecorder } from './proxy/proxy-exchange';
import { createRequestLog, bodyForLog, type MockLogEntry, type RequestLog } from './request-log';
import { parseRequest } from './request-parser';
import { pickResponse, type SequenceState } from './response-rules';
import { loadOrCreateLocalCertificate } from './tls/local-certificate';
import { hostnameOf, isLoopback } from './loopback';

export interface MockServerOptions {
  definition: MockDefinition;
  /** The mock's folder: body files come from it and may not leave it. */
  root: string;
  /** Overrides the definition's port (0: any free port) and host. */
  port?: number;
  host?: string;
  /** Templating (`compileTemplate` of the templating module); without it, bodies are sent as written. */
  compileBody?: BodyCompiler;
  /** What error messages call the mock's file (`shop.yaml`). */
  fileName?: string;
  /** Largest request head and body, each (default 10 MB); more is answered 413. */
  limitBytes?: number;
  /** Time a client has to send its whole request (default 30 s); a slower one is answered 408 and closed. */
  requestTimeoutMs?: number;
  /** Requests the log keeps (default 1,000). */
  logCapacity?: number;
  /** [0, 1): picks random responses, latencies and faults. */
  random?: () => number;
  /**
   * Answers what no route matches instead of a 404 (a REST API over a table: `createRestApi(…).handle`). Its
   * failures are answered 500 and logged like a route's.
   */
  fallback?: MockHandler;
  /**
   * Where a mock with `https: true` keeps its certificate (the app's data dir): made there on first use, reused
   * after. Without it such a mock does not start.
   */
  tlsDir?: string;
  /** How long the proxy target may stay silent before the request is answered 504 (default 30 s). */
  proxyTimeoutMs?: number;
  /** Told of every failure that became a 500 (templates, body files) and of listener errors. */
  onError?: (error: unknown, context: { method: string; path: string }) => void;
}

export interface MockServerAddress {
  host: string;
  port: number;
  /** `http://127.0.0.1:3000` */
  url: string;
}

export interface MockServer {
  /** Binds and listens. A port in use is CONFLICT naming the port; a port the user may not bind, PERMISSION_DENIED. */
  start(): Promise<MockServerAddress>;
  /** Closes the socket and every connection; pending responses are abandoned. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Swaps in new routes without closing the socket. Throws INVALID_INPUT (the old routes keep serving) when the
   * definition does not compile. `restartNeeded`: the new host or port only applies after stop + start.
   */
  reload(definition: MockDefinition): { restartNeeded: boolean };
  /** Requests received and not yet answered (waiting on latency, a body file, the fallback). */
  activeRequests(): number;
  /** Where it listens; null when stopped. */
  address(): MockServerAddress | null;
  definition(): MockDefinition;
  /**
   * With `proxy.record`, a route for each method and path the proxy answered (the latest answer wins), in the
   * order first seen; paths outside the prefix and answers that are binary or over the size limit are left out.
   */
  recorded(): MockRoute[];
  clearRecorded(): void;
  readonly log: RequestLog;
}

export const DEFAULT_LIMIT_BYTES = 10 * 1024 * 1024;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS';

export function createMockServer(options: MockServerOptions): MockServer {
  const compileOptions = { root: options.root, compileBody: options.compileBody, fileName: options.fileName };
  let current: CompiledMock = compileMock(options.definition, compileOptions);
  const limitBytes = options.limitBytes ?? DEFAULT_LIMIT_BYTES;
  const random = options.random ?? Math.random;
  const reportError = options.onError ?? (() => {});
  const log = createRequestLog(options.logCapacity ?? 1000, (error) =>
    reportError(error, { method: '', path: 'log listener' }),
  );
  // what survives reloads: sequential counters and the templates' global variables
  const sequence: SequenceState = new Map();
  const renderState: RenderState = { globals: new Map() };
  let server: Server | null = null;
  let bound: MockServerAddress | null = null;
  let lifetime = new AbortController();
  const abandoners = new Set<() => void>();
  let nextId = 1;
  let active = 0;
  let agents: ProxyAgents | null = null;
  const recorder = new RouteRecorder();

  const wantedHost = () => options.host ?? current.host;
  /** Bound to a loopback address: only requests naming this machine in Host are answered. */
  let loopbackOnly = true;
  /** The last Host value found local (one check per distinct value, not per request). */
  let lastLocalHost: string | null = null;
  const wantedPort = () => options.port ?? current.port;

  async function handle(message: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const mock = current;
    const hostHeader = message.headers.host ?? '';
    if (loopbackOnly && hostHeader !== lastLocalHost) {
      if (!isLoopback(hostnameOf(hostHeader))) {
        // DNS rebinding: a page of another site calling this machine under its own name, which Host carries
        message.resume();
        write(
          res,
          jsonResponse(403, { error: `Host "${hostHeader}" is not this machine: the mock answers local names only.` }),
        );
        return;
      }
      lastLocalHost = hostHeader;
    }
    // decided before the body is read, so the proxy can stream it
    if (mock.proxy && goesToProxy(mock, message, options.fallback !== undefined)) {
      return proxy(mock, mock.proxy, message, res, started);
    }
    active++;
    const entry: MockLogEntry = {
      id: nextId++,
      time: new Date().toISOString(),
      method: message.method ?? 'GET',
      path: message.url ?? '/',
      query: '',
      route: null,
      routeIndex: null,
      responseIndex: null,
      status: 0,
      durationMs: 0,
      request: { headers: message.headers, body: '' },
      response: { headers: {}, body: '' },
    };
    // made only when something waits (latency): most requests never need one
    let gone: AbortController | null = null;
    let aborted = false;
    const goneSignal = () => {
      gone ??= new AbortController();
      if (aborted) gone.abort();
      return gone.signal;
    };
    const abandon = () => {
      aborted = true;
      gone?.abort();
    };
    res.on('close', abandon);
    abandoners.add(abandon);
    let finished = false;
    const done = (response: MockResponse | null) => {
      if (finished) return;
      finished = true;
      try {
        if (response) {
          entry.response = { headers: response.headers, body: bodyForLog(response.body) };
          entry.status = write(res, withCors(mock, message, response));
        }
      } finally {
        active--;
        entry.durationMs = Math.round((performance.now() - started) * 10) / 10;
        abandoners.delete(abandon);
        res.off('close', abandon);
        log.add(entry);
      }
    };
    try {
      const parsed = await parseRequest(message, limitBytes);
      const request = parsed.request;
      Object.assign(entry, { method: request.method, path: request.path, query: parsed.query });
      entry.request.body = bodyForLog(request.bodyText);
      if (!parsed.ok) {
        entry.error = parsed.message;
        const headers: Record<string, string> = parsed.status === 413 ? { connection: 'close' } : {};
        return done(jsonResponse(parsed.status, { error: parsed.message }, headers));
      }
      if (mock.cors && request.method === 'OPTIONS' && message.headers['access-control-request-method']) {
        return done(preflight(message));
      }
      const match = mock.table.match(request.method, request.path);
      if (!match) {
        if (options.fallback) return done(await answerFallback(options.fallback, request, mock, entry));
        const text = `No route for ${request.method} ${request.path}`;
        return done(jsonResponse(404, { error: text, method: request.method, path: request.path }));
      }
      request.params = match.params;
      const route = match.route;
      Object.assign(entry, { route: route.key, routeIndex: route.index });
      const index = pickResponse(route.responses, route.mode, request, { routeKey: route.key, sequence, random });
      const response = route.responses[index]!;
      entry.responseIndex = index;
      const wait = latencyOf(mock.latency, random) + latencyOf(response.latency, random);
      if (wait > 0) await delay(wait, undefined, { signal: goneSignal() });
      if (response.fault && random() < response.fault.rate) {
        entry.fault = response.fault.type;
        if (response.fault.type === 'drop') {
          message.socket.destroy();
          return done(null);
        }
        return done(jsonResponse(response.fault.status, { error: 'Fault injected by the mock' }));
      }
      let rendered: MockResponse;
      try {
        rendered = await response.render(request, renderState);
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        entry.error = text;
        reportError(error, { method: request.method, path: request.path });
        return done(jsonResponse(500, { error: `The response of ${route.key} could not be made: ${text}` }));
      }
      if (aborted) return done(null);
      done(rendered);
    } catch (error) {
      if (aborted) return done(null);
      entry.error = error instanceof Error ? error.message : String(error);
      reportError(error, { method: entry.method, path: entry.path });
      if (!res.headersSent) done(jsonResponse(500, { error: `The mock failed: ${entry.error}` }));
      else done(null);
    }
  }

  /** Streams the exchange with the target after the mock's latency, logs it and, with `record`, keeps its route. */
  async function proxy(
    mock: CompiledMock,
    target: ProxyTarget,
    message: IncomingMessage,
    res: ServerResponse,
    started: number,
  ): Promise<void> {
    active++;
    const id = nextId++;
    let entry: MockLogEntry | null = null;
    try {
      const wait = latencyOf(mock.latency, random);
      if (wait > 0) await delay(wait, undefined, { signal: lifetime.signal });
      agents ??= createProxyAgents();
      const exchange = await proxyExchange(target, message, res, {
        id,
        agents,
        limitBytes,
        idleTimeoutMs: options.proxyTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        decorate: (headers) => withCors(mock, message, { status: 0, headers, body: '' }).headers,
      });
      entry = exchange.entry;
      if (exchange.route) recorder.add(exchange.route);
    } catch (error) {
      // the server stopped during the latency, or a failure outside the exchange
      const text = error instanceof Error ? error.message : String(error);
      entry = { ...proxyLogEntry(id, message), error: text };
      if (!lifetime.signal.aborted) reportError(error, { method: entry.method, path: entry.path });
      if (!res.headersSent && !res.destroyed)
        entry.status = write(res, jsonResponse(502, { error: `The proxy failed: ${text}` }));
      else res.destroy();
    } finally {
      active--;
      if (entry) {
        entry.durationMs = Math.round((performance.now() - started) * 10) / 10;
        log.add(entry);
      }
    }
  }

  /** A request no route matched, answered by the fallback handler after the mock's latency. */
  async function answerFallback(
    fallback: MockHandler,
    request: MockRequest,
    mock: CompiledMock,
    entry: MockLogEntry,
  ): Promise<MockResponse> {
    const wait = latencyOf(mock.latency, random);
    if (wait > 0) await delay(wait, undefined, { signal: lifetime.signal });
    try {
      const response = await fallback(request);
      if (response.route) entry.route = response.route;
      return response;
    } catch (error) {
      entry.error = error instanceof Error ? error.message : String(error);
      reportError(error, { method: request.method, path: request.path });
      return jsonResponse(500, { error: `The request could not be answered: ${entry.error}` });
    }
  }

  return {
    log,
    definition: () => current.definition,
    address: () => bound,
    activeRequests: () => active,
    recorded: () => recorder.list(),
    clearRecorded: () => recorder.clear(),
    async start() {
      if (bound) return bound;
      const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
      const httpOptions = {
        maxHeaderSize: limitBytes,
        requestTimeout,
        headersTimeout: requestTimeout,
        // how often Node looks for clients past those timeouts
        connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(requestTimeout / 2))),
        keepAlive: true,
      };
      const listener = (message: IncomingMessage, res: ServerResponse) => void handle(message, res);
      const secure = current.https;
      let created: Server;
      if (secure) {
        if (!options.tlsDir) {
          throw new AppError(
            'INVALID_INPUT',
            `Mock "${current.name}" asks for HTTPS, but no folder was given to keep its certificate in.`,
          );
        }
        const { cert, key } = await loadOrCreateLocalCertificate(options.tlsDir);
        created = createHttpsServer({ ...httpOptions, cert, key }, listener);
      } else {
        created = createServer(httpOptions, listener);
      }
      created.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket));
      const host = wantedHost();
      const port = wantedPort();
      loopbackOnly = isLoopback(host);
      await new Promise<void>((resolveListen, rejectListen) => {
        created.once('error', (error: NodeJS.ErrnoException) => rejectListen(listenError(error, host, port)));
        created.listen({ port, host }, () => resolveListen());
      });
      const actual = created.address();
      const actualPort = typeof actual === 'object' && actual ? actual.port : port;
      lifetime = new AbortController();
      server = created;
      const scheme = secure ? 'https' : 'http';
      bound = { host, port: actualPort, url: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${actualPort}` };
      renderState.baseUrl = bound.url + (current.definition.prefix ?? '');
      return bound;
    },
    async stop() {
      const closing = server;
      server = null;
      bound = null;
      delete renderState.baseUrl;
      agents?.http.destroy();
      agents?.https.destroy();
      agents = null;
      if (!closing) return;
      lifetime.abort();
      for (const abandon of abandoners) abandon();
      await new Promise<void>((resolveClose) => {
        closing.close(() => resolveClose());
        closing.closeAllConnections();
      });
    },
    reload(definition) {
      const next = compileMock(definition, compileOptions);
      const oldHost = wantedHost();
      const oldPort = wantedPort();
      const oldHttps = current.https;
      current = next;
      if (bound) renderState.baseUrl = bound.url + (next.definition.prefix ?? '');
      const restartNeeded =
        bound !== null && (wantedHost() !== oldHost || wantedPort() !== oldPort || next.https !== oldHttps);
      return { restartNeeded };
    },
  };
}

/** A random latency is drawn from [min, max] for each request. */
export function latencyOf(latency: Latency | undefined, random: () => number): number {
  if (latency === undefined) return 0;
  if (typeof latency === 'number') return latency;
  return latency.min + Math.floor(random() * (latency.max - latency.min + 1));
}

function preflight(message: IncomingMessage): MockResponse {
  const requested = message.headers['access-control-request-headers'];
  return {
    status: 204,
    headers: {
      'access-control-allow-methods': CORS_METHODS,
      'access-control-allow-headers': typeof requested === 'string' && requested !== '' ? requested : '*',
      'access-control-max-age': '86400',
    },
    body: '',
  };
}

function withCors(mock: CompiledMock, message: IncomingMessage, response: MockResponse): MockResponse {
  if (!mock.cors || response.headers['access-control-allow-origin'] !== undefined) return response;
  const origin = message.headers.origin;
  const headers: Record<string, string | string[]> = {
    ...response.headers,
    'access-control-allow-origin': origin ?? '*',
  };
  if (origin) {
    headers['access-control-allow-credentials'] = 'true';
    headers.vary = 'Origin';
  }
  return { ...response, headers };
}

/** Writes the response; returns the status sent (500 when its headers are not valid, 0 when the client is gone). */
function write(res: ServerResponse, response: MockResponse): number {
  if (res.headersSent || res.destroyed) return 0;
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  try {
    res.writeHead(response.status, { ...response.headers, 'content-length': String(body.byteLength) });
  } catch (error) {
    // a header value a template filled with something HTTP forbids (a newline…)
    const fallback = JSON.stringify({ error: `The response headers are not valid: ${(error as Error).message}` });
    res.writeHead(500, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(fallback),
    });
    res.end(fallback);
    return 500;
  }
  res.end(body);
  return response.status;
}

function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? '413 Payload Too Large'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? '408 Request Timeout'
        : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new AppError(
      'CONFLICT',
      `Port ${port} is already in use on ${host}; stop what uses it or choose another port.`,
      {
        port,
        host,
      },
    );
  }
  if (error.code === 'EACCES') {
    return new AppError(
      'PERMISSION_DENIED',
      `Port ${port} on ${host} may not be used by this user; choose a port above 1023.`,
      {
        port,
        host,
      },
    );
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new AppError('HOST_NOT_FOUND', `${host} is not an address of this machine; the mock cannot listen on it.`, {
      port,
      host,
    });
  }
  return new AppError('IO_ERROR', `The mock could not listen on ${host}:${port}: ${error.message}`, { port, host });
}
