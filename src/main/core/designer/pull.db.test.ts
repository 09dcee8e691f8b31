import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Design } from '../../../shared/design';
import type { DriverSession } from '../connections/driver-adapter';
import { openSession } from '../connections/open-session';
import { createMysqlDatabase, createPgDatabase, type TempDatabase } from '../connections/test-databases';
import { createScript } from './ddl';
import { pullDesign } from './pull';
import { MYSQL_SCHEMA, PG_SCHEMA, col, fk, idx, runScript, table } from './pull-fixtures';

const never = new AbortController().signal;

/** What PG_SCHEMA pulls as: every normalization rule of pull-normalize.ts for PostgreSQL shows here. */
const PG_EXPECTED: Design = {
  dialect: 'postgres',
  tables: [
    table('Odd "Table"', {
      columns: [
        col('Weird Col', 'integer', { nullable: false, autoIncrement: true }),
        col('customer_id', 'integer'),
        col('order_no', 'integer'),
        col('select', 'Odd "Enum"', { default: "'a b'" }),
      ],
      primaryKey: ['Weird Col'],
      indexes: [idx('Odd "Index"', ['order_no', 'Weird Col'])],
      foreignKeys: [
        fk('fk "items"', ['customer_id', 'order_no'], 'orders', ['customer_id', 'order_no'], {
          onDelete: 'set null',
          onUpdate: 'cascade',
        }),
        fk('plain_fk', ['customer_id'], 'customers', ['id']),
      ],
      checks: [{ name: 'Odd "Table"_Weird Col_check', expression: '"Weird Col" > 0' }],
    }),
    table('customers', {
      columns: [
        col('id', 'integer', { nullable: false, autoIncrement: true }),
        col('email', 'varchar(255)', { nullable: false, unique: true, note: "login, it's unique" }),
        col('name', 'text', { default: "'anon'" }),
        col('score', 'numeric(10,2)', { default: '-1.5' }),
        col('credit', 'integer', { default: '-1' }),
        col('active', 'boolean', { nullable: false, default: 'true' }),
        col('created_at', 'timestamp with time zone', { nullable: false, default: 'now()' }),
        col('born', 'date', { default: "'2000-01-01'" }),
        col('tags', 'text[]', { default: "'{}'" }),
        col('profile', 'jsonb', { default: "'{}'" }),
        col('feeling', 'mood', { default: "'ok'" }),
        col('uid', 'uuid'),
        col('ratio', 'double precision'),
        col('code', 'char(3)'),
        col('stamp', 'timestamp(3)', { default: 'CURRENT_TIMESTAMP' }),
      ],
      primaryKey: ['id'],
      indexes: [
        idx('customers_code_idx', ['code'], { unique: true }),
        idx('customers_lower_email', ['`lower(email::text)`']),
        idx('customers_tags_gin', ['tags'], { type: 'gin' }),
      ],
      checks: [{ name: 'score_positive', expression: 'score >= 0::numeric' }],
      note: 'People who buy',
    }),
    table('orders', {
      columns: [
        col('customer_id', 'integer', { nullable: false }),
        col('order_no', 'integer', { nullable: false }),
        col('id', 'bigint', { nullable: false, autoIncrement: true }),
        col('total', 'numeric(10,2)', { default: '0' }),
        col('note', 'varchar'),
      ],
      primaryKey: ['customer_id', 'order_no'],
      indexes: [idx('orders_id_order_no_key', ['id', 'order_no'], { unique: true })],
      foreignKeys: [fk('orders_customer_id_fkey', ['customer_id'], 'customers', ['id'], { onDelete: 'cascade' })],
    }),
  ],
  enums: [
    { schema: null, name: 'Odd "Enum"', values: ['a b', "it's"] },
    { schema: null, name: 'mood', values: ['sad', 'ok', 'happy'] },
  ],
  note: null,
};

