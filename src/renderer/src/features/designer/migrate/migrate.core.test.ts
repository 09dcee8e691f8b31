import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Design } from '../../../../../shared/design';
import type { ApplyProgress } from './migrate.store';
import { startCoreClient, type CoreClient } from '../../../stores/testing/core-client';
import {
  createMigrateStore,
  migratePortOf,
  selectCanApply,
  selectNeedsConfirmation,
  selectRenameRows,
} from './migrate.store';

/** The dialog's store over the real core (diff, apply and their events) and a real SQLite file holding rows. */
let core: CoreClient;
let connectionId: string;
let runs = 0;

const query = async (sql: string) => {
  const result = await core.client.query.run({ connectionId, sql, runId: crypto.randomUUID(), pageSize: 100 });
  return result.kind === 'rows' ? result.rows : [];
};

const target = () => ({ connectionId, schema: null });
const store = () => createMigrateStore(migratePortOf(core.client, () => `tools-run-${++runs}`));

beforeAll(async () => {
  core = await startCoreClient();
  const created = await core.client.connections.create({
    name: 'tools migrate',
    params: { engine: 'sqlite', file: core.file('tools-migrate.db'), create: true },
  });
  connectionId = created.id;
  await core.client.connections.connect({ id: connectionId });
  await query('CREATE TABLE tools_orders (id INTEGER PRIMARY KEY, note TEXT, qty INTEGER NOT NULL DEFAULT 0)');
  await query("INSERT INTO tools_orders (id, note, qty) VALUES (1, 'first', 2), (2, 'second', 5)");
}, 60_000);

afterAll(async () => {
  await core.close();
});

async function liveDesign(): Promise<Design> {
  return core.client.designer.pull(target());
}

describe('migrate store over the real core', () => {
  it('finds nothing to change for the schema as it is', async () => {
    const migrate = store();
    migrate.getState().setTarget(target());
    const diff = await migrate.getState().runDiff(await liveDesign());
    expect(diff?.changes).toEqual([]);
    expect(diff?.sql).toBe('No changes.');
  });

  it('adds a column the design has, with progress events of its own run, then compares again: No changes', async () => {
    const design = await liveDesign();
    const orders = design.tables.find((t) => t.name === 'tools_orders')!;
    orders.columns.push({
      name: 'shipped',
      type: 'integer',
      nullable: true,
      default: null,
      unique: false,
      autoIncrement: false,
      note: null,
    });
    const migrate = store();
    const progress: ApplyProgress[] = [];
    migrate.subscribe((s) => s.progress && progress.push(s.progress));
    migrate.getState().setTarget(target());
    const diff = await migrate.getState().runDiff(design);
    expect(diff?.changes.map((c) => [c.kind, c.item])).toEqual([['addColumn', 'shipped']]);
    expect(diff?.sql).toContain('shipped');
    expect(diff?.knex).toContain('exports.up');
    expect(selectNeedsConfirmation(migrate.getState())).toBe(false);
    await migrate.getState().apply(design);
    expect(migrate.getState().applyResult).toMatchObject({ applied: 1, total: 1 });
    expect(migrate.getState().applyResult?.failed).toBeUndefined();
    expect(progress.at(-1)).toMatchObject({ done: true, applied: 1, total: 1 });
    expect(migrate.getState().diff?.sql).toBe('No changes.');
    expect(await query('SELECT id, note, qty, shipped FROM tools_orders ORDER BY id')).toHaveLength(2);
  });

  it('offers a rename for a column dropped and added, keeps its rows when confirmed, and needs no destructive confirmation then', async () => {
    const design = await liveDesign();
    const orders = design.tables.find((t) => t.name === 'tools_orders')!;
    orders.columns = orders.columns.map((c) => (c.name === 'note' ? { ...c, name: 'remark' } : c));
    const migrate = store();
    migrate.getState().setTarget(target());
    await migrate.getState().runDiff(design);
    expect(selectNeedsConfirmation(migrate.getState())).toBe(true);
    expect(selectCanApply(migrate.getState())).toBe(false);
    const [row] = selectRenameRows(migrate.getState());
    expect(row).toMatchObject({ confirmed: false, candidate: { kind: 'column', from: 'note', to: 'remark' } });
    await migrate.getState().toggleRename(row!.candidate, design);
    expect(migrate.getState().diff?.changes.map((c) => c.kind)).toEqual(['renameColumn']);
    expect(selectNeedsConfirmation(migrate.getState())).toBe(false);
    await migrate.getState().apply(design);
    expect(migrate.getState().diff?.sql).toBe('No changes.');
    expect(await query('SELECT remark FROM tools_orders ORDER BY id')).toEqual([['first'], ['second']]);
  });

  it('applies a destructive change only once confirmed', async () => {
    const design = await liveDesign();
    const orders = design.tables.find((t) => t.name === 'tools_orders')!;
    orders.columns = orders.columns.filter((c) => c.name !== 'shipped');
    const migrate = store();
    migrate.getState().setTarget(target());
    await migrate.getState().runDiff(design);
    expect(migrate.getState().diff?.changes.find((c) => c.kind === 'dropColumn')).toMatchObject({ destructive: true });
    await migrate.getState().apply(design);
    expect(migrate.getState().applyResult).toBeNull();
    migrate.getState().setAllowDestructive(true);
    await migrate.getState().apply(design);
    expect(migrate.getState().applyError).toBeNull();
    expect(migrate.getState().diff?.sql).toBe('No changes.');
  });

  it('compares two live schemas (database → database)', async () => {
    const other = await core.client.connections.create({
      name: 'tools migrate source',
      params: { engine: 'sqlite', file: core.file('tools-source.db'), create: true },
    });
    await core.client.connections.connect({ id: other.id });
    await core.client.query.run({
      connectionId: other.id,
      sql: 'CREATE TABLE tools_extra (id INTEGER PRIMARY KEY)',
      runId: crypto.randomUUID(),
      pageSize: 10,
    });
    const migrate = store();
    migrate.getState().setMode('live');
    migrate.getState().setLiveSource({ connectionId: other.id, schema: null });
    migrate.getState().setTarget(target());
    const diff = await migrate.getState().runDiff(await liveDesign());
    expect(migrate.getState().diffError).toBeNull();
    expect(diff?.changes.map((c) => [c.kind, c.table])).toEqual(
      expect.arrayContaining([
        ['addTable', 'tools_extra'],
        ['dropTable', 'tools_orders'],
      ]),
    );
  });
});
