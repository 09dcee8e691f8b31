/* eslint-disable no-restricted-imports -- the test edits a design file from outside the app, as an editor would */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesignerStore, type DesignerState } from './designer.store';
import { addColumn, addForeignKey, addTable, renameTable } from './design-edits';
import { startCoreClient, type CoreClient } from './testing/core-client';

let core: CoreClient;
let designsDir: string;

beforeAll(async () => {
  core = await startCoreClient();
  designsDir = join((await core.client.app.info({})).workspaceDir, 'designs');
}, 60_000);
afterAll(async () => {
  await core.close();
});

function makeStore() {
  const store = createDesignerStore({
    client: core.client,
    notifier: { notify: () => undefined, notifyError: (title, error) => console.error(title, error) },
    saveDebounceMs: 5,
  });
  // what create-app-stores wires in the app
  const off = core.client.on('designer.filesChanged', ({ paths }) => void store.getState().applyFilesChanged(paths));
  return { store, dispose: off };
}

function until(store: ReturnType<typeof makeStore>['store'], ready: (s: DesignerState) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready(store.getState())) return resolve();
    const stop = store.subscribe((s) => {
      if (!ready(s)) return;
      stop();
      resolve();
    });
  });
}

describe('designer store over the real design files', () => {
  it('creates, edits and autosaves a design as DBML with its layout, then shows a change made outside', async () => {
    const { store, dispose } = makeStore();
    const path = await store.getState().createDesign({ path: 'canvas-shop.dbml', dialect: 'postgres' });
    expect(path).toBe('canvas-shop.dbml');
    await store.getState().openDesign('canvas-shop.dbml');
    expect(store.getState().designs.map((d) => d.path)).toContain('canvas-shop.dbml');

    const key = await store.getState().addTable('canvas-shop.dbml');
    expect(key).toBe('table');
    const s = store.getState();
    s.edit('canvas-shop.dbml', (st) => renameTable(st, 'table', 'customers'));
    s.edit('canvas-shop.dbml', (st) => addTable(st, 'orders').state);
    s.edit('canvas-shop.dbml', (st) => addColumn(st, 'orders', 'customer_id').state);
    s.edit('canvas-shop.dbml', (st) =>
      addForeignKey(st, 'orders', { columns: ['customer_id'], refTable: 'customers', refColumns: ['id'] }),
    );
    // `orders` came without a position (as a table typed in the DBML pane does): the store places it
    await until(store, (st) => st.docs['canvas-shop.dbml']?.layout.tables.orders !== undefined);
    await store.getState().flush('canvas-shop.dbml');
    expect(store.getState().docs['canvas-shop.dbml']?.dirty).toBe(false);

    const dbml = readFileSync(join(designsDir, 'canvas-shop.dbml'), 'utf8');
    expect(dbml).toMatch(/Table "?customers"?/);
    expect(dbml).toMatch(/customer_id/);
    expect(dbml).toMatch(/Ref/);
    const layout = JSON.parse(readFileSync(join(designsDir, 'canvas-shop.layout.json'), 'utf8')) as {
      tables: Record<string, unknown>;
    };
    expect(Object.keys(layout.tables).sort()).toEqual(['customers', 'orders']);

    // read back by another store (the app restarted): the same design
    const again = makeStore();
    await again.store.getState().openDesign('canvas-shop.dbml');
    const reread = again.store.getState().docs['canvas-shop.dbml'];
    expect(reread?.design.tables.map((t) => t.name)).toEqual(['customers', 'orders']);
    expect(reread?.design.tables[1]?.foreignKeys[0]?.refTable).toBe('customers');
    expect(Object.keys(reread?.layout.tables ?? {}).sort()).toEqual(['customers', 'orders']);
    again.dispose();
    await again.store.getState().release(new Set());

    // an editor changes the file: the clean open design shows it
    writeFileSync(
      join(designsDir, 'canvas-shop.dbml'),
      `${readFileSync(join(designsDir, 'canvas-shop.dbml'), 'utf8')}\nTable notes {\n  id integer [pk]\n}\n`,
    );
    await until(store, (st) => st.docs['canvas-shop.dbml']?.design.tables.some((t) => t.name === 'notes') === true);
    expect(store.getState().docs['canvas-shop.dbml']?.changedOnDisk).toBe(false);

    expect(await store.getState().deleteDesign('canvas-shop.dbml')).toBe(true);
    expect(store.getState().docs['canvas-shop.dbml']).toBeUndefined();
    dispose();
  }, 30_000);
});
