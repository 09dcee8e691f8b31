/* eslint-disable no-restricted-imports -- the upload goes to the real core's uploads folder, as the browser host's does */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveUpload } from '../../../main/core/transfer/upload-store';
import { startCoreClient, type CoreClient } from './testing/core-client';
import { createTransferStore, type TransferState } from './transfer.store';

let core: CoreClient;
let connectionId: string;

const query = async (sql: string) => {
  const result = await core.client.query.run({ connectionId, sql, runId: crypto.randomUUID(), pageSize: 100 });
  return result.kind === 'rows' ? result.rows : [];
};

function makeStore() {
  const imported: { table: string; created: boolean }[] = [];
  const store = createTransferStore({
    client: core.client,
    notifier: { notify: () => undefined, notifyError: () => undefined },
    // what the browser host's POST /upload does with the request body
    upload: async (file) => {
      const { fileId } = await saveUpload(
        core.dataDir,
        file.name,
        Readable.from(Buffer.from(await file.arrayBuffer())),
      );
      return { fileId, name: file.name, format: file.name.endsWith('.csv') ? 'csv' : null };
    },
    engineOf: () => 'sqlite',
    onImported: (t) => imported.push({ table: t.table, created: t.created }),
  });
  return { store, imported };
}

/** Resolves once the store's state satisfies `ready` (an import ends in the background). */
function until(store: ReturnType<typeof makeStore>['store'], ready: (s: TransferState) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready(store.getState())) return resolve();
    const stop = store.subscribe((s) => {
      if (!ready(s)) return;
      stop();
      resolve();
    });
  });
}

const finished = (s: TransferState) => !!s.dialog?.job && s.dialog.job.state !== 'running';

beforeAll(async () => {
  core = await startCoreClient();
  connectionId = (
    await core.client.connections.create({
      name: 'Transfer',
      params: { engine: 'sqlite', file: core.file('transfer.db'), create: true },
    })
  ).id;
  await core.client.connections.connect({ id: connectionId });
  await query('CREATE TABLE transferui_items (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER NOT NULL DEFAULT 0)');
}, 60_000);

afterAll(async () => {
  await core.close();
});

describe('transfer store over the real core', () => {
  it('uploads a file, previews it with inferred kinds, imports it with a mapping and reports the rows', async () => {
    const { store, imported } = makeStore();
    store.getState().openImport({ connectionId, schema: null, table: 'transferui_items' });
    await store.getState().uploadFile(new File(['label,qty,ignored\n"a ""b""",2,x\n,3,y\n"",4,z\n'], 'items.csv'));
    const preview = store.getState().dialog!.preview!;
    expect(preview.format).toBe('csv');
    expect(preview.columns.map((c) => [c.name, c.kind])).toEqual([
      ['label', 'text'],
      ['qty', 'integer'],
      ['ignored', 'text'],
    ]);
    expect(preview.rows[1]).toEqual([null, '3', 'y']);

    await store.getState().startImport({
      schema: null,
      table: 'transferui_items',
      create: false,
      mapping: { label: 'name', qty: 'qty' },
    });
    await until(store, finished);
    expect(store.getState().dialog!.job).toMatchObject({ state: 'done', rowsImported: 3, error: null });
    expect(imported).toEqual([{ table: 'transferui_items', created: false }]);
    expect(await query('SELECT name, qty FROM transferui_items ORDER BY id')).toEqual([
      ['a "b"', 2],
      [null, 3],
      ['', 4],
    ]);
  });

  it('reads the preview again as another format', async () => {
    const { store } = makeStore();
    store.getState().openImport({ connectionId, schema: null, table: 'transferui_items' });
    await store.getState().uploadFile(new File(['name\tqty\nx\t1\n'], 'tabs.csv'));
    expect(store.getState().dialog!.preview!.columns).toHaveLength(1);
    await store.getState().setFormat('tsv');
    expect(store.getState().dialog!.format).toBe('tsv');
    expect(store.getState().dialog!.preview!.columns.map((c) => c.name)).toEqual(['name', 'qty']);
  });

  it('a bad value fails naming its line and column, and nothing is written', async () => {
    const { store, imported } = makeStore();
    const before = await query('SELECT count(*) FROM transferui_items');
    store.getState().openImport({ connectionId, schema: null, table: 'transferui_items' });
    await store.getState().uploadFile(new File(['name,qty\nok,1\nbad,many\n'], 'bad.csv'));
    await store.getState().startImport({ schema: null, table: 'transferui_items', create: false });
    await until(store, finished);
    const job = store.getState().dialog!.job!;
    expect(job.state).toBe('failed');
    expect(job.error?.message).toContain('bad.csv line 3, column "qty"');
    expect(imported).toEqual([]);
    expect(await query('SELECT count(*) FROM transferui_items')).toEqual(before);
  });

  it('creates a new table with the column types it is given', async () => {
    const { store, imported } = makeStore();
    store.getState().openImport({ connectionId, schema: null, table: null });
    await store.getState().uploadFile(new File(['code,price\nA1,1.50\nB2,2\n'], 'prices.csv'));
    await store.getState().startImport({
      schema: null,
      table: 'transferui_prices',
      create: true,
      columnTypes: { code: 'varchar(10)' },
    });
    await until(store, finished);
    expect(store.getState().dialog!.job).toMatchObject({ state: 'done', rowsImported: 2 });
    expect(imported).toEqual([{ table: 'transferui_prices', created: false }]);
    const columns = await query("SELECT name, type FROM pragma_table_info('transferui_prices') ORDER BY cid");
    expect(columns[0]).toEqual(['code', 'varchar(10)']);
    expect(await query('SELECT code FROM transferui_prices ORDER BY code')).toEqual([['A1'], ['B2']]);
  });

  it('Cancel stops a running import and rolls back what it wrote', async () => {
    const { store, imported } = makeStore();
    const before = await query('SELECT count(*) FROM transferui_items');
    // enough rows that the import is still running when Cancel arrives
    const lines = Array.from({ length: 300_000 }, (_, i) => `row ${i},${i}`);
    store.getState().openImport({ connectionId, schema: null, table: 'transferui_items' });
    await store.getState().uploadFile(new File([`name,qty\n${lines.join('\n')}\n`], 'many.csv'));
    await store.getState().startImport({ schema: null, table: 'transferui_items', create: false });
    await store.getState().cancelImport();
    await until(store, finished);
    expect(store.getState().dialog!.job!.state).toBe('cancelled');
    expect(imported).toEqual([]);
    expect(await query('SELECT count(*) FROM transferui_items')).toEqual(before);
    store.getState().closeImport();
    expect(store.getState().dialog).toBeNull();
  });
});
