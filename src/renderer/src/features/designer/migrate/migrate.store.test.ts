import { describe, expect, it } from 'vitest';
import type { RenameCandidate, SchemaDiff } from '../../../../../shared/contract/designer.contract';
import { emptyDesign } from '../../../../../shared/design';
import { AppError } from '../../../../../shared/errors';
import {
  createMigrateStore,
  selectCanApply,
  selectNeedsConfirmation,
  selectRenameRows,
  type ApplyProgress,
  type MigratePort,
} from './migrate.store';

/**
 * The store's rules against a stand-in of the two procedures (the diff and apply themselves are the core's, tested
 * there against real databases): a target that holds `columns`, a diff that drops what the design lacks.
 */
const design = emptyDesign('sqlite');
const RENAME: RenameCandidate = { kind: 'column', table: 'orders', from: 'note', to: 'remark' };

function diffOf(columns: string[], renames: RenameCandidate[]): SchemaDiff {
  const renamed = renames.some((r) => r.from === 'note');
  const changes = columns.includes('note')
    ? renamed
      ? [
          {
            kind: 'renameColumn' as const,
            table: 'orders',
            item: 'note',
            description: 'note → remark',
            destructive: false,
            reason: null,
          },
        ]
      : [
          {
            kind: 'dropColumn' as const,
            table: 'orders',
            item: 'note',
            description: 'drop',
            destructive: true,
            reason: 'drops column orders.note',
          },
          {
            kind: 'addColumn' as const,
            table: 'orders',
            item: 'remark',
            description: 'add',
            destructive: false,
            reason: null,
          },
        ]
    : [];
  return {
    changes,
    renameCandidates: columns.includes('note') && !renamed ? [RENAME] : [],
    steps: changes.map((c) => ({ description: c.description, statements: ['-- sql'], destructive: c.destructive })),
    sql: changes.length === 0 ? 'No changes.' : '-- sql',
    knex: 'exports.up = async () => {};',
    destructive: changes.filter((c) => c.destructive).map(() => 'orders.note'),
  };
}

function harness(options: { failAt?: number } = {}) {
  const db = { columns: ['id', 'note'] };
  const listeners = new Set<(event: ApplyProgress) => void>();
  const calls: { renames: RenameCandidate[]; allowDestructive?: boolean }[] = [];
  const port: MigratePort = {
    newRunId: () => 'run-1',
    onProgress: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    diff: async (input) => {
      calls.push({ renames: input.renames ?? [] });
      return diffOf(db.columns, input.renames ?? []);
    },
    apply: async (input) => {
      calls.push({ renames: input.renames ?? [], allowDestructive: input.allowDestructive });
      const diff = diffOf(db.columns, input.renames ?? []);
      if (diff.steps.some((s) => s.destructive) && !input.allowDestructive)
        throw new AppError('INVALID_INPUT', 'Destructive steps need allowDestructive: orders.note');
      const emit = (event: ApplyProgress) => listeners.forEach((l) => l(event));
      // another run's progress must not show
      emit({ runId: 'other', applied: 9, total: 9, done: true });
      for (const [index, step] of diff.steps.entries()) {
        emit({
          runId: input.runId!,
          applied: index,
          total: diff.steps.length,
          step: { index, description: step.description },
          done: false,
        });
        if (index === options.failAt) {
          return {
            applied: index,
            total: diff.steps.length,
            failed: { step: index, description: step.description, message: 'locked' },
          };
        }
      }
      db.columns = ['id', 'remark'];
      emit({ runId: input.runId!, applied: diff.steps.length, total: diff.steps.length, done: true });
      return { applied: diff.steps.length, total: diff.steps.length };
    },
  };
  const store = createMigrateStore(port);
  return { store, db, calls, listeners };
}

