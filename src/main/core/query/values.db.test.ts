import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../shared/client';
import type { ConnectionParams, Engine, ResultColumn, Row } from '../../../shared/domain';
import { createMemoryTransport } from '../../../shared/transport-memory';
import type { DriverSession, RowCursor } from '../connections/driver-adapter';
import { openSession } from '../connections/open-session';
import { createMysqlDatabase, createPgDatabase, type TempDatabase } from '../connections/test-databases';
import { createServices, type Services } from '../services';

/**
 * docs/values.md, checked on real servers: the same logical values stored on SQLite, PostgreSQL and MariaDB,
 * read back through the session (text protocol, and with a bound parameter — MySQL's binary protocol) and
 * through query.run, and compared with the documented encoding.
 */

interface Column {
  /** Column type in CREATE TABLE. */
  type: string;
  /** The value as an SQL literal in INSERT. */
  literal: string;
}

interface Case {
  name: string;
  sqlite?: Column;
  postgres?: Column;
  mysql?: Column;
  /** The documented encoding: one value for every engine, or per engine. */
  expected: unknown;
  /** The result column's dataType where the rule names it. */
  dataType?: Partial<Record<Engine, string>>;
}

const everywhere = (type: Record<Engine, string>, literal: string | Record<Engine, string>) =>
  Object.fromEntries(
    (['sqlite', 'postgres', 'mysql'] as const).map((e) => [
      e,
      { type: type[e], literal: typeof literal === 'string' ? literal : literal[e] },
    ]),
  ) as Record<Engine, Column>;

const INT = { sqlite: 'INTEGER', postgres: 'integer', mysql: 'INT' };
const BIGINT = { sqlite: 'INTEGER', postgres: 'bigint', mysql: 'BIGINT' };
const TEXT = { sqlite: 'TEXT', postgres: 'text', mysql: 'TEXT' };

