/**
 * Adds up a run's outcomes as they come: counts per request of the plan and per assertion or test name, the
 * first failure of each, and latencies in growable Float64Arrays (8 bytes a request) for p50/p95/max. Nothing
 * of an outcome is kept past `add`, so a run of a million requests holds a few megabytes.
 */
import type { PlannedRequest } from './run-plan';
import type { CheckSummary, Latency, RequestOutcome, RequestSummary, RunReport } from './run-types';

/** Names of checks kept per request; past this, new names are counted in the totals only. */
const MAX_CHECK_NAMES = 500;

class Latencies {
  private values = new Float64Array(64);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  summary(): Latency {
    if (this.length === 0) return { p50: 0, p95: 0, max: 0, mean: 0 };
    const sorted = this.values.slice(0, this.length).sort();
    let sum = 0;
    for (const value of sorted) sum += value;
    return {
      p50: round(percentile(sorted, 0.5)),
      p95: round(percentile(sorted, 0.95)),
      max: round(sorted[sorted.length - 1]!),
      mean: round(sum / sorted.length),
    };
  }
}

/** Nearest rank on sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

interface RequestTally {
  summary: Omit<RequestSummary, 'latency' | 'checks'>;
  latencies: Latencies;
  checks: Map<string, CheckSummary>;
}

export class RunReportBuilder {
  private readonly tallies: RequestTally[];
  private readonly all = new Latencies();
  private readonly totals: RunReport['totals'] = {
    requests: 0,
    responses: 0,
    errors: 0,
    assertions: { total: 0, passed: 0, failed: 0 },
    tests: { total: 0, passed: 0, failed: 0 },
    scriptErrors: 0,
  };

  constructor(requests: readonly PlannedRequest[]) {
    this.tallies = requests.map((request) => ({
      summary: {
        index: request.index,
        name: request.name,
        path: request.path,
        method: request.effective.request.method,
        runs: 0,
        responses: 0,
        errors: 0,
        firstError: null,
        statuses: {},
        scriptErrors: 0,
        firstScriptError: null,
        totalMs: 0,
      },
      latencies: new Latencies(),
      checks: new Map(),
    }));
  }

  add(outcome: RequestOutcome): void {
    const tally = this.tallies[outcome.index]!;
    const { summary } = tally;
    const { totals } = this;
    summary.runs++;
    totals.requests++;
    if (outcome.status === null) {
      summary.errors++;
      totals.errors++;
      if (outcome.error && !summary.firstError) summary.firstError = { iteration: outcome.iteration, ...outcome.error };
    } else {
      summary.responses++;
      totals.responses++;
      summary.statuses[outcome.status] = (summary.statuses[outcome.status] ?? 0) + 1;
      summary.totalMs += outcome.timeMs;
      tally.latencies.push(outcome.timeMs);
      this.all.push(outcome.timeMs);
    }
    if (outcome.scriptErrors.length > 0) {
      summary.scriptErrors += outcome.scriptErrors.length;
      totals.scriptErrors += outcome.scriptErrors.length;
      summary.firstScriptError ??= { iteration: outcome.iteration, message: outcome.scriptErrors[0]! };
    }
    for (const check of outcome.checks) {
      const counts = check.kind === 'assertion' ? totals.assertions : totals.tests;
      counts.total++;
      if (check.passed) counts.passed++;
      else counts.failed++;
      const key = `${check.kind}\u0000${check.name}`;
      let entry = tally.checks.get(key);
      if (!entry) {
        if (tally.checks.size >= MAX_CHECK_NAMES) continue;
        entry = { kind: check.kind, name: check.name, passed: 0, failed: 0, firstFailure: null };
        tally.checks.set(key, entry);
      }
      if (check.passed) entry.passed++;
      else {
        entry.failed++;
        entry.firstFailure ??= { iteration: outcome.iteration, message: check.message ?? 'failed' };
      }
    }
  }

  build(input: {
    collection: string;
    startedAt: Date;
    durationMs: number;
    iterations: number;
    cancelled: boolean;
    bailed: boolean;
  }): RunReport {
    const { totals } = this;
    const requests: RequestSummary[] = this.tallies
      .filter((tally) => tally.summary.runs > 0)
      .map((tally) => ({
        ...tally.summary,
        totalMs: round(tally.summary.totalMs),
        latency: tally.latencies.summary(),
        checks: [...tally.checks.values()],
      }));
    return {
      collection: input.collection,
      startedAt: input.startedAt.toISOString(),
      durationMs: round(input.durationMs),
      iterations: input.iterations,
      cancelled: input.cancelled,
      bailed: input.bailed,
      totals: structuredClone(totals),
      latency: this.all.summary(),
      requests,
      passed:
        !input.cancelled &&
        totals.errors === 0 &&
        totals.assertions.failed === 0 &&
        totals.tests.failed === 0 &&
        totals.scriptErrors === 0,
    };
  }
}
