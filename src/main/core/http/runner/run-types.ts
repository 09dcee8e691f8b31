/**
 * What a collection run (issue 8, item 9) reports as it goes and at its end. Events carry one request's outcome
 * and nothing of its body; the final report is per request of the plan and per assertion or test name — its
 * size follows the collection, not the number of requests sent.
 */

/** One assertion (declarative, from the request file) or test (`pm.test`/`bb.test` in a script) result. */
export interface CheckResult {
  kind: 'assertion' | 'test';
  name: string;
  passed: boolean;
  /** Why it failed (an assertion also says what it found when it passed). */
  message?: string;
}

/** One request sent in one iteration. */
export interface RequestOutcome {
  /** 0-based. */
  iteration: number;
  /** Position in the plan (0-based). */
  index: number;
  name: string;
  /** Folders and name, `Users / Get user`. */
  path: string;
  method: string;
  /** The URL sent (variables resolved), or the unresolved one when the request never left. */
  url: string;
  /** null: no response (a pre-request script failed, a variable is undefined, the connection failed, a timeout). */
  status: number | null;
  timeMs: number;
  /** Decoded body size in bytes; null without a response. */
  size: number | null;
  error: { code: string; message: string } | null;
  checks: CheckResult[];
  /** Errors of post-response scripts (the response still counts). */
  scriptErrors: string[];
  /** No error, every check passed, no script error. */
  passed: boolean;
}

export type RunEvent =
  | { type: 'runStarted'; collection: string; requests: number; iterations: number }
  | { type: 'requestStarted'; iteration: number; index: number; name: string; path: string; method: string }
  | { type: 'requestFinished'; outcome: RequestOutcome }
  | { type: 'runFinished'; report: RunReport };

export interface Latency {
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export interface CheckSummary {
  kind: CheckResult['kind'];
  name: string;
  passed: number;
  failed: number;
  /** The first failure, for the report (later ones are counted only). */
  firstFailure: { iteration: number; message: string } | null;
}

export interface RequestSummary {
  index: number;
  name: string;
  path: string;
  method: string;
  /** Times it was sent (or tried). */
  runs: number;
  /** Runs that got a response. */
  responses: number;
  /** Runs with no response; the first one's error is kept. */
  errors: number;
  firstError: { iteration: number; code: string; message: string } | null;
  /** Status codes seen, with how often. */
  statuses: Record<string, number>;
  scriptErrors: number;
  firstScriptError: { iteration: number; message: string } | null;
  latency: Latency;
  totalMs: number;
  checks: CheckSummary[];
}

export interface Counts {
  total: number;
  passed: number;
  failed: number;
}

export interface RunReport {
  collection: string;
  startedAt: string;
  durationMs: number;
  /** Iterations started. */
  iterations: number;
  /** Stopped by the caller's signal. */
  cancelled: boolean;
  /** Stopped early by --bail after a failure. */
  bailed: boolean;
  totals: {
    /** Requests sent or tried. */
    requests: number;
    responses: number;
    /** Requests that got no response. */
    errors: number;
    assertions: Counts;
    tests: Counts;
    scriptErrors: number;
  };
  /** Over every response of the run, in milliseconds. */
  latency: Latency;
  requests: RequestSummary[];
  /** True when every request got a response, every check passed and no script failed (exit code 0). */
  passed: boolean;
}
