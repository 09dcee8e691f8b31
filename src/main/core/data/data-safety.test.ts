import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../shared/client';
import type { DataChange } from '../../../shared/contract/data.contract';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { createServices, type Services } from '../services';

/** data.apply honours the connection's safety: read-only refuses, production runs only once confirmed. */
describe('data.apply and connection safety (SQLite)', () => {
  let dir: string;
  let services: Services;
  let client: Client;
  const ids: Record<string, string> = {};
  const change: DataChange[] = [{ kind: 'update', key: { id: 1 }, values: { name: 'changed' } }];
  const target = (id: string) => ({ connectionId: id, schema: null, table: 't' });
  const name = async () => {
    const result = await client.query.run({
      connectionId: ids.normal!,
      sql: 'SELECT name FROM t',
      runId: `r${Math.random()}`,
      pageSize: 5,
    });
    return result.kind === 'rows' ? result.rows[0]![0] : null;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-data-safety-'));
    services = await createServices({ host: 'test', dataDir: dir, createSample: false });
    client = createClient(createMemoryTransport(services.dispatch));
    const file = join(dir, 'safety.db');
    ids.normal = (
      await client.connections.create({ name: 'normal', params: { engine: 'sqlite', file, create: true } })
    ).id;
    await client.query.run({
      connectionId: ids.normal,
      sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)',
      runId: 'c1',
      pageSize: 5,
    });
    await client.query.run({
      connectionId: ids.normal,
      sql: "INSERT INTO t VALUES (1, 'original')",
      runId: 'c2',
      pageSize: 5,
    });
    for (const safety of ['readOnly', 'production'] as const) {
      ids[safety] = (await client.connections.create({ name: safety, params: { engine: 'sqlite', file, safety } })).id;
    }
  });
  afterAll(async () => {
    await services?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to apply on a read-only connection, even confirmed; preview still works', async () => {
    await expect(
      client.data.apply({ ...target(ids.readOnly!), changes: change, confirmed: true }),
    ).rejects.toMatchObject({
      code: 'READ_ONLY',
    });
    expect((await client.data.preview({ ...target(ids.readOnly!), changes: change })).statements).toHaveLength(1);
    expect(await name()).toBe('original');
    const opened = await client.data.open({
      ...target(ids.readOnly!),
      sort: [],
      filters: [],
      runId: 'ro-open',
      pageSize: 5,
    });
    expect(opened.result.kind === 'rows' && opened.result.rows).toEqual([[1, 'original']]);
  });

  it('applies on a production connection only once confirmed', async () => {
    await expect(client.data.apply({ ...target(ids.production!), changes: change })).rejects.toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
    });
    expect(await name()).toBe('original');
    expect(await client.data.apply({ ...target(ids.production!), changes: change, confirmed: true })).toEqual({
      statements: 1,
      affectedRows: 1,
    });
    expect(await name()).toBe('changed');
  });
});