/** What MYSQL_SCHEMA pulls as on MariaDB. */
const MYSQL_EXPECTED: Design = {
  dialect: 'mysql',
  tables: [
    table('customers', {
      columns: [
        col('id', 'int', { nullable: false, autoIncrement: true }),
        col('email', 'varchar(255)', { nullable: false, unique: true, note: "login, it's unique" }),
        col('name', 'text', { default: "'anon'" }),
        col('score', 'decimal(10,2)', { default: '-1.50' }),
        col('credit', 'bigint unsigned', { default: '7' }),
        col('active', 'tinyint(1)', { nullable: false, default: '1' }),
        col('created_at', 'timestamp', { nullable: false, default: 'CURRENT_TIMESTAMP' }),
        col('born', 'date', { default: "'2000-01-01'" }),
        col('profile', 'json'),
        col('kind', "enum('a','b c','it''s')", { nullable: false, default: "'a'" }),
        col('ratio', 'double'),
        col('code', 'char(3)'),
        col('token', 'varchar(36)', { default: 'uuid()' }),
      ],
      primaryKey: ['id'],
      indexes: [
        idx('customers_code_idx', ['code'], { unique: true }),
        idx('customers_name_prefix', ['``name`(10)`', 'code']),
      ],
      checks: [{ name: 'score_positive', expression: '`score` >= 0' }],
      note: 'People who buy',
    }),
    table('Odd `Table`', {
      columns: [
        col('Weird Col', 'int', { nullable: false }),
        col('customer_id', 'int'),
        col('order_no', 'int'),
        col('select', 'varchar(20)', { default: "'x''y'" }),
      ],
      primaryKey: ['Weird Col'],
      indexes: [idx('Odd Index', ['order_no', 'Weird Col'])],
      foreignKeys: [
        fk('fk "items"', ['customer_id', 'order_no'], 'orders', ['customer_id', 'order_no'], {
          onDelete: 'set null',
          onUpdate: 'cascade',
        }),
        fk('plain_fk', ['customer_id'], 'customers', ['id']),
      ],
      checks: [{ name: 'Weird check', expression: '`Weird Col` > 0' }],
    }),
    table('orders', {
      columns: [
        col('customer_id', 'int', { nullable: false }),
        col('order_no', 'int', { nullable: false }),
        col('total', 'decimal(10,2)', { default: '0.00' }),
      ],
      primaryKey: ['customer_id', 'order_no'],
      indexes: [idx('orders_total_uq', ['total', 'order_no'], { unique: true })],
      foreignKeys: [fk('orders_customer_fk', ['customer_id'], 'customers', ['id'], { onDelete: 'cascade' })],
    }),
  ],
  enums: [],
  note: null,
};

type Server = TempDatabase<{ engine: 'postgres' | 'mysql' } & Record<string, unknown>>;

/** Two fresh databases per test: the one the DDL is written into, and the empty one a script is run into. */
function serverSuite(create: () => Promise<Server>): { source(): DriverSession; target(): DriverSession } {
  let dbs: Server[] = [];
  let sessions: DriverSession[] = [];
  beforeEach(async () => {
    dbs = [await create(), await create()];
    sessions = await Promise.all(dbs.map((db) => openSession({ params: db.params as never, password: db.password })));
  });
  afterEach(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await Promise.all(dbs.map((db) => db.drop()));
  });
  return { source: () => sessions[0]!, target: () => sessions[1]! };
}

async function build(session: DriverSession, statements: readonly string[]): Promise<void> {
  for (const sql of statements) await session.execute(sql, [], never);
}

describe('designer pull: PostgreSQL', () => {
  const s = serverSuite(createPgDatabase as () => Promise<Server>);

  it('reads tables (no views), types, defaults, keys, indexes, checks, enums and comments normalized', async () => {
    await build(s.source(), PG_SCHEMA);
    expect(await pullDesign(s.source(), null)).toEqual(PG_EXPECTED);
  });

  it('gives the same design back from its own CREATE script run into an empty database', async () => {
    await build(s.source(), PG_SCHEMA);
    const pulled = await pullDesign(s.source(), null);
    await runScript(s.target(), createScript(pulled));
    expect(await pullDesign(s.target(), null)).toEqual(pulled);
  });

  it('reads another schema: its tables and enums named by schema, keys into it unqualified, out of it qualified', async () => {
    await build(s.source(), [
      'CREATE TABLE customers (id int PRIMARY KEY)',
      'CREATE SCHEMA pull_t1',
      "CREATE TYPE pull_t1.level AS ENUM ('lo', 'hi')",
      'CREATE TABLE pull_t1.a (id int PRIMARY KEY, lvl pull_t1.level)',
      'CREATE TABLE pull_t1.b (a_id int REFERENCES pull_t1.a, c_id int REFERENCES public.customers (id))',
      'CREATE TABLE pull_t1.parted (id int, at date) PARTITION BY RANGE (at)',
      "CREATE TABLE pull_t1.parted_2020 PARTITION OF pull_t1.parted FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')",
    ]);
    const design = await pullDesign(s.source(), 'pull_t1');
    expect(design.tables.map((t) => [t.schema, t.name])).toEqual([
      ['pull_t1', 'a'],
      ['pull_t1', 'b'],
      ['pull_t1', 'parted'],
    ]);
    expect(design.tables[0]!.columns[1]).toEqual(col('lvl', 'level'));
    expect(design.enums).toEqual([{ schema: 'pull_t1', name: 'level', values: ['lo', 'hi'] }]);
    expect(design.tables[1]!.foreignKeys).toEqual([
      fk('b_a_id_fkey', ['a_id'], 'a', ['id']),
      fk('b_c_id_fkey', ['c_id'], 'customers', ['id'], { refSchema: 'public' }),
    ]);

    await runScript(s.target(), 'CREATE TABLE customers (id int PRIMARY KEY); CREATE SCHEMA pull_t1;');
    await runScript(s.target(), createScript(design));
    expect(await pullDesign(s.target(), 'pull_t1')).toEqual(design);
  });
});

