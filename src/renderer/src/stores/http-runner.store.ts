import { create } from 'zustand';
import type { z } from 'zod';
import type {
  FolderNode,
  HttpRunOutcome,
  HttpRunReport,
  HttpRunSummary,
  RequestNode,
} from '../../../shared/contract/http.contract';
import type { EventPayload } from '../../../shared/events';
import type { AppClient, Notifier } from './store-deps';

export type RunOutcome = z.infer<typeof HttpRunOutcome>;
export type RunReport = z.infer<typeof HttpRunReport>;
type Progress = EventPayload<'http.runProgressed'>;

/** A run's data file as read: its rows become the iterations, its columns their variables. */
export interface RunDataFile {
  fileName: string;
  rows: Record<string, string>[];
  columns: string[];
}

/** What the options form holds; numbers as typed (checked when the run starts). */
export interface RunForm {
  environment: string | null;
  iterations: string;
  delayMs: string;
  concurrency: string;
  bail: boolean;
  /** Empty: each request's own timeout. */
  timeoutMs: string;
  data: RunDataFile | null;
}

export type RunStatus = 'idle' | 'running' | 'cancelling' | 'done' | 'failed';

/** One run tab: its options, then the run under way or finished. */
export interface RunSession {
  path: string;
  form: RunForm;
  /** A line saying which option is wrong, shown under the form. */
  formError: string | null;
  status: RunStatus;
  runId: string | null;
  /** Requests the run will send (iterations × requests of the collection or folder); null when unknown. */
  expected: number | null;
  /** Finished requests, in the order they finished (the newest KEEP_OUTCOMES of them). */
  outcomes: RunOutcome[];
  finished: number;
  passed: number;
  failed: number;
  skipped: number;
  report: RunReport | null;
  error: { code: string; message: string } | null;
  /** The runs of this path the core keeps (under way first, then newest first); null until loaded. */
  runs: HttpRunSummary[] | null;
}

/** The finished requests a tab keeps to list (counts cover all of them). */
export const KEEP_OUTCOMES = 2000;

export interface HttpRunnerDeps {
  client: AppClient;
  notifier: Notifier;
  /** The environment chosen in the HTTP panel, the form's default. */
  environment(): string | null;
  /** How many requests the collection or folder at `path` holds (null when the tree is not loaded). */
  requestCount(path: string): number | null;
}

export interface HttpRunnerState {
  byTab: Record<string, RunSession>;
  /** A session for the tab (kept when there is one). */
  ensureSession(tabId: string, path: string): void;
  editForm(tabId: string, patch: Partial<RunForm>): void;
  /** Reads a data file's text by the core's rules (CSV, or JSON by its `.json` name). */
  loadDataFile(tabId: string, file: { name: string; text: string }): Promise<boolean>;
  start(tabId: string): Promise<boolean>;
  cancel(tabId: string): Promise<void>;
  /** Back to the options form (the last report goes). */
  reset(tabId: string): void;
  /** The report as a file's text (JUnit XML or JSON); null when there is none. */
  formatReport(tabId: string, format: 'junit' | 'json'): Promise<string | null>;
  disposeTab(tabId: string): void;
  /**
   * Reads the runs the core keeps for the tab's path; with `show`, shows the newest (re-attaching to it when it is
   * still under way) unless the tab is busy with a run of its own.
   */
  loadRuns(tabId: string, options?: { show?: boolean }): Promise<void>;
  /** Shows a kept run's report, or re-attaches to one under way (its progress keeps coming). */
  showRun(tabId: string, runId: string): Promise<void>;
}

const defaultForm = (environment: string | null): RunForm => ({
  environment,
  iterations: '1',
  delayMs: '0',
  concurrency: '1',
  bail: false,
  timeoutMs: '',
  data: null,
});

/** An integer option typed in the form, or the line saying what is wrong with it. */
function integerOption(text: string, label: string, min: number, max: number): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max)
    return `${label} must be a whole number from ${min} to ${max} (it is "${text}").`;
  return value;
}

