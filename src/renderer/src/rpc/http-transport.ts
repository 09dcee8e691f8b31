import type { Transport } from '../../../shared/client';
import { ErrorCode } from '../../../shared/errors';
import type { EventMessage, RpcRequest, RpcResponse } from '../../../shared/rpc';

export interface HttpTransportOptions {
  /** Base URL of the browser host; same origin by default. */
  baseUrl?: string;
  /** Called after the event stream came back from a disconnect (events may have been missed meanwhile). */
  onReconnected?: () => void;
  /** Called once when the event stream drops (the host stopped, restarted or refused us); onReconnected follows when it is back. */
  onDisconnected?: () => void;
}

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

function failure(request: RpcRequest, code: ErrorCode, message: string): RpcResponse {
  return { id: request.id, ok: false, error: { code, message } };
}

/**
 * The browser-host transport: `POST /rpc` (cookie auth, same origin) for calls and one shared
 * `EventSource('/events')` for pushes, reopened with backoff whenever the browser gives up on it.
 */
export function createHttpTransport(options: HttpTransportOptions = {}): Transport {
  const base = options.baseUrl ?? '';
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  let retryMs = RECONNECT_MIN_MS;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let hadError = false;

  function dispatch(raw: string): void {
    let message: EventMessage;
    try {
      message = JSON.parse(raw) as EventMessage;
    } catch {
      return; // not ours (a comment/keep-alive line); ignore rather than break the stream
    }
    if (typeof message?.topic !== 'string') return;
    for (const listener of listeners.get(message.topic) ?? []) {
      try {
        listener(message.payload);
      } catch (error) {
        console.error(`Listener for ${message.topic} failed`, error);
      }
    }
  }

  function open(): void {
    if (source || typeof EventSource === 'undefined') return;
    const es = new EventSource(`${base}/events`, { withCredentials: true });
    source = es;
    es.onopen = () => {
      retryMs = RECONNECT_MIN_MS;
      if (hadError) {
        hadError = false;
        options.onReconnected?.();
      }
    };
    es.onmessage = (event: MessageEvent<string>) => dispatch(event.data);
    es.onerror = () => {
      // one notice per outage: the browser's own retries and ours fire onerror again and again
      if (!hadError) options.onDisconnected?.();
      hadError = true;
      // EventSource retries by itself while CONNECTING; once CLOSED (e.g. the host restarted and
      // answered with an error) it never will, so we reopen it ourselves with backoff.
      if (es.readyState !== EventSource.CLOSED) return;
      es.close();
      source = null;
      if (retryTimer) return;
      retryTimer = setTimeout(() => {
        retryTimer = null;
        if (listeners.size > 0) open();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
    };
  }

  return {
    async call(request) {
      let response: Response;
      try {
        response = await fetch(`${base}/rpc`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request),
        });
      } catch {
        return failure(
          request,
          'CONNECTION_LOST',
          'Could not reach the Backbench server. Check that `backbench web` is still running, then retry.',
        );
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      if (typeof body === 'object' && body !== null && 'ok' in body) return body as RpcResponse;
      if (response.status === 401) {
        return failure(
          request,
          'UNAUTHORIZED',
          'This browser session is not signed in. Open the start URL printed by `backbench web` again.',
        );
      }
      if (response.status === 403)
        return failure(request, 'FORBIDDEN', 'The Backbench server refused this request (403).');
      if (response.status === 413)
        return failure(request, 'PAYLOAD_TOO_LARGE', 'The request is too large for the server.');
      return failure(request, 'INTERNAL', `The Backbench server answered ${response.status} without a result.`);
    },
    on(topic, listener) {
      const set = listeners.get(topic) ?? new Set<(payload: unknown) => void>();
      listeners.set(topic, set);
      set.add(listener);
      open();
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(topic);
      };
    },
  };
}
