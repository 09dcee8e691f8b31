import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataFixture, type DataFixture } from './data-test-support';

/** data.export on real SQLite, PostgreSQL and MariaDB: the data tab's filtered, sorted view written to a file. */
describe.each(['sqlite', 'postgres', 'mysql'] as const)('data.export on %s', (engine) => {
  let f: DataFixture;
  let n = 0;

  /** Starts an export and waits for its outcome through query.exportStatus. */
  const exportView = async (input: Record<string, unknown>) => {
    const exportId = `transferui-export-${engine}-${++n}`;
    await f.client.data.export({
      exportId,
      connectionId: f.connectionId,
      schema: null,
      format: 'csv',
      ...input,
    } as Parameters<DataFixture['client']['data']['export']>[0]);
    for (;;) {
      const [status] = await f.client.query.exportStatus({ exportIds: [exportId] });
      if (status!.state !== 'running') return status!;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(async () => {
    f = await openDataFixture(engine);
    const text = engine === 'mysql' ? 'VARCHAR(200)' : 'TEXT';
    await f.run(`CREATE TABLE xfer_items (id INT PRIMARY KEY, name ${text}, price INT)`);
    await f.run(
      `INSERT INTO xfer_items VALUES (1, 'a "quoted" one', 5), (2, '', 15), (3, NULL, 25), (4, 'ünïcødé', 35)`,
    );
    await f.run(`CREATE TABLE xfer_nokey (a INT, b ${text})`);
    await f.run(`INSERT INTO xfer_nokey VALUES (1, 'x'), (2, 'y')`);
  });
  afterAll(async () => {
    await f?.dispose();
  });

  it('writes the rows the filters and the raw WHERE select, in the sort order, with bound parameters', async () => {
    const status = await exportView({
      table: 'xfer_items',
      filters: [{ column: 'price', op: 'gt', value: 10 }],
      where: 'id <> 4',
      sort: [{ column: 'id', direction: 'desc' }],
    });
    expect(status.state).toBe('done');
    expect(status.rowsWritten).toBe(2);
    expect(readFileSync(status.path!, 'utf8')).toBe('id,name,price\n3,,25\n2,"",15\n');
  });

  it('writes every row of an unfiltered table as NDJSON', async () => {
    const status = await exportView({
      table: 'xfer_items',
      format: 'ndjson',
      sort: [{ column: 'id', direction: 'asc' }],
    });
    expect(status.state).toBe('done');
    expect(
      readFileSync(status.path!, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      { id: 1, name: 'a "quoted" one', price: 5 },
      { id: 2, name: '', price: 15 },
      { id: 3, name: null, price: 25 },
      { id: 4, name: 'ünïcødé', price: 35 },
    ]);
  });

  it('leaves out the rowid the grid uses for a table without a key', async () => {
    const status = await exportView({ table: 'xfer_nokey', sort: [{ column: 'a', direction: 'asc' }] });
    expect(readFileSync(status.path!, 'utf8')).toBe('a,b\n1,x\n2,y\n');
  });

  it('refuses a filter on a column the table does not have, naming it', async () => {
    await expect(
      exportView({ table: 'xfer_items', filters: [{ column: 'nope', op: 'eq', value: 1 }] }),
    ).rejects.toThrow(/no column "nope"/);
  });
});
