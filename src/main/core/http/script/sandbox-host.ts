/**
 * Runs sandbox jobs in one worker thread, one job at a time, and enforces the time limit from outside: a job
 * still running `graceMs` after its limit (QuickJS did not get to its interrupt check) ends the worker, and the
 * next job starts a new one. A worker whose WebAssembly memory grew past `recycleBytes` is replaced after its job,
 * so one greedy script does not keep its memory for the life of the app.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { createExpectLibrary } from './sandbox-expect';
import { installSandboxApi } from './sandbox-api';
import { workerMain } from './sandbox-worker';

export interface SandboxJob {
  code: string;
  fileName: string;
  inputJson: string;
  responseBody: string | undefined;
  inputBytes: number;
  limits: { timeMs: number; memoryBytes: number; stackBytes: number };
}

export interface SandboxError {
  name: string;
  message: string;
  stack?: string;
}

export type SandboxOutcome =
  | { kind: 'done'; outputJson?: string; outputError?: SandboxError; stop?: SandboxError }
  | { kind: 'timeout' }
  | { kind: 'hostError'; error: SandboxError };

/**
 * Toolchains that keep function names (esbuild's keepNames, used by tsx) call `__name` in a function's text. A
 * minifier renames that helper, so the main-process bundle must stay unminified (electron-vite's default).
 */
const NAME_HELPER = `const __name = (target, value) => Object.defineProperty(target, 'name', { value, configurable: true });`;

/** The library evaluated in each QuickJS context before the script: it returns the `finish` function. */
const SANDBOX_SOURCE = `(function (inputJson, responseBody) {
  ${NAME_HELPER}
  const lib = (${createExpectLibrary.toString()})();
  return (${installSandboxApi.toString()})(lib, inputJson, responseBody);
})`;

const WORKER_SOURCE = `${NAME_HELPER}\n(${workerMain.toString()})(require);`;
const GRACE_MS = 500;
const STARTUP_MS = 30_000;
const RETIRE_BYTES = 256 * 1024 * 1024;

interface Pending {
  id: number;
  job: SandboxJob;
  resolve: (outcome: SandboxOutcome) => void;
}

export class SandboxHost {
  private worker: Worker | undefined;
  private readonly queue: Pending[] = [];
  private running: { pending: Pending; timer: NodeJS.Timeout; worker: Worker } | undefined;
  private nextId = 1;

  constructor(private readonly options: { graceMs?: number; retireBytes?: number } = {}) {}

  run(job: SandboxJob): Promise<SandboxOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, resolve });
      this.pump();
    });
  }

  /** Ends the worker (between jobs it holds only its loaded QuickJS module). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private pump(): void {
    if (this.running) return;
    const pending = this.queue.shift();
    if (!pending) return;
    const worker = this.ensureWorker();
    // until the worker says it started the job (a new worker loads QuickJS first), only a dead worker is caught
    const timer = this.startTimer(worker, STARTUP_MS);
    this.running = { pending, timer, worker };
    worker.postMessage({ id: pending.id, sandboxSource: SANDBOX_SOURCE, ...pending.job });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const require = createRequire(import.meta.url);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        corePath: require.resolve('quickjs-emscripten-core'),
        variantPath: require.resolve('@jitl/quickjs-wasmfile-release-sync'),
        retireBytes: this.options.retireBytes ?? RETIRE_BYTES,
      },
      // QuickJS's own stack limit must trip before V8's: give the worker a deep stack
      resourceLimits: { stackSizeMb: 16 },
      stdout: true,
      stderr: true,
    });
    worker.on('message', (reply: { id: number } & Record<string, unknown>) => {
      const running = this.running;
      if (running?.pending.id !== reply.id) return;
      if (reply.started) {
        clearTimeout(running.timer);
        running.timer = this.startTimer(worker, running.pending.job.limits.timeMs + (this.options.graceMs ?? GRACE_MS));
        return;
      }
      // the worker stays up until ended here: ending it itself could race its answer
      if (reply.retire || reply.hostError) this.kill(worker);
      if (reply.hostError) this.finish(worker, { kind: 'hostError', error: reply.hostError as SandboxError });
      else this.finish(worker, { kind: 'done', ...(reply as object) });
    });
    worker.on('error', (error) => {
      this.kill(worker);
      this.finish(worker, { kind: 'hostError', error: { name: error.name, message: error.message } });
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.finish(worker, { kind: 'hostError', error: { name: 'Error', message: 'the script worker ended' } });
    });
    // the worker prints nothing of its own; emscripten's abort messages are not the user's business
    worker.stdout.resume();
    worker.stderr.resume();
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private startTimer(worker: Worker, ms: number): NodeJS.Timeout {
    return setTimeout(() => {
      // ended first, so the next job goes to a new worker
      this.kill(worker);
      this.finish(worker, { kind: 'timeout' });
    }, ms);
  }

  private kill(worker: Worker): void {
    if (this.worker === worker) this.worker = undefined;
    void worker.terminate();
  }

  /** Settles the running job if `worker` runs it (late events of a retired or killed worker do not). */
  private finish(worker: Worker, outcome: SandboxOutcome): void {
    const running = this.running;
    if (!running || running.worker !== worker) return;
    this.running = undefined;
    clearTimeout(running.timer);
    running.pending.resolve(outcome);
    this.pump();
  }
}
