import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../shared/client';
import type { ConnectionParams, ConnectionSafety, StatementResult } from '../../../shared/domain';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { createMysqlDatabase, createPgDatabase, type TempDatabase } from '../connections/test-databases';
import { createServices, type Services } from '../services';

/**
 * A connection marked read-only refuses every change — the statements the editor recognises before they are
 * sent, the others in the server (or SQLite) itself; one marked production runs a change only once confirmed.
 */
describe.each(['sqlite', 'postgres', 'mysql'] as const)('connection safety on %s', (engine) => {
  let dir: string;
  let services: Services;
  let client: Client;
  let temp: TempDatabase<unknown> | null = null;
  let params: ConnectionParams;
  let password: string | null = null;
  let n = 0;
  const ids: Partial<Record<ConnectionSafety, string>> = {};

  const run = (safety: ConnectionSafety, sql: string, confirmed?: boolean): Promise<StatementResult> =>
    client.query.run({
      connectionId: ids[safety]!,
      sql,
      runId: `safety-${engine}-${++n}`,
      pageSize: 100,
      ...(confirmed === undefined ? {} : { confirmed }),
    });
  const rows = async (sql: string) => {
    const result = await run('normal', sql);
    return result.kind === 'rows' ? result.rows : null;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-safety-'));
    if (engine === 'sqlite') params = { engine: 'sqlite', file: join(dir, 'safety.db'), create: true };
    else {
      temp = engine === 'postgres' ? await createPgDatabase() : await createMysqlDatabase();
      params = temp.params as ConnectionParams;
      password = temp.password;
    }
    services = await createServices({ host: 'test', dataDir: dir, createSample: false });
    client = createClient(createMemoryTransport(services.dispatch));
    for (const safety of ['normal', 'readOnly', 'production'] as const) {
      const create = engine === 'sqlite' && safety !== 'normal' ? { create: false } : {};
      ids[safety] = (
        await client.connections.create({ name: safety, params: { ...params, ...create, safety }, password })
      ).id;
      if (safety === 'normal') {
        await run('normal', 'CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(50))');
        await run('normal', "INSERT INTO items VALUES (1, 'one')");
        if (engine === 'mysql')
          await run('normal', "CREATE PROCEDURE add_item() INSERT INTO items VALUES (99, 'from a procedure')");
      }
    }
  }, 60_000);

  afterAll(async () => {
    await services?.dispose();
    await temp?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('read-only: reads, and refuses a recognised change before sending it', async () => {
    expect(await run('readOnly', 'SELECT name FROM items')).toMatchObject({ kind: 'rows', rows: [['one']] });
    await expect(run('readOnly', "INSERT INTO items VALUES (2, 'two')")).rejects.toMatchObject({
      code: 'READ_ONLY',
      message: expect.stringMatching(/marked read-only, so INSERT statements are not run/),
    });
    await expect(run('readOnly', 'DROP TABLE items')).rejects.toMatchObject({ code: 'READ_ONLY' });
    // confirming does not lift it
    await expect(run('readOnly', 'DELETE FROM items', true)).rejects.toMatchObject({ code: 'READ_ONLY' });
    expect(await rows('SELECT count(*) FROM items')).toEqual([[1]]);
  });

  it('read-only: a change the editor cannot recognise is refused by the database itself', async () => {
    const hidden = {
      sqlite: 'PRAGMA user_version = 7',
      postgres: 'WITH gone AS (DELETE FROM items RETURNING id) SELECT count(*) FROM gone',
      mysql: 'CALL add_item()',
    }[engine];
    await expect(run('readOnly', hidden)).rejects.toMatchObject({ code: 'READ_ONLY' });
    expect(await rows('SELECT count(*) FROM items')).toEqual([[1]]);
    if (engine === 'sqlite') expect(await rows('PRAGMA user_version')).toEqual([[0]]);
  });

  it('production: a change runs only once confirmed, reads run as always', async () => {
    expect(await run('production', 'SELECT name FROM items')).toMatchObject({ kind: 'rows', rows: [['one']] });
    await expect(run('production', "UPDATE items SET name = 'uno'")).rejects.toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      details: { statementKind: 'update' },
    });
    expect(await rows('SELECT name FROM items')).toEqual([['one']]);
    expect(await run('production', "UPDATE items SET name = 'uno'", true)).toMatchObject({
      kind: 'affected',
      affectedRows: 1,
    });
    expect(await rows('SELECT name FROM items')).toEqual([['uno']]);
    await run('normal', "UPDATE items SET name = 'one'");
  });

  it('keeps refused statements out of the history (they never ran)', async () => {
    await expect(run('production', 'DELETE FROM items')).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    const history = await client.history.list({ connectionId: ids.production!, limit: 50 });
    expect(history.entries.map((e) => e.sql)).not.toContain('DELETE FROM items');
  });
});
