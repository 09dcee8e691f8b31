import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomName } from '../connections/test-databases';
import { openDataFixture, type DataFixture } from './data-test-support';

/**
 * A MySQL/MariaDB connection names one database, but its user may read others on the same server: a data tab
 * opened on a table of another database (schema) reads, sorts, filters and edits that table, not the current one.
 */
describe('data tab on a table of another MariaDB database', () => {
  let f: DataFixture;
  const other = randomName('wherebox_other_');

  beforeAll(async () => {
    f = await openDataFixture('mysql');
    await f.run(`CREATE DATABASE ${other}`);
    await f.run(
      `CREATE TABLE ${other}.pets (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL, kind ENUM('cat','dog'))`,
    );
    await f.run(`INSERT INTO ${other}.pets (name, kind) VALUES ('Tom', 'cat'), ('Rex', 'dog'), ('Kit', 'cat')`);
    // a table of the same name in the connection's own database, which must not be read instead
    await f.run(`CREATE TABLE pets (id INT PRIMARY KEY, name VARCHAR(50))`);
    await f.run(`INSERT INTO pets (id, name) VALUES (1, 'wrong database')`);
  });
  afterAll(async () => {
    // the key from this database's `visits` would keep the other one from being dropped
    await f?.run('DROP TABLE IF EXISTS visits');
    await f?.run(`DROP DATABASE IF EXISTS ${other}`);
    await f?.dispose();
  });

  const target = () => ({ connectionId: f.connectionId, schema: other, table: 'pets' });

  it('opens, sorts and filters the table of the other database, with its columns and key', async () => {
    const out = await f.client.data.open({
      ...target(),
      sort: [{ column: 'name', direction: 'desc' }],
      filters: [{ column: 'kind', op: 'eq', value: 'cat' }],
      where: 'id > 0',
      runId: 'other-db-open',
      pageSize: 10,
    });
    expect(out.sql).toContain(`\`${other}\`.\`pets\``);
    expect(out.identity).toEqual({ kind: 'primaryKey', columns: ['id'] });
    expect(out.columns.map((c) => [c.name, c.autoIncrement, c.enumValues])).toEqual([
      ['id', true, null],
      ['name', false, null],
      ['kind', false, ['cat', 'dog']],
    ]);
    if (out.result.kind !== 'rows') throw new Error('rows expected');
    expect(out.result.rows).toEqual([
      [1, 'Tom', 'cat'],
      [3, 'Kit', 'cat'],
    ]);
  });

  it('applies staged changes to the table of the other database', async () => {
    await f.client.data.apply({
      ...target(),
      changes: [
        { kind: 'update', key: { id: 2 }, values: { name: 'Rex II' } },
        { kind: 'insert', values: { name: 'Bo', kind: 'dog' } },
      ],
    });
    expect(await f.rows(`SELECT id, name FROM ${other}.pets ORDER BY id`)).toEqual([
      [1, 'Tom'],
      [2, 'Rex II'],
      [3, 'Kit'],
      [4, 'Bo'],
    ]);
    expect(await f.rows('SELECT id, name FROM pets')).toEqual([[1, 'wrong database']]);
  });

  it('follows a foreign key into the other database: its columns link there, the picker lists its rows', async () => {
    await f.run(
      `CREATE TABLE visits (id INT PRIMARY KEY, pet_id INT, FOREIGN KEY (pet_id) REFERENCES ${other}.pets (id))`,
    );
    const visits = await f.client.data.open({
      connectionId: f.connectionId,
      schema: null,
      table: 'visits',
      runId: 'other-db-visits',
      pageSize: 10,
    });
    // the link a referencing cell shows names the other database, and opening it works (above)
    expect(visits.columns.find((c) => c.name === 'pet_id')?.references).toEqual({
      schema: other,
      table: 'pets',
      columns: ['id'],
    });
    const picker = await f.client.data.lookup({ ...target(), columns: ['id', 'name'], search: 'to', limit: 10 });
    expect(picker.rows).toEqual([[1, 'Tom']]);
  });

  it('still says NOT_FOUND for a table that is in neither database', async () => {
    await expect(
      f.client.data.open({ ...target(), table: 'nothing_here', runId: 'other-db-missing', pageSize: 10 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