describe('designer pull: PostgreSQL domains', () => {
  const s = serverSuite(createPgDatabase as () => Promise<Server>);

  it('reads a domain column as its base type with its NOT NULL, default and checks, so the design applies anywhere (Sakila film.release_year)', async () => {
    await build(s.source(), [
      'CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155)',
      'CREATE DOMAIN "Posint" AS bigint NOT NULL DEFAULT 1 CHECK (VALUE > 0)',
      'CREATE TABLE film (id int PRIMARY KEY, release_year year, "Odd Col" "Posint", CONSTRAINT a_check CHECK (id > 0))',
    ]);
    const pulled = await pullDesign(s.source(), null);
    expect(pulled.tables[0]).toEqual(
      table('film', {
        columns: [
          col('id', 'integer', { nullable: false }),
          col('release_year', 'integer'),
          col('Odd Col', 'bigint', { nullable: false, default: '1' }),
        ],
        primaryKey: ['id'],
        checks: [
          { name: 'a_check', expression: 'id > 0' },
          { name: 'film_Odd Col_Posint_check', expression: '"Odd Col" > 0' },
          { name: 'film_release_year_year_check', expression: 'release_year >= 1901 AND release_year <= 2155' },
        ],
      }),
    );
    await runScript(s.target(), createScript(pulled));
    expect(await pullDesign(s.target(), null)).toEqual(pulled);
  });
});

describe('designer pull: MariaDB', () => {
  const s = serverSuite(createMysqlDatabase as () => Promise<Server>);

  it('reads tables (no views), types, defaults, keys, indexes, checks and comments normalized', async () => {
    await build(s.source(), MYSQL_SCHEMA);
    expect(await pullDesign(s.source(), null)).toEqual(MYSQL_EXPECTED);
  });

  it('gives the same design back from its own CREATE script run into an empty database', async () => {
    await build(s.source(), MYSQL_SCHEMA);
    const pulled = await pullDesign(s.source(), null);
    await runScript(s.target(), createScript(pulled));
    expect(await pullDesign(s.target(), null)).toEqual(pulled);
  });

  it('says NOT_FOUND for a database the server does not have', async () => {
    await expect(pullDesign(s.source(), 'pull_no_such_db')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps a unique index named unlike its column an index, and leaves out the index InnoDB makes for a key', async () => {
    await build(s.source(), [
      'CREATE TABLE p (id int PRIMARY KEY)',
      'CREATE TABLE c (a int, b int, UNIQUE KEY b_unique (b), CONSTRAINT c_p FOREIGN KEY (a) REFERENCES p (id))',
    ]);
    const c = (await pullDesign(s.source(), null)).tables.find((t) => t.name === 'c')!;
    expect(c.columns).toEqual([col('a', 'int'), col('b', 'int')]);
    expect(c.indexes).toEqual([idx('b_unique', ['b'], { unique: true })]);
    expect(c.foreignKeys).toEqual([fk('c_p', ['a'], 'p', ['id'])]);
  });
});

describe('designer pull: MariaDB ENUM and SET labels', () => {
  const s = serverSuite(createMysqlDatabase as () => Promise<Server>);

  it('keeps their case, so a design applied elsewhere stores the same labels (Sakila film.rating)', async () => {
    await build(s.source(), [
      "CREATE TABLE film (rating ENUM('G','PG-13','NC-17') DEFAULT 'G', features SET('Trailers','Deleted Scenes'))",
    ]);
    const pulled = await pullDesign(s.source(), null);
    expect(pulled.tables[0]!.columns).toEqual([
      col('rating', "enum('G','PG-13','NC-17')", { default: "'G'" }),
      col('features', "set('Trailers','Deleted Scenes')"),
    ]);
    await runScript(s.target(), createScript(pulled));
    expect(await pullDesign(s.target(), null)).toEqual(pulled);
  });
});

describe('designer pull: an empty database', () => {
  let db: Server;
  let session: DriverSession;
  beforeAll(async () => {
    db = (await createPgDatabase()) as Server;
    session = await openSession({ params: db.params as never, password: db.password });
  });
  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  it('reads an empty schema as a design without tables', async () => {
    expect(await pullDesign(session, null)).toEqual({ dialect: 'postgres', tables: [], enums: [], note: null });
  });

  it('says NOT_FOUND for a schema the database does not have', async () => {
    await expect(pullDesign(session, 'no such "schema"')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
