/**
 * How a running mock answers one request (issue 7): checks Host (DNS rebinding), hands what no route answers to
 * the proxy, finds the route, picks the response by its rules and mode, waits the latency, applies a fault or
 * renders the response, writes it and logs the exchange. A failure while answering is a 500 and a log entry,
 * never a crash.
 *
 * A request without a body, on a route that never waits (no latency, no body file) and that no fallback would
 * answer, is answered in one go, within Node's call of the listener: no promise, no listener on the response,
 * one log entry made at the end. Everything else (bodies, latency, body files, the fallback, the proxy) takes
 * the path that waits, with the same answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { CompiledMock, CompiledRoute, RenderState } from './compile-mock';
import { jsonResponse, type MockHandler, type MockRequest, type MockResponse } from './mock-http';
import { corsHeaders, latencyOf, preflight, withCorsHeaders, write } from './mock-wire';
import { hostnameOf, isLoopback } from './loopback';
import { createProxyAgents, type ProxyAgents, type ProxyTarget } from './proxy/forward-request';
import { goesToProxy, proxyExchange, proxyLogEntry, RouteRecorder } from './proxy/proxy-exchange';
import {
  bodyForLog,
  loggedResponse,
  logTime,
  type LoggedResponse,
  type MockLogEntry,
  type RequestLog,
} from './request-log';
import { hasNoBody, parseRequest, requestOf } from './request-parser';
import { pickResponse, type SequenceState } from './response-rules';

export interface ExchangeOptions {
  log: RequestLog;
  /** [0, 1): picks random responses, latencies and faults. */
  random: () => number;
  limitBytes: number;
  proxyTimeoutMs: number;
  fallback: MockHandler | undefined;
  /** Sequential counters and the templates' globals: they outlive reloads. */
  sequence: SequenceState;
  renderState: RenderState;
  reportError: (error: unknown, context: { method: string; path: string }) => void;
}

/** What an entry keeps of a response never sent (a dropped connection). */
const NOTHING_SENT: LoggedResponse = Object.freeze({ headers: Object.freeze({}), body: '' });

/** The requests of one server: what they share (counters, the proxy's agents, the recorder) and how each is answered. */
export class MockExchanges {
  /** Bound to a loopback address: only requests naming this machine in Host are answered. */
  loopbackOnly = true;
  /** Aborted when the server stops: ends the latencies of the fallback and the proxy. */
  lifetime = new AbortController();
  /** How to give up each request still waiting (the server stops). */
  readonly abandoners = new Set<() => void>();
  readonly recorder = new RouteRecorder();
  private agents: ProxyAgents | null = null;
  /** The last Host value found local (one check per distinct value, not per request). */
  private lastLocalHost: string | null = null;
  private nextId = 1;
  private active = 0;

  constructor(
    /** Swapped by a reload; a request keeps the one it arrived under. */
    public mock: CompiledMock,
    private readonly options: ExchangeOptions,
  ) {}

  /** node:http's request listener. */
  readonly listener = (message: IncomingMessage, res: ServerResponse): void => this.handle(message, res);

  activeRequests(): number {
    return this.active;
  }

  /** Closes the proxy's connections (the server stops). */
  closeAgents(): void {
    this.agents?.http.destroy();
    this.agents?.https.destroy();
    this.agents = null;
  }

  private handle(message: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const mock = this.mock;
    if (this.loopbackOnly) {
      const host = message.headers.host ?? '';
      if (host !== this.lastLocalHost) {
        if (!isLoopback(hostnameOf(host))) {
          // DNS rebinding: a page of another site calling this machine under its own name, which Host carries
          message.resume();
          write(
            res,
            jsonResponse(403, { error: `Host "${host}" is not this machine: the mock answers local names only.` }),
          );
          return;
        }
        this.lastLocalHost = host;
      }
    }
    // decided before the body is read, so the proxy can stream it
    if (mock.proxy && goesToProxy(mock, message, this.options.fallback !== undefined)) {
      void this.proxy(mock, mock.proxy, message, res, started);
      return;
    }
    if (hasNoBody(message) && this.answerNow(mock, message, res, started)) return;
    void this.answerLater(mock, message, res, started);
  }

