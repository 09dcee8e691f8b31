/**
 * HTTP history (issue 8, item 8): what `http.history` and `http.historyEntry` return. Every `http.send` from the
 * app that got a response or failed is kept in the app database, secrets masked, bodies up to a cap.
 */
import { z } from 'zod';
import { AssertionSchema, HttpRequestFileSchema } from './http-request';

/** What a masked secret (an Authorization value, a secret variable's value…) reads as in the history. */
export const MASKED = '••••••';

/** The status classes the History list filters by; `error`: no response (refused, timed out…). */
export const HttpStatusClass = z.enum(['2xx', '3xx', '4xx', '5xx', 'error']);
export type HttpStatusClass = z.infer<typeof HttpStatusClass>;

const Header = z.object({ name: z.string(), value: z.string() });

/** A line of the history list. */
export const HttpHistorySummary = z.object({
  id: z.number().int(),
  /** ISO time the send started. */
  sentAt: z.string(),
  method: z.string(),
  /** Resolved (variables substituted); as typed when the send failed before it resolved. */
  url: z.string(),
  /** The request file the send came from, if any. */
  path: z.string().nullable(),
  /** null when the send failed. */
  status: z.number().int().nullable(),
  durationMs: z.number().nullable(),
  /** Decoded size of the response body in bytes. */
  size: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  /** Assertions and script tests together, when any ran (absent or null: none ran). */
  checks: z.object({ passed: z.number().int(), failed: z.number().int() }).nullable().optional(),
});
export type HttpHistorySummary = z.infer<typeof HttpHistorySummary>;

/** A kept body: text (utf8) or base64 of its first bytes, up to the cap. */
export const HttpHistoryBody = z.object({
  encoding: z.enum(['utf8', 'base64']),
  data: z.string(),
  /** The whole body's size in bytes. */
  size: z.number().int(),
  /** Only the first bytes were kept (the body was past the cap). */
  truncated: z.boolean(),
});
export type HttpHistoryBody = z.infer<typeof HttpHistoryBody>;

// the send result's shapes (http.contract.ts), repeated here: the contract imports this file
const HistoryTiming = z.object({
  dnsMs: z.number(),
  connectMs: z.number(),
  tlsMs: z.number(),
  firstByteMs: z.number(),
  downloadMs: z.number(),
  totalMs: z.number(),
  reusedConnection: z.boolean(),
});
const HistoryRedirect = z.object({
  method: z.string(),
  url: z.string(),
  status: z.number().int(),
  location: z.string(),
  totalMs: z.number(),
});
const HistoryTest = z.object({
  script: z.string(),
  name: z.string(),
  passed: z.boolean(),
  error: z.string().optional(),
});
const HistoryAssertion = z.object({
  assertion: AssertionSchema,
  passed: z.boolean(),
  actual: z.unknown(),
  message: z.string(),
});
const HistoryScriptError = z.object({
  script: z.string().nullable(),
  phase: z.enum(['preRequest', 'postResponse']),
  message: z.string(),
});

/** One history entry in full. */
export const HttpHistoryEntry = HttpHistorySummary.extend({
  /** The request as sent: variables resolved, secret header values and secret variables masked. */
  sent: z.object({
    method: z.string(),
    url: z.string(),
    headers: z.array(Header),
    /** The body as text (a form as `a=1&b=2`, a file as its path); null for none. */
    body: HttpHistoryBody.nullable(),
  }),
  /** The request as edited (`{{variables}}` kept), auth secrets and secret header values masked: re-open uses it. */
  request: HttpRequestFileSchema,
  response: z
    .object({
      status: z.number().int(),
      statusText: z.string(),
      httpVersion: z.string(),
      headers: z.array(Header),
      /** The URL that answered, after redirects. */
      url: z.string(),
      totalMs: z.number(),
      body: HttpHistoryBody,
      /** Phases of the final exchange (entries kept before they were recorded have none). */
      timing: HistoryTiming.optional(),
      /** Every redirect hop followed, URLs masked like the request's. */
      redirects: z.array(HistoryRedirect).optional(),
      redirectLimitReached: z.boolean().optional(),
      /** What the scripts and assertions said, secret values masked. */
      tests: z.array(HistoryTest).optional(),
      assertions: z.array(HistoryAssertion).optional(),
      scriptErrors: z.array(HistoryScriptError).optional(),
    })
    .nullable(),
});
export type HttpHistoryEntry = z.infer<typeof HttpHistoryEntry>;

/**
 * A recorded request to open in a tab: the request as edited with its credentials (kept encrypted by the secret
 * store) when they could be restored; else the mask is taken out and `cleared` names the fields to re-enter — a
 * re-opened request never sends `••••••`.
 */
export const HttpHistoryReopened = z.object({
  request: HttpRequestFileSchema,
  restored: z.boolean(),
  /** Fields left empty because their value was masked and could not be restored (`auth password`, `header X-Key`). */
  cleared: z.array(z.string()),
});
export type HttpHistoryReopened = z.infer<typeof HttpHistoryReopened>;
