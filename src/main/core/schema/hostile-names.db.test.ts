import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../shared/client';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { createMysqlDatabase, createPgDatabase, type TempDatabase } from '../connections/test-databases';
import { createServices, type Services } from '../services';

/**
 * Table and schema names that break naive SQL building: quotes of every engine, a dot (MySQL's escapeId reads
 * `a.b` as schema a, table b unless told not to), a semicolon, a backslash and markup. Each table holds as many
 * rows as its position in the list plus one, and a decoy `a`.`b` sits next to `a.b` so a wrong count shows.
 */
const HOSTILE = ['a"b', 'a`b', "a'b", 'a;b', 'a.b', 'a\\b', '<img src=x onerror=alert(1)>', 'x"; DROP TABLE decoy; --'];
const HOSTILE_SCHEMA = 's"`; <b>.x';

const pgIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const myIdent = (name: string) => `\`${name.replace(/`/g, '``')}\``;

let dataDir: string;
let services: Services;
let client: Client;
let pgDb: TempDatabase<unknown>;
let myDb: TempDatabase<{ database: string }>;
const ids = { sqlite: '', postgres: '', mysql: '' };
let n = 0;

async function exec(connectionId: string, sql: string): Promise<void> {
  await client.query.run({ connectionId, sql, runId: `hostile-${++n}`, pageSize: 10 });
}

function rowsFor(i: number): string {
  return Array.from({ length: i + 1 }, (_, k) => `(${k})`).join(', ');
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bb-hostile-'));
  services = await createServices({ host: 'test', dataDir, createSample: false });
  client = createClient(createMemoryTransport(services.dispatch));
  const pg = await createPgDatabase();
  const my = await createMysqlDatabase();
  pgDb = pg;
  myDb = my;
  ids.sqlite = (
    await client.connections.create({
      name: 'lite',
      params: { engine: 'sqlite', file: join(dataDir, 'h.db'), create: true },
    })
  ).id;
  ids.postgres = (await client.connections.create({ name: 'pg', params: pg.params, password: pg.password })).id;
  ids.mysql = (await client.connections.create({ name: 'my', params: my.params, password: my.password })).id;

  await exec(ids.postgres, `CREATE SCHEMA ${pgIdent(HOSTILE_SCHEMA)}`);
  for (const [i, name] of HOSTILE.entries()) {
    await exec(ids.sqlite, `CREATE TABLE ${pgIdent(name)} (id INTEGER)`);
    await exec(ids.sqlite, `INSERT INTO ${pgIdent(name)} VALUES ${rowsFor(i)}`);
    const pgTable = `${pgIdent(HOSTILE_SCHEMA)}.${pgIdent(name)}`;
    await exec(ids.postgres, `CREATE TABLE ${pgTable} (id int)`);
    await exec(ids.postgres, `INSERT INTO ${pgTable} VALUES ${rowsFor(i)}`);
    await exec(ids.mysql, `CREATE TABLE ${myIdent(name)} (id int)`);
    await exec(ids.mysql, `INSERT INTO ${myIdent(name)} VALUES ${rowsFor(i)}`);
  }
  // decoys: a wrongly split `a.b` would count these
  await exec(ids.mysql, 'CREATE TABLE decoy (id int)');
  await exec(ids.postgres, 'CREATE TABLE decoy (id int)');
  await exec(ids.sqlite, 'CREATE TABLE decoy (id int)');
}, 60_000);

afterAll(async () => {
  await services?.dispose();
  await pgDb?.drop();
  await myDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.each(['sqlite', 'postgres', 'mysql'] as const)('hostile names on %s', (engine) => {
  const schemaOf = () => (engine === 'sqlite' ? 'main' : engine === 'postgres' ? HOSTILE_SCHEMA : myDb.params.database);

  it('schema.getTree lists every table under its exact name', async () => {
    const tree = await client.schema.getTree({ connectionId: ids[engine] });
    const schema = tree.schemas.find((s) => s.name === schemaOf());
    expect(schema).toBeDefined();
    expect(
      schema!.tables
        .map((t) => t.name)
        .filter((t) => t !== 'decoy')
        .sort(),
    ).toEqual([...HOSTILE].sort());
    if (engine === 'sqlite') {
      for (const [i, name] of HOSTILE.entries())
        expect(schema!.tables.find((t) => t.name === name)?.rowCount).toBe(i + 1);
    }
  });

  it('schema.countRows counts exactly the named table, and the decoy survives', async () => {
    for (const [i, name] of HOSTILE.entries()) {
      const { count } = await client.schema.countRows({ connectionId: ids[engine], schema: schemaOf(), table: name });
      expect(count, name).toBe(i + 1);
    }
    const decoySchema = engine === 'postgres' ? 'public' : schemaOf();
    expect(await client.schema.countRows({ connectionId: ids[engine], schema: decoySchema, table: 'decoy' })).toEqual({
      count: 0,
    });
  });

  it('a missing table is an SQL_ERROR, never a count of another table', async () => {
    await expect(
      client.schema.countRows({ connectionId: ids[engine], schema: schemaOf(), table: 'decoy.x' }),
    ).rejects.toMatchObject({
      code: 'SQL_ERROR',
    });
  });
});
