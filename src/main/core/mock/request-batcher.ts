/**
 * Turns a mock's request log into `mock.requestsLogged` events without flooding the event stream: at most one
 * event per mock every `intervalMs` (100 ms), at most `maxBatch` (200) requests in it; the rest of a full batch
 * are only counted (`skipped`) — `mock.requests` still has them while they are in the log. At 40k req/s this is
 * 10 events a second, not 40,000.
 */
import type { MockRequestDetail, MockRequestSummary } from '../../../shared/contract/mock.contract';
import { LOGGED_BODY_CHARS, type MockLogEntry } from './request-log';

export interface RequestBatch {
  requests: MockRequestSummary[];
  skipped: number;
}

/** A timer the batcher waits on (injected: tests drive it by hand). */
export interface BatchScheduler {
  schedule(run: () => void, ms: number): { cancel(): void };
}

export const timerScheduler: BatchScheduler = {
  schedule(run, ms) {
    const timer = setTimeout(run, ms);
    timer.unref?.();
    return { cancel: () => clearTimeout(timer) };
  },
};

export interface RequestBatcher {
  add(entry: MockLogEntry): void;
  /** Sends what is pending now (before a stop, so the last requests are not lost). */
  flush(): void;
  /** Drops what is pending and sends nothing more. */
  close(): void;
}

export function createRequestBatcher(options: {
  send: (batch: RequestBatch) => void;
  intervalMs?: number;
  maxBatch?: number;
  scheduler?: BatchScheduler;
}): RequestBatcher {
  const intervalMs = options.intervalMs ?? 100;
  const maxBatch = options.maxBatch ?? 200;
  const scheduler = options.scheduler ?? timerScheduler;
  let pending: MockRequestSummary[] = [];
  let skipped = 0;
  let timer: { cancel(): void } | null = null;
  let closed = false;

  const flush = () => {
    timer?.cancel();
    timer = null;
    if (pending.length === 0 && skipped === 0) return;
    const batch = { requests: pending, skipped };
    pending = [];
    skipped = 0;
    options.send(batch);
  };
  return {
    add(entry) {
      if (closed) return;
      if (pending.length < maxBatch) pending.push(summarizeEntry(entry));
      else skipped++;
      timer ??= scheduler.schedule(flush, intervalMs);
    },
    flush() {
      if (!closed) flush();
    },
    close() {
      closed = true;
      timer?.cancel();
      timer = null;
      pending = [];
      skipped = 0;
    },
  };
}

/** A log entry as the log's list shows it: no headers or bodies. */
export function summarizeEntry(entry: MockLogEntry): MockRequestSummary {
  const summary: MockRequestSummary = {
    id: entry.id,
    time: entry.time,
    method: entry.method,
    path: entry.path,
    query: entry.query,
    route: entry.route,
    responseIndex: entry.responseIndex,
    status: entry.status,
    durationMs: entry.durationMs,
  };
  if (entry.fault) summary.fault = entry.fault;
  if (entry.error !== undefined) summary.error = entry.error;
  return summary;
}

/** A log entry in full (the log already cut bodies to 64 KiB and said so at their end). */
export function detailOfEntry(entry: MockLogEntry): MockRequestDetail {
  return {
    ...summarizeEntry(entry),
    request: { headers: definedHeaders(entry.request.headers), ...bodyOf(entry.request.body) },
    response: { headers: definedHeaders(entry.response.headers), ...bodyOf(entry.response.body) },
  };
}

function definedHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = value;
  return out;
}

const CUT_MARK = /… \(\d+ characters\)$/;

function bodyOf(body: string): { body: string; truncated: boolean } {
  return { body, truncated: body.length > LOGGED_BODY_CHARS && CUT_MARK.test(body) };
}
