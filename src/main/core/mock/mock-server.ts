/**
 * One running mock (issue 7): a node:http server whose requests `mock-exchange.ts` answers. `reload` swaps the
 * compiled routes under the open socket; sequential counters and the log survive it. What no route or resource
 * answers goes to the definition's proxy target when it has one (streamed, see proxy/); with `https: true` it
 * serves TLS with a certificate made for localhost (tls/).
 */
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { AppError } from '../../../shared/errors';
import type { MockDefinition, MockRoute } from '../../../shared/mock-definition';
import { compileMock, type BodyCompiler, type CompiledMock, type RenderState } from './compile-mock';
import { DataBuckets } from './data-buckets';
import { MockExchanges } from './mock-exchange';
import type { MockHandler } from './mock-http';
import { answerClientError, listenError } from './mock-wire';
import { createRequestLog, type RequestLog } from './request-log';
import type { SequenceState } from './response-rules';
import { loadOrCreateLocalCertificate } from './tls/local-certificate';
import { isLoopback } from './loopback';

export { latencyOf } from './mock-wire';

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

export function createMockServer(options: MockServerOptions): MockServer {
  const compileOptions = { root: options.root, compileBody: options.compileBody, fileName: options.fileName };
  let current: CompiledMock = compileMock(options.definition, compileOptions);
  const limitBytes = options.limitBytes ?? DEFAULT_LIMIT_BYTES;
  const reportError = options.onError ?? (() => {});
  const log = createRequestLog(options.logCapacity ?? 1000, (error) =>
    reportError(error, { method: '', path: 'log listener' }),
  );
  // what survives reloads: sequential counters, the templates' global variables and the data buckets' values
  const sequence: SequenceState = new Map();
  const data = new DataBuckets(current.buckets);
  const renderState: RenderState = { globals: new Map(), data };
  const exchanges = new MockExchanges(current, {
    log,
    random: options.random ?? Math.random,
    limitBytes,
    proxyTimeoutMs: options.proxyTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    fallback: options.fallback,
    sequence,
    renderState,
    reportError,
  });
  let server: Server | null = null;
  let bound: MockServerAddress | null = null;

  const wantedHost = () => options.host ?? current.host;
  const wantedPort = () => options.port ?? current.port;

  return {
    log,
    definition: () => current.definition,
    address: () => bound,
    activeRequests: () => exchanges.activeRequests(),
    recorded: () => exchanges.recorder.list(),
    clearRecorded: () => exchanges.recorder.clear(),
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
        created = createHttpsServer({ ...httpOptions, cert, key }, exchanges.listener);
      } else {
        created = createServer(httpOptions, exchanges.listener);
      }
      created.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket));
      const host = wantedHost();
      const port = wantedPort();
      exchanges.loopbackOnly = isLoopback(host);
      await new Promise<void>((resolveListen, rejectListen) => {
        created.once('error', (error: NodeJS.ErrnoException) => rejectListen(listenError(error, host, port)));
        created.listen({ port, host }, () => resolveListen());
      });
      const actual = created.address();
      const actualPort = typeof actual === 'object' && actual ? actual.port : port;
      exchanges.lifetime = new AbortController();
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
      // as Mockoon: a restart makes the buckets again from their templates
      data.reset();
      exchanges.closeAgents();
      if (!closing) return;
      exchanges.lifetime.abort();
      for (const abandon of exchanges.abandoners) abandon();
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
      exchanges.mock = next;
      data.update(next.buckets);
      if (bound) renderState.baseUrl = bound.url + (next.definition.prefix ?? '');
      const restartNeeded =
        bound !== null && (wantedHost() !== oldHost || wantedPort() !== oldPort || next.https !== oldHttps);
      return { restartNeeded };
    },
  };
}