/** Runs of collections and folders, one per run tab; progress arrives as `http.runProgressed` events. */
export function createHttpRunnerStore(deps: HttpRunnerDeps) {
  const { client, notifier } = deps;
  const tabOfRun = new Map<string, string>();

  const store = create<HttpRunnerState>()((set, get) => {
    const patch = (tabId: string, change: Partial<RunSession>) =>
      set((s) => {
        const session = s.byTab[tabId];
        return session ? { byTab: { ...s.byTab, [tabId]: { ...session, ...change } } } : s;
      });

    return {
      byTab: {},

      ensureSession(tabId, path) {
        if (get().byTab[tabId]?.path === path) return;
        const session: RunSession = {
          path,
          form: defaultForm(deps.environment()),
          formError: null,
          status: 'idle',
          runId: null,
          expected: null,
          outcomes: [],
          finished: 0,
          passed: 0,
          failed: 0,
          skipped: 0,
          report: null,
          error: null,
          runs: null,
        };
        set((s) => ({ byTab: { ...s.byTab, [tabId]: session } }));
        // after a reload the tab comes back with its last report, or attached to its run still under way
        void get().loadRuns(tabId, { show: true });
      },

      async loadRuns(tabId, options) {
        const path = get().byTab[tabId]?.path;
        if (path === undefined) return;
        let runs: HttpRunSummary[];
        try {
          ({ runs } = await client.http.runs({ path }));
        } catch (error) {
          notifier.notifyError(`Could not read the runs of ${path}`, error);
          return;
        }
        const session = get().byTab[tabId];
        if (session?.path !== path) return;
        patch(tabId, { runs });
        const newest = runs[0];
        if (options?.show && newest && session.status === 'idle' && session.runId === null)
          await get().showRun(tabId, newest.id);
      },

      async showRun(tabId, runId) {
        const session = get().byTab[tabId];
        if (!session || session.status === 'running' || session.status === 'cancelling') return;
        let answer: Awaited<ReturnType<typeof client.http.runReport>>;
        try {
          answer = await client.http.runReport({ id: runId });
        } catch (error) {
          notifier.notifyError('Could not open the run report', error);
          return;
        }
        const { summary, report, outcomes } = answer;
        const base: Partial<RunSession> = {
          runId: summary.id,
          formError: null,
          outcomes: report ? [] : outcomes,
          finished: summary.requests,
          passed: summary.requests - summary.failed,
          failed: summary.failed,
          skipped: 0,
          report,
          error: summary.error,
        };
        if (!summary.running) {
          patch(tabId, { ...base, status: summary.error ? 'failed' : 'done', expected: null });
          return;
        }
        // re-attach: events that came while asking were held in `pending`; those the snapshot has are left out
        // the iterations of a run started elsewhere are not known here: no progress fraction
        patch(tabId, { ...base, status: 'running', expected: null });
        tabOfRun.set(summary.id, tabId);
        const seen = new Set(outcomes.map(outcomeKey));
        for (const early of pending.get(summary.id) ?? [])
          applyProgress({ ...early, outcomes: early.outcomes.filter((o) => !seen.has(outcomeKey(o))) });
        pending.delete(summary.id);
      },

      editForm(tabId, change) {
        const session = get().byTab[tabId];
        if (session) patch(tabId, { form: { ...session.form, ...change }, formError: null });
      },

      async loadDataFile(tabId, file) {
        try {
          const { rows, columns } = await client.http.parseRunData({ text: file.text, fileName: file.name });
          const session = get().byTab[tabId];
          if (!session) return false;
          patch(tabId, {
            form: { ...session.form, data: { fileName: file.name, rows, columns }, iterations: String(rows.length) },
            formError: null,
          });
          return true;
        } catch (error) {
          notifier.notifyError(`Could not read the data file ${file.name}`, error);
          return false;
        }
      },

      async start(tabId) {
        const session = get().byTab[tabId];
        if (!session || session.status === 'running' || session.status === 'cancelling') return false;
        const { form } = session;
        const iterations = integerOption(form.iterations, 'Iterations', 1, 1_000_000);
        const delayMs = integerOption(form.delayMs, 'Delay', 0, 3_600_000);
        const concurrency = integerOption(form.concurrency, 'Concurrency', 1, 100);
        const timeoutMs = form.timeoutMs.trim() === '' ? null : integerOption(form.timeoutMs, 'Timeout', 0, 3_600_000);
        const wrong = [iterations, delayMs, concurrency, timeoutMs].find((v) => typeof v === 'string');
        if (typeof wrong === 'string') {
          patch(tabId, { formError: wrong });
          return false;
        }
        const count = deps.requestCount(session.path);
        patch(tabId, {
          status: 'running',
          formError: null,
          runId: null,
          expected: count === null ? null : count * (iterations as number),
          outcomes: [],
          finished: 0,
          passed: 0,
          failed: 0,
          skipped: 0,
          report: null,
          error: null,
        });
        try {
          const { runId } = await client.http.runCollection({
            path: session.path,
            environment: form.environment,
            iterations: iterations as number,
            data: form.data?.rows,
            delayMs: delayMs as number,
            concurrency: concurrency as number,
            bail: form.bail,
            ...(timeoutMs === null ? {} : { timeoutMs: timeoutMs as number }),
          });
          tabOfRun.set(runId, tabId);
          patch(tabId, { runId });
          void get().loadRuns(tabId);
          // progress that came before the id did is applied by applyProgress once the id is known
          for (const early of pending.get(runId) ?? []) applyProgress(early);
          pending.delete(runId);
          return true;
        } catch (error) {
          patch(tabId, { status: 'failed', error: errorOf(error) });
          notifier.notifyError(`Could not run ${session.path}`, error);
          return false;
        }
      },

      async cancel(tabId) {
        const session = get().byTab[tabId];
        if (!session?.runId || session.status !== 'running') return;
        patch(tabId, { status: 'cancelling' });
        try {
          await client.http.cancelRun({ runId: session.runId });
        } catch (error) {
          notifier.notifyError('Could not cancel the run', error);
        }
      },

      reset(tabId) {
        const session = get().byTab[tabId];
        if (!session || session.status === 'running' || session.status === 'cancelling') return;
        patch(tabId, {
          status: 'idle',
          runId: null,
          outcomes: [],
          finished: 0,
          passed: 0,
          failed: 0,
          skipped: 0,
          report: null,
          error: null,
        });
      },

      async formatReport(tabId, format) {
        const report = get().byTab[tabId]?.report;
        if (!report) return null;
        try {
          return (await client.http.formatRunReport({ report, format })).text;
        } catch (error) {
          notifier.notifyError('Could not export the report', error);
          return null;
        }
      },

      disposeTab(tabId) {
        const session = get().byTab[tabId];
        if (session?.runId && session.status === 'running') void client.http.cancelRun({ runId: session.runId });
        if (session?.runId) tabOfRun.delete(session.runId);
        set((s) => {
          const { [tabId]: _gone, ...rest } = s.byTab;
          return { byTab: rest };
        });
      },
    };
  });

  // events can beat the runCollection answer that names their run
  const pending = new Map<string, Progress[]>();

  function applyProgress(progress: Progress) {
    const tabId = tabOfRun.get(progress.runId);
    const session = tabId ? store.getState().byTab[tabId] : undefined;
    if (!tabId || !session) return;
    const passed = progress.outcomes.filter((o) => o.passed).length;
    const outcomes = [...session.outcomes, ...progress.outcomes];
    const next: Partial<RunSession> = {
      outcomes: outcomes.length > KEEP_OUTCOMES ? outcomes.slice(-KEEP_OUTCOMES) : outcomes,
      finished: session.finished + progress.outcomes.length,
      passed: session.passed + passed,
      failed: session.failed + progress.outcomes.length - passed,
      skipped: session.skipped + progress.skipped,
    };
    if (progress.done) {
      next.status = progress.error ? 'failed' : 'done';
      next.report = progress.report ?? null;
      next.error = progress.error ?? null;
      tabOfRun.delete(progress.runId);
    }
    store.setState((s) => ({ byTab: { ...s.byTab, [tabId]: { ...session, ...next } } }));
    if (progress.done) void store.getState().loadRuns(tabId);
  }

  client.on('http.runProgressed', (progress) => {
    if (tabOfRun.has(progress.runId)) {
      applyProgress(progress);
      return;
    }
    // a run this store started but whose id has not come back yet; other runs (the CLI's, another window's) wait
    // a little and are dropped
    const waiting = pending.get(progress.runId) ?? [];
    waiting.push(progress);
    pending.set(progress.runId, waiting);
    if (waiting.length === 1) setTimeout(() => pending.delete(progress.runId), 30_000);
  });

  return store;
}

