/**
 * One request/response exchange on an undici dispatcher, through its handler API: the raw header list (order
 * and repeats kept), the status text, and the body as a stream with backpressure (undici pauses the socket
 * while the reader is behind). An abort rejects at once, even before the connection is up.
 *
 * The common case, a small body sent as is (no Content-Encoding, a Content-Length up to `inlineUpTo`), skips the
 * stream: its chunks are gathered straight into one Buffer (`collected`), which costs a fraction of a stream
 * piped through a sink (bench:runner), and the head comes once that body has ended. Anything else, a chunked or
 * encoded or large body, comes as `body`.
 */
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { exchangeAnswered, exchangeStarting, nowMs, type ExchangeTimes } from './exchange-timing';
import type { AbortListener, SendCancel } from './send-cancel';
import type { HeaderEntry } from './send-types';

export interface ExchangeHead {
  status: number;
  statusText: string;
  headers: HeaderEntry[];
  /** The body as a stream; null when it is `collected` instead. */
  body: Readable | null;
  /** The whole body, for a small identity-encoded one (the head then comes once it has ended); else null. */
  collected: Buffer | null;
  /** Bytes received so far (the wire size once the body has ended). */
  wireBytes(): number;
  /** Reads the body to its end and drops it (a redirect's, a challenge's), so the connection can be reused. */
  discard(): void;
}

export interface ExchangeRequest {
  origin: string;
  /** Path and query. */
  path: string;
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
  return new Promise((resolve, reject) => new Exchange(times, cancel, resolve, reject).start(dispatcher, request));
}

/**
 * One exchange as one object: undici's handler, the cancel listener and the head it resolves to (methods on a
 * prototype rather than closures per request, bench:runner).
 */
class Exchange implements Dispatcher.DispatchHandler, ExchangeHead, AbortListener {
  status = 0;
  statusText = '';
  headers: HeaderEntry[] = [];
  // exactly one of the two, chosen by the response's headers
  body: Readable | null = null;
  collected: Buffer | null = null;
  private chunks: Buffer[] | null = null;
  private controller: Dispatcher.DispatchController | null = null;
  private settled = false;
  private wire = 0;
  private inlineUpTo = 0;

  constructor(
    private readonly times: ExchangeTimes,
    private readonly cancel: SendCancel,
    private readonly resolve: (head: ExchangeHead) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  start(dispatcher: Dispatcher, request: ExchangeRequest): void {
    if (this.cancel.aborted) {
      this.onCancel();
      return;
    }
    this.inlineUpTo = request.inlineUpTo;
    this.cancel.onAbort(this);
    try {
      dispatcher.dispatch(
        {
          origin: request.origin,
          path: request.path,
          method: request.method as Dispatcher.HttpMethod,
          headers: request.headers,
          body: request.body,
          // the sender's own timeout covers the whole exchange
          headersTimeout: 0,
          bodyTimeout: 0,
        },
        this,
      );
    } catch (error) {
      this.cancel.offAbort(this);
      this.fail(error as Error);
    }
  }

  wireBytes(): number {
    return this.wire;
  }

  discard(): void {
    this.body?.resume();
  }

  onCancel(): void {
    const reason = this.cancel.reason ?? new Error('aborted');
    this.controller?.abort(reason);
    this.fail(reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.cancel.aborted) controller.abort(this.cancel.reason!);
    else exchangeStarting(this.times);
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    _headers: unknown,
    statusMessage?: string,
  ): void {
    this.times.responseStart = nowMs();
    exchangeAnswered(this.times);
    this.status = statusCode;
    this.statusText = statusMessage ?? '';
    this.headers = headerList(controller.rawHeaders);
    if (collectable(this.headers, this.inlineUpTo)) {
      // the head comes with the whole body, at its end
      this.chunks = [];
      return;
    }
    this.settled = true;
    const body = new Readable({ read: () => this.controller?.resume() });
    // whoever reads the body (a pipeline) gets its error; a body nobody reads (a redirect's) must not crash
    body.on('error', () => undefined);
    this.body = body;
    this.resolve(this);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.wire += chunk.length;
    if (this.chunks) this.chunks.push(chunk);
    else if (this.body && !this.body.push(chunk)) controller.pause();
  }

  onResponseEnd(): void {
    this.cancel.offAbort(this);
    const chunks = this.chunks;
    if (chunks) {
      this.chunks = null;
      this.collected = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.wire);
      this.settled = true;
      this.resolve(this);
    } else {
      this.body?.push(null);
    }
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.cancel.offAbort(this);
    exchangeAnswered(this.times);
    this.fail(error);
  }

  private fail(error: Error): void {
    if (!this.settled) {
      this.settled = true;
      this.chunks = null;
      this.reject(error);
    } else if (this.body && !this.body.destroyed) {
      this.body.destroy(error);
    }
  }
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
