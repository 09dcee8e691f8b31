/**
 * One request/response exchange on an undici dispatcher, through its handler API: the raw header list (order
 * and repeats kept), the status text, and the body as a stream with backpressure (undici pauses the socket
 * while the reader is behind). An abort rejects at once, even before the connection is up.
 */
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { bindExchange, nowMs, type ExchangeTimes } from './exchange-timing';
import type { HeaderEntry } from './send-types';

export interface ExchangeHead {
  status: number;
  statusText: string;
  headers: HeaderEntry[];
  body: Readable;
  /** Bytes received so far (the wire size once the body has ended). */
  wireBytes(): number;
}

export interface ExchangeRequest {
  url: URL;
  method: string;
  headers: string[];
  body: Dispatcher.DispatchOptions['body'];
}

export function dispatchExchange(
  dispatcher: Dispatcher,
  request: ExchangeRequest,
  times: ExchangeTimes,
  signal: AbortSignal,
): Promise<ExchangeHead> {
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | null = null;
    let settled = false;
    let responded = false;
    let wire = 0;
    const body = new Readable({ read: () => controller?.resume() });
    // whoever reads the body (a pipeline) gets its error; a body nobody reads (a redirect's) must not crash
    body.on('error', () => undefined);
    const fail = (error: Error) => {
      if (!settled) {
        settled = true;
        reject(error);
      } else if (responded && !body.destroyed) {
        body.destroy(error);
      }
    };
    const onAbort = () => {
      const reason = signal.reason instanceof Error ? signal.reason : new Error('aborted');
      controller?.abort(reason);
      fail(reason);
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => signal.removeEventListener('abort', onAbort);

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (signal.aborted) started.abort(signal.reason as Error);
      },
      onResponseStart(started, statusCode, _headers, statusMessage) {
        times.responseStart = nowMs();
        settled = true;
        responded = true;
        resolve({
          status: statusCode,
          statusText: statusMessage ?? '',
          headers: headerList(started.rawHeaders),
          body,
          wireBytes: () => wire,
        });
      },
      onResponseData(started, chunk) {
        wire += chunk.length;
        if (!body.push(chunk)) started.pause();
      },
      onResponseEnd() {
        done();
        body.push(null);
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

function headerList(raw: Dispatcher.DispatchController['rawHeaders']): HeaderEntry[] {
  const list: HeaderEntry[] = [];
  if (!Array.isArray(raw)) return list;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    list.push({ name: String(raw[i]), value: String(raw[i + 1]) });
  }
  return list;
}
