/**
 * Collection runs started from the UI (`http.runCollection`, `http.cancelRun`): a collection or folder of the
 * workspace (its collection.yaml read through CollectionService, so secret collection variables have their
 * values), the workspace's environment and globals, run in the background. Progress goes out as
 * `http.runProgressed` events, batched every 100 ms so a fast run does not flood the renderer.
 */
import { randomUUID } from 'node:crypto';
import { isAppError } from '../../../../shared/errors';
import type { EmitFn } from '../../../../shared/events';
import type { CollectionService } from '../collections/collection-service';
import { GLOBALS_PATH, type EnvironmentFiles } from '../collections/environment-files';
import type { BodyStore } from '../send/body-store';
import type { HttpSender } from '../send/http-sender';
import { runCollection, type RunOptions } from './collection-runner';
import { planFromDirectory } from './run-plan';
import type { RequestOutcome, RunReport } from './run-types';

const BATCH_MS = 100;
const BATCH_MAX = 200;

export type StartRunInput = Pick<
  RunOptions,
  'iterations' | 'data' | 'delayMs' | 'concurrency' | 'bail' | 'timeoutMs'
> & {
  /** A collection (`shop`) or folder (`shop/users`) under `collections/`. */
  path: string;
  environment?: string | null;
};

export class RunService {
  private readonly runs = new Map<string, { controller: AbortController; done: Promise<void> }>();

  constructor(
    private readonly deps: {
      collections: CollectionService;
      environments: EnvironmentFiles;
      bodies: BodyStore;
      sender: () => Promise<HttpSender>;
      workspaceDir: string;
      emit: EmitFn;
      now: () => Date;
    },
  ) {}

  /** Starts a run and returns its id; what it finds wrong (no such collection…) comes as its last event. */
  start(input: StartRunInput): { runId: string } {
    const runId = randomUUID();
    const controller = new AbortController();
    const done = this.run(runId, input, controller.signal).finally(() => this.runs.delete(runId));
    this.runs.set(runId, { controller, done });
    return { runId };
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

  private async run(runId: string, input: StartRunInput, signal: AbortSignal): Promise<void> {
    const { collections, environments, emit } = this.deps;
    let pending: RequestOutcome[] = [];
    let skipped = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = (last?: { report?: RunReport; error?: { code: string; message: string } }) => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (!last && pending.length === 0 && skipped === 0) return;
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
}
