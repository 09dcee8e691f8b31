import { describe, expect, it } from 'vitest';
import type { Design, DesignLayout } from '../../../shared/design';
import { EMPTY_LAYOUT } from '../../../shared/design';
import { addColumn, addForeignKey, renameTable, updateColumn } from './design-edits';
import { createDesignerStore, stableJson } from './designer.store';
import type { AppClient, Toast } from './store-deps';

/**
 * The designer store over a stand-in for the design files (the core's designer.* file procedures are another
 * helper's part): a map of path → written design, with the DBML text replaced by its JSON.
 */
function fakeFiles(initial: Record<string, { design: Design; layout: DesignLayout }>) {
  const files = new Map(Object.entries(initial));
  const writes: { path: string; design: Design; layout: DesignLayout }[] = [];
  const dbml = (design: Design) => stableJson(design);
  const designer = {
    list: () => Promise.resolve([]),
    read: ({ path }: { path: string }) => {
      const file = files.get(path);
      if (!file) return Promise.reject(new Error(`no file ${path}`));
      return Promise.resolve({ path, dbml: dbml(file.design), design: file.design, layout: file.layout });
    },
    write: ({ path, design, layout }: { path: string; design: Design; layout: DesignLayout }) => {
      files.set(path, { design, layout });
      writes.push({ path, design, layout });
      return Promise.resolve({ path, dbml: dbml(design) });
    },
  };
  const client = { designer, on: () => () => undefined } as unknown as AppClient;
  return { files, writes, client };
}

const shop: Design = {
  dialect: 'postgres',
  enums: [],
  note: null,
  tables: [
    {
      schema: null,
      name: 'customers',
      columns: [
        { name: 'id', type: 'integer', nullable: false, default: null, unique: false, autoIncrement: true, note: null },
        { name: 'email', type: 'text', nullable: false, default: null, unique: true, autoIncrement: false, note: null },
      ],
      primaryKey: ['id'],
      indexes: [],
      foreignKeys: [],
      checks: [],
      note: null,
    },
    {
      schema: null,
      name: 'orders',
      columns: [
        { name: 'id', type: 'integer', nullable: false, default: null, unique: false, autoIncrement: true, note: null },
        {
          name: 'customer_id',
          type: 'integer',
          nullable: false,
          default: null,
          unique: false,
          autoIncrement: false,
          note: null,
        },
      ],
      primaryKey: ['id'],
      indexes: [],
      foreignKeys: [],
      checks: [],
      note: null,
    },
  ],
};

const placed: DesignLayout = {
  version: 1,
  tables: { customers: { x: 0, y: 0 }, orders: { x: 400, y: 0 } },
  groups: [],
};

function makeStore(files: ReturnType<typeof fakeFiles>, layoutCalls: string[] = []) {
  const toasts: Omit<Toast, 'id'>[] = [];
  const store = createDesignerStore({
    client: files.client,
    notifier: {
      notify: (toast) => toasts.push(toast),
      notifyError: (title, error) => toasts.push({ kind: 'error', title, message: String(error) }),
    },
    saveDebounceMs: 5,
    // the auto-layout's 'new' mode: only what has no position moves (here, one fixed spot per call)
    layout: (design, layout, mode) => {
      layoutCalls.push(mode);
      const tables = { ...layout.tables };
      for (const t of design.tables) if (mode === 'all' || !tables[t.name]) tables[t.name] = { x: 1000, y: 1000 };
      return Promise.resolve({ ...layout, tables });
    },
  });
  return { store, toasts };
}

const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

