/**
 * Collection runs started from the UI (`http.runCollection`, `http.cancelRun`): a collection or folder of the
 * workspace (its collection.yaml read through CollectionService, so secret collection variables have their
 * values), the workspace's environment and globals, run in the background. Progress goes out as
 * `http.runProgressed` events, batched every 100 ms so a fast run does not flood the renderer. A run under way keeps
 * its newest outcomes in memory (a reloaded renderer re-attaches with `http.runReport`); a finished one goes to the
 * app database (run-report-store.ts).
 */
import { randomUUID } from 'node:crypto';
import type { HttpRunSummary } from '../../../../shared/contract/http.contract';
import { AppError, isAppError } from '../../../../shared/errors';
import type { EmitFn } from '../../../../shared/events';
import type { CollectionService } from '../collections/collection-service';
import { GLOBALS_PATH, type EnvironmentFiles } from '../collections/environment-files';
import type { BodyStore } from '../send/body-store';
import type { HttpSender } from '../send/http-sender';
import { runCollection, type RunOptions } from './collection-runner';
import { planFromDirectory } from './run-plan';
import type { RunReportStore } from './run-report-store';
import type { RequestOutcome, RunReport } from './run-types';

const BATCH_MS = 100;
const BATCH_MAX = 200;
/** Outcomes a run under way keeps for a renderer that re-attaches (the run tab lists as many). */
const KEEP_OUTCOMES = 2000;

export type StartRunInput = Pick<
  RunOptions,
  'iterations' | 'data' | 'delayMs' | 'concurrency' | 'bail' | 'timeoutMs'
> & {
  /** A collection (`shop`) or folder (`shop/users`) under `collections/`. */
  path: string;
  environment?: string | null;
};

interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
  path: string;
  startedAt: string;
  /** The newest KEEP_OUTCOMES outcomes. */
  outcomes: RequestOutcome[];
  finished: number;
  failed: number;
  /** Outcomes left out of the events (they are in the report). */
  skipped: number;
}

export class RunService {
  private readonly runs = new Map<string, ActiveRun>();

  constructor(
    private readonly deps: {
      collections: CollectionService;
      environments: EnvironmentFiles;
      bodies: BodyStore;
      sender: () => Promise<HttpSender>;
      workspaceDir: string;
      emit: EmitFn;
      now: () => Date;
      reports: RunReportStore;
    },
  ) {}

  /** Starts a run and returns its id; what it finds wrong (no such collection…) comes as its last event. */
  start(input: StartRunInput): { runId: string } {
    const runId = randomUUID();
    const controller = new AbortController();
    const active: ActiveRun = {
      controller,
      done: Promise.resolve(),
      path: input.path,
      startedAt: this.deps.now().toISOString(),
      outcomes: [],
      finished: 0,
      failed: 0,
      skipped: 0,
    };
    this.runs.set(runId, active);
    active.done = this.run(runId, input, active).finally(() => this.runs.delete(runId));
    return { runId };
  }

  /** Runs of `path` (all when absent): those under way, then the kept finished ones, newest first. */
  list(path?: string): HttpRunSummary[] {
    const running = [...this.runs.entries()]
      .filter(([, run]) => path === undefined || run.path === path)
      .map(([id, run]) => activeSummary(id, run))
      .reverse();
    const kept = this.deps.reports.list(path);
    const ids = new Set(kept.map((run) => run.id));
    // a run is kept just before its last event goes out, while it is still in the map: the kept copy wins
    return [...running.filter((run) => !ids.has(run.id)), ...kept];
  }

  /** A run's report (or, under way, its outcomes so far); NOT_FOUND when it is no longer kept. */
  report(id: string): {
    summary: HttpRunSummary;
    report: RunReport | null;
    outcomes: RequestOutcome[];
    skipped: number;
  } {
    const active = this.runs.get(id);
    if (active)
      return {
        summary: activeSummary(id, active),
        report: null,
        outcomes: active.outcomes.slice(-KEEP_OUTCOMES),
        skipped: 0,
      };
    const kept = this.deps.reports.get(id);
    if (!kept)
      throw new AppError('NOT_FOUND', 'This run report is no longer kept (only the last 20 runs are).', { id });
    return { ...kept, outcomes: [], skipped: 0 };
  }

  cancel(runId: string): boolean {
    const run = this.runs.get(runId);
    run?.controller.abort();
    return run !== undefined;
  }

  /** Cancels every run and waits for them to end (module dispose). */
  async cancelAll(): Promise<void> {
    const all = [...this.runs.values()];
    for (const run of all) run.controller.abort();
    await Promise.all(all.map((run) => run.done));
  }

  private async run(runId: string, input: StartRunInput, active: ActiveRun): Promise<void> {
    const { collections, environments, emit } = this.deps;
    const { signal } = active.controller;
    let pending: RequestOutcome[] = [];
    let skipped = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = (last?: { report?: RunReport; error?: { code: string; message: string } }) => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (!last && pending.length === 0 && skipped === 0) return;
      if (last) this.keep(runId, active, last);
      emit('http.runProgressed', { runId, outcomes: pending, skipped, done: last !== undefined, ...last });
      pending = [];
      skipped = 0;
    };
    try {
      const [collection, ...folders] = input.path.split('/');
      const dir = await collections.files.resolve(collection!);
      const settings = await collections.readSettings(collection!);
      const plan = await planFromDirectory({
        dir,
        folder: folders.length > 0 ? folders.join('/') : undefined,
        filesRoot: this.deps.workspaceDir,
        settings: settings.kind === 'collection' ? settings.settings : undefined,
      });
      const environment = input.environment ? (await environments.read(input.environment)).variables : undefined;
      const globals = (await environments.read(GLOBALS_PATH)).variables;
      const sender = await this.deps.sender();
      const report = await runCollection({
        ...input,
        plan,
        environment,
        globals,
        signal,
        now: this.deps.now,
        bodies: this.deps.bodies,
        send: (outgoing, abort) => sender.send(outgoing, abort),
        onEvent: (event) => {
          if (event.type !== 'requestFinished') return;
          active.finished++;
          if (!event.outcome.passed) active.failed++;
          active.outcomes.push(event.outcome);
          if (active.outcomes.length > KEEP_OUTCOMES * 1.5) active.outcomes = active.outcomes.slice(-KEEP_OUTCOMES);
          if (pending.length < BATCH_MAX) pending.push(event.outcome);
          else skipped++;
          timer ??= setTimeout(() => flush(), BATCH_MS);
        },
      });
      flush({ report });
    } catch (error) {
      flush({
        error: isAppError(error)
          ? { code: error.code, message: error.message }
          : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
      });
    }
  }

  /** Puts a finished run in the app database; a failure to keep it does not fail the run. */
  private keep(
    runId: string,
    active: ActiveRun,
    last: { report?: RunReport; error?: { code: string; message: string } },
  ): void {
    try {
      this.deps.reports.append({
        id: runId,
        path: active.path,
        startedAt: last.report?.startedAt ?? active.startedAt,
        finishedAt: this.deps.now().toISOString(),
        report: last.report ?? null,
        error: last.error ?? null,
        requests: last.report?.totals.requests ?? active.finished,
        failed: active.failed,
      });
    } catch {
      // the report still reaches the renderer in the last event; only the copy for a later reload is missing
    }
  }
}

function activeSummary(id: string, run: ActiveRun): HttpRunSummary {
  return {
    id,
    path: run.path,
    startedAt: run.startedAt,
    finishedAt: null,
    running: true,
    passed: false,
    cancelled: false,
    requests: run.finished,
    failed: run.failed,
    durationMs: null,
    error: null,
  };
}
