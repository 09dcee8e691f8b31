import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataChange } from '../../../shared/contract/data.contract';
import { openDataFixture, type DataFixture } from './data-test-support';

/** data.preview / data.apply on real SQLite, PostgreSQL and MariaDB: atomic, literal, by key or without one. */
describe.each(['sqlite', 'postgres', 'mysql'] as const)('data.apply on %s', (engine) => {
  let f: DataFixture;
  const text = engine === 'mysql' ? 'VARCHAR(200)' : 'TEXT';
  const target = (table: string) => ({ connectionId: f.connectionId, schema: null, table });
  const apply = (table: string, changes: DataChange[]) => f.client.data.apply({ ...target(table), changes });
  const ids = async (table: string) => (await f.rows(`SELECT id FROM ${f.q(table)} ORDER BY id`)).map((r) => r[0]);

  beforeAll(async () => {
    f = await openDataFixture(engine);
  });
  afterAll(async () => {
    await f?.dispose();
  });

  it('applies staged updates, inserts and deletes in one go; preview shows exactly those statements', async () => {
    await f.run(`CREATE TABLE t1 (id INT PRIMARY KEY, name ${text} NOT NULL, qty INT DEFAULT 7)`);
    await f.run(`INSERT INTO t1 (id, name, qty) VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 3)`);
    const changes: DataChange[] = [
      { kind: 'update', key: { id: 1 }, values: { name: 'A', qty: null } },
      { kind: 'insert', values: { id: 4, name: 'd', qty: { $default: true } } },
      { kind: 'delete', key: { id: 2 } },
    ];
    const preview = await f.client.data.preview({ ...target('t1'), changes });
    const ph = (n: number) => (engine === 'postgres' ? `$${n}` : '?');
    const t = `${engine === 'sqlite' ? '' : `${f.q(f.defaultSchema)}.`}${f.q('t1')}`;
    const statements = preview.statements.map((s) => ({ change: s.change, sql: s.sql, params: s.params }));
    const update = {
      change: 0,
      sql: `update ${t} set ${f.q('name')} = ${ph(1)}, ${f.q('qty')} = ${ph(2)} where ${f.q('id')} = ${ph(3)}`,
      params: ['A', null, 1],
    };
    expect(statements).toEqual([
      ...(engine === 'mysql'
        ? [
            {
              change: 0,
              sql: `select count(*) as ${f.q('n')} from ${t} where ${f.q('id')} = ? for update`,
              params: [1],
            },
          ]
        : []),
      update,
      {
        change: 1,
        sql: `insert into ${t} (${f.q('id')}, ${f.q('name')}) values (${ph(1)}, ${ph(2)})`,
        params: [4, 'd'],
      },
      { change: 2, sql: `delete from ${t} where ${f.q('id')} = ${ph(1)}`, params: [2] },
    ]);
    const result = await apply('t1', changes);
    expect(result).toEqual({ statements: statements.length, affectedRows: 3 });
    expect(await f.rows('SELECT id, name, qty FROM t1 ORDER BY id')).toEqual([
      [1, 'A', null],
      [3, 'c', 3],
      [4, 'd', 7],
    ]);
  });

  it('applies nothing when one change fails, and names that change with the database message', async () => {
    await f.run(`CREATE TABLE t2 (id INT PRIMARY KEY, name ${text} NOT NULL)`);
    await f.run(`INSERT INTO t2 (id, name) VALUES (1, 'a'), (2, 'b')`);
    const error = await apply('t2', [
      { kind: 'update', key: { id: 1 }, values: { name: 'changed' } },
      { kind: 'delete', key: { id: 2 } },
      { kind: 'insert', values: { id: 1, name: 'duplicate key' } },
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SQL_ERROR', details: { change: 2 } });
    expect((error as Error).message).toMatch(/^Change 3 \(insert\) failed, nothing was applied: /);
    expect(await f.rows('SELECT id, name FROM t2 ORDER BY id')).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('rolls back with CONFLICT when a row to update or delete is gone', async () => {
    await f.run(`CREATE TABLE t3 (id INT PRIMARY KEY, name ${text})`);
    await f.run(`INSERT INTO t3 (id, name) VALUES (1, 'a')`);
    const error = await apply('t3', [
      { kind: 'update', key: { id: 1 }, values: { name: 'x' } },
      { kind: 'delete', key: { id: 99 } },
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { change: 1, matchedRows: 0 } });
    expect(await f.rows('SELECT name FROM t3')).toEqual([['a']]);
  });

  it('accepts an update that writes the values the row already has (MySQL counts it as 0 changed rows)', async () => {
    await f.run(`CREATE TABLE t4 (id INT PRIMARY KEY, name ${text})`);
    await f.run(`INSERT INTO t4 (id, name) VALUES (1, 'same')`);
    expect(await apply('t4', [{ kind: 'update', key: { id: 1 }, values: { name: 'same' } }])).toMatchObject({
      affectedRows: 1,
    });
  });

  it('edits a table without a primary key: by rowid on SQLite, by all values elsewhere; duplicates conflict', async () => {
    await f.run(`CREATE TABLE nk (a INT, b ${text})`);
    await f.run(`INSERT INTO nk (a, b) VALUES (1, 'x'), (2, NULL), (3, 'dup'), (3, 'dup')`);
    const opened = await f.client.data.open({
      ...target('nk'),
      sort: [],
      filters: [],
      runId: `nk-${engine}`,
      pageSize: 10,
    });
    if (opened.result.kind !== 'rows') throw new Error('rows expected');
    const rows = opened.result.rows;
    const byA = (a: number) => rows.find((r) => r[0] === a)!;
    const key = (row: unknown[]) =>
      opened.identity.kind === 'rowid'
        ? { [opened.identity.rowidColumn]: row[2] as number }
        : { a: row[0] as number, b: row[1] as string | null };
    await apply('nk', [
      { kind: 'update', key: key(byA(1)), values: { b: 'y' } },
      { kind: 'delete', key: key(byA(2)) },
    ]);
    expect(await f.rows('SELECT a, b FROM nk ORDER BY a')).toEqual([
      [1, 'y'],
      [3, 'dup'],
      [3, 'dup'],
    ]);
    const dup = rows.filter((r) => r[0] === 3)[1]!;
    if (engine === 'sqlite') {
      await apply('nk', [{ kind: 'delete', key: key(dup) }]);
      expect(await f.rows('SELECT a, b FROM nk ORDER BY a')).toEqual([
        [1, 'y'],
        [3, 'dup'],
      ]);
    } else {
      for (const change of [
        { kind: 'update', key: key(dup), values: { b: 'one' } },
        { kind: 'delete', key: key(dup) },
      ] as DataChange[]) {
        const error = await apply('nk', [change]).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'CONFLICT', details: { change: 0, matchedRows: 2 } });
        expect((error as Error).message).toContain('cannot be told apart');
      }
      expect(await f.rows('SELECT a, b FROM nk WHERE a = 3')).toEqual([
        [3, 'dup'],
        [3, 'dup'],
      ]);
      // a key holding only some original values (a long text left out) is enough when it finds one row
      await apply('nk', [{ kind: 'update', key: { a: 1 }, values: { b: 'by a' } }]);
      expect(await f.rows('SELECT b FROM nk WHERE a = 1')).toEqual([['by a']]);
      await expect(apply('nk', [{ kind: 'delete', key: { a: 3 } }])).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(apply('nk', [{ kind: 'delete', key: {} }])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
  });

  it('matches a key-less row holding JSON, a date and a decimal by all its values', async () => {
    const json = engine === 'postgres' ? 'json' : engine === 'mysql' ? 'JSON' : 'TEXT';
    const ts = engine === 'postgres' ? 'timestamp' : engine === 'mysql' ? 'DATETIME' : 'TEXT';
    await f.run(`CREATE TABLE nkj (j ${json}, d ${ts}, n DECIMAL(10,2), s ${text})`);
    await f.run(
      `INSERT INTO nkj (j, d, n, s) VALUES ('{"a": [1, 2]}', '2024-02-29 13:45:00', 12.5, 'x'), ('[]', NULL, 1, 'y')`,
    );
    const opened = await f.client.data.open({
      ...target('nkj'),
      sort: [],
      filters: [],
      runId: `nkj-${engine}`,
      pageSize: 10,
    });
    if (opened.result.kind !== 'rows') throw new Error('rows expected');
    const row = opened.result.rows.find((r) => r[3] === 'x')!;
    const key =
      opened.identity.kind === 'rowid'
        ? { [opened.identity.rowidColumn]: row[4] as number }
        : { j: row[0] as string, d: row[1] as string, n: row[2] as string, s: 'x' };
    await apply('nkj', [{ kind: 'update', key, values: { s: 'changed' } }]);
    expect((await f.rows('SELECT s FROM nkj ORDER BY s')).map((r) => r[0])).toEqual(['changed', 'y']);
  });

  it('stores quotes, newlines, unicode, binary and a 1 MB text exactly', async () => {
    const blob = engine === 'sqlite' ? 'BLOB' : engine === 'postgres' ? 'bytea' : 'LONGBLOB';
    const long = engine === 'mysql' ? 'LONGTEXT' : 'TEXT';
    await f.run(`CREATE TABLE vals (id INT PRIMARY KEY, t ${long}, b ${blob})`);
    const tricky = `it's "quoted" \\ back\nnew line\ttab — ünïcødé 🎉 ?? $1 %_`;
    const bytes = Buffer.from([0, 1, 2, 255, 39, 34, 92, 10]);
    const big = 'x'.repeat(1024 * 1024 - 1) + 'é';
    await apply('vals', [
      { kind: 'insert', values: { id: 1, t: tricky, b: { $base64: bytes.toString('base64') } } },
      { kind: 'insert', values: { id: 2, t: big, b: null } },
    ]);
    const rows = await f.rows('SELECT id, t, b FROM vals WHERE id = 1');
    expect(rows[0]![1]).toBe(tricky);
    expect(rows[0]![2]).toEqual({ $blob: bytes.toString('base64'), size: bytes.length, truncated: false });
    const len = engine === 'mysql' ? 'CHAR_LENGTH' : 'LENGTH';
    expect((await f.rows(`SELECT ${len}(t) FROM vals WHERE id = 2`))[0]![0]).toBe(1024 * 1024);
    // the whole value compared on the server, bound as a filter parameter
    const found = await f.client.data.open({
      ...target('vals'),
      sort: [],
      filters: [{ column: 't', op: 'eq', value: big }],
      runId: `big-${engine}`,
      pageSize: 10,
    });
    expect(found.result.kind === 'rows' && found.result.rows.map((r) => r[0])).toEqual([2]);
    await apply('vals', [{ kind: 'update', key: { id: 1 }, values: { t: `${tricky}!` } }]);
    expect((await f.rows('SELECT t FROM vals WHERE id = 1'))[0]![0]).toBe(`${tricky}!`);
  });

  it('binds SQL typed into a cell and into a filter as a value: stored and compared literally', async () => {
    await f.run(`CREATE TABLE x (id INT PRIMARY KEY, name ${text})`);
    const attack = `'; DROP TABLE x; --`;
    await apply('x', [
      { kind: 'insert', values: { id: 1, name: attack } },
      { kind: 'insert', values: { id: 2, name: 'plain' } },
    ]);
    await apply('x', [{ kind: 'update', key: { id: 2 }, values: { name: `${attack} 2` } }]);
    expect(await f.rows('SELECT id, name FROM x ORDER BY id')).toEqual([
      [1, attack],
      [2, `${attack} 2`],
    ]);
    for (const op of ['eq', 'contains', 'startsWith'] as const) {
      const opened = await f.client.data.open({
        ...target('x'),
        sort: [{ column: 'id', direction: 'asc' }],
        filters: [{ column: 'name', op, value: attack }],
        runId: `x-${op}-${engine}`,
        pageSize: 10,
      });
      if (opened.result.kind !== 'rows') throw new Error('rows expected');
      expect(opened.result.rows.map((r) => r[0])).toEqual(op === 'eq' ? [1] : [1, 2]);
      expect(opened.sql).not.toContain('DROP');
    }
    expect(await ids('x')).toEqual([1, 2]);
  });

  it('quotes table and column names with spaces, quotes and reserved words', async () => {
    const table = `it's "a" table`;
    const cols = { id: 'select', name: 'my "col"', other: 'order`by' };
    await f.run(
      `CREATE TABLE ${f.q(table)} (${f.q(cols.id)} INT PRIMARY KEY, ${f.q(cols.name)} ${text}, ${f.q(cols.other)} INT)`,
    );
    await apply(table, [
      { kind: 'insert', values: { [cols.id]: 1, [cols.name]: 'one', [cols.other]: 10 } },
      { kind: 'insert', values: { [cols.id]: 2, [cols.name]: 'two', [cols.other]: 20 } },
    ]);
    await apply(table, [
      { kind: 'update', key: { [cols.id]: 1 }, values: { [cols.name]: 'uno' } },
      { kind: 'delete', key: { [cols.id]: 2 } },
    ]);
    const opened = await f.client.data.open({
      ...target(table),
      sort: [{ column: cols.other, direction: 'desc' }],
      filters: [{ column: cols.name, op: 'contains', value: 'un' }],
      runId: `names-${engine}`,
      pageSize: 10,
    });
    if (opened.result.kind !== 'rows') throw new Error('rows expected');
    expect(opened.result.rows).toEqual([[1, 'uno', 10]]);
  });

  it('writes DEFAULT in an update (SQLite: the column default expression) and leaves it out of an insert', async () => {
    await f.run(`CREATE TABLE d (id INT PRIMARY KEY, n INT DEFAULT 42, s ${text})`);
    await apply('d', [
      { kind: 'insert', values: { id: 1, n: 1, s: 'a' } },
      { kind: 'insert', values: { id: 2, n: { $default: true }, s: { $default: true } } },
    ]);
    await apply('d', [{ kind: 'update', key: { id: 1 }, values: { n: { $default: true }, s: { $default: true } } }]);
    expect(await f.rows('SELECT id, n, s FROM d ORDER BY id')).toEqual([
      [1, 42, null],
      [2, 42, null],
    ]);
  });

  it('inserts a row of defaults only, and binds booleans and big integers', async () => {
    const serial =
      engine === 'sqlite'
        ? 'INTEGER PRIMARY KEY'
        : engine === 'postgres'
          ? 'serial PRIMARY KEY'
          : 'INT AUTO_INCREMENT PRIMARY KEY';
    const bool = engine === 'postgres' ? 'boolean' : 'BOOLEAN';
    await f.run(
      `CREATE TABLE dd (id ${serial}, flag ${bool} DEFAULT ${engine === 'postgres' ? 'true' : '1'}, big BIGINT)`,
    );
    await apply('dd', [
      { kind: 'insert', values: { id: { $default: true }, flag: { $default: true } } },
      { kind: 'insert', values: { flag: false, big: '9007199254740993' } },
    ]);
    await apply('dd', [{ kind: 'update', key: { id: 1 }, values: { flag: false, big: '-9223372036854775808' } }]);
    const opened = await f.client.data.open({
      ...target('dd'),
      sort: [{ column: 'id', direction: 'asc' }],
      filters: [{ column: 'flag', op: 'eq', value: false }],
      runId: `dd-${engine}`,
      pageSize: 10,
    });
    if (opened.result.kind !== 'rows') throw new Error('rows expected');
    expect(opened.result.rows).toEqual([
      [1, false, '-9223372036854775808'],
      [2, false, '9007199254740993'],
    ]);
  });

  it('refuses views, generated columns and keys that do not name the key columns', async () => {
    await f.run(`CREATE TABLE g (id INT PRIMARY KEY, n INT)`);
    await f.run(`CREATE VIEW gv AS SELECT id, n FROM g`);
    await expect(apply('gv', [{ kind: 'delete', key: { id: 1 } }])).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(apply('g', [{ kind: 'delete', key: { n: 1 } }])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('missing id'),
    });
    await expect(apply('g', [{ kind: 'insert', values: { id: 1, nope: 2 } }])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('"nope"'),
    });
  });
});
