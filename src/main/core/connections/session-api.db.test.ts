import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, Row } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { dialectFor } from './dialect-for';
import type { DriverSession, ExecuteOutcome, RowCursor, StatementRunner } from './driver-adapter';
import { openSession } from './open-session';
import type { CompiledStatement, SqlValue } from './sql-dialect';
import { createMysqlDatabase, createPgDatabase, type TempDatabase } from './test-databases';

/**
 * The session API that table editing (#4) and the schema designer (#7) build on, on the three real engines:
 * bound parameters, transactions, column provenance, dialect-compiled DML/DDL, and what statements without
 * rows report.
 */

const never = new AbortController().signal;

async function rowsOf(outcome: ExecuteOutcome): Promise<Row[]> {
  if (outcome.kind !== 'rows') throw new Error(`expected rows, got ${JSON.stringify(outcome)}`);
  const rows: Row[] = [];
  for (let batch = await outcome.cursor.read(100); batch.length > 0; batch = await outcome.cursor.read(100))
    rows.push(...batch);
  return rows;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
  return 'no error';
}

const TYPES: Record<Engine, { id: string; big: string; bytes: string; text: string; flag: string }> = {
  sqlite: { id: 'INTEGER', big: 'INTEGER', bytes: 'BLOB', text: 'TEXT', flag: 'BOOLEAN' },
  postgres: { id: 'integer', big: 'bigint', bytes: 'bytea', text: 'text', flag: 'boolean' },
  mysql: { id: 'INT', big: 'BIGINT', bytes: 'VARBINARY(100)', text: 'VARCHAR(100)', flag: 'BOOLEAN' },
};