const CASES: Case[] = [
  { name: 'int_small', ...everywhere(INT, '42'), expected: 42 },
  { name: 'int_max_safe', ...everywhere(BIGINT, '9007199254740991'), expected: 9007199254740991 },
  { name: 'int_past_safe', ...everywhere(BIGINT, '9007199254740993'), expected: '9007199254740993' },
  { name: 'int_negative_past', ...everywhere(BIGINT, '-9007199254740993'), expected: '-9007199254740993' },
  { name: 'int_max64', ...everywhere(BIGINT, '9223372036854775807'), expected: '9223372036854775807' },
  {
    name: 'uint_max64',
    mysql: { type: 'BIGINT UNSIGNED', literal: '18446744073709551615' },
    expected: '18446744073709551615',
  },
  {
    name: 'decimal',
    ...everywhere({ sqlite: 'DECIMAL(10,2)', postgres: 'numeric(10,2)', mysql: 'DECIMAL(10,2)' }, '123.40'),
    // SQLite has no exact decimal type: NUMERIC affinity stores a REAL
    expected: { sqlite: 123.4, postgres: '123.40', mysql: '123.40' },
  },
  {
    name: 'decimal_wide',
    postgres: { type: 'numeric(30,10)', literal: '12345678901234567890.0123456789' },
    mysql: { type: 'DECIMAL(30,10)', literal: '12345678901234567890.0123456789' },
    expected: '12345678901234567890.0123456789',
  },
  {
    name: 'float',
    ...everywhere({ sqlite: 'REAL', postgres: 'double precision', mysql: 'DOUBLE' }, '0.1'),
    expected: 0.1,
  },
  {
    name: 'float_single',
    postgres: { type: 'real', literal: '3.14159265' },
    mysql: { type: 'FLOAT', literal: '3.14159265' },
    // as each server prints it: PostgreSQL the shortest exact form, MySQL/MariaDB 6 significant digits
    expected: { postgres: 3.1415927, mysql: 3.14159 },
  },
  {
    name: 'float_nan',
    postgres: { type: 'double precision', literal: "'NaN'" },
    expected: 'NaN',
  },
  {
    name: 'float_inf',
    sqlite: { type: 'REAL', literal: '9e999' },
    postgres: { type: 'double precision', literal: "'Infinity'" },
    expected: 'Infinity',
  },
  {
    name: 'float_neg_inf',
    sqlite: { type: 'REAL', literal: '-9e999' },
    postgres: { type: 'double precision', literal: "'-Infinity'" },
    expected: '-Infinity',
  },
  {
    name: 'bool_true',
    ...everywhere({ sqlite: 'BOOLEAN', postgres: 'boolean', mysql: 'BOOLEAN' }, 'TRUE'),
    expected: true,
  },
  {
    name: 'bool_false',
    ...everywhere({ sqlite: 'BOOLEAN', postgres: 'boolean', mysql: 'BOOLEAN' }, 'FALSE'),
    expected: false,
  },
  {
    name: 'bool_other',
    sqlite: { type: 'BOOLEAN', literal: '2' },
    mysql: { type: 'BOOLEAN', literal: '2' },
    // a stored value other than 0/1 stays as it is
    expected: 2,
  },
  { name: 'bit_one', mysql: { type: 'BIT(1)', literal: "b'1'" }, expected: true },
  {
    name: 'bit_five',
    postgres: { type: 'bit(5)', literal: "B'00101'" },
    mysql: { type: 'BIT(5)', literal: "b'00101'" },
    expected: '00101',
  },
  {
    name: 'json_doc',
    ...everywhere({ sqlite: 'JSON', postgres: 'json', mysql: 'JSON' }, `'{"a": 12345678901234567890, "b": [1.50]}'`),
    expected: '{"a": 12345678901234567890, "b": [1.50]}',
    dataType: { sqlite: 'JSON', postgres: 'json', mysql: 'json' },
  },
  {
    name: 'jsonb_doc',
    postgres: { type: 'jsonb', literal: `'{"a": 12345678901234567890}'` },
    expected: '{"a": 12345678901234567890}',
    dataType: { postgres: 'jsonb' },
  },
  {
    name: 'date',
    ...everywhere({ sqlite: 'DATE', postgres: 'date', mysql: 'DATE' }, "'2024-02-29'"),
    expected: '2024-02-29',
  },
  {
    name: 'time_frac',
    ...everywhere({ sqlite: 'TEXT', postgres: 'time(6)', mysql: 'TIME(6)' }, "'13:14:15.500000'"),
    // SQLite keeps text as stored
    expected: { sqlite: '13:14:15.500000', postgres: '13:14:15.5', mysql: '13:14:15.5' },
  },
  {
    name: 'timestamp',
    ...everywhere(
      { sqlite: 'TIMESTAMP', postgres: 'timestamp(6)', mysql: 'DATETIME(6)' },
      {
        sqlite: "'2024-02-29T13:14:15.123456'",
        postgres: "'2024-02-29 13:14:15.123456'",
        mysql: "'2024-02-29 13:14:15.123456'",
      },
    ),
    expected: '2024-02-29T13:14:15.123456',
  },
  {
    name: 'timestamp_whole',
    postgres: { type: 'timestamp(3)', literal: "'2024-01-02 03:04:05'" },
    mysql: { type: 'DATETIME(3)', literal: "'2024-01-02 03:04:05'" },
    expected: '2024-01-02T03:04:05',
  },
  {
    name: 'timestamptz',
    postgres: { type: 'timestamptz', literal: "'2024-02-29 13:14:15+05:30'" },
    // MySQL TIMESTAMP: in the session's time zone (UTC here), without an offset
    mysql: { type: 'TIMESTAMP NULL', literal: "'2024-02-29 07:44:15'" },
    expected: { postgres: '2024-02-29T07:44:15+00:00', mysql: '2024-02-29T07:44:15' },
  },
  { name: 'timestamp_infinity', postgres: { type: 'timestamp', literal: "'infinity'" }, expected: 'infinity' },
  {
    name: 'zero_date',
    mysql: { type: 'DATETIME', literal: "'0000-00-00 00:00:00'" },
    expected: '0000-00-00T00:00:00',
  },
  {
    name: 'binary',
    ...everywhere(
      { sqlite: 'BLOB', postgres: 'bytea', mysql: 'VARBINARY(10)' },
      { sqlite: "X'0001FF'", postgres: "'\\x0001ff'", mysql: "X'0001FF'" },
    ),
    expected: { $blob: 'AAH/', size: 3, truncated: false },
  },
  { name: 'null_value', ...everywhere(TEXT, 'NULL'), expected: null },
  { name: 'empty_text', ...everywhere(TEXT, "''"), expected: '' },
  { name: 'unicode', ...everywhere(TEXT, "'héllo 🌍 ✓'"), expected: 'héllo 🌍 ✓' },
  { name: 'int_array', postgres: { type: 'int[]', literal: "'{1,2,3}'" }, expected: '{1,2,3}' },
  {
    name: 'text_array',
    postgres: { type: 'text[]', literal: `'{a,"b c",NULL}'` },
    expected: '{a,"b c",NULL}',
  },
  { name: 'interval', postgres: { type: 'interval', literal: "'1 day 02:03:04'" }, expected: '1 day 02:03:04' },
  {
    name: 'uuid',
    postgres: { type: 'uuid', literal: "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'" },
    expected: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  },
  { name: 'inet', postgres: { type: 'inet', literal: "'192.168.0.1/24'" }, expected: '192.168.0.1/24' },
  {
    name: 'enum_value',
    postgres: { type: 'mood', literal: "'happy'" },
    mysql: { type: "ENUM('sad','happy')", literal: "'happy'" },
    expected: 'happy',
    dataType: { mysql: 'enum' },
  },
  {
    name: 'set_value',
    mysql: { type: "SET('a','b','c')", literal: "'a,c'" },
    expected: 'a,c',
    dataType: { mysql: 'set' },
  },
  { name: 'year_value', mysql: { type: 'YEAR', literal: '2024' }, expected: 2024 },
];

