import type { Transport } from '../../../shared/client';
import { AppError, isErrorCode, type ErrorCode } from '../../../shared/errors';
import { RESYNC_EVENT } from '../../../shared/events';
import type { EventMessage, RpcRequest, RpcResponse } from '../../../shared/rpc';
import { decodeRpcBinary, RPC_BINARY_TYPE } from '../../../shared/rpc-wire';
import { SseParser, type SseMessage } from './sse-parser';
import { currentSession, SESSION_HEADER, signedOut } from './web-session';

export interface HttpTransportOptions {
  /** Base URL of the browser host; same origin by default. */
  baseUrl?: string;
  /** Called after the event stream came back from a disconnect. */
  onReconnected?: () => void;
  /** Called once when the event stream drops (the host stopped, restarted or refused us); onReconnected follows when it is back. */
  onDisconnected?: () => void;
  /** Called when the host could not replay what the stream missed: state kept fresh by events must be re-read. */
  onResync?: () => void;
}

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

function failure(request: RpcRequest, code: ErrorCode, message: string): RpcResponse {
  return { id: request.id, ok: false, error: { code, message } };
}

function sessionHeaders(): Record<string, string> {
  const session = currentSession();
  return session === null ? {} : { [SESSION_HEADER]: session };
}

/**
 * The browser-host transport: `POST /rpc` for calls and one `GET /events` stream for pushes, both carrying the
 * tab's session header. The stream is read with fetch (EventSource cannot send headers) and reopened with
 * backoff, sending the last event id so the host replays what was missed (or answers `resync`).
 */
export function createHttpTransport(options: HttpTransportOptions = {}): Transport {
  const base = options.baseUrl ?? '';
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let streaming = false;
  let lastEventId = '';
  let hadError = false;
  let retryMs = RECONNECT_MIN_MS;

  function deliver(message: SseMessage): void {
    if (message.event === RESYNC_EVENT) {
      options.onResync?.();
      return;
    }
    let parsed: EventMessage;
    try {
      parsed = JSON.parse(message.data) as EventMessage;
    } catch {
      console.error('Backbench: an event from the host was not JSON', message.data.slice(0, 200));
      return;
    }
    if (typeof parsed?.topic !== 'string') return;
    for (const listener of listeners.get(parsed.topic) ?? []) {
      try {
        listener(parsed.payload);
      } catch (error) {
        console.error(`Listener for ${parsed.topic} failed`, error);
      }
    }
  }

  /** Reads one connection of the stream until it ends; `signed-out` when the host refused the session. */
  async function readOnce(): Promise<'ended' | 'signed-out'> {
    const response = await fetch(`${base}/events`, {
      cache: 'no-store',
      headers: { ...sessionHeaders(), ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
    });
    if (response.status === 401) return 'signed-out';
    if (!response.ok || response.body === null) return 'ended';
    if (hadError) {
      hadError = false;
      options.onReconnected?.();
    }
    retryMs = RECONNECT_MIN_MS;
    const parser = new SseParser(deliver, lastEventId);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(value);
        lastEventId = parser.lastEventId;
      }
    } finally {
      lastEventId = parser.lastEventId;
      reader.releaseLock();
    }
    return 'ended';
  }

  async function stream(): Promise<void> {
    while (listeners.size > 0 && currentSession() !== null) {
      let outcome: 'ended' | 'signed-out';
      try {
        outcome = await readOnce();
      } catch {
        outcome = 'ended';
      }
      if (outcome === 'signed-out') {
        signedOut();
        break;
      }
      // one notice per outage, however many retries it takes
      if (!hadError) options.onDisconnected?.();
      hadError = true;
      await new Promise((resolveWait) => setTimeout(resolveWait, retryMs));
      retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
    }
    streaming = false;
  }

  function open(): void {
    if (streaming || currentSession() === null) return;
    streaming = true;
    void stream();
  }

  return {
    async call(request) {
      let response: Response;
      try {
        response = await fetch(`${base}/rpc`, {
          method: 'POST',
          cache: 'no-store',
          headers: { 'content-type': 'application/json', ...sessionHeaders() },
          body: JSON.stringify(request),
        });
      } catch {
        return failure(
          request,
          'CONNECTION_LOST',
          'Could not reach the Backbench server. Check that `backbench web` is still running, then retry.',
        );
      }
      if (response.status === 401) signedOut();
      let body: unknown;
      try {
        body = response.headers.get('content-type')?.startsWith(RPC_BINARY_TYPE)
          ? decodeRpcBinary(new Uint8Array(await response.arrayBuffer()))
          : await response.json();
      } catch {
        body = undefined;
      }
      if (typeof body === 'object' && body !== null && 'ok' in body) return body as RpcResponse;
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

/**
 * Downloads a file of the host's exports folder: asks for a one-time ticket, then follows it with a download
 * link (a link, not fetch: the file goes to disk without passing through the page's memory).
 */
export async function downloadFromHost(name: string, base = ''): Promise<void> {
  const response = await fetch(`${base}/download-ticket`, {
    method: 'POST',
    cache: 'no-store',
    headers: { 'content-type': 'application/json', ...sessionHeaders() },
    body: JSON.stringify({ name }),
  });
  if (response.status === 401) signedOut();
  const body = (await response.json().catch(() => null)) as {
    url?: unknown;
    error?: { code?: string; message?: string };
  } | null;
  if (!response.ok || typeof body?.url !== 'string') {
    const code = body?.error?.code;
    throw new AppError(
      isErrorCode(code) ? code : 'INTERNAL',
      body?.error?.message ?? `The Backbench server answered ${response.status} to a download request.`,
    );
  }
  const link = document.createElement('a');
  link.href = body.url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/** What `POST /upload` answers: the id `transfer.preview` / `transfer.import` take, and what the name says. */
export interface UploadedFile {
  fileId: string;
  name: string;
  format: 'csv' | 'tsv' | 'json' | 'ndjson' | null;
}

/**
 * Uploads a file the user picked to the browser host for an import (`POST /upload`, the body streamed as it is,
 * the name only for display and the format), signed in with the session header like `/rpc`.
 */
export async function uploadToHost(file: Blob, name: string, base = ''): Promise<UploadedFile> {
  let response: Response;
  try {
    response = await fetch(`${base}/upload?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      cache: 'no-store',
      headers: { 'content-type': 'application/octet-stream', ...sessionHeaders() },
      body: file,
    });
  } catch {
    throw new AppError(
      'CONNECTION_LOST',
      'Could not reach the Backbench server to upload the file. Check that `backbench web` is still running, then retry.',
    );
  }
  if (response.status === 401) signedOut();
  const body = (await response.json().catch(() => null)) as {
    ok?: boolean;
    value?: UploadedFile;
    error?: { code?: string; message?: string };
  } | null;
  if (response.ok && body?.ok === true && body.value) return body.value;
  const code = body?.error?.code;
  throw new AppError(
    isErrorCode(code) ? code : 'INTERNAL',
    body?.error?.message ?? `The Backbench server answered ${response.status} to the upload.`,
  );
}