describe.each(['sqlite', 'postgres', 'mysql'] as const)('session API on %s', (engine) => {
  const d = dialectFor(engine);
  const t = TYPES[engine];
  let dir: string;
  let temp: TempDatabase<unknown> | null = null;
  let session: DriverSession;
  let other: DriverSession;
  const people = { schema: null, table: 'people' };

  const run = (runner: StatementRunner, statement: CompiledStatement) =>
    runner.execute(statement.sql, statement.params, never);
  const ddl = async (statements: CompiledStatement[]) => {
    for (const statement of statements) await run(session, statement);
  };
  const count = async (runner: DriverSession) => (await rowsOf(await run(runner, d.countRows(people))))[0]![0];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-session-api-'));
    let params;
    let password: string | null = null;
    if (engine === 'sqlite') params = { engine: 'sqlite' as const, file: join(dir, 'api.db'), create: true };
    else {
      const db = engine === 'postgres' ? await createPgDatabase() : await createMysqlDatabase();
      temp = db;
      params = db.params;
      password = db.password;
    }
    session = await openSession({ params, password });
    other = await openSession({ params, password });
    await ddl(
      d.createTable(
        people,
        [
          { name: 'org', type: t.id, nullable: false },
          { name: 'id', type: t.id, nullable: false },
          { name: 'name', type: t.text },
          { name: 'big', type: t.big },
          { name: 'photo', type: t.bytes },
          { name: 'active', type: t.flag },
        ],
        ['org', 'id'],
      ),
    );
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await other?.close();
    await temp?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds null, integers past 2^53, bytes, unicode and booleans, and reads them back exactly', async () => {
    const bytes = new Uint8Array([0, 1, 254, 255]);
    const values: Record<string, SqlValue> = {
      org: 1,
      id: 1,
      name: 'Zoë 🌍 “quoted” \' " ` \\',
      big: 9007199254740993n,
      photo: bytes,
      active: true,
    };
    await run(session, d.insert(people, values));
    await run(
      session,
      d.insert(people, { org: 1, id: 2, name: null, big: '-9223372036854775808', photo: null, active: false }),
    );
    const rows = await rowsOf(
      await run(session, d.selectByKey(people, { org: 1 }, ['id', 'name', 'big', 'photo', 'active'])),
    );
    expect(rows.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, values.name, '9007199254740993', { $blob: 'AAH+/w==', size: 4, truncated: false }, true],
      [2, null, '-9223372036854775808', null, false],
    ]);
    // a key compared with NULL matches nothing; a NULL key value is compiled as IS NULL
    expect(await rowsOf(await run(session, d.selectByKey(people, { name: null }, ['id'])))).toEqual([[2]]);
  });

  it('updates and deletes by key, reporting the rows touched and no stale insert id', async () => {
    await run(session, d.insert(people, { org: 2, id: 1, name: 'a' }));
    const updated = await run(session, d.update(people, { org: 2, id: 1 }, { name: 'b' }));
    expect(updated).toEqual({ kind: 'affected', command: 'UPDATE', affectedRows: 1, lastInsertId: null });
    const deleted = await run(session, d.delete(people, { org: 2, id: 1 }));
    expect(deleted).toEqual({ kind: 'affected', command: 'DELETE', affectedRows: 1, lastInsertId: null });
  });

  it('says what a DDL statement did instead of "0 rows affected"', async () => {
    const [create] = d.createTable({ schema: null, table: 'scratch' }, [{ name: 'id', type: t.id }]);
    expect(await run(session, create!)).toEqual({
      kind: 'affected',
      command: 'CREATE TABLE',
      affectedRows: null,
      lastInsertId: null,
    });
    const [drop] = d.dropTable({ schema: null, table: 'scratch' });
    expect(await run(session, drop!)).toMatchObject({ command: 'DROP TABLE', affectedRows: null, lastInsertId: null });
  });

  it('reports the generated id of an insert only', async () => {
    const [create] = d.createTable({ schema: null, table: 'serials' }, [
      {
        name: 'id',
        type: {
          sqlite: 'INTEGER PRIMARY KEY',
          postgres: 'serial PRIMARY KEY',
          mysql: 'INT AUTO_INCREMENT PRIMARY KEY',
        }[engine],
      },
      { name: 'v', type: t.text },
    ]);
    await run(session, create!);
    const inserted = await run(session, d.insert({ schema: null, table: 'serials' }, { v: 'x' }));
    // PostgreSQL has no insert id: RETURNING gives it
    expect(inserted).toMatchObject({
      command: 'INSERT',
      affectedRows: 1,
      lastInsertId: engine === 'postgres' ? null : 1,
    });
    const updated = await run(session, d.update({ schema: null, table: 'serials' }, { id: 1 }, { v: 'y' }));
    expect(updated).toMatchObject({ command: 'UPDATE', lastInsertId: null });
  });

  it('names the source table, column and key of result columns, not of expressions', async () => {
    const sql = d.raw('SELECT p.org, p.name AS who, p.id, 1 + 1 AS two FROM people p WHERE p.org = ?', [1]);
    const outcome = await run(session, sql);
    if (outcome.kind !== 'rows') throw new Error('rows expected');
    await outcome.cursor.close();
    const schema = { sqlite: 'main', postgres: 'public', mysql: (temp?.params as { database?: string })?.database }[
      engine
    ];
    expect(outcome.columns.map((c) => [c.name, c.source ?? null])).toEqual([
      ['org', { schema, table: 'people', column: 'org', primaryKey: true }],
      ['who', { schema, table: 'people', column: 'name', primaryKey: false }],
      ['id', { schema, table: 'people', column: 'id', primaryKey: true }],
      ['two', null],
    ]);
  });

  it('commits a transaction, visible to another connection only after COMMIT', async () => {
    const before = await count(other);
    const result = await session.transaction(async (tx) => {
      await run(tx, d.insert(people, { org: 3, id: 1, name: 'in tx' }));
      const inside = await rowsOf(await run(tx, d.selectByKey(people, { org: 3 }, ['name'])));
      return inside;
    });
    expect(result).toEqual([['in tx']]);
    expect(await count(other)).toBe(Number(before) + 1);
  });

  it('rolls back when the work fails, and rethrows its error', async () => {
    const before = await count(session);
    const failure = new Error('validation failed');
    await expect(
      session.transaction(async (tx) => {
        await run(tx, d.insert(people, { org: 4, id: 1, name: 'gone' }));
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await count(session)).toBe(before);
    // a failing statement rolls back the earlier ones too
    expect(
      await codeOf(
        session.transaction(async (tx) => {
          await run(tx, d.insert(people, { org: 4, id: 2, name: 'gone too' }));
          await run(tx, d.insert(people, { org: 4, id: 2, name: 'duplicate key' }));
        }),
      ),
    ).toBe('SQL_ERROR');
    expect(await count(session)).toBe(before);
  });

  it('refuses nested transactions and session calls from inside one, and works on afterwards', async () => {
    const inner: string[] = [];
    await session.transaction(async () => {
      inner.push(await codeOf(session.transaction(async () => undefined)));
      inner.push(await codeOf(session.execute('SELECT 1', [], never)));
    });
    expect(inner).toEqual(['CONFLICT', 'CONFLICT']);
    expect(await rowsOf(await session.execute('SELECT 1', [], never))).toEqual([[1]]);
  });

  it('refuses to start while a transaction begun with SQL is open', async () => {
    await session.execute(engine === 'mysql' ? 'START TRANSACTION' : 'BEGIN', [], never);
    expect(await codeOf(session.transaction(async () => undefined))).toBe('CONFLICT');
    await session.execute('ROLLBACK', [], never);
    expect(await session.transaction(async () => 'ran')).toBe('ran');
  });

  it('expires results not read before the transaction ended', async () => {
    const held: { cursor?: RowCursor } = {};
    await session.transaction(async (tx) => {
      const outcome = await run(tx, d.selectByKey(people, { org: 1 }, ['id']));
      if (outcome.kind === 'rows') held.cursor = outcome.cursor;
    });
    expect(await codeOf(held.cursor!.read(10))).toBe('RESULT_EXPIRED');
  });

  it('skips rows unencoded and returns the last ones exact (past 2^53 too), across a park and a re-run', async () => {
    const N = 50_000;
    const big = (x: number) => {
      const v = 9007199254700000n + BigInt(x);
      return v > BigInt(Number.MAX_SAFE_INTEGER) ? v.toString() : Number(v);
    };
    const row = (x: number) => [x, big(x)];
    const sql = `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${N}) SELECT x, x + 9007199254700000 AS big FROM c`;
    // MariaDB stops a recursive CTE after 1,000 iterations by default
    if (engine === 'mysql') await session.execute('SET SESSION max_recursive_iterations = 1000000', [], never);
    const outcome = await session.execute(sql, [], never);
    if (outcome.kind !== 'rows') throw new Error('expected rows');
    const cursor = outcome.cursor;
    expect(await cursor.read(2)).toEqual([row(1), row(2)]);
    const mid = await cursor.skip!(20_000, 3);
    expect(mid).toEqual({ skipped: 20_000, tail: [row(20_000), row(20_001), row(20_002)] });
    expect(await cursor.read(1)).toEqual([row(20_003)]);
    // another statement parks the cursor (rows read ahead, the statement closed, re-run where it stopped)
    expect(await rowsOf(await session.execute('SELECT 1', [], never))).toEqual([[1]]);
    const end = await cursor.skip!(1_000_000, 2);
    expect(end).toEqual({ skipped: N - 20_003, tail: [row(N - 1), row(N)] });
    expect(await cursor.read(10)).toEqual([]);
    await cursor.close();
  });

  it('rolls back when a statement in it is cancelled', async () => {
    const before = await count(session);
    const slow = {
      sqlite: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c',
      postgres: 'SELECT pg_sleep(30)',
      mysql: 'SELECT SLEEP(30)',
    }[engine];
    const controller = new AbortController();
    const code = codeOf(
      session.transaction(async (tx) => {
        await run(tx, d.insert(people, { org: 5, id: 1, name: 'cancelled' }));
        const running = tx.execute(slow, [], controller.signal);
        setImmediate(() => controller.abort());
        await rowsOf(await running);
      }),
    );
    expect(await code).toBe('QUERY_CANCELLED');
    expect(await count(session)).toBe(before);
  });
});
