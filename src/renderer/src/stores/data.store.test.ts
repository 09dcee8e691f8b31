import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDataTabModel } from '../features/data-grid/data-tab.model';
import { sqlTabModel } from '../features/query-editor/sql-tab.model';
import { createAppStores, type AppStores } from './create-app-stores';
import { countChanges, rowKeyOfRow } from './data-edits';
import type { TabModel } from './tab-types';
import { startCoreClient, type CoreClient } from './testing/core-client';
import { memoryStorage } from './testing/memory-storage';

let core: CoreClient;
let connectionId: string;

function makeStores(draftDebounceMs = 5): AppStores {
  const stores: AppStores = createAppStores({
    client: core.client,
    tabModel: (kind) =>
      (
        ({
          sql: sqlTabModel,
          data: createDataTabModel((id) => countChanges(stores.data.getState().byTab[id]!.edits) > 0),
        }) as Record<string, unknown>
      )[kind] as TabModel<typeof kind>,
    uiStorage: memoryStorage(),
    viewportWidth: 1280,
    tabsSaveDebounceMs: 5,
    draftDebounceMs,
  });
  return stores;
}

async function openItems(stores: AppStores): Promise<string> {
  await stores.connections.getState().loadConnections();
  const tabId = stores.tabs.getState().openTab({ kind: 'data', connectionId, schema: null, table: 'items' });
  await stores.data.getState().open(tabId);
  expect(stores.data.getState().byTab[tabId]?.status).toBe('ready');
  return tabId;
}

const rowsOf = (stores: AppStores, tabId: string) => {
  const d = stores.data.getState().byTab[tabId]!;
  const result = stores.results.getState().resultsById[d.resultId!]!;
  return Array.from({ length: result.rowsLoaded }, (_, i) => stores.results.getState().readRow(d.resultId!, i)!);
};
const query = async (sql: string) => {
  const result = await core.client.query.run({ connectionId, sql, runId: crypto.randomUUID(), pageSize: 100 });
  return result.kind === 'rows' ? result.rows : [];
};

beforeAll(async () => {
  core = await startCoreClient();
  const created = await core.client.connections.create({
    name: 'Items',
    params: { engine: 'sqlite', file: core.file('items.db'), create: true },
  });
  connectionId = created.id;
  await core.client.connections.connect({ id: connectionId });
  await query(
    'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER NOT NULL DEFAULT 0 CHECK (qty >= 0))',
  );
  await query("INSERT INTO items (id, name, qty) VALUES (1, 'apple', 5), (2, 'pear', 3), (3, 'plum', 9)");
}, 60_000);

afterAll(async () => {
  await core.close();
});

