/**
 * What a mock server writes on the socket (issue 7): a response with its content-length, the CORS headers a mock
 * with `cors: true` adds, a preflight's answer, the answer to a request Node could not parse, and the error a
 * listen failure becomes. Headers travel as the flat list `writeHead` takes: a response made at load brings its
 * list along, so a static route writes without building anything per request.
 */
import { validateHeaderName, validateHeaderValue, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { AppError } from '../../../shared/errors';
import type { Latency } from '../../../shared/mock-definition';
import type { MockResponse } from './mock-http';

type WireHeaders = readonly (string | readonly string[])[];

const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS';

/** The flat list `writeHead` takes (content-length last, replacing one given); null when a header is not valid. */
export function wireHeaders(
  headers: Readonly<Record<string, string | readonly string[]>>,
  contentLength: number,
): (string | readonly string[])[] | null {
  const wire: (string | readonly string[])[] = [];
  try {
    for (const name in headers) {
      if (name === 'content-length') continue;
      const value = headers[name]!;
      validateHeaderName(name);
      for (const one of typeof value === 'string' ? [value] : value) validateHeaderValue(name, one);
      wire.push(name, value);
    }
  } catch {
    return null;
  }
  wire.push('content-length', String(contentLength));
  return wire;
}

/**
 * Writes the response, with `extra` headers (CORS) after its own; returns the status sent (500 when its headers
 * are not valid, 0 when the client is gone).
 */
export function write(res: ServerResponse, response: MockResponse, extra: readonly string[] | null = null): number {
  if (res.headersSent || res.destroyed) return 0;
  const body = response.body;
  let wire: WireHeaders | undefined = response.wire;
  if (wire === undefined) {
    // Node checks each header as it writes it; a string body goes out with the head in one write
    const length = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    wire = [];
    const headers = response.headers;
    for (const name in headers) if (name !== 'content-length') (wire as unknown[]).push(name, headers[name]);
    (wire as unknown[]).push('content-length', String(length));
  }
  if (extra !== null) wire = wire.concat(extra);
  try {
    res.writeHead(response.status, wire as string[]);
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

/** The headers `cors: true` adds to a response that does not set its own allow-origin; null when none. */
export function corsHeaders(
  cors: boolean,
  message: IncomingMessage,
  headers: Readonly<Record<string, string | readonly string[]>>,
): string[] | null {
  if (!cors || headers['access-control-allow-origin'] !== undefined) return null;
  const origin = message.headers.origin;
  if (!origin) return ['access-control-allow-origin', '*'];
  return ['access-control-allow-origin', origin, 'access-control-allow-credentials', 'true', 'vary', 'Origin'];
}

/** The headers with CORS's added, as an object (the proxy's answer). */
export function withCorsHeaders(
  cors: boolean,
  message: IncomingMessage,
  headers: Record<string, string | string[]>,
): Record<string, string | string[]> {
  const extra = corsHeaders(cors, message, headers);
  if (extra === null) return headers;
  const out = { ...headers };
  for (let i = 0; i < extra.length; i += 2) out[extra[i]!] = extra[i + 1]!;
  return out;
}

/** The answer to a CORS preflight (OPTIONS with Access-Control-Request-Method). */
export function preflight(message: IncomingMessage): MockResponse {
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

/** A random latency is drawn from [min, max] for each request. */
export function latencyOf(latency: Latency | undefined, random: () => number): number {
  if (latency === undefined) return 0;
  if (typeof latency === 'number') return latency;
  return latency.min + Math.floor(random() * (latency.max - latency.min + 1));
}

/** A request Node could not parse: 413 (head too large), 408 (too slow) or 400, and the connection closed. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
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

export function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const details = { port, host };
  if (error.code === 'EADDRINUSE') {
    return new AppError(
      'CONFLICT',
      `Port ${port} is already in use on ${host}; stop what uses it or choose another port.`,
      details,
    );
  }
  if (error.code === 'EACCES') {
    return new AppError(
      'PERMISSION_DENIED',
      `Port ${port} on ${host} may not be used by this user; choose a port above 1023.`,
      details,
    );
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new AppError(
      'HOST_NOT_FOUND',
      `${host} is not an address of this machine; the mock cannot listen on it.`,
      details,
    );
  }
  return new AppError('IO_ERROR', `The mock could not listen on ${host}:${port}: ${error.message}`, details);
}
