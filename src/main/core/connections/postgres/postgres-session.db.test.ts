import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import type { DriverSession, ExecuteOutcome, RowCursor } from '../driver-adapter';
import { openSession } from '../open-session';
import {
  closedPort,
  createPgDatabase,
  silentServer,
  type TempDatabase,
  waitForRunningStatement,
} from '../test-databases';

const never = new AbortController().signal;
type PgParams = Awaited<ReturnType<typeof createPgDatabase>>['params'];

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a failure');
}

function rowsOf(outcome: ExecuteOutcome): RowCursor {
  if (outcome.kind !== 'rows') throw new Error(`expected rows, got ${JSON.stringify(outcome)}`);
  return outcome.cursor;
}

let db: TempDatabase<PgParams>;
let session: DriverSession;
beforeAll(async () => {
  db = await createPgDatabase();
  session = await openSession({ params: db.params, password: db.password });
});
afterAll(async () => {
  await session?.close();
  await db?.drop();
});

describe('PostgresSession: connect errors', () => {
  it('DATABASE_NOT_FOUND for a missing database', async () => {
    const error = await failure(openSession({ params: { ...db.params, database: 'bb_nope_404' }, password: null }));
    expect(error.code).toBe('DATABASE_NOT_FOUND');
    expect(error.message).toContain('bb_nope_404');
  });

  it('CONNECTION_REFUSED on a closed port, naming host and port', async () => {
    const port = await closedPort();
    const error = await failure(openSession({ params: { ...db.params, host: '127.0.0.1', port }, password: null }));
    expect(error.code).toBe('CONNECTION_REFUSED');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('HOST_NOT_FOUND for an unknown host', async () => {
    expect(
      (await failure(openSession({ params: { ...db.params, host: 'nonexistent.invalid' }, password: null }))).code,
    ).toBe('HOST_NOT_FOUND');
  });

  it('TIMEOUT when the server never answers', async () => {
    const server = await silentServer();
    try {
      const error = await failure(
        openSession({ params: { ...db.params, port: server.port, connectTimeoutMs: 300 }, password: null }),
      );
      expect(error.code).toBe('TIMEOUT');
    } finally {
      await server.close();
    }
  });

  it('SSL_ERROR when SSL is required but this server has none; "prefer" falls back to plain', async () => {
    expect((await failure(openSession({ params: { ...db.params, sslMode: 'require' }, password: null }))).code).toBe(
      'SSL_ERROR',
    );
    const preferred = await openSession({ params: { ...db.params, sslMode: 'prefer' }, password: null });
    expect(await preferred.serverVersion()).toMatch(/^\d+/);
    await preferred.close();
  });
});

describe('PostgresSession: statements', () => {
  it('keeps session state between statements and reports affected rows', async () => {
    expect(
      await session.execute(
        'CREATE TEMP TABLE t(id serial PRIMARY KEY, name text, at timestamp, amount numeric, raw bytea)',
        [],
        never,
      ),
    ).toMatchObject({ kind: 'affected' });
    expect(
      await session.execute(
        "INSERT INTO t(name, at, amount, raw) VALUES ('a', '2024-01-02 03:04:05', 12.50, '\\x0102'), ('b', NULL, NULL, NULL)",
        [],
        never,
      ),
    ).toEqual({ kind: 'affected', command: 'INSERT', affectedRows: 2, lastInsertId: null });
    const result = await session.execute('SELECT id, name, at, amount, raw FROM t ORDER BY id', [], never);
    expect(result.kind === 'rows' && result.columns.map((c) => c.dataType)).toEqual([
      'integer',
      'text',
      'timestamp without time zone',
      'numeric',
      'bytea',
    ]);
    expect(await rowsOf(result).read(10)).toEqual([
      [1, 'a', '2024-01-02T03:04:05', '12.50', { $blob: 'AQI=', size: 2, truncated: false }],
      [2, 'b', null, null, null],
    ]);
  });

  it('reports SQL errors with a 0-based position', async () => {
    const error = await failure(session.execute('SELECT 1 FROM nowhere_at_all', [], never));
    expect(error.code).toBe('SQL_ERROR');
    expect(error.details?.position).toBe('SELECT 1 FROM '.length);
    expect(error.details?.driverCode).toBe('42P01');
  });

  it('pages a 200,000-row result with exact first and last rows', async () => {
    const cursor = rowsOf(await session.execute('SELECT g, g * 2 FROM generate_series(1, 200000) g', [], never));
    let count = 0;
    let first: unknown[] | undefined;
    let last: unknown[] | undefined;
    for (;;) {
      const rows = await cursor.read(5000);
      if (rows.length === 0) break;
      first ??= rows[0];
      last = rows[rows.length - 1];
      count += rows.length;
    }
    expect(count).toBe(200_000);
    expect(first).toEqual([1, 2]);
    expect(last).toEqual([200_000, 400_000]);
  });

  it('keeps an open result readable while other statements run', async () => {
    const a = rowsOf(await session.execute('SELECT g FROM generate_series(1, 30000) g', [], never));
    expect(await a.read(2)).toEqual([[1], [2]]);
    const b = rowsOf(await session.execute('SELECT 7', [], never));
    expect(await b.read(5)).toEqual([[7]]);
    let total = 2;
    let last: unknown[] | undefined;
    for (;;) {
      const rows = await a.read(5000);
      if (rows.length === 0) break;
      total += rows.length;
      last = rows[rows.length - 1];
    }
    expect(total).toBe(30000);
    expect(last).toEqual([30000]);
  });

  it('counts rows with quoted identifiers', async () => {
    await session.execute('CREATE TABLE "Odd ""Name"""(x int)', [], never);
    await session.execute('INSERT INTO "Odd ""Name""" SELECT generate_series(1, 5)', [], never);
    expect(await session.countRows('public', 'Odd "Name"', never)).toBe(5);
  });

  it('cancels a running statement with QUERY_CANCELLED and stays usable', async () => {
    const controller = new AbortController();
    const running = session.execute('SELECT pg_sleep(30)', [], controller.signal);
    // cancel a statement that is executing, not one still on its way
    await waitForRunningStatement('postgres', db.params.database, 'SELECT pg_sleep(30)');
    controller.abort();
    expect((await failure(running)).code).toBe('QUERY_CANCELLED');
    expect(await rowsOf(await session.execute('SELECT 1 + 1', [], never)).read(1)).toEqual([[2]]);
    // the temp table from earlier is still there: same pinned connection
    expect(await rowsOf(await session.execute('SELECT count(*)::int FROM t', [], never)).read(1)).toEqual([[2]]);
  });
});
