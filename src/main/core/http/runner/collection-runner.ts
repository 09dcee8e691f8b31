/**
 * Runs a plan (run-plan.ts) through the one send path (run/scripted-send.ts: scripts, variables, the sender,
 * assertions) for a number of iterations, one per data row when a data file is given. Up to `concurrency`
 * iterations run at once, each sending its requests in order; a delay goes before every request but a lane's
 * first. Variables set by scripts last for the run (never written to files, as newman does without
 * --export-environment); a data row's columns are runtime variables of its iteration. Bodies are dropped once a
 * request's scripts and assertions are done (a body streamed to disk is deleted), so memory stays flat.
 */
import { AppError, isAppError } from '../../../../shared/errors';
import type { Assertion, Variable } from '../../../../shared/http-request';
import type { AssertionResult } from '../assertions/evaluate-assertions';
import type { BodyStore } from '../send/body-store';
import type { CancelSignal, HttpResponse, OutgoingRequest } from '../send/send-types';
import { scriptedSend, type SendResult } from '../run/scripted-send';
import { ScriptVariables } from '../run/script-variables';
import type { WritableScope } from '../script/script-types';
import { layerOf } from '../variables/variable-resolver';
import type { DataRow } from './run-inputs';
import type { PlannedRequest, RunPlan } from './run-plan';
import { RunReportBuilder } from './run-report';
import { RunSignal } from './run-signal';
import type { CheckResult, RequestOutcome, RunEvent, RunReport } from './run-types';

export interface RunOptions {
  plan: RunPlan;
  environment?: readonly Variable[];
  globals?: readonly Variable[];
  /** Default: the data file's row count, else 1. With a data file, rows repeat when there are more iterations. */
  iterations?: number;
  data?: readonly DataRow[];
  /** Milliseconds before each request (but the first of a lane). */
  delayMs?: number;
  /** Iterations in flight at once (default 1). */
  concurrency?: number;
  /** Stop starting requests after the first failure. */
  bail?: boolean;
  /** Overrides every request's timeout (milliseconds, 0: none). */
  timeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  send: (outgoing: OutgoingRequest, signal: CancelSignal) => Promise<HttpResponse>;
  bodies: BodyStore;
  now?: () => Date;
}

export const MAX_ITERATIONS = 10_000_000;
export const MAX_CONCURRENCY = 1000;

type Scope = Exclude<WritableScope, 'runtime'>;

export async function runCollection(options: RunOptions): Promise<RunReport> {
  const { plan } = options;
  const data = options.data && options.data.length > 0 ? options.data : null;
  const iterations = options.iterations ?? data?.length ?? 1;
  const concurrency = options.concurrency ?? 1;
  checkWhole('iterations', iterations, 1, MAX_ITERATIONS);
  checkWhole('concurrency', concurrency, 1, MAX_CONCURRENCY);
  checkWhole('delay', options.delayMs ?? 0, 0, 3_600_000);
  if (options.timeoutMs !== undefined) checkWhole('timeout', options.timeoutMs, 0, 3_600_000);
  const now = options.now ?? (() => new Date());
  const emit = options.onEvent ?? (() => undefined);
  const requests = options.timeoutMs === undefined ? plan.requests : withTimeout(plan.requests, options.timeoutMs);

  // the run's variables: what scripts change here is seen by every later request of every iteration
  const state: Record<Scope | 'runtime', Map<string, string>> = {
    globals: new Map(layerOf('global', options.globals).values),
    collection: new Map(layerOf('collection', plan.collectionVariables).values),
    environment: new Map(layerOf('environment', options.environment).values),
    runtime: new Map(),
  };
  const report = new RunReportBuilder(plan.requests);
  // by plan index: a request whose inherited scripts have code gets its own copy of the variables
  const scripted = plan.requests.map((request) =>
    request.effective.scripts.some((scripts) => !!scripts.preRequest?.trim() || !!scripts.postResponse?.trim()),
  );
  const controller = new RunSignal();
  const onAbort = () => controller.abort();
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let bailed = false;
  let started = 0;
  const startedAt = now();
  const t0 = performance.now();
  emit({ type: 'runStarted', collection: plan.collection, requests: requests.length, iterations });

  // one async level less per request: the lane awaits execute itself, then this books the outcome
  const finished = (outcome: RequestOutcome) => {
    report.add(outcome);
    if (options.onEvent) emit({ type: 'requestFinished', outcome });
    // requests in flight in other lanes finish; no new one starts
    if (!outcome.passed && options.bail) bailed = true;
  };

  let next = 0;
  const lane = async () => {
    let first = true;
    const stopped = () => controller.aborted || bailed;
    while (!stopped()) {
      const iteration = next++;
      if (iteration >= iterations) return;
      started++;
      const row = data ? data[iteration % data.length]! : undefined;
      const local = new Map(row ? Object.entries(row) : []);
      for (const request of requests) {
        if (!first && options.delayMs) await sleep(options.delayMs, controller);
        first = false;
        if (stopped()) return;
        if (options.onEvent) {
          emit({
            type: 'requestStarted',
            iteration,
            index: request.index,
            name: request.name,
            path: request.path,
            method: request.effective.request.method,
          });
        }
        finished(
          await execute({
            request,
            iteration,
            row,
            local,
            state,
            options,
            signal: controller,
            scripted: scripted[request.index]!,
            now,
          }),
        );
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, iterations) }, lane));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  const built = report.build({
    collection: plan.collection,
    startedAt,
    durationMs: performance.now() - t0,
    iterations: started,
    cancelled: options.signal?.aborted === true,
    bailed,
  });
  emit({ type: 'runFinished', report: built });
  return built;
}

