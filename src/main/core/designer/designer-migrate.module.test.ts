import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/events';
import { createServices, type Services } from '../services';

/** designer.diff and designer.apply through the services, on a saved SQLite connection. */
describe('designer.diff and designer.apply', () => {
  let root: string;
  let services: Services;
  let connectionId: string;
  const events: EventPayload<'designer.applyProgressed'>[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bb-designer-migrate-'));
    const file = join(root, 'shop.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(50), price NUMERIC(8,2));
      INSERT INTO items VALUES (1, 'pen', 1.5), (2, NULL, 2);`);
    db.close();
    services = await createServices({
      host: 'test',
      dataDir: join(root, 'data'),
      createSample: false,
      emit: (topic, payload) => {
        if (topic === 'designer.applyProgressed') events.push(payload as EventPayload<'designer.applyProgressed'>);
      },
    });
    connectionId = (await services.handlers.connections.create({ name: 'shop', params: { engine: 'sqlite', file } }))
      .id;
  });
  afterAll(async () => {
    await services.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('diffs a design against the live schema, refuses destructive steps, and applies with progress events', async () => {
    const { designer } = services.handlers;
    const live = await designer.pull({ connectionId, schema: null });
    const wanted = structuredClone(live);
    const items = wanted.tables[0]!;
    items.columns = items.columns.filter((c) => c.name !== 'price');
    items.columns.find((c) => c.name === 'name')!.nullable = false;
    const target = { connectionId, schema: null };
    const source = { kind: 'design' as const, design: wanted };

    const diff = await designer.diff({ source, target, renames: [] });
    // NOT NULL without a default on a table with rows, and a dropped column
    expect(diff.destructive.sort()).toEqual(['items.name', 'items.price']);
    await expect(designer.apply({ source, target, renames: [], allowDestructive: false })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect((await designer.pull(target)).tables[0]!.columns.map((c) => c.name)).toEqual(['id', 'name', 'price']);

    // with a default the NOT NULL is safe; the drop still needs the confirmation
    items.columns.find((c) => c.name === 'name')!.default = "'?'";
    const outcome = await designer.apply({ source, target, renames: [], allowDestructive: true, runId: 'run-1' });
    expect(outcome).toEqual({ applied: 1, total: 1 });
    expect(events).toEqual([
      {
        runId: 'run-1',
        total: 1,
        done: false,
        applied: 0,
        step: { index: 0, description: 'Rebuild table items (dropColumn, alterColumn)' },
      },
      { runId: 'run-1', applied: 1, total: 1, done: true },
    ]);
    expect(await designer.diff({ source, target, renames: [] })).toMatchObject({ sql: 'No changes.', changes: [] });
  });
});
