/**
 * The migrate dialog's state: what is compared with what, the diff, the renames the user confirmed, the destructive
 * confirmation and a run of `designer.apply` with its progress. One store per open dialog.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  DiffSide,
  LiveSchema,
  RenameCandidate,
  SchemaDiff,
} from '../../../../../shared/contract/designer.contract';
import type { Design } from '../../../../../shared/design';
import { AppError, type AppErrorShape } from '../../../../../shared/errors';
import type { EventPayload } from '../../../../../shared/events';
import type { AppClient } from '../../../stores/store-deps';

export type ApplyProgress = EventPayload<'designer.applyProgressed'>;
export type ApplyResult = Awaited<ReturnType<AppClient['designer']['apply']>>;
type DiffRequest = Parameters<AppClient['designer']['diff']>[0];
type ApplyRequest = Parameters<AppClient['designer']['apply']>[0];

/** What the store needs from the host: the two procedures and the progress event (the app's client in the app). */
export interface MigratePort {
  diff(input: DiffRequest): Promise<SchemaDiff>;
  apply(input: ApplyRequest): Promise<ApplyResult>;
  onProgress(listener: (event: ApplyProgress) => void): () => void;
  newRunId(): string;
  /** The target's schema may have changed (an apply ran, whole or in part): what shows it reads it again. */
  onApplied?(connectionId: string): void;
}

export function migratePortOf(
  client: AppClient,
  newRunId: () => string,
  onApplied?: (connectionId: string) => void,
): MigratePort {
  return {
    diff: (input) => client.designer.diff(input),
    apply: (input) => client.designer.apply(input),
    onProgress: (listener) => client.on('designer.applyProgressed', listener),
    newRunId,
    onApplied,
  };
}

/** `design`: the design against a live schema; `live`: one live schema against another. */
export type MigrateMode = 'design' | 'live';

export interface MigrateState {
  mode: MigrateMode;
  /** The schema that changes. */
  target: LiveSchema | null;
  /** The schema wanted, in `live` mode. */
  liveSource: LiveSchema | null;
  /** Rename candidates the user confirmed, passed back to the diff. */
  renames: RenameCandidate[];
  diff: SchemaDiff | null;
  diffing: boolean;
  diffError: AppErrorShape | null;
  /** The user's confirmation that the destructive steps listed may run. */
  allowDestructive: boolean;
  applying: boolean;
  progress: ApplyProgress | null;
  applyResult: ApplyResult | null;
  applyError: AppErrorShape | null;

  setMode(mode: MigrateMode): void;
  setTarget(target: LiveSchema | null): void;
  setLiveSource(source: LiveSchema | null): void;
  setAllowDestructive(allow: boolean): void;
  /** Confirms or withdraws a rename, then compares again. */
  toggleRename(candidate: RenameCandidate, design: Design): Promise<void>;
  /** Compares the source (the design, or the live source) with the target. */
  runDiff(design: Design): Promise<SchemaDiff | null>;
  /** Applies the migration, then compares again (which says "No changes." when it all went through). */
  apply(design: Design): Promise<void>;
  dispose(): void;
}

export const sameRename = (a: RenameCandidate, b: RenameCandidate): boolean =>
  a.kind === b.kind && a.table === b.table && a.from === b.from && a.to === b.to;

/** True when applying needs the destructive confirmation. */
export const selectNeedsConfirmation = (s: Pick<MigrateState, 'diff'>): boolean =>
  s.diff !== null && (s.diff.steps.some((step) => step.destructive) || s.diff.changes.some((c) => c.destructive));

export const selectCanApply = (s: MigrateState): boolean =>
  s.diff !== null &&
  s.diff.steps.length > 0 &&
  !s.diffing &&
  !s.applying &&
  (s.allowDestructive || !selectNeedsConfirmation(s));