  /** Answers in one go when nothing needs waiting for; false (and nothing done) otherwise. */
  private answerNow(mock: CompiledMock, message: IncomingMessage, res: ServerResponse, started: number): boolean {
    const { request, query } = requestOf(message);
    let route: CompiledRoute | null = null;
    let index: number | null = null;
    let response: MockResponse | null;
    let fault: 'drop' | 'error' | undefined;
    let error: string | undefined;
    try {
      if (mock.cors && request.method === 'OPTIONS' && message.headers['access-control-request-method']) {
        response = preflight(message);
      } else {
        const match = mock.table.match(request.method, request.path);
        if (match === null) {
          if (this.options.fallback) return false;
          response = notFound(request);
        } else {
          route = match.route;
          if (!route.immediate || !mock.immediate) return false;
          request.params = match.params;
          index = this.pick(route, request);
          const chosen = route.responses[index]!;
          if (chosen.fault && this.options.random() < chosen.fault.rate) {
            fault = chosen.fault.type;
            response = this.fault(chosen.fault, message);
          } else {
            try {
              response = chosen.renderNow!(request, this.options.renderState);
            } catch (failure) {
              error = messageOf(failure);
              this.options.reportError(failure, { method: request.method, path: request.path });
              response = jsonResponse(500, { error: `The response of ${route.key} could not be made: ${error}` });
            }
          }
        }
      }
    } catch (failure) {
      error = messageOf(failure);
      this.options.reportError(failure, { method: request.method, path: request.path });
      response = jsonResponse(500, { error: `The mock failed: ${error}` });
    }
    const status = response === null ? 0 : write(res, response, corsHeaders(mock.cors, message, response.headers));
    const entry: MockLogEntry = {
      id: this.nextId++,
      time: logTime(),
      method: request.method,
      path: request.path,
      query,
      route: route === null ? null : route.key,
      routeIndex: route === null ? null : route.index,
      responseIndex: index,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      request: { headers: message.headers, body: '' },
      response: response === null ? NOTHING_SENT : loggedResponse(response),
    };
    if (fault !== undefined) entry.fault = fault;
    if (error !== undefined) entry.error = error;
    this.options.log.add(entry);
    return true;
  }

  private pick(route: CompiledRoute, request: MockRequest): number {
    // one response and no counter or draw to advance: rules cannot change the answer
    if (route.responses.length === 1 && route.mode === 'first') return 0;
    const { sequence, random, renderState } = this.options;
    const buckets = renderState.data;
    // a `data` rule reads the bucket as templates do (made on first use, with this request)
    const data = buckets && ((name: string) => buckets.read(name, request, renderState).value);
    return pickResponse(route.responses, route.mode, request, { routeKey: route.key, sequence, random, data });
  }

  /** A fault's answer; null for `drop`, which closes the connection instead. */
  private fault(fault: { type: 'drop' | 'error'; status: number }, message: IncomingMessage): MockResponse | null {
    if (fault.type === 'drop') {
      message.socket.destroy();
      return null;
    }
    return jsonResponse(fault.status, { error: 'Fault injected by the mock' });
  }

