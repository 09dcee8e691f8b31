/**
 * The proxy's part of a mock server: which requests go to the target, one exchange with it turned into a log
 * entry, and the routes recorded from those exchanges. The server decides before reading the body, so the
 * body can be streamed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockRoute } from '../../../../shared/mock-definition';
import type { CompiledMock } from '../compile-mock';
import { LOGGED_BODY_CHARS, type MockLogEntry } from '../request-log';
import { capturedForLog, forwardRequest, utf8OrNull, type ForwardOptions, type ProxyTarget } from './forward-request';
import { routeFromLogEntry } from './record-route';

/**
 * Order: routes, then CORS preflights, then the REST resources (the fallback: `/`, `/_openapi.json` and each
 * resource's path under the prefix), then the proxy. With a fallback and no resources in the definition, the
 * fallback answers everything and nothing is proxied.
 */
export function goesToProxy(mock: CompiledMock, message: IncomingMessage, hasFallback: boolean): boolean {
  const method = (message.method ?? 'GET').toUpperCase();
  if (mock.cors && method === 'OPTIONS' && message.headers['access-control-request-method']) return false;
  const { path } = splitUrl(message.url);
  if (mock.table.match(method, path)) return false;
  if (!hasFallback) return true;
  if (mock.resourcePaths.length === 0) return false;
  const prefix = mock.definition.prefix ?? '';
  if (path === `${prefix}/` || path === prefix || path === `${prefix}/_openapi.json`) return false;
  return !mock.resourcePaths.some((resource) => path === resource || path.startsWith(`${resource}/`));
}

export interface ExchangeOptions extends Omit<ForwardOptions, 'requestCapture' | 'responseCapture'> {
  id: number;
  /** A recorded route's body may be this large; larger answers are not recorded. */
  limitBytes: number;
}

/** Forwards one request and resolves with its log entry and, with `record`, the route it makes (if any). */
export async function proxyExchange(
  target: ProxyTarget,
  message: IncomingMessage,
  res: ServerResponse,
  options: ExchangeOptions,
): Promise<{ entry: MockLogEntry; route: MockRoute | null }> {
  const entry = proxyLogEntry(options.id, message);
  const result = await forwardRequest(message, res, target, {
    ...options,
    requestCapture: LOGGED_BODY_CHARS,
    responseCapture: target.record ? options.limitBytes : LOGGED_BODY_CHARS,
  });
  entry.proxied = result.url;
  entry.status = result.status;
  if (result.error !== undefined) entry.error = result.error;
  entry.request.body = capturedForLog(result.request);
  entry.response = { headers: result.responseHeaders, body: capturedForLog(result.response) };
  let route: MockRoute | null = null;
  if (target.record && result.error === undefined && result.response.complete()) {
    const text = utf8OrNull(result.response.bytes());
    if (text !== null) route = recordable({ ...entry, response: { ...entry.response, body: text } }, target);
  }
  return { entry, route };
}

/** A proxied request's log entry before the exchange (status 0: nothing answered yet). */
export function proxyLogEntry(id: number, message: IncomingMessage): MockLogEntry {
  const { path, query } = splitUrl(message.url);
  return {
    id,
    time: new Date().toISOString(),
    method: (message.method ?? 'GET').toUpperCase(),
    path,
    query,
    route: null,
    routeIndex: null,
    responseIndex: null,
    status: 0,
    durationMs: 0,
    request: { headers: message.headers, body: '' },
    response: { headers: {}, body: '' },
  };
}

function recordable(entry: MockLogEntry, target: ProxyTarget): MockRoute | null {
  try {
    return routeFromLogEntry(entry, { prefix: target.prefix });
  } catch {
    return null; // outside the prefix, or nothing answered: not a route of this mock
  }
}

/** Recorded routes by method and path: the latest answer wins, in the place of the first. */
export class RouteRecorder {
  private readonly routes = new Map<string, MockRoute>();
  add(route: MockRoute): void {
    this.routes.set(`${route.method} ${route.path}`, route);
  }
  list(): MockRoute[] {
    return [...this.routes.values()];
  }
  clear(): void {
    this.routes.clear();
  }
}

function splitUrl(url = '/'): { path: string; query: string } {
  const mark = url.indexOf('?');
  return mark < 0 ? { path: url, query: '' } : { path: url.slice(0, mark), query: url.slice(mark + 1) };
}
