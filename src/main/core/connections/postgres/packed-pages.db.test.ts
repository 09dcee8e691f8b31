import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../../../shared/domain';
import { unpackRows } from '../../../../shared/packed-rows';
import { ResultHandle } from '../../query/result-handle';
import type { DriverSession } from '../driver-adapter';
import { openSession } from '../open-session';
import { createPgDatabase, type TempDatabase } from '../test-databases';

const never = new AbortController().signal;

/**
 * Pages of PostgreSQL results travel packed (the server's DataRow bytes, see postgres-packed.ts): the values
 * must be exactly those of the rows path (docs/values.md), whatever the type and shape, and the connection
 * must read every later statement normally.
 */
describe('PostgreSQL: packed pages', () => {
  let temp: TempDatabase<unknown>;
  let session: DriverSession;
  let handles = 0;

  beforeAll(async () => {
    temp = await createPgDatabase();
    session = await openSession({ params: temp.params as never, password: temp.password });
  });
  afterAll(async () => {
    await session?.close();
    await temp?.drop();
  });

  async function open(sql: string): Promise<ResultHandle> {
    const outcome = await session.execute(sql, [], never);
    if (outcome.kind !== 'rows') throw new Error('expected rows');
    return new ResultHandle({ id: `h${++handles}`, cursor: outcome.cursor, reopen: null, chunkRows: 100 });
  }

  /** Rows [offset, offset + limit) of `sql` read packed, and the same read as values. */
  async function bothWays(sql: string, offset: number, limit: number): Promise<{ packed: Row[]; values: Row[] }> {
    const packedHandle = await open(sql);
    const page = await packedHandle.page(offset, limit, { packed: true });
    await packedHandle.close();
    expect(page.packed).toBeDefined();
    const valuesHandle = await open(sql);
    const values = (await valuesHandle.page(offset, limit)).rows;
    await valuesHandle.close();
    return { packed: unpackRows(page.packed!), values };
  }

  // rows past the first 200 (read with the statement, as values) and the first chunk
  const MANY = 'generate_series(1, 1000) g';

  it('gives every type the values of the rows path', async () => {
    const sql = `SELECT g, g::int2 AS small, (g + 9007199254740990)::int8 AS big, g % 2 = 0 AS even,
        (g / 3.0)::float8 AS third, 'NaN'::float8 AS nan, '-Infinity'::float4 AS neg_inf, (g * 1.25)::numeric(20,4) AS price,
        'héllo 🌍 ✓ ' || g AS unicode, '' AS empty, NULL::text AS nothing, json_build_object('k', 9007199254740993) AS doc,
        '{"a": [1, 2.50]}'::jsonb AS docb, ARRAY[g, g + 1] AS arr, gen_random_uuid()::text IS NOT NULL AS has_uuid,
        timestamp '2024-02-29 13:14:15' + g * interval '1 second' AS ts,
        timestamp '2024-02-29 13:14:15.5' AS ts_frac, timestamp '0044-03-15 12:00:00 BC' AS ts_bc,
        timestamp '10000-01-01 00:00:00' AS ts_far, 'infinity'::timestamp AS ts_inf,
        timestamptz '2024-02-29 13:14:15+02' AS tstz, time '13:14:15.25' AS t, timetz '13:14:15+05:30' AS ttz,
        date '2024-02-29' AS d, interval '1 day 02:03:04' AS iv, decode('00ff10', 'hex') AS bin
      FROM ${MANY}`;
    const { packed, values } = await bothWays(sql, 500, 120);
    expect(packed).toHaveLength(120);
    expect(packed).toEqual(values);
    expect(packed[0]!.slice(0, 4)).toEqual([501, 501, '9007199254741491', false]);
    expect(packed[0]![15]).toBe('2024-02-29T13:22:36');
    expect(packed[0]![18]).toBe('10000-01-01T00:00:00');
    expect(packed[0]![25]).toEqual({ $blob: 'AP8Q', size: 3, truncated: false });
  });

  it('copies rows that need no parsing as the server sent them, patching timestamps in place', async () => {
    // every 7th row holds timestamps of the rarer shapes, which that row takes cell by cell
    const sql = `SELECT g, (g + 9007199254740990)::int8 AS big, g % 2 = 0 AS even, 'NaN'::float8 AS nan,
        (g * 1.25)::numeric(20,4) AS price, 'héllo 🌍 ' || g AS unicode, NULL::text AS nothing, '{"k": 1}'::json AS doc,
        timestamp '2024-02-29 13:14:15' + g * interval '1 second' AS ts,
        CASE WHEN g % 7 = 0 THEN timestamp '10000-01-01 00:00:00' ELSE timestamp '2024-02-29 13:14:15.5' END AS ts2,
        CASE WHEN g % 7 = 0 THEN timestamp '0044-03-15 12:00:00 BC' WHEN g % 11 = 0 THEN 'infinity'::timestamp
          ELSE timestamp '1999-12-31 23:59:59' END AS ts3
      FROM ${MANY}`;
    const { packed, values } = await bothWays(sql, 400, 300);
    expect(packed).toEqual(values);
    expect(packed[0]).toEqual([
      401,
      '9007199254741391',
      false,
      'NaN',
      '501.2500',
      'héllo 🌍 401',
      null,
      '{"k": 1}',
      '2024-02-29T13:20:56',
      '2024-02-29T13:14:15.5',
      '1999-12-31T23:59:59',
    ]);
    expect(packed[6]![10]).toBe('infinity');
    expect(packed[5]!.slice(9)).toEqual(['10000-01-01T00:00:00', '0044-03-15T12:00:00 BC']);
  });

  it('cuts long texts as the rows path does, non-ASCII ones too', async () => {
    const sql = `SELECT g, CASE WHEN g % 50 = 0 THEN repeat('ü🌍x', 30000) ELSE 'short ' || g END AS body FROM ${MANY}`;
    const { packed, values } = await bothWays(sql, 300, 200);
    expect(packed).toEqual(values);
    expect(packed[0]).toEqual([301, 'short 301']);
    const long = packed.find((row) => row[0] === 350)![1] as { $text: string; size: number; truncated: boolean };
    expect(long.truncated).toBe(true);
    expect(long.size).toBe(4 * 30000);
    expect(long.$text).toHaveLength(64 * 1024);
  });

  it('reads the statements after a packed read normally, also after one closed half-way', async () => {
    const handle = await open(`SELECT g, 'row ' || g FROM generate_series(1, 100000) g`);
    await handle.page(300, 100, { packed: true });
    await handle.close();
    const outcome = await session.execute(`SELECT g, 'again ' || g FROM generate_series(1, 3) g`, [], never);
    if (outcome.kind !== 'rows') throw new Error('expected rows');
    expect(await outcome.cursor.read(10)).toEqual([
      [1, 'again 1'],
      [2, 'again 2'],
      [3, 'again 3'],
    ]);
    await outcome.cursor.close();
  });
});
