import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataFixture, type DataFixture } from './data-test-support';

/** data.open on real SQLite, PostgreSQL and MariaDB: the SELECT it builds, the rows it returns, paging, identity. */
describe.each(['sqlite', 'postgres', 'mysql'] as const)('data.open on %s', (engine) => {
  let f: DataFixture;
  let n = 0;
  const open = (input: Record<string, unknown>) =>
    f.client.data.open({
      connectionId: f.connectionId,
      schema: null,
      table: 'items',
      runId: `open-${engine}-${++n}`,
      pageSize: 100,
      ...input,
    } as Parameters<DataFixture['client']['data']['open']>[0]);

  beforeAll(async () => {
    f = await openDataFixture(engine);
    const text = engine === 'mysql' ? 'VARCHAR(200)' : 'TEXT';
    const serial =
      engine === 'sqlite'
        ? 'INTEGER PRIMARY KEY'
        : engine === 'postgres'
          ? 'serial PRIMARY KEY'
          : 'INT AUTO_INCREMENT PRIMARY KEY';
    await f.run(`CREATE TABLE items (id ${serial}, name ${text} NOT NULL, price INT, note ${text} DEFAULT 'none')`);
    const rows: string[] = [];
    for (let i = 1; i <= 250; i++)
      rows.push(
        `('item ${String(i).padStart(3, '0')}', ${i % 10 === 0 ? 'NULL' : i}, ${i % 2 ? "'odd_%'" : "'even'"})`,
      );
    await f.run(`INSERT INTO items (name, price, note) VALUES ${rows.join(', ')}`);
    await f.run(`CREATE VIEW cheap AS SELECT id, name FROM items WHERE price < 10`);
    await f.run(`CREATE TABLE nokey (a INT, b ${text})`);
  });
  afterAll(async () => {
    await f?.dispose();
  });

  it('opens the table as a paged result (query.page reads the rest) with the columns and identity', async () => {
    const out = await open({ sort: [{ column: 'id', direction: 'asc' }] });
    expect(out.result.kind).toBe('rows');
    if (out.result.kind !== 'rows') return;
    expect(out.result.rows).toHaveLength(100);
    expect(out.result.complete).toBe(false);
    expect(out.result.rows[0]).toEqual([1, 'item 001', 1, 'odd_%']);
    const page = await f.client.query.page({ handle: out.result.handle, offset: 200, limit: 100 });
    expect(page.rows).toHaveLength(50);
    expect(page.done).toBe(true);
    expect(out.identity).toEqual({ kind: 'primaryKey', columns: ['id'] });
    expect(out.columns.map((c) => c.name)).toEqual(['id', 'name', 'price', 'note']);
    expect(out.columns[0]).toMatchObject({ autoIncrement: true, generated: false });
    expect(out.columns[1]).toMatchObject({ nullable: false, defaultSql: null });
    expect(out.columns[3]!.defaultSql).toContain('none');
    expect(out.sql).not.toMatch(/count/i);
  });

  it('keeps the generated SELECT out of the history, which still records what the user runs', async () => {
    const history = () => f.client.history.list({ connectionId: f.connectionId, search: 'items', limit: 1000 });
    const before = (await history()).total;
    await open({ sort: [{ column: 'name', direction: 'desc' }] });
    await open({ filters: [{ column: 'price', op: 'gt', value: 5 }] });
    expect((await history()).total).toBe(before);
    await f.run('SELECT COUNT(*) FROM items');
    expect((await history()).total).toBe(before + 1);
  });

  it('sorts by several columns and filters on the server, showing the SQL with its parameters', async () => {
    const out = await open({
      sort: [
        { column: 'note', direction: 'desc' },
        { column: 'id', direction: 'desc' },
      ],
      filters: [
        { column: 'price', op: 'between', values: [5, 40] },
        { column: 'price', op: 'ne', value: 7 },
        { column: 'name', op: 'startsWith', value: 'item 0' },
      ],
      where: 'id < 30',
    });
    if (out.result.kind !== 'rows') throw new Error('rows expected');
    const ids = out.result.rows.map((r) => r[0]);
    // even notes sort after odd ones descending ('odd_%' > 'even'), ids descending within each
    expect(ids).toEqual([29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 5, 28, 26, 24, 22, 18, 16, 14, 12, 8, 6]);
    const ph = engine === 'postgres' ? ['$1', '$2', '$3', '$4'] : ['?', '?', '?', '?'];
    const q = f.q;
    const like = engine === 'postgres' ? `CAST(${q('name')} AS text) ILIKE ${ph[3]}` : `${q('name')} LIKE ?`;
    expect(out.sql).toBe(
      `select * from ${engine === 'sqlite' ? '' : `${q(f.defaultSchema)}.`}${q('items')} where ${q('price')} between ${ph[0]} and ${ph[1]} and ${q('price')} <> ${ph[2]} and ${like} ESCAPE '!' and (id < 30\n) order by ${q('note')} desc, ${q('id')} desc`,
    );
    expect(out.params).toEqual([5, 40, 7, 'item 0%']);
  });

  it('matches LIKE wildcards in contains/startsWith literally, and null, in and isNull', async () => {
    const contains = await open({ filters: [{ column: 'note', op: 'contains', value: '_%' }] });
    if (contains.result.kind !== 'rows') throw new Error('rows expected');
    expect(contains.result.rows).toHaveLength(100);
    expect(contains.params).toEqual(['%!_!%%']);
    const none = await open({ filters: [{ column: 'note', op: 'contains', value: 'd%x' }] });
    if (none.result.kind !== 'rows') throw new Error('rows expected');
    expect(none.result.rows).toHaveLength(0);
    const nulls = await open({ filters: [{ column: 'price', op: 'isNull' }] });
    if (nulls.result.kind !== 'rows') throw new Error('rows expected');
    expect(nulls.result.rows).toHaveLength(25);
    const list = await open({
      filters: [{ column: 'price', op: 'in', values: [1, 2, null] }],
      sort: [{ column: 'id', direction: 'asc' }],
    });
    if (list.result.kind !== 'rows') throw new Error('rows expected');
    expect(list.result.rows.map((r) => r[0]).slice(0, 4)).toEqual([1, 2, 10, 20]);
    expect(list.result.rows).toHaveLength(27);
    const notNull = await open({
      filters: [
        { column: 'price', op: 'isNotNull' },
        { column: 'id', op: 'le', value: 3 },
      ],
    });
    if (notNull.result.kind !== 'rows') throw new Error('rows expected');
    expect(notNull.result.rows).toHaveLength(3);
  });

  it('refuses unknown columns, a WHERE that ends the statement, and a between without two values', async () => {
    await expect(open({ sort: [{ column: 'nope', direction: 'asc' }] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('"nope"'),
    });
    await expect(open({ where: '1=1; DROP TABLE items' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(open({ filters: [{ column: 'price', op: 'between', values: [1] }] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const still = await f.rows('SELECT COUNT(*) FROM items');
    expect(Number(still[0]![0])).toBe(250);
  });

  it('keeps a WHERE ending in a line comment from swallowing ORDER BY, and a ? inside it literal', async () => {
    const out = await open({ where: "name <> 'a?b' -- not this one", sort: [{ column: 'id', direction: 'desc' }] });
    if (out.result.kind !== 'rows') throw new Error('rows expected');
    expect(out.result.rows[0]![0]).toBe(250);
  });

  it('says how rows are identified: views read-only, key-less tables by rowid (SQLite) or all columns', async () => {
    const view = await open({ table: 'cheap' });
    expect(view.identity).toMatchObject({ kind: 'readOnly', reason: expect.stringContaining('view') });
    const nokey = await open({ table: 'nokey' });
    if (engine === 'sqlite') {
      expect(nokey.identity).toEqual({ kind: 'rowid', rowidColumn: '__rowid' });
      expect(nokey.result.kind === 'rows' && nokey.result.columns.map((c) => c.name)).toEqual(['a', 'b', '__rowid']);
    } else expect(nokey.identity).toEqual({ kind: 'allColumns' });
  });

  it('gives the planner estimate, not a count (SQLite: none until ANALYZE)', async () => {
    if (engine === 'sqlite') expect((await open({})).estimatedRows).toBeNull();
    await f.run(engine === 'mysql' ? 'ANALYZE TABLE items' : 'ANALYZE');
    const estimate = (await open({})).estimatedRows;
    if (engine === 'mysql') expect(estimate).toBeGreaterThan(0);
    else expect(estimate).toBe(250);
  });

  it('describes generated columns, enum values and auto-increment', async () => {
    const gen =
      engine === 'postgres' ? 'INT GENERATED ALWAYS AS (a * 2) STORED' : 'INT GENERATED ALWAYS AS (a * 2) VIRTUAL';
    const kind =
      engine === 'postgres'
        ? "mood NOT NULL DEFAULT 'ok'"
        : engine === 'mysql'
          ? "ENUM('sad','ok','it''s fine') NOT NULL DEFAULT 'ok'"
          : "TEXT NOT NULL DEFAULT 'ok'";
    if (engine === 'postgres') await f.run(`CREATE TYPE mood AS ENUM ('sad', 'ok', 'it''s fine')`);
    await f.run(`CREATE TABLE shapes (a INT PRIMARY KEY, twice ${gen}, kind ${kind})`);
    const out = await open({ table: 'shapes' });
    expect(out.columns.map((c) => [c.name, c.generated, c.autoIncrement, c.enumValues])).toEqual([
      ['a', false, false, null],
      ['twice', true, false, null],
      ['kind', false, false, engine === 'sqlite' ? null : ['sad', 'ok', "it's fine"]],
    ]);
    await expect(
      f.client.data.apply({
        connectionId: f.connectionId,
        schema: null,
        table: 'shapes',
        changes: [{ kind: 'insert', values: { a: 1, twice: 5 } }],
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('generated') });
  });

  it('names a missing table', async () => {
    await expect(open({ table: 'missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