/** The renames to show: those confirmed (checked) and the diff's candidates (unchecked). */
export const selectRenameRows = (
  s: Pick<MigrateState, 'diff' | 'renames'>,
): { candidate: RenameCandidate; confirmed: boolean }[] => [
  ...s.renames.map((candidate) => ({ candidate, confirmed: true })),
  ...(s.diff?.renameCandidates ?? [])
    .filter((candidate) => !s.renames.some((r) => sameRename(r, candidate)))
    .map((candidate) => ({ candidate, confirmed: false })),
];

function shapeOf(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

export function createMigrateStore(port: MigratePort): StoreApi<MigrateState> {
  let diffRound = 0;
  let unsubscribe: (() => void) | null = null;

  const sourceOf = (s: MigrateState, design: Design): DiffSide | null =>
    s.mode === 'design' ? { kind: 'design', design } : s.liveSource ? { kind: 'live', live: s.liveSource } : null;

  const cleared = {
    diff: null,
    diffError: null,
    renames: [],
    allowDestructive: false,
    applyResult: null,
    applyError: null,
    progress: null,
  };

  return createStore<MigrateState>()((set, get) => ({
    mode: 'design',
    target: null,
    liveSource: null,
    renames: [],
    diff: null,
    diffing: false,
    diffError: null,
    allowDestructive: false,
    applying: false,
    progress: null,
    applyResult: null,
    applyError: null,

    setMode: (mode) => {
      diffRound++;
      set({ mode, diffing: false, ...cleared });
    },
    setTarget: (target) => {
      diffRound++;
      set({ target, diffing: false, ...cleared });
    },
    setLiveSource: (liveSource) => {
      diffRound++;
      set({ liveSource, diffing: false, ...cleared });
    },
    setAllowDestructive: (allowDestructive) => set({ allowDestructive }),

    toggleRename: async (candidate, design) => {
      const { renames } = get();
      const confirmed = renames.some((r) => sameRename(r, candidate));
      set({ renames: confirmed ? renames.filter((r) => !sameRename(r, candidate)) : [...renames, candidate] });
      await get().runDiff(design);
    },

    runDiff: async (design) => {
      const state = get();
      const source = sourceOf(state, design);
      if (!state.target || !source) return null;
      const round = ++diffRound;
      set({ diffing: true, diffError: null });
      try {
        const diff = await port.diff({ source, target: state.target, renames: state.renames });
        if (round !== diffRound) return null;
        // a confirmation covers the destructive steps the user saw: a different list needs it again
        const sameDestructive = JSON.stringify(get().diff?.destructive ?? null) === JSON.stringify(diff.destructive);
        set({ diff, diffing: false, allowDestructive: sameDestructive && get().allowDestructive });
        return diff;
      } catch (error) {
        if (round === diffRound) set({ diffing: false, diff: null, diffError: shapeOf(error) });
        return null;
      }
    },

    apply: async (design) => {
      const state = get();
      const source = sourceOf(state, design);
      if (!state.target || !source || !selectCanApply(state)) return;
      const runId = port.newRunId();
      unsubscribe?.();
      unsubscribe = port.onProgress((event) => {
        if (event.runId === runId) set({ progress: event });
      });
      set({ applying: true, applyResult: null, applyError: null, progress: null });
      try {
        const result = await port.apply({
          source,
          target: state.target,
          renames: state.renames,
          allowDestructive: state.allowDestructive,
          runId,
        });
        set({ applying: false, applyResult: result });
      } catch (error) {
        set({ applying: false, applyError: shapeOf(error) });
      } finally {
        unsubscribe?.();
        unsubscribe = null;
      }
      port.onApplied?.(state.target.connectionId);
      // what the target is now: "No changes." when it all went through, what is left when a step failed
      const applyResult = get().applyResult;
      const applyError = get().applyError;
      await get().runDiff(design);
      set({ applyResult, applyError, allowDestructive: false });
    },

    dispose: () => {
      diffRound++;
      unsubscribe?.();
      unsubscribe = null;
    },
  }));
}
