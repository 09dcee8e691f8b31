/**
 * One request/response exchange on an undici dispatcher, through its handler API: the raw header list (order
 * and repeats kept), the status text, and the body as a stream with backpressure (undici pauses the socket
 * while the reader is behind). An abort rejects at once, even before the connection is up.
 *
 * The common case, a small body sent as is (no Content-Encoding, a Content-Length up to `inlineUpTo`), skips the
 * stream: its chunks are gathered straight into one Buffer (`collected`), which costs a fraction of a stream
 * piped through a sink (bench:runner). Anything else, a chunked or encoded or large body, comes as `body`.
 */
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { bindExchange, nowMs, type ExchangeTimes } from './exchange-timing';
import type { SendCancel } from './send-cancel';
import type { HeaderEntry } from './send-types';

export interface ExchangeHead {
  status: number;
  statusText: string;
  headers: HeaderEntry[];
  /** The body as a stream; null when it is `collected` instead. */
  body: Readable | null;
  /** The whole body, for a small identity-encoded one (rejects when the exchange fails midway); else null. */
  collected: Promise<Buffer> | null;
  /** Bytes received so far (the wire size once the body has ended). */
  wireBytes(): number;
  /** Reads the body to its end and drops it (a redirect's, a challenge's), so the connection can be reused. */
  discard(): void;
}

export interface ExchangeRequest {
  url: URL;
  method: string;
  headers: string[];
  body: Dispatcher.DispatchOptions['body'];
  /** Bodies announced (Content-Length) up to this many bytes, without Content-Encoding, are `collected`. */
  inlineUpTo: number;
}

export function dispatchExchange(
  dispatcher: Dispatcher,
  request: ExchangeRequest,
  times: ExchangeTimes,
  cancel: SendCancel,
): Promise<ExchangeHead> {
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | null = null;
    let settled = false;
    let wire = 0;
    // exactly one of the two, chosen by the response's headers
    let body: Readable | null = null;
    let chunks: Buffer[] | null = null;
    let collect: { resolve: (bytes: Buffer) => void; reject: (error: Error) => void } | null = null;
    const fail = (error: Error) => {
      if (!settled) {
        settled = true;
        reject(error);
      } else if (collect) {
        collect.reject(error);
        collect = null;
      } else if (body && !body.destroyed) {
        body.destroy(error);
      }
    };
    const onAbort = () => {
      const reason = cancel.reason ?? new Error('aborted');
      controller?.abort(reason);
      fail(reason);
    };
    if (cancel.aborted) {
      onAbort();
      return;
    }
    const done = cancel.onAbort(onAbort);

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (cancel.aborted) started.abort(cancel.reason!);
      },
      onResponseStart(started, statusCode, _headers, statusMessage) {
        times.responseStart = nowMs();
        settled = true;
        const headers = headerList(started.rawHeaders);
        let collected: Promise<Buffer> | null = null;
        if (collectable(headers, request.inlineUpTo)) {
          chunks = [];
          collected = new Promise<Buffer>((resolve, reject) => (collect = { resolve, reject }));
          // a body nobody waits for (a redirect's) must not be an unhandled rejection
          collected.catch(() => undefined);
        } else {
          body = new Readable({ read: () => controller?.resume() });
          // whoever reads the body (a pipeline) gets its error; a body nobody reads (a redirect's) must not crash
          body.on('error', () => undefined);
        }
        const stream = body;
        resolve({
          status: statusCode,
          statusText: statusMessage ?? '',
          headers,
          body: stream,
          collected,
          wireBytes: () => wire,
          discard: () => stream?.resume(),
        });
      },
      onResponseData(started, chunk) {
        wire += chunk.length;
        if (chunks) chunks.push(chunk);
        else if (body && !body.push(chunk)) started.pause();
      },
      onResponseEnd() {
        done();
        if (collect) {
          collect.resolve(chunks!.length === 1 ? chunks![0]! : Buffer.concat(chunks!, wire));
          collect = null;
        } else {
          body?.push(null);
        }
      },
      onResponseError(_controller, error) {
        done();
        fail(error);
      },
    };
    const path = `${request.url.pathname}${request.url.search}`;
    try {
      bindExchange(times, () =>
        dispatcher.dispatch(
          {
            origin: request.url.origin,
            path,
            method: request.method as Dispatcher.HttpMethod,
            headers: request.headers,
            body: request.body,
            // the sender's own timeout covers the whole exchange
            headersTimeout: 0,
            bodyTimeout: 0,
          },
          handler,
        ),
      );
    } catch (error) {
      done();
      fail(error as Error);
    }
  });
}

/** A body sent as is whose announced length is at most `limit` (a HEAD's or a 304's included: nothing comes). */
function collectable(headers: readonly HeaderEntry[], limit: number): boolean {
  let length: string | null = null;
  for (const { name, value } of headers) {
    const lower = name.toLowerCase();
    if (lower === 'content-encoding' && value.trim().toLowerCase() !== 'identity') return false;
    if (lower === 'content-length') {
      if (length !== null && length !== value) return false;
      length = value;
    }
  }
  if (length === null || !/^\d{1,15}$/.test(length.trim())) return false;
  return Number(length) <= limit;
}

function headerList(raw: Dispatcher.DispatchController['rawHeaders']): HeaderEntry[] {
  const list: HeaderEntry[] = [];
  if (!Array.isArray(raw)) return list;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    list.push({ name: String(raw[i]), value: String(raw[i + 1]) });
  }
  return list;
}
