import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import type { DriverSession, ExecuteOutcome, RowCursor } from '../driver-adapter';
import { openSession } from '../open-session';
import {
  closedPort,
  createMysqlDatabase,
  MYSQL_URL,
  randomName,
  silentServer,
  type TempDatabase,
  waitForRunningStatement,
} from '../test-databases';

const never = new AbortController().signal;
type MyParams = Awaited<ReturnType<typeof createMysqlDatabase>>['params'];

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

let db: TempDatabase<MyParams>;
let session: DriverSession;
beforeAll(async () => {
  db = await createMysqlDatabase();
  session = await openSession({ params: db.params, password: db.password });
});
afterAll(async () => {
  await session?.close();
  await db?.drop();
});

describe('MysqlSession: connect errors', () => {
  it('AUTH_FAILED for a wrong password', async () => {
    const user = randomName('bb_pw_');
    const admin = await mysql.createConnection(MYSQL_URL);
    await admin.query(`CREATE USER '${user}'@'%' IDENTIFIED BY 'right'`);
    await admin.query(`CREATE USER '${user}'@'localhost' IDENTIFIED BY 'right'`);
    try {
      const error = await failure(openSession({ params: { ...db.params, user, database: '' }, password: 'wrong' }));
      expect(error.code).toBe('AUTH_FAILED');
      expect(error.message).toContain(user);
      const ok = await openSession({ params: { ...db.params, user, database: '' }, password: 'right' });
      await ok.close();
    } finally {
      await admin.query(`DROP USER '${user}'@'%'`);
      await admin.query(`DROP USER '${user}'@'localhost'`);
      await admin.end();
    }
  });

  it('DATABASE_NOT_FOUND for a missing database', async () => {
    const error = await failure(
      openSession({ params: { ...db.params, database: 'bb_nope_404' }, password: db.password }),
    );
    expect(error.code).toBe('DATABASE_NOT_FOUND');
    expect(error.message).toContain('bb_nope_404');
  });

  it('CONNECTION_REFUSED on a closed port', async () => {
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
});

describe('MysqlSession: SSL', () => {
  it('SSL_ERROR when SSL is required but the server has none; "prefer" falls back to plain', async () => {
    const admin = await mysql.createConnection(MYSQL_URL);
    const [rows] = await admin.query("SHOW VARIABLES LIKE 'have_ssl'");
    await admin.end();
    const haveSsl = (rows as { Value: string }[])[0]?.Value === 'YES';
    if (!haveSsl) {
      expect(
        (await failure(openSession({ params: { ...db.params, sslMode: 'require' }, password: db.password }))).code,
      ).toBe('SSL_ERROR');
    }
    const preferred = await openSession({ params: { ...db.params, sslMode: 'prefer' }, password: db.password });
    expect(await preferred.serverVersion()).toMatch(/^\d+/);
    await preferred.close();
  });
});

describe('MysqlSession: statements', () => {
  it('keeps session state, reports affected rows and insert ids', async () => {
    await session.execute(
      'CREATE TEMPORARY TABLE t(id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20), at DATETIME, amount DECIMAL(10,2), big BIGINT, raw VARBINARY(10))',
      [],
      never,
    );
    expect(
      await session.execute(
        "INSERT INTO t(name, at, amount, big, raw) VALUES ('a', '2024-01-02 03:04:05', 12.5, 9007199254740993, x'0102'), ('b', NULL, NULL, NULL, NULL)",
        [],
        never,
      ),
    ).toEqual({ kind: 'affected', command: 'INSERT', affectedRows: 2, lastInsertId: 1 });
    const result = await session.execute('SELECT id, name, at, amount, big, raw FROM t ORDER BY id', [], never);
    expect(result.kind === 'rows' && result.columns.map((c) => c.dataType)).toEqual([
      'int',
      'varchar',
      'datetime',
      'decimal',
      'bigint',
      'varbinary',
    ]);
    expect(await rowsOf(result).read(10)).toEqual([
      [1, 'a', '2024-01-02T03:04:05', '12.50', '9007199254740993', { $blob: 'AQI=', size: 2, truncated: false }],
      [2, 'b', null, null, null, null],
    ]);
  });

  it('reports SQL errors with a position', async () => {
    const error = await failure(session.execute('SELECT 1 FROM', [], never));
    expect(error.code).toBe('SQL_ERROR');
    expect(error.details?.position).toBe('SELECT 1 FROM'.length);
    const bad = await failure(session.execute('SELECT * FRM t', [], never));
    expect(bad.details?.position).toBe('SELECT * '.length);
  });

  it('pages a 200,000-row result with exact first and last rows', async () => {
    await session.execute('SET SESSION max_recursive_iterations = 1000000', [], never);
    const cursor = rowsOf(
      await session.execute(
        'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) SELECT x, x * 2 FROM c',
        [],
        never,
      ),
    );
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

  it('reads whole-BLOB results (exports) in batches bigger than their smaller read-ahead buffer', async () => {
    // regression: the reader waited for rows that resume() had already delivered, and hung after 200 rows
    const cursor = rowsOf(await session.execute('SELECT seq FROM seq_1_to_5000', [], never, { wholeValues: true }));
    let count = 0;
    let last: unknown[] | undefined;
    for (;;) {
      const rows = await cursor.read(1000);
      if (rows.length === 0) break;
      count += rows.length;
      last = rows[rows.length - 1];
    }
    expect(count).toBe(5000);
    expect(last).toEqual([5000]);
  });

  it('keeps an open result readable while other statements run', async () => {
    const a = rowsOf(
      await session.execute(
        'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000) SELECT x FROM c',
        [],
        never,
      ),
    );
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
    await session.execute('CREATE TABLE `odd ``name`(x INT)', [], never);
    await session.execute('INSERT INTO `odd ``name` VALUES (1), (2), (3)', [], never);
    expect(await session.countRows(db.params.database, 'odd `name', never)).toBe(3);
  });

  it('cancels a running statement with QUERY_CANCELLED and stays usable', async () => {
    const controller = new AbortController();
    const running = session.execute('SELECT SLEEP(30)', [], controller.signal);
    // cancel a statement that is executing, not one still on its way
    await waitForRunningStatement('mysql', db.params.database, 'SELECT SLEEP(30)');
    controller.abort();
    expect((await failure(running)).code).toBe('QUERY_CANCELLED');
    expect(await rowsOf(await session.execute('SELECT 1 + 1', [], never)).read(1)).toEqual([[2]]);
    expect(await rowsOf(await session.execute('SELECT COUNT(*) FROM t', [], never)).read(1)).toEqual([[2]]);
  });

  it('closing a half-read big result frees the connection', async () => {
    const cursor = rowsOf(
      await session.execute(
        'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) SELECT x, REPEAT("x", 100) FROM c',
        [],
        never,
      ),
    );
    expect((await cursor.read(10)).length).toBe(10);
    await cursor.close();
    expect(await rowsOf(await session.execute('SELECT 3', [], never)).read(1)).toEqual([[3]]);
  });
});
