/**
 * The last requests a mock served (a ring buffer, 1,000 by default) and listeners told of each one as it ends:
 * what the Mocks panel's log and the CLI's one line per request read.
 */

export interface MockLogEntry {
  /** Counts up from 1 for the server's life (reloads included). */
  id: number;
  /** When the request arrived (ISO 8601). */
  time: string;
  method: string;
  path: string;
  /** The query string without `?` ('' when none). */
  query: string;
  /** The matched route (`GET /users/:id`, prefix included) and its index; null when none matched. */
  route: string | null;
  routeIndex: number | null;
  responseIndex: number | null;
  /** The status sent; 0 when the connection was dropped (a `drop` fault, or the client went away). */
  status: number;
  durationMs: number;
  /** A fault that answered instead of the response. */
  fault?: 'drop' | 'error';
  /** The upstream URL when the proxy answered (`https://api.example.com/users?x=1`); route is then null. */
  proxied?: string;
  /** Why the answer is an error (a template or body file that failed, a malformed body). */
  error?: string;
  request: { headers: Record<string, string | string[] | undefined>; body: string };
  response: { headers: Record<string, string | string[]>; body: string };
}

export type MockLogListener = (entry: MockLogEntry) => void;

/** Bodies kept in the log are cut to this many characters. */
export const LOGGED_BODY_CHARS = 64 * 1024;

export interface RequestLog {
  /** Entries oldest first. */
  entries(): MockLogEntry[];
  add(entry: MockLogEntry): void;
  /** Calls `listener` for each entry added from now on; returns the unsubscribe function. */
  subscribe(listener: MockLogListener): () => void;
  clear(): void;
}

export function createRequestLog(capacity = 1000, onListenerError: (error: unknown) => void = () => {}): RequestLog {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('the log holds at least one entry');
  const ring: (MockLogEntry | undefined)[] = new Array(capacity);
  let next = 0;
  let count = 0;
  // an array rebuilt on (un)subscribe: read on every request, changed about never
  let listeners: readonly MockLogListener[] = [];
  return {
    entries() {
      const start = count < capacity ? 0 : next;
      const list: MockLogEntry[] = [];
      for (let i = 0; i < count; i++) list.push(ring[(start + i) % capacity]!);
      return list;
    },
    add(entry) {
      ring[next] = entry;
      next = (next + 1) % capacity;
      count = Math.min(count + 1, capacity);
      for (let i = 0; i < listeners.length; i++) {
        // a listener that throws must not stop the others, nor the server
        try {
          listeners[i]!(entry);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      const own = (one: MockLogListener) => one !== listener;
      if (listeners.every(own)) listeners = [...listeners, listener];
      return () => void (listeners = listeners.filter(own));
    },
    clear() {
      ring.fill(undefined);
      next = 0;
      count = 0;
    },
  };
}

let lastMs = -1;
let lastTime = '';

/** Now in ISO 8601 (an entry's `time`), made once per millisecond: thousands of requests share one. */
export function logTime(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastTime = new Date(ms).toISOString();
  }
  return lastTime;
}

/** What an entry keeps of the response sent. */
export type LoggedResponse = MockLogEntry['response'];

/**
 * The response as an entry keeps it: the one made at load for a response that is the same for every request
 * (shared by every entry of it: one object less per request, for the collector to copy while the entry lives),
 * else made now.
 */
export function loggedResponse(response: {
  headers: Record<string, string | string[]>;
  body: string | Uint8Array;
  logged?: LoggedResponse;
}): LoggedResponse {
  return response.logged ?? { headers: response.headers, body: bodyForLog(response.body) };
}

/** A body as the log keeps it: text, cut to LOGGED_BODY_CHARS; binary bodies as a note of their size. */
export function bodyForLog(body: string | Uint8Array): string {
  if (typeof body !== 'string') {
    const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
    if (!text.includes('\uFFFD')) return cut(text);
    return `(${body.byteLength} bytes of binary data)`;
  }
  return cut(body);
}

function cut(text: string): string {
  return text.length > LOGGED_BODY_CHARS ? `${text.slice(0, LOGGED_BODY_CHARS)}… (${text.length} characters)` : text;
}