/** Columns are named `v_<case>`: several case names are reserved words somewhere. */
function casesFor(engine: Engine): (Case & { column: Column; columnName: string })[] {
  return CASES.flatMap((c) => (c[engine] ? [{ ...c, column: c[engine], columnName: `v_${c.name}` }] : []));
}

function expectedFor(c: Case, engine: Engine): unknown {
  const e = c.expected;
  if (e !== null && typeof e === 'object' && !('$blob' in e)) return (e as Record<Engine, unknown>)[engine];
  return e;
}

async function readAll(cursor: RowCursor): Promise<Row[]> {
  const rows: Row[] = [];
  for (let batch = await cursor.read(100); batch.length > 0; batch = await cursor.read(100)) rows.push(...batch);
  return rows;
}

const never = new AbortController().signal;

const SETUP: Record<Engine, string[]> = {
  sqlite: [],
  postgres: ["SET TIME ZONE 'UTC'", "CREATE TYPE mood AS ENUM ('sad', 'happy')"],
  mysql: ["SET time_zone = '+00:00'", "SET sql_mode = ''"],
};

describe.each(['sqlite', 'postgres', 'mysql'] as const)('values on %s', (engine) => {
  let dir: string;
  let services: Services;
  let client: Client;
  let session: DriverSession;
  let connectionId: string;
  let temp: TempDatabase<unknown> | null = null;
  let params: ConnectionParams;
  let password: string | null = null;
  const cases = casesFor(engine);
  const select = `SELECT ${cases.map((c) => c.columnName).join(', ')} FROM vals WHERE id = 1`;
  let n = 0;
  const run = (sql: string) => client.query.run({ connectionId, sql, runId: `values-${engine}-${++n}`, pageSize: 100 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-values-'));
    if (engine === 'sqlite') params = { engine: 'sqlite', file: join(dir, 'values.db'), create: true };
    else {
      const db = engine === 'postgres' ? await createPgDatabase() : await createMysqlDatabase();
      temp = db;
      params = db.params;
      password = db.password;
    }
    services = await createServices({ host: 'test', dataDir: dir, createSample: false });
    client = createClient(createMemoryTransport(services.dispatch));
    connectionId = (await client.connections.create({ name: engine, params, password })).id;
    for (const sql of SETUP[engine]) await run(sql);
    const columns = cases.map((c) => `${c.columnName} ${c.column.type}`).join(', ');
    await run(`CREATE TABLE vals (id INTEGER PRIMARY KEY, ${columns})`);
    await run(`INSERT INTO vals VALUES (1, ${cases.map((c) => c.column.literal).join(', ')})`);
    session = await openSession({ params: { ...params, ...(engine === 'sqlite' ? { create: false } : {}) }, password });
    for (const sql of SETUP[engine].filter((s) => s.startsWith('SET'))) await session.execute(sql, [], never);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await services?.dispose();
    await temp?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const check = (columns: ResultColumn[], row: Row | undefined) => {
    expect(row).toBeDefined();
    cases.forEach((c, i) => {
      expect({ [c.name]: row![i] }).toEqual({ [c.name]: expectedFor(c, engine) });
      const type = c.dataType?.[engine];
      if (type) expect({ [c.name]: columns[i]!.dataType }).toEqual({ [c.name]: type });
    });
  };

  it('reads every value as documented through the session', async () => {
    const outcome = await session.execute(select, [], never);
    if (outcome.kind !== 'rows') throw new Error('expected rows');
    check(outcome.columns, (await readAll(outcome.cursor))[0]);
  });

  it('reads the same with a bound parameter (MySQL: the binary protocol)', async () => {
    const placeholder = engine === 'postgres' ? '$1' : '?';
    const outcome = await session.execute(select.replace('id = 1', `id = ${placeholder}`), [1], never);
    if (outcome.kind !== 'rows') throw new Error('expected rows');
    check(outcome.columns, (await readAll(outcome.cursor))[0]);
  });

  it('returns the same through query.run and query.page', async () => {
    // two identical rows, one page each: the second comes through the handle
    const twice = select.replace('FROM vals WHERE', 'FROM vals, (SELECT 1 AS k UNION ALL SELECT 2) two WHERE');
    const result = await client.query.run({ connectionId, sql: twice, runId: `values-${engine}-${++n}`, pageSize: 1 });
    if (result.kind !== 'rows') throw new Error('expected rows');
    check(result.columns, result.rows[0]);
    const page = await client.query.page({ handle: result.handle, offset: 1, limit: 1 });
    check(result.columns, page.rows[0]);
  });

  it('returns the same when a page travels packed (PostgreSQL rows past the first chunk of the handle)', async () => {
    // 3,000 identical rows (a cross join of digit tables: no generate_series on SQLite and MariaDB)
    const digits = `(${[...Array(10).keys()].map((d) => `SELECT ${d} AS d`).join(' UNION ALL ')})`;
    const many = select.replace(
      'FROM vals WHERE',
      `FROM vals, ${digits} a, ${digits} b, ${digits} c, (SELECT 1 AS m UNION ALL SELECT 2 UNION ALL SELECT 3) m WHERE`,
    );
    const result = await client.query.run({ connectionId, sql: many, runId: `values-${engine}-${++n}`, pageSize: 1 });
    if (result.kind !== 'rows') throw new Error('expected rows');
    const page = await client.query.page({ handle: result.handle, offset: 2100, limit: 3 });
    expect(page.rows).toHaveLength(3);
    for (const row of page.rows) check(result.columns, row);
    await client.query.close({ handle: result.handle });
  });

  it('counts as a number, and integers past 2^53 from arithmetic exactly', async () => {
    const count = await run('SELECT count(*) AS n FROM vals');
    expect(count.kind === 'rows' && count.rows).toEqual([[1]]);
    // like Chinook's sum(Milliseconds * Bytes): products and sums beyond 2^53
    await run('CREATE TABLE tracks (ms BIGINT, bytes BIGINT)');
    await run(
      'INSERT INTO tracks VALUES (343719, 11170334), (342562, 5510424), (230619, 3990994), (2000000011, 2000000033)',
    );
    const sum = await run('SELECT sum(ms * bytes) AS total, 9007199254740993 AS literal FROM tracks');
    const total = (
      343719n * 11170334n +
      342562n * 5510424n +
      230619n * 3990994n +
      2000000011n * 2000000033n
    ).toString();
    expect(sum.kind === 'rows' && sum.rows).toEqual([[total, '9007199254740993']]);
  });

  it('gives JSON built by the server as its exact text', async () => {
    const build = {
      sqlite: "SELECT json_object('k', 9007199254740993) AS doc",
      postgres: "SELECT json_build_object('k', 9007199254740993) AS doc",
      mysql: "SELECT json_object('k', 9007199254740993) AS doc",
    }[engine];
    const result = await run(build);
    if (result.kind !== 'rows') throw new Error('expected rows');
    expect(result.rows[0]![0]).toEqual(
      { sqlite: '{"k":9007199254740993}', postgres: '{"k" : 9007199254740993}', mysql: '{"k": 9007199254740993}' }[
        engine
      ],
    );
    if (engine !== 'sqlite') expect(result.columns[0]!.dataType).toBe('json');
  });
});