describe('migrate store', () => {
  it('compares nothing until a target is chosen, then lists the changes and their migration', async () => {
    const { store } = harness();
    expect(await store.getState().runDiff(design)).toBeNull();
    store.getState().setTarget({ connectionId: 'c1', schema: null });
    const diff = await store.getState().runDiff(design);
    expect(diff?.changes.map((c) => c.kind)).toEqual(['dropColumn', 'addColumn']);
    expect(store.getState().diff).toBe(diff);
  });

  it('needs the destructive confirmation before Apply, and asks again when the destructive list changes', async () => {
    const { store } = harness();
    store.getState().setTarget({ connectionId: 'c1', schema: null });
    await store.getState().runDiff(design);
    expect(selectNeedsConfirmation(store.getState())).toBe(true);
    expect(selectCanApply(store.getState())).toBe(false);
    store.getState().setAllowDestructive(true);
    expect(selectCanApply(store.getState())).toBe(true);
    // the same list again keeps the confirmation
    await store.getState().runDiff(design);
    expect(store.getState().allowDestructive).toBe(true);
    // a confirmed rename leaves nothing destructive; a list that differs clears it
    await store.getState().toggleRename(RENAME, design);
    expect(store.getState().allowDestructive).toBe(false);
    expect(selectNeedsConfirmation(store.getState())).toBe(false);
    expect(selectCanApply(store.getState())).toBe(true);
  });

  it('re-runs the diff with the confirmed renames and shows them checked, the others unchecked', async () => {
    const { store, calls } = harness();
    store.getState().setTarget({ connectionId: 'c1', schema: null });
    await store.getState().runDiff(design);
    expect(selectRenameRows(store.getState())).toEqual([{ candidate: RENAME, confirmed: false }]);
    await store.getState().toggleRename(RENAME, design);
    expect(calls.at(-1)!.renames).toEqual([RENAME]);
    expect(store.getState().diff!.changes.map((c) => c.kind)).toEqual(['renameColumn']);
    expect(selectRenameRows(store.getState())).toEqual([{ candidate: RENAME, confirmed: true }]);
    await store.getState().toggleRename(RENAME, design);
    expect(calls.at(-1)!.renames).toEqual([]);
    expect(selectRenameRows(store.getState())).toEqual([{ candidate: RENAME, confirmed: false }]);
  });

  it('applies with the confirmation and the run id, follows only its own progress, then compares again: no changes', async () => {
    const { store, calls, listeners } = harness();
    const seen: (ApplyProgress | null)[] = [];
    store.subscribe((s) => seen.push(s.progress));
    store.getState().setTarget({ connectionId: 'c1', schema: null });
    await store.getState().runDiff(design);
    store.getState().setAllowDestructive(true);
    await store.getState().apply(design);
    expect(calls.find((c) => c.allowDestructive !== undefined)?.allowDestructive).toBe(true);
    expect(seen.some((p) => p?.runId === 'other')).toBe(false);
    expect(seen.some((p) => p?.step?.index === 1)).toBe(true);
    expect(store.getState().applyResult).toEqual({ applied: 2, total: 2 });
    expect(store.getState().diff!.sql).toBe('No changes.');
    expect(store.getState().diff!.changes).toEqual([]);
    expect(store.getState().allowDestructive).toBe(false);
    expect(listeners.size).toBe(0);
  });

  it('shows the step a run stopped at and what is left', async () => {
    const { store } = harness({ failAt: 1 });
    store.getState().setTarget({ connectionId: 'c1', schema: null });
    await store.getState().runDiff(design);
    store.getState().setAllowDestructive(true);
    await store.getState().apply(design);
    expect(store.getState().applyResult).toEqual({
      applied: 1,
      total: 2,
      failed: { step: 1, description: 'add', message: 'locked' },
    });
    expect(store.getState().diff!.changes).toHaveLength(2);
  });

  it('keeps a refused apply as an error with its code', async () => {
    const { store } = harness();
    store.getState().setTarget({ connectionId: 'c1', schema: null });
    await store.getState().runDiff(design);
    // a target that changed since the diff (now a destructive step): the core refuses
    store.setState({
      allowDestructive: false,
      diff: {
        ...store.getState().diff!,
        changes: [],
        steps: [{ description: 'x', statements: [], destructive: false }],
      },
    });
    await store.getState().apply(design);
    expect(store.getState().applyError?.code).toBe('INVALID_INPUT');
  });

  it('compares two live schemas only once both are chosen, and starts over when a side changes', async () => {
    const { store, calls } = harness();
    store.getState().setMode('live');
    store.getState().setTarget({ connectionId: 'c2', schema: null });
    expect(await store.getState().runDiff(design)).toBeNull();
    store.getState().setLiveSource({ connectionId: 'c1', schema: 'main' });
    expect(await store.getState().runDiff(design)).not.toBeNull();
    expect(calls).toHaveLength(1);
    store.getState().setTarget({ connectionId: 'c3', schema: null });
    expect(store.getState().diff).toBeNull();
  });

  it('drops the answer of a diff whose target changed meanwhile', async () => {
    const { store } = harness();
    store.getState().setTarget({ connectionId: 'c1', schema: null });
    const pending = store.getState().runDiff(design);
    store.getState().setTarget({ connectionId: 'c2', schema: null });
    expect(await pending).toBeNull();
    expect(store.getState().diff).toBeNull();
  });

  it('keeps a failed diff as an error with its code', async () => {
    const store = createMigrateStore({
      newRunId: () => 'r',
      onProgress: () => () => {},
      diff: () => Promise.reject(new AppError('NOT_SUPPORTED', 'Diff is not available yet.')),
      apply: () => Promise.reject(new Error('unused')),
    });
    store.getState().setTarget({ connectionId: 'c1', schema: null });
    await store.getState().runDiff(design);
    expect(store.getState().diffError).toMatchObject({ code: 'NOT_SUPPORTED', message: 'Diff is not available yet.' });
  });
});