describe('data store over the real core', () => {
  it('opens a table with its SELECT, columns and primary-key identity', async () => {
    const stores = makeStores();
    const tabId = await openItems(stores);
    const d = stores.data.getState().byTab[tabId]!;
    expect(d.identity).toEqual({ kind: 'primaryKey', columns: ['id'] });
    expect(d.sql).toMatch(/items/);
    expect(d.columns.find((c) => c.name === 'qty')?.defaultSql).toBe('0');
    expect(rowsOf(stores, tabId).map((r) => r[1])).toEqual(['apple', 'pear', 'plum']);
  });

  it('keeps a staged edit through a sort and a filter, keyed by the primary key', async () => {
    const stores = makeStores();
    const tabId = await openItems(stores);
    const data = () => stores.data.getState();
    data().stageCell(tabId, rowsOf(stores, tabId)[0]!, 'name', 'green apple');

    await data().toggleSort(tabId, 'qty', false);
    await data().toggleSort(tabId, 'qty', false); // again: descending
    expect(stores.tabs.getState().tabs.find((t) => t.id === tabId)).toMatchObject({
      sort: [{ column: 'qty', direction: 'desc' }],
    });
    expect(rowsOf(stores, tabId).map((r) => r[0])).toEqual([3, 1, 2]);
    const d = data().byTab[tabId]!;
    const key = rowKeyOfRow(d.identity!, ['id', 'name', 'qty'], rowsOf(stores, tabId)[1]!)!;
    expect(d.edits.rows[key]?.values).toEqual({ name: 'green apple' });

    await data().setFilters(tabId, [{ column: 'qty', op: 'ge', value: 5 }]);
    expect(rowsOf(stores, tabId).map((r) => r[0])).toEqual([3, 1]);
    expect(countChanges(data().byTab[tabId]!.edits)).toBe(1);
    await data().discard(tabId);
    expect(countChanges(data().byTab[tabId]!.edits)).toBe(0);
  });

  it('applies updates, inserts and deletes in one go and reads the table again', async () => {
    const stores = makeStores();
    const tabId = await openItems(stores);
    const data = () => stores.data.getState();
    const [apple, pear] = rowsOf(stores, tabId);
    data().stageCell(tabId, apple!, 'qty', 6);
    data().toggleDeleteRows(tabId, [pear!]);
    data().insertRow(tabId, { name: 'fig' });
    await data().review(tabId);
    expect(data().byTab[tabId]!.review?.map((s) => s.sql.split(' ')[0]!.toLowerCase())).toEqual([
      'update',
      'delete',
      'insert',
    ]);
    expect(await data().apply(tabId)).toBe(true);
    expect(countChanges(data().byTab[tabId]!.edits)).toBe(0);
    expect(await query('SELECT id, name, qty FROM items ORDER BY id')).toEqual([
      [1, 'apple', 6],
      [3, 'plum', 9],
      [4, 'fig', 0],
    ]);
    expect(rowsOf(stores, tabId)).toHaveLength(3);
  });

  it('a failing apply keeps every change staged and names the one that failed', async () => {
    const stores = makeStores();
    const tabId = await openItems(stores);
    const data = () => stores.data.getState();
    const rows = rowsOf(stores, tabId);
    data().stageCell(tabId, rows[0]!, 'name', 'changed');
    data().stageCell(tabId, rows[1]!, 'qty', -1);
    expect(await data().apply(tabId)).toBe(false);
    const d = data().byTab[tabId]!;
    expect(d.applyError?.code).toBe('SQL_ERROR');
    expect(d.applyError?.message).toMatch(/CHECK/);
    expect(d.applyError?.target).toEqual({ kind: 'row', rowKey: JSON.stringify([rows[1]![0]]) });
    expect(countChanges(d.edits)).toBe(2);
    expect((await query('SELECT name FROM items WHERE id = 1'))[0]).toEqual(['apple']);
    await data().discard(tabId);
  });

  it('saves staged changes as a draft that a new session offers and restores', async () => {
    const first = makeStores();
    const tabId = await openItems(first);
    first.data.getState().stageCell(tabId, rowsOf(first, tabId)[0]!, 'name', 'from a draft');
    await vi.waitFor(async () =>
      expect((await core.client.data.drafts({})).find((d) => d.table === 'items')?.changes).toBe(1),
    );

    const second = makeStores();
    const again = await openItems(second);
    await vi.waitFor(() => expect(second.data.getState().byTab[again]?.offeredDraft?.changes).toBe(1));
    await second.data.getState().restoreDraft(again);
    const d = second.data.getState().byTab[again]!;
    expect(Object.values(d.edits.rows)[0]?.values).toEqual({ name: 'from a draft' });
    await second.data.getState().discard(again);
    expect(await core.client.data.loadDraft({ connectionId, schema: null, table: 'items' })).toBeNull();
  });

  it('keeps an edit staged just before the tab closes as a draft (the debounced save is not dropped)', async () => {
    // a debounce far longer than the test: only the close can save the draft
    const first = makeStores(60_000);
    const tabId = await openItems(first);
    first.data.getState().stageCell(tabId, rowsOf(first, tabId)[1]!, 'name', 'closed at once');
    first.tabs.getState().closeTab(tabId);
    await vi.waitFor(async () =>
      expect((await core.client.data.loadDraft({ connectionId, schema: null, table: 'items' }))?.changes).toEqual([
        expect.objectContaining({ kind: 'update', values: { name: 'closed at once' } }),
      ]),
    );
    expect(first.data.getState().byTab[tabId]).toBeUndefined();
    await core.client.data.discardDraft({ connectionId, schema: null, table: 'items' });
  });

  it('counts rows exactly on demand', async () => {
    const stores = makeStores();
    const tabId = await openItems(stores);
    await stores.data.getState().countRows(tabId);
    expect(stores.data.getState().byTab[tabId]?.exactCount).toBe((await query('SELECT count(*) FROM items'))[0]![0]);
  });

  it('a new row with invalid text in a field is neither reviewed nor applied until it is fixed', async () => {
    const stores = makeStores();
    const tabId = await openItems(stores);
    const data = () => stores.data.getState();
    const id = data().insertRow(tabId, { name: 'kiwi' });
    data().markInvalid(tabId, `${id}:qty`, 'qty: "x" is not a number.');
    expect(await data().apply(tabId)).toBe(false);
    expect(stores.notifications.getState().toasts.at(-1)?.message).toBe('qty: "x" is not a number.');
    expect(await query("SELECT count(*) FROM items WHERE name = 'kiwi'")).toEqual([[0]]);
    data().markInvalid(tabId, `${id}:qty`, null);
    expect(await data().apply(tabId)).toBe(true);
    expect(await query("SELECT count(*) FROM items WHERE name = 'kiwi'")).toEqual([[1]]);
  });

  it('duplicates a row as a new row without its key', async () => {
    const stores = makeStores();
    const tabId = await openItems(stores);
    const data = () => stores.data.getState();
    const plum = rowsOf(stores, tabId).find((r) => r[1] === 'plum')!;
    data().duplicateRow(tabId, plum);
    expect(data().byTab[tabId]!.edits.inserts.map((i) => i.values)).toEqual([{ name: 'plum', qty: 9 }]);
    await data().discard(tabId);
  });

  it('on a production connection Apply asks first, and a cancel applies nothing', async () => {
    await core.client.connections.update({
      id: connectionId,
      name: 'Items',
      params: { engine: 'sqlite', file: core.file('items.db'), safety: 'production' },
    });
    try {
      const stores = makeStores();
      const tabId = await openItems(stores);
      const data = () => stores.data.getState();
      const apple = rowsOf(stores, tabId).find((r) => r[1] === 'apple')!;
      data().stageCell(tabId, apple, 'qty', 42);
      const applying = data().apply(tabId);
      await vi.waitFor(() =>
        expect(stores.ui.getState().confirmation?.title).toBe('Apply on a production connection?'),
      );
      stores.ui.getState().confirmation!.answer(false);
      expect(await applying).toBe(false);
      expect(await query("SELECT qty FROM items WHERE name = 'apple'")).not.toEqual([[42]]);
      expect(countChanges(data().byTab[tabId]!.edits)).toBe(1);

      const again = data().apply(tabId);
      await vi.waitFor(() => expect(stores.ui.getState().confirmation).not.toBeNull());
      stores.ui.getState().confirmation!.answer(true);
      expect(await again).toBe(true);
      expect(await query("SELECT qty FROM items WHERE name = 'apple'")).toEqual([[42]]);
    } finally {
      await core.client.connections.update({
        id: connectionId,
        name: 'Items',
        params: { engine: 'sqlite', file: core.file('items.db') },
      });
    }
  });

  it('a connection marked read-only opens its tables read-only, with the reason', async () => {
    await core.client.connections.update({
      id: connectionId,
      name: 'Items',
      params: { engine: 'sqlite', file: core.file('items.db'), safety: 'readOnly' },
    });
    try {
      const stores = makeStores();
      const tabId = await openItems(stores);
      expect(stores.data.getState().byTab[tabId]!.identity).toEqual({
        kind: 'readOnly',
        reason: 'The connection is marked read-only: its rows cannot be edited here.',
      });
      expect(stores.data.getState().byTab[tabId]!.importBlocked).toBe(
        'The connection is marked read-only: nothing can be imported into it.',
      );
      stores.data.getState().stageCell(tabId, rowsOf(stores, tabId)[0]!, 'name', 'x');
      expect(countChanges(stores.data.getState().byTab[tabId]!.edits)).toBe(0);
    } finally {
      await core.client.connections.update({
        id: connectionId,
        name: 'Items',
        params: { engine: 'sqlite', file: core.file('items.db') },
      });
    }
  });

  it('a table whose rows cannot be told apart is read-only for edits but takes imports; a view takes none', async () => {
    // no primary key, and columns hide every rowid alias: no row can be found again, but INSERT needs none
    await query('CREATE TABLE dataleft_nokey (rowid TEXT, _rowid_ TEXT, oid TEXT)');
    await query('CREATE VIEW dataleft_items_view AS SELECT id, name FROM items');
    const stores = makeStores();
    await stores.connections.getState().loadConnections();
    const open = async (table: string) => {
      const tabId = stores.tabs.getState().openTab({ kind: 'data', connectionId, schema: null, table });
      await stores.data.getState().open(tabId);
      return stores.data.getState().byTab[tabId]!;
    };
    const nokey = await open('dataleft_nokey');
    expect(nokey.identity?.kind).toBe('readOnly');
    expect(nokey.importBlocked).toBeNull();
    const view = await open('dataleft_items_view');
    expect(view.identity?.kind).toBe('readOnly');
    expect(view.importBlocked).toBe('This is a view: import into the tables it reads from.');
    expect((await open('items')).importBlocked).toBeNull();
  });

  it('after a start, names the tables whose saved drafts no open tab shows', async () => {
    const first = makeStores();
    const tabId = await openItems(first);
    first.data.getState().stageCell(tabId, rowsOf(first, tabId)[0]!, 'name', 'kept as a draft');
    await vi.waitFor(async () =>
      expect((await core.client.data.drafts({})).find((d) => d.table === 'items')?.changes).toBe(1),
    );

    const second = makeStores();
    await second.connections.getState().loadConnections();
    await second.data.getState().mentionDrafts();
    expect(second.notifications.getState().toasts.at(-1)).toMatchObject({
      title: 'Unapplied changes from an earlier session',
      message: 'items on Items (1). Open the table to restore or drop them.',
    });

    const third = makeStores();
    const open = await openItems(third);
    await third.data.getState().mentionDrafts();
    expect(third.notifications.getState().toasts.some((t) => t.title.startsWith('Unapplied'))).toBe(false);
    await third.data.getState().discard(open);
  });

  it('looks up referenced rows for a foreign-key picker: key and label, searched by text', async () => {
    await query('CREATE TABLE shelves (id INTEGER PRIMARY KEY, code TEXT NOT NULL, room TEXT)');
    await query("INSERT INTO shelves VALUES (1, 'A-1', 'kitchen'), (2, 'B-7', 'cellar'), (3, 'C-2', NULL)");
    await query(
      "CREATE TABLE stock (id INTEGER PRIMARY KEY, shelf_id INTEGER REFERENCES shelves (id), note TEXT DEFAULT 'none', tag TEXT)",
    );
    const stores = makeStores();
    await stores.connections.getState().loadConnections();
    const tabId = stores.tabs.getState().openTab({ kind: 'data', connectionId, schema: null, table: 'stock' });
    await stores.data.getState().open(tabId);
    const data = stores.data.getState();
    expect(await data.lookup(tabId, 'shelf_id', '', ['code', 'room'])).toEqual([
      { key: 1, label: 'A-1 kitchen' },
      { key: 2, label: 'B-7 cellar' },
      { key: 3, label: 'C-2' },
    ]);
    expect(await data.lookup(tabId, 'shelf_id', 'CELL', ['code', 'room'])).toEqual([{ key: 2, label: 'B-7 cellar' }]);
    // a column that references nothing offers nothing
    expect(await data.lookup(tabId, 'note', '', [])).toEqual([]);

    // a new row: one field explicitly NULL, one left to its DEFAULT; only the NULL is written
    const id = data.insertRow(tabId);
    data.setInsertValue(tabId, id, 'shelf_id', 2);
    data.setInsertValue(tabId, id, 'tag', null);
    await stores.data.getState().review(tabId);
    const [insert] = stores.data.getState().byTab[tabId]!.review!;
    expect(insert!.sql).toMatch(/insert into `stock` \(`shelf_id`, `tag`\) values \(\?, \?\)/i);
    expect(insert!.params).toEqual([2, null]);
    expect(await stores.data.getState().apply(tabId)).toBe(true);
    expect(await query('SELECT shelf_id, note, tag FROM stock')).toEqual([[2, 'none', null]]);
  });
});
