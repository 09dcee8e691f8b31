import { z } from 'zod';
import { HttpRunOutcome, HttpRunReport } from './contract/http.contract';
import { MockRequestSummary, MockSummary } from './contract/mock.contract';
import { ConnectionStatus, Id } from './domain';

/** Everything the core pushes to the renderer, by topic (`noun.pastTense`). */
export const events = {
  /** A live connection opened, closed or failed. */
  'connection.statusChanged': ConnectionStatus,
  /** Progress of a running export; the last one has `done: true` (and `error` when it failed). */
  'export.progressed': z.object({
    exportId: Id,
    path: z.string(),
    rowsWritten: z.number().int(),
    done: z.boolean(),
    cancelled: z.boolean().optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
  /** Progress of a running import; the last one has `done: true` (and `error` when it failed). */
  'import.progressed': z.object({
    importId: Id,
    rowsImported: z.number().int(),
    done: z.boolean(),
    cancelled: z.boolean().optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
  /** A mock started, stopped, failed, or its file changed (reloaded, or no longer loads). */
  'mock.statusChanged': MockSummary,
  /**
   * Requests a running mock served, batched (at most one event per mock every 100 ms, at most 200 requests in
   * it; `skipped` counts those left out of a full batch — `mock.requests` still has them while they are in the log).
   */
  'mock.requestsLogged': z.object({
    path: z.string(),
    requests: z.array(MockRequestSummary),
    skipped: z.number().int(),
  }),
  /** History gained an entry (so open history panels refresh). */
  'history.appended': z.object({ connectionId: Id }),
  /**
   * HTTP client files changed on disk (a `git pull`, an editor, or the app's own save), batched a quiet moment
   * after the last change: paths under `collections/` (files and folders) and environment files (`staging.yaml`,
   * `globals`). The renderer reloads the tree, the environments and the open tabs of those files.
   */
  'http.filesChanged': z.object({ collections: z.array(z.string()), environments: z.array(z.string()) }),
  /** An HTTP send was kept in the HTTP history (so an open History list refreshes). */
  'http.historyAppended': z.object({ id: z.number().int() }),
  /**
   * Progress of a collection run (`http.runCollection`), batched (at most one event every 100 ms, at most 200
   * outcomes in it; `skipped` counts those left out — the report has them all). The last has `done: true` and the
   * report, or `error` when the run could not start or failed.
   */
  'http.runProgressed': z.object({
    runId: z.string(),
    outcomes: z.array(HttpRunOutcome),
    skipped: z.number().int(),
    done: z.boolean(),
    report: HttpRunReport.optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
  /**
   * An OAuth 2.0 sign-in waits for the user: the page to open in a browser (the desktop app opened it already;
   * the browser host's page offers it as a link). The token arrives when the browser comes back to the app.
   */
  'http.authorizationRequested': z.object({ url: z.string() }),
  /**
   * Design files changed on disk (an editor, a `git pull`, or the app's own save), batched: paths relative to
   * `designs/` (the `.dbml` file, also when only its layout sidecar changed).
   */
  'designer.filesChanged': z.object({ paths: z.array(z.string()) }),
  /** Progress of `designer.apply` with a `runId`: steps applied so far; the last one has `done: true`. */
  'designer.applyProgressed': z.object({
    runId: z.string(),
    applied: z.number().int(),
    total: z.number().int(),
    /** The step now running (0-based) and what it does. */
    step: z.object({ index: z.number().int(), description: z.string() }).optional(),
    done: z.boolean(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
};
export type Events = typeof events;
export type EventTopic = keyof Events;
export type EventPayload<T extends EventTopic> = z.infer<Events[T]>;

/**
 * Not a topic: the browser host's event stream sends this (an SSE `event: resync`) when it cannot replay what a
 * reconnecting client missed (too old, or the host restarted). The renderer then re-reads the state that events
 * keep fresh (connection statuses, running exports) instead of trusting it.
 */
export const RESYNC_EVENT = 'resync';

/** A sink the core emits into; each host forwards it (IPC send / SSE). */
export type EmitFn = <T extends EventTopic>(topic: T, payload: EventPayload<T>) => void;