const outcomeKey = (outcome: RunOutcome) => `${outcome.iteration}:${outcome.index}`;

function errorOf(error: unknown): { code: string; message: string } {
  const shape = error as { code?: unknown; message?: unknown };
  return {
    code: typeof shape?.code === 'string' ? shape.code : 'INTERNAL',
    message: typeof shape?.message === 'string' ? shape.message : String(error),
  };
}

/** Outcomes with failures first (each group in the order they finished). */
export function selectOutcomesFailuresFirst(session: RunSession): RunOutcome[] {
  return [...session.outcomes.filter((o) => !o.passed), ...session.outcomes.filter((o) => o.passed)];
}

/** Requests in the collection or folder at `path` of the tree (null when the tree is not loaded or has no such node). */
export function countRequests(tree: FolderNode[] | null, path: string): number | null {
  const count = (node: FolderNode | RequestNode): number =>
    node.kind === 'request' ? 1 : node.children.reduce((sum, child) => sum + count(child), 0);
  const find = (nodes: (FolderNode | RequestNode)[]): FolderNode | null => {
    for (const node of nodes) {
      if (node.kind !== 'folder') continue;
      if (node.path === path) return node;
      if (path.startsWith(`${node.path}/`)) return find(node.children);
    }
    return null;
  };
  const node = tree ? find(tree) : null;
  return node ? count(node) : null;
}
