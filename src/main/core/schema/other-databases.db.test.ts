import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomName } from '../connections/test-databases';
import { openDataFixture, type DataFixture } from '../data/data-test-support';

/**
 * A MySQL/MariaDB connection names one database, but its user may see others on the server: the schema tree
 * lists them (not the system ones) without their tables, and schema.getSchema reads one when it is opened.
 */
describe('other databases of a MariaDB connection in the schema tree', () => {
  let f: DataFixture;
  const other = randomName('dataleft_other_');

  beforeAll(async () => {
    f = await openDataFixture('mysql');
    await f.run('CREATE TABLE own_items (id INT PRIMARY KEY)');
    await f.run(`CREATE DATABASE ${other}`);
    await f.run(`CREATE TABLE ${other}.pets (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL)`);
    await f.run(`CREATE VIEW ${other}.pet_names AS SELECT name FROM ${other}.pets`);
    await f.run(`INSERT INTO ${other}.pets (name) VALUES ('Tom'), ('Rex')`);
  });
  afterAll(async () => {
    await f?.run(`DROP DATABASE IF EXISTS ${other}`);
    await f?.dispose();
  });

  it('lists the other databases after its own, without tables, and never the system ones', async () => {
    const tree = await f.client.schema.getTree({ connectionId: f.connectionId });
    expect(tree.defaultSchema).toBe(f.defaultSchema);
    // its own database first and read whole, as before
    expect(tree.schemas[0]).toMatchObject({ name: f.defaultSchema });
    expect(tree.schemas[0]!.tablesLoaded).toBeUndefined();
    expect(tree.schemas[0]!.tables.map((t) => t.name)).toEqual(['own_items']);
    const names = tree.schemas.map((s) => s.name);
    expect(names.filter((n) => n === f.defaultSchema)).toHaveLength(1);
    expect(tree.schemas.find((s) => s.name === other)).toEqual({ name: other, tables: [], tablesLoaded: false });
    for (const system of ['information_schema', 'performance_schema', 'mysql', 'sys'])
      expect(names.map((n) => n?.toLowerCase())).not.toContain(system);
  });

  it('reads another database when asked, and its tables open in a data tab', async () => {
    const schema = await f.client.schema.getSchema({ connectionId: f.connectionId, schema: other });
    expect(schema.name).toBe(other);
    expect(schema.tablesLoaded).toBeUndefined();
    const byName = [...schema.tables].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName.map((t) => [t.name, t.kind, t.schema])).toEqual([
      ['pet_names', 'view', other],
      ['pets', 'table', other],
    ]);
    const pets = schema.tables.find((t) => t.name === 'pets')!;
    expect(pets.columns.map((c) => [c.name, c.primaryKey])).toEqual([
      ['id', true],
      ['name', false],
    ]);
    // the tree's node names the schema the data path reads
    const opened = await f.client.data.open({
      connectionId: f.connectionId,
      schema: other,
      table: 'pets',
      sort: [{ column: 'name', direction: 'asc' }],
      filters: [],
      where: '',
      runId: 'dataleft-other-open',
      pageSize: 10,
    });
    expect(opened.result.kind === 'rows' && opened.result.rows).toEqual([
      [2, 'Rex'],
      [1, 'Tom'],
    ]);
    // its own database read through the same procedure
    const own = await f.client.schema.getSchema({ connectionId: f.connectionId, schema: f.defaultSchema });
    expect(own.tables.map((t) => t.name)).toEqual(['own_items']);
  });

  it('refuses a system database or one the connection does not see, with NOT_FOUND', async () => {
    for (const schema of ['mysql', 'information_schema', `${other}_missing`])
      await expect(f.client.schema.getSchema({ connectionId: f.connectionId, schema })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
  });
});
