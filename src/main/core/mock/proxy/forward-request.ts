/**
 * Forwards one request no route or resource answered to the mock's proxy target (issue 7, item 7), streamed
 * both ways: the client's body goes upstream as it arrives and the answer comes back as it arrives, so a
 * large exchange never sits in memory whole. Hop-by-hop headers are dropped in both directions
 * (RFC 9110 §7.6.1) and Host names the target. An upstream that cannot be reached, fails or stays silent is a
 * 502 (504 when silent) with JSON naming the target, as long as nothing was sent yet; after that the client's
 * connection is cut, which is all HTTP allows.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { MockProxy } from '../../../../shared/mock-definition';
import { bodyForLog, LOGGED_BODY_CHARS } from '../request-log';

/** A proxy target as the server uses it, prepared once per load. */
export interface ProxyTarget {
  /** As written in the definition: what error messages and the log name. */
  target: string;
  protocol: 'http:' | 'https:';
  hostname: string;
  port: number;
  /** The target's own path, without a trailing slash ('' for none): forwarded paths are appended to it. */
  basePath: string;
  /** The mock's prefix ('' for none). */
  prefix: string;
  /** The prefix when `removePrefix` is set ('' otherwise): taken off forwarded paths. */
  strip: string;
  record: boolean;
  headers: Record<string, string>;
}

export function compileProxy(proxy: MockProxy, prefix: string): ProxyTarget {
  const url = new URL(proxy.target);
  const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
  return {
    target: proxy.target,
    protocol,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : protocol === 'https:' ? 443 : 80,
    basePath: url.pathname.replace(/\/+$/, ''),
    prefix,
    strip: proxy.removePrefix ? prefix : '',
    record: proxy.record ?? false,
    headers: Object.fromEntries(
      Object.entries(proxy.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    ),
  };
}

/** The path and query sent upstream for a request's raw URL (`/api/users?x=1`), still percent-encoded. */
export function upstreamPath(target: ProxyTarget, rawUrl: string): string {
  let path = rawUrl.startsWith('/') ? rawUrl : `/${rawUrl}`;
  const strip = target.strip;
  if (strip && (path === strip || path.startsWith(`${strip}/`) || path.startsWith(`${strip}?`))) {
    path = path.slice(strip.length);
    if (!path.startsWith('/')) path = `/${path}`;
  }
  return target.basePath + path;
}

/** The whole upstream URL, as the log shows it. */
export function upstreamUrl(target: ProxyTarget, rawUrl: string): string {
  const defaultPort = target.protocol === 'https:' ? 443 : 80;
  const host = target.hostname.includes(':') ? `[${target.hostname}]` : target.hostname;
  const port = target.port === defaultPort ? '' : `:${target.port}`;
  return `${target.protocol}//${host}${port}${upstreamPath(target, rawUrl)}`;
}

// RFC 9110 §7.6.1, plus the de-facto ones (keep-alive, proxy-connection)
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Headers without the hop-by-hop ones, including those the Connection header names. */
export function endToEndHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== ''),
  );
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    kept[name] = value;
  }
  return kept;
}