async function execute(input: {
  request: PlannedRequest;
  iteration: number;
  /** The iteration's data row and what its scripts set as runtime variables. */
  local: Map<string, string>;
  row: DataRow | undefined;
  state: Record<Scope | 'runtime', Map<string, string>>;
  options: RunOptions;
  signal: CancelSignal;
  /** The request runs scripts (worked out once per run). */
  scripted: boolean;
  now: () => Date;
}): Promise<RequestOutcome> {
  const { request, state, options } = input;
  // read in place; a request with scripts copies them first (its scripts change the copy, kept after the send)
  const variables = ScriptVariables.over({
    globals: [state.globals],
    collection: [state.collection],
    environment: [state.environment],
    runtime: input.local.size > 0 ? [state.runtime, input.local] : [state.runtime],
  });
  if (input.scripted) variables.detach();
  let method = request.effective.request.method;
  let url = request.effective.request.url;
  const t0 = performance.now();
  let result: SendResult;
  try {
    result = await scriptedSend({
      effective: request.effective,
      variables,
      baseDir: request.baseDir,
      filesRoot: input.options.plan.filesRoot,
      bodies: options.bodies,
      now: input.now,
      send: (outgoing) => {
        method = outgoing.method;
        url = outgoing.url;
        return options.send(outgoing, input.signal);
      },
      keep: () => {
        if (variables.hasChanges) keepChanges(variables.changed, state, input.local);
        return NO_NOTES;
      },
      iteration: { index: input.iteration, data: input.row ?? {} },
    });
  } catch (error) {
    return outcomeOf(input, method, url, {
      status: null,
      timeMs: Math.round((performance.now() - t0) * 100) / 100,
      size: null,
      error: isAppError(error)
        ? { code: error.code, message: error.message }
        : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
      checks: [],
      scriptErrors: [],
      passed: false,
    });
  }
  // the body is not needed past its scripts and assertions
  if (result.body.handle) options.bodies.delete(result.body.handle).catch(() => undefined);
  const checks: CheckResult[] = [];
  let passed = true;
  for (const assertion of result.assertions) {
    const check = assertionCheck(assertion);
    checks.push(check);
    passed &&= check.passed;
  }
  for (const test of result.tests) {
    checks.push({ kind: 'test', name: test.name, passed: test.passed, ...(test.error ? { message: test.error } : {}) });
    passed &&= test.passed;
  }
  // a note of the send itself (script null: a body too big for scripts) is not a failed script
  const scriptErrors: string[] = [];
  for (const e of result.scriptErrors) if (e.script !== null) scriptErrors.push(`${e.script}: ${e.message}`);
  return outcomeOf(input, method, url, {
    status: result.status,
    timeMs: result.totalMs,
    size: result.body.size,
    error: null,
    checks,
    scriptErrors,
    passed: passed && scriptErrors.length === 0,
  });
}

const NO_NOTES: string[] = [];

function outcomeOf(
  input: { request: PlannedRequest; iteration: number },
  method: string,
  url: string,
  rest: Pick<RequestOutcome, 'status' | 'timeMs' | 'size' | 'error' | 'checks' | 'scriptErrors' | 'passed'>,
): RequestOutcome {
  const { request } = input;
  return {
    iteration: input.iteration,
    index: request.index,
    name: request.name,
    path: request.path,
    method,
    url,
    status: rest.status,
    timeMs: rest.timeMs,
    size: rest.size,
    error: rest.error,
    checks: rest.checks,
    scriptErrors: rest.scriptErrors,
    passed: rest.passed,
  };
}

/** A send's variable changes become the run's (runtime ones also the iteration's, over its data row). */
function keepChanges(
  changed: ScriptVariables['changed'],
  state: Record<Scope | 'runtime', Map<string, string>>,
  local: Map<string, string>,
): void {
  for (const scope of ['globals', 'collection', 'environment', 'runtime'] as const) {
    for (const [name, value] of Object.entries(changed[scope])) {
      const targets = scope === 'runtime' ? [state.runtime, local] : [state[scope]];
      for (const target of targets) {
        if (value === null) target.delete(name);
        else target.set(name, value);
      }
    }
  }
}

function assertionCheck(result: AssertionResult): CheckResult {
  let name = assertionNames.get(result.assertion);
  if (name === undefined) {
    name = assertionName(result.assertion);
    assertionNames.set(result.assertion, name);
  }
  return {
    kind: 'assertion',
    name,
    passed: result.passed,
    message: result.message,
  };
}

/** Names of a plan's assertions, worked out once (the same assertion objects come back for every request). */
const assertionNames = new WeakMap<Assertion, string>();

/** `status equals 200`, `header Content-Type contains "json"`, `$.items[0].id exists`. */
export function assertionName(assertion: Assertion): string {
  const target =
    assertion.target === 'header'
      ? `header ${assertion.name ?? ''}`
      : assertion.target === 'jsonpath'
        ? (assertion.path ?? '$')
        : assertion.target === 'responseTime'
          ? 'response time'
          : assertion.target;
  const value = assertion.value === undefined ? '' : ` ${JSON.stringify(assertion.value)}`;
  return `${target} ${assertion.op}${value}`;
}

function withTimeout(requests: readonly PlannedRequest[], timeoutMs: number): PlannedRequest[] {
  return requests.map((request) => ({
    ...request,
    effective: { ...request.effective, settings: { ...request.effective.settings, timeoutMs } },
  }));
}

function checkWhole(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppError('INVALID_INPUT', `The ${what} must be a whole number from ${min} to ${max}, not ${value}.`, {
      [what]: value,
    });
  }
}

function sleep(ms: number, signal: CancelSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
