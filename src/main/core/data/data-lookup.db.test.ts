import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataChange } from '../../../shared/contract/data.contract';
import { openDataFixture, type DataFixture } from './data-test-support';

/** Foreign keys both ways (referencedBy, lookup), drafts, and column details, on SQLite, PostgreSQL and MariaDB. */
describe.each(['sqlite', 'postgres', 'mysql'] as const)('data references and drafts on %s', (engine) => {
  let f: DataFixture;
  const text = engine === 'mysql' ? 'VARCHAR(100)' : 'TEXT';
  const target = (table: string) => ({ connectionId: f.connectionId, schema: null, table });

  beforeAll(async () => {
    f = await openDataFixture(engine);
    await f.run(`CREATE TABLE customers (id INT PRIMARY KEY, name ${text} NOT NULL, city ${text})`);
    await f.run(
      'CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, total INT, FOREIGN KEY (customer_id) REFERENCES customers (id))',
    );
    await f.run(
      `CREATE TABLE notes (id INT PRIMARY KEY, about INT, body ${text}, FOREIGN KEY (about) REFERENCES customers (id))`,
    );
    await f.run(
      `INSERT INTO customers (id, name, city) VALUES (1, 'Ada Lovelace', 'London'), (2, 'Grace Hopper', 'New York'), (3, 'Alan 100%_Turing', 'London')`,
    );
    await f.run(`INSERT INTO orders (id, customer_id, total) VALUES (1, 1, 10), (2, 1, 20), (3, 2, 5), (4, NULL, 1)`);
    await f.run(`INSERT INTO notes (id, about, body) VALUES (1, 1, 'x')`);
  });
  afterAll(async () => {
    await f?.dispose();
  });

  it('counts the rows that reference a row, per referencing table and key', async () => {
    const refs = await f.client.data.referencedBy({ ...target('customers'), key: { id: 1, name: 'Ada Lovelace' } });
    const byTable = refs.map((r) => ({ table: r.table, columns: r.columns, count: r.count }));
    expect(byTable.sort((a, b) => a.table.localeCompare(b.table))).toEqual([
      { table: 'notes', columns: ['about'], count: 1 },
      { table: 'orders', columns: ['customer_id'], count: 2 },
    ]);
    const none = await f.client.data.referencedBy({ ...target('customers'), key: { id: 3 } });
    expect(none.map((r) => r.count)).toEqual([0, 0]);
    await expect(f.client.data.referencedBy({ ...target('customers'), key: { name: 'x' } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('shows where a column points (references) when opening the referencing table', async () => {
    const opened = await f.client.data.open({
      ...target('orders'),
      sort: [],
      filters: [],
      runId: `o-${engine}`,
      pageSize: 5,
    });
    const fk = opened.columns.find((c) => c.name === 'customer_id');
    expect(fk?.references).toMatchObject({ table: 'customers', columns: ['id'] });
    expect(opened.columns.find((c) => c.name === 'total')?.references).toBeNull();
  });

  it('lists rows of a referenced table for a picker, searched across columns, wildcards literal, limited', async () => {
    const all = await f.client.data.lookup({ ...target('customers'), columns: ['id', 'name'], limit: 2 });
    expect(all.columns.map((c) => c.name)).toEqual(['id', 'name']);
    expect(all.rows).toEqual([
      [1, 'Ada Lovelace'],
      [2, 'Grace Hopper'],
    ]);
    const searched = await f.client.data.lookup({
      ...target('customers'),
      columns: ['id', 'name', 'city'],
      search: 'LONDON',
      limit: 10,
    });
    expect(searched.rows.map((r) => r[0])).toEqual([1, 3]);
    const byId = await f.client.data.lookup({
      ...target('customers'),
      columns: ['id', 'name'],
      search: '2',
      limit: 10,
    });
    expect(byId.rows.map((r) => r[0])).toEqual([2]);
    const literal = await f.client.data.lookup({
      ...target('customers'),
      columns: ['name'],
      search: '0%_t',
      limit: 10,
    });
    expect(literal.rows).toEqual([['Alan 100%_Turing']]);
    await expect(f.client.data.lookup({ ...target('customers'), columns: ['nope'], limit: 10 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('saves, replaces, lists, loads and discards a draft of staged changes', async () => {
    expect(await f.client.data.loadDraft(target('customers'))).toBeNull();
    const first = await f.client.data.saveDraft({
      ...target('customers'),
      changes: [{ kind: 'update', key: { id: 1 }, values: { name: 'x' } }],
    });
    const changes: DataChange[] = [
      { kind: 'update', key: { id: 1 }, values: { name: "it's\nnew", city: null } },
      { kind: 'insert', values: { id: 9, name: { $default: true }, city: { $base64: 'AAE=' } } },
      { kind: 'delete', key: { id: 2 } },
    ];
    const saved = await f.client.data.saveDraft({ ...target('customers'), changes });
    expect(saved.savedAt >= first.savedAt).toBe(true);
    expect(await f.client.data.loadDraft(target('customers'))).toEqual({ changes, savedAt: saved.savedAt });
    await f.client.data.saveDraft({ ...target('orders'), schema: 'other', changes: [] });
    const list = await f.client.data.drafts({});
    expect(list.map((d) => [d.schema, d.table, d.changes]).sort()).toEqual([
      [null, 'customers', 3],
      ['other', 'orders', 0],
    ]);
    expect(await f.client.data.loadDraft(target('orders'))).toBeNull();
    expect(await f.client.data.discardDraft(target('customers'))).toEqual({ discarded: true });
    expect(await f.client.data.discardDraft(target('customers'))).toEqual({ discarded: false });
    expect(await f.client.data.loadDraft(target('customers'))).toBeNull();
    await f.client.data.discardDraft({ ...target('orders'), schema: 'other' });
    expect(await f.client.data.drafts({})).toEqual([]);
    await expect(
      f.client.data.saveDraft({ connectionId: 'missing', schema: null, table: 't', changes: [] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("drops a connection's drafts with the connection", async () => {
    await f.client.data.saveDraft({ ...target('customers'), changes: [] });
    const other = await f.client.connections.duplicate({ id: f.connectionId });
    await f.client.data.saveDraft({ connectionId: other.id, schema: null, table: 'customers', changes: [] });
    await f.client.connections.delete({ id: other.id });
    expect((await f.client.data.drafts({})).map((d) => d.connectionId)).toEqual([f.connectionId]);
    await f.client.data.discardDraft(target('customers'));
  });
});