describe('designer store', () => {
  it('opens a design and places the tables its layout lacks, saving the positions', async () => {
    const files = fakeFiles({ 'shop.dbml': { design: shop, layout: EMPTY_LAYOUT } });
    const calls: string[] = [];
    const { store } = makeStore(files, calls);
    await store.getState().openDesign('shop.dbml');
    expect(calls).toEqual(['new']);
    const doc = store.getState().docs['shop.dbml'];
    expect(Object.keys(doc?.layout.tables ?? {}).sort()).toEqual(['customers', 'orders']);
    // the placement is not an edit the user undoes
    expect(doc?.past).toHaveLength(0);
    await settle();
    expect(files.files.get('shop.dbml')?.layout.tables.orders).toEqual({ x: 1000, y: 1000 });
  });

  it('undoes and redoes every edit, and autosaves the result', async () => {
    const files = fakeFiles({ 'shop.dbml': { design: shop, layout: placed } });
    const { store } = makeStore(files);
    await store.getState().openDesign('shop.dbml');
    const s = store.getState();
    s.edit('shop.dbml', (st) => renameTable(st, 'orders', 'purchases'));
    s.edit('shop.dbml', (st) => addColumn(st, 'purchases', 'total').state);
    s.edit('shop.dbml', (st) => updateColumn(st, 'purchases', 'total', { type: 'numeric(10,2)', nullable: false }));
    s.edit('shop.dbml', (st) =>
      addForeignKey(st, 'purchases', { columns: ['customer_id'], refTable: 'customers', refColumns: ['id'] }),
    );
    const table = () => store.getState().docs['shop.dbml']?.design.tables[1];
    expect(table()?.name).toBe('purchases');
    expect(table()?.foreignKeys).toHaveLength(1);
    expect(store.getState().docs['shop.dbml']?.layout.tables.purchases).toEqual({ x: 400, y: 0 });

    store.getState().undo('shop.dbml');
    expect(table()?.foreignKeys).toHaveLength(0);
    store.getState().undo('shop.dbml');
    store.getState().undo('shop.dbml');
    store.getState().undo('shop.dbml');
    expect(table()?.name).toBe('orders');
    expect(store.getState().docs['shop.dbml']?.layout.tables.orders).toEqual({ x: 400, y: 0 });
    store.getState().redo('shop.dbml');
    store.getState().redo('shop.dbml');
    expect(table()?.columns.map((c) => c.name)).toEqual(['id', 'customer_id', 'total']);
    expect(table()?.columns[2]?.type).toBe('text');
    // a new edit drops what could be redone
    store.getState().edit('shop.dbml', (st) => addColumn(st, 'purchases', 'note').state);
    expect(store.getState().docs['shop.dbml']?.future).toHaveLength(0);

    expect(store.getState().docs['shop.dbml']?.dirty).toBe(true);
    await settle();
    expect(store.getState().docs['shop.dbml']?.dirty).toBe(false);
    // the debounce wrote once for the burst of edits
    expect(files.writes).toHaveLength(1);
    expect(files.files.get('shop.dbml')?.design.tables[1]?.columns.map((c) => c.name)).toEqual([
      'id',
      'customer_id',
      'total',
      'note',
    ]);
  });

  it('adds a table placed by the auto-layout, undone with its position in one step', async () => {
    const files = fakeFiles({ 'shop.dbml': { design: shop, layout: placed } });
    const calls: string[] = [];
    const { store } = makeStore(files, calls);
    await store.getState().openDesign('shop.dbml');
    const key = await store.getState().addTable('shop.dbml');
    expect(key).toBe('table');
    expect(calls).toEqual(['new']);
    const doc = store.getState().docs['shop.dbml'];
    expect(doc?.selection).toEqual(['table']);
    expect(doc?.layout.tables.table).toEqual({ x: 1000, y: 1000 });
    store.getState().undo('shop.dbml');
    const after = store.getState().docs['shop.dbml'];
    expect(after?.design.tables.map((t) => t.name)).toEqual(['customers', 'orders']);
    expect(after?.layout.tables.table).toBeUndefined();
  });

  it('places a table an edit brings without a position (typed in the DBML pane)', async () => {
    const files = fakeFiles({ 'shop.dbml': { design: shop, layout: placed } });
    const calls: string[] = [];
    const { store } = makeStore(files, calls);
    await store.getState().openDesign('shop.dbml');
    const typed = { ...shop.tables[0]!, name: 'typed' };
    store
      .getState()
      .edit('shop.dbml', (st) => ({ ...st, design: { ...st.design, tables: [...st.design.tables, typed] } }));
    await settle();
    expect(calls).toEqual(['new']);
    const doc = store.getState().docs['shop.dbml'];
    expect(doc?.layout.tables.typed).toEqual({ x: 1000, y: 1000 });
    expect(doc?.layout.tables.orders).toEqual({ x: 400, y: 0 });
  });

  it('writes pending edits when the tab closes (no lost edits), then forgets the design', async () => {
    const files = fakeFiles({ 'shop.dbml': { design: shop, layout: placed } });
    const { store } = createDesignerStoreWithSlowSave(files);
    await store.getState().openDesign('shop.dbml');
    store.getState().edit('shop.dbml', (st) => addColumn(st, 'customers', 'phone').state);
    await store.getState().release(new Set());
    expect(files.files.get('shop.dbml')?.design.tables[0]?.columns.map((c) => c.name)).toContain('phone');
    expect(store.getState().docs['shop.dbml']).toBeUndefined();
  });

  it('shows a file changed on disk when clean, and asks when it holds unsaved edits', async () => {
    const files = fakeFiles({ 'shop.dbml': { design: shop, layout: placed } });
    const { store } = createDesignerStoreWithSlowSave(files);
    await store.getState().openDesign('shop.dbml');

    // the app's own write coming back changes nothing
    store.getState().edit('shop.dbml', (st) => addColumn(st, 'customers', 'phone').state);
    await store.getState().flush('shop.dbml');
    const mine = store.getState().docs['shop.dbml'];
    await store.getState().applyFilesChanged(['shop.dbml']);
    expect(store.getState().docs['shop.dbml']).toBe(mine);

    // another editor's change while clean: shown
    const outside = { design: { ...shop, tables: shop.tables.slice(0, 1) }, layout: placed };
    files.files.set('shop.dbml', outside);
    await store.getState().applyFilesChanged(['shop.dbml']);
    expect(store.getState().docs['shop.dbml']?.design.tables.map((t) => t.name)).toEqual(['customers']);
    expect(store.getState().docs['shop.dbml']?.changedOnDisk).toBe(false);

    // a change while dirty: the edits stay and the tab asks
    store.getState().edit('shop.dbml', (st) => addColumn(st, 'customers', 'fax').state);
    files.files.set('shop.dbml', { design: shop, layout: placed });
    await store.getState().applyFilesChanged(['shop.dbml']);
    const asking = store.getState().docs['shop.dbml'];
    expect(asking?.changedOnDisk).toBe(true);
    expect(asking?.design.tables[0]?.columns.map((c) => c.name)).toContain('fax');

    await store.getState().resolveChangedOnDisk('shop.dbml', 'reload');
    const reloaded = store.getState().docs['shop.dbml'];
    expect(reloaded?.changedOnDisk).toBe(false);
    expect(reloaded?.dirty).toBe(false);
    expect(reloaded?.design.tables.map((t) => t.name)).toEqual(['customers', 'orders']);
  });
});

/** A store whose autosave waits long enough that only a flush or a close writes. */
function createDesignerStoreWithSlowSave(files: ReturnType<typeof fakeFiles>) {
  const store = createDesignerStore({
    client: files.client,
    notifier: { notify: () => undefined, notifyError: () => undefined },
    saveDebounceMs: 60_000,
  });
  return { store };
}