  /** Reads the body, waits the latency, reads body files, asks the fallback: whatever needs waiting for. */
  private async answerLater(
    mock: CompiledMock,
    message: IncomingMessage,
    res: ServerResponse,
    started: number,
  ): Promise<void> {
    const { log, random, reportError, renderState, fallback } = this.options;
    this.active++;
    const entry: MockLogEntry = {
      id: this.nextId++,
      time: logTime(),
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
    this.abandoners.add(abandon);
    let finished = false;
    const done = (response: MockResponse | null) => {
      if (finished) return;
      finished = true;
      try {
        if (response) {
          entry.response = loggedResponse(response);
          entry.status = write(res, response, corsHeaders(mock.cors, message, response.headers));
        }
      } finally {
        this.active--;
        entry.durationMs = Math.round((performance.now() - started) * 10) / 10;
        this.abandoners.delete(abandon);
        res.off('close', abandon);
        log.add(entry);
      }
    };
    try {
      const parsed = await parseRequest(message, this.options.limitBytes);
      const request = parsed.request;
      entry.method = request.method;
      entry.path = request.path;
      entry.query = parsed.query;
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
        if (fallback) return done(await this.answerFallback(fallback, request, mock, entry));
        return done(notFound(request));
      }
      request.params = match.params;
      const route = match.route;
      entry.route = route.key;
      entry.routeIndex = route.index;
      const index = this.pick(route, request);
      const response = route.responses[index]!;
      entry.responseIndex = index;
      const wait = latencyOf(mock.latency, random) + latencyOf(response.latency, random);
      if (wait > 0) await delay(wait, undefined, { signal: goneSignal() });
      if (response.fault && random() < response.fault.rate) {
        entry.fault = response.fault.type;
        return done(this.fault(response.fault, message));
      }
      let rendered: MockResponse;
      try {
        rendered = await response.render(request, renderState);
      } catch (error) {
        const text = messageOf(error);
        entry.error = text;
        reportError(error, { method: request.method, path: request.path });
        return done(jsonResponse(500, { error: `The response of ${route.key} could not be made: ${text}` }));
      }
      if (aborted) return done(null);
      done(rendered);
    } catch (error) {
      if (aborted) return done(null);
      entry.error = messageOf(error);
      reportError(error, { method: entry.method, path: entry.path });
      if (!res.headersSent) done(jsonResponse(500, { error: `The mock failed: ${entry.error}` }));
      else done(null);
    }
  }

  /** Streams the exchange with the target after the mock's latency, logs it and, with `record`, keeps its route. */
  private async proxy(
    mock: CompiledMock,
    target: ProxyTarget,
    message: IncomingMessage,
    res: ServerResponse,
    started: number,
  ): Promise<void> {
    const { log, random, reportError } = this.options;
    this.active++;
    const id = this.nextId++;
    const lifetime = this.lifetime.signal;
    let entry: MockLogEntry | null = null;
    try {
      const wait = latencyOf(mock.latency, random);
      if (wait > 0) await delay(wait, undefined, { signal: lifetime });
      this.agents ??= createProxyAgents();
      const exchange = await proxyExchange(target, message, res, {
        id,
        agents: this.agents,
        limitBytes: this.options.limitBytes,
        idleTimeoutMs: this.options.proxyTimeoutMs,
        decorate: (headers) => withCorsHeaders(mock.cors, message, headers),
      });
      entry = exchange.entry;
      if (exchange.route) this.recorder.add(exchange.route);
    } catch (error) {
      // the server stopped during the latency, or a failure outside the exchange
      const text = messageOf(error);
      entry = { ...proxyLogEntry(id, message), error: text };
      if (!lifetime.aborted) reportError(error, { method: entry.method, path: entry.path });
      if (!res.headersSent && !res.destroyed)
        entry.status = write(res, jsonResponse(502, { error: `The proxy failed: ${text}` }));
      else res.destroy();
    } finally {
      this.active--;
      if (entry) {
        entry.durationMs = Math.round((performance.now() - started) * 10) / 10;
        log.add(entry);
      }
    }
  }

  /** A request no route matched, answered by the fallback handler after the mock's latency. */
  private async answerFallback(
    fallback: MockHandler,
    request: MockRequest,
    mock: CompiledMock,
    entry: MockLogEntry,
  ): Promise<MockResponse> {
    const wait = latencyOf(mock.latency, this.options.random);
    if (wait > 0) await delay(wait, undefined, { signal: this.lifetime.signal });
    try {
      const response = await fallback(request);
      if (response.route) entry.route = response.route;
      return response;
    } catch (error) {
      entry.error = messageOf(error);
      this.options.reportError(error, { method: request.method, path: request.path });
      return jsonResponse(500, { error: `The request could not be answered: ${entry.error}` });
    }
  }
}

function notFound(request: MockRequest): MockResponse {
  const text = `No route for ${request.method} ${request.path}`;
  return jsonResponse(404, { error: text, method: request.method, path: request.path });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