/** Keeps the first bytes of a stream and counts them all. */
export class ByteCapture {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  total = 0;
  constructor(private readonly limit: number) {}
  add(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.kept >= this.limit) return;
    const part = chunk.length + this.kept > this.limit ? chunk.subarray(0, this.limit - this.kept) : chunk;
    this.chunks.push(part);
    this.kept += part.length;
  }
  /** Whether every byte was kept. */
  complete(): boolean {
    return this.kept === this.total;
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

export interface ProxyAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

/** Keep-alive agents for one server's upstream connections; destroy them when it stops. */
export function createProxyAgents(): ProxyAgents {
  return { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
}

export interface ForwardOptions {
  agents: ProxyAgents;
  /** Bytes of the request body to keep (for the log). */
  requestCapture: number;
  /** Bytes of the response body to keep (the log, or a recorded route). */
  responseCapture: number;
  /** How long the upstream may stay silent, connecting or answering, before it is given up (504). */
  idleTimeoutMs: number;
  /** Adds headers to the answer before it is written (CORS). */
  decorate: (headers: Record<string, string | string[]>) => Record<string, string | string[]>;
}

export interface ForwardResult {
  /** The status sent to the client: the upstream's, 502/504 when it failed first, 0 when the client was cut off. */
  status: number;
  url: string;
  request: ByteCapture;
  response: ByteCapture;
  responseHeaders: Record<string, string | string[]>;
  /** Why the exchange failed (upstream unreachable, cut off, silent). */
  error?: string;
}

/** Forwards `message` to the target and streams the answer into `res`; resolves when the exchange is over. */
export function forwardRequest(
  message: IncomingMessage,
  res: ServerResponse,
  target: ProxyTarget,
  options: ForwardOptions,
): Promise<ForwardResult> {
  const path = upstreamPath(target, message.url ?? '/');
  const result: ForwardResult = {
    status: 0,
    url: upstreamUrl(target, message.url ?? '/'),
    request: new ByteCapture(options.requestCapture),
    response: new ByteCapture(options.responseCapture),
    responseHeaders: {},
  };
  const headers = { ...endToEndHeaders(message.headers), ...target.headers };
  headers.host =
    target.port === (target.protocol === 'https:' ? 443 : 80) ? hostOf(target) : `${hostOf(target)}:${target.port}`;
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolveForward) => {
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      if (error !== undefined) result.error = error;
      resolveForward(result);
    };
    const upstream = send(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path,
        method: message.method,
        headers,
        agent: target.protocol === 'https:' ? options.agents.https : options.agents.http,
        timeout: options.idleTimeoutMs,
      },
      (answer) => {
        result.responseHeaders = endToEndHeaders(answer.headers);
        const status = answer.statusCode ?? 502;
        try {
          res.writeHead(status, answer.statusMessage, options.decorate(result.responseHeaders));
        } catch (error) {
          answer.destroy();
          failBeforeAnswer(
            502,
            `The answer of ${target.target} has headers this server cannot send: ${(error as Error).message}`,
          );
          return;
        }
        result.status = status;
        answer.on('data', (chunk: Buffer) => result.response.add(chunk));
        answer.on('error', (error) => {
          res.destroy();
          finish(`The answer of ${target.target} was cut off: ${error.message}`);
        });
        answer.on('aborted', () => {
          res.destroy();
          finish(`The answer of ${target.target} was cut off.`);
        });
        answer.pipe(res);
        res.on('finish', () => finish());
      },
    );
    const failBeforeAnswer = (status: 502 | 504, text: string) => {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        result.status = res.headersSent ? result.status : 0;
        return finish(text);
      }
      const body = JSON.stringify({ error: text, target: target.target });
      result.status = status;
      result.responseHeaders = { 'content-type': 'application/json; charset=utf-8' };
      result.response.add(Buffer.from(body));
      // the client's body may be unread: the connection cannot carry another request
      res.writeHead(
        status,
        options.decorate({
          ...result.responseHeaders,
          'content-length': String(Buffer.byteLength(body)),
          connection: 'close',
        }),
      );
      res.end(body);
      finish(text);
    };
    upstream.on('timeout', () => {
      upstream.destroy(new Error(`no answer within ${options.idleTimeoutMs} ms`));
    });
    upstream.on('error', (error) => {
      const silent = /^no answer within/.test(error.message);
      failBeforeAnswer(
        silent ? 504 : 502,
        silent
          ? `The proxy target ${target.target} sent no answer within ${options.idleTimeoutMs} ms.`
          : `The proxy target ${target.target} could not be reached: ${error.message}`,
      );
    });
    // the client went away: nothing more to forward either way
    res.on('close', () => {
      // ended: every byte was handed to the socket, and a client may close as soon as it has them all
      if (!res.writableEnded && !settled) {
        upstream.destroy();
        result.status = 0;
        finish('The client closed the connection before the answer was sent.');
      } else {
        finish();
      }
    });
    message.on('data', (chunk: Buffer) => result.request.add(chunk));
    message.pipe(upstream);
  });
}

function hostOf(target: ProxyTarget): string {
  return target.hostname.includes(':') ? `[${target.hostname}]` : target.hostname;
}

/** A captured body as the log keeps it; one kept only in part ends with a note of its full size. */
export function capturedForLog(capture: ByteCapture): string {
  if (capture.complete()) return bodyForLog(capture.bytes());
  // the cut may split a character: drop its first bytes rather than call the whole body binary
  const text = capture
    .bytes()
    .toString('utf8')
    .replace(/\uFFFD{1,3}$/, '');
  if (text.includes('\uFFFD')) return `(${capture.total} bytes of binary data)`;
  return `${text.slice(0, LOGGED_BODY_CHARS)}… (${capture.total} bytes)`;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of bytes that are valid UTF-8; null otherwise. */
export function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}
