/* eslint-disable no-restricted-imports -- a real MariaDB database for the real core, never a mock of it */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlDatabase, randomName, type TempDatabase } from '../../../main/core/connections/test-databases';
import { createSchemaStore, schemaTablesKey } from './schema.store';
import { startCoreClient, type CoreClient } from './testing/core-client';

let core: CoreClient;
let db: TempDatabase<unknown>;
let connectionId: string;
const other = randomName('dataleft_store_');

const run = (sql: string) => core.client.query.run({ connectionId, sql, runId: crypto.randomUUID(), pageSize: 10 });

beforeAll(async () => {
  core = await startCoreClient();
  const created = await createMysqlDatabase();
  db = created;
  connectionId = (
    await core.client.connections.create({ name: 'Listed', params: created.params, password: created.password })
  ).id;
  await core.client.connections.connect({ id: connectionId });
  await run(`CREATE DATABASE ${other}`);
  await run(`CREATE TABLE ${other}.pets (id INT PRIMARY KEY)`);
}, 60_000);

afterAll(async () => {
  await run(`DROP DATABASE IF EXISTS ${other}`).catch(() => undefined);
  await core?.close();
  await db?.drop();
});

describe('schema store: other MariaDB databases', () => {
  const makeStore = () =>
    createSchemaStore({ client: core.client, notifier: { notify: () => undefined, notifyError: () => undefined } });
  const schemaOf = (store: ReturnType<typeof makeStore>, name: string) =>
    store.getState().schemaByConnection[connectionId]?.schemas.find((s) => s.name === name);

  it('reads a listed database on demand and keeps it read across a refresh, which reads it again', async () => {
    const store = makeStore();
    await store.getState().loadSchema(connectionId);
    expect(schemaOf(store, other)).toEqual({ name: other, tables: [], tablesLoaded: false });

    await store.getState().loadSchemaTables(connectionId, other);
    expect(schemaOf(store, other)?.tablesLoaded).toBe(true);
    expect(schemaOf(store, other)?.tables.map((t) => t.name)).toEqual(['pets']);
    expect(store.getState().schemaTablesStatus[schemaTablesKey(connectionId, other)]).toBeUndefined();

    // a table made meanwhile shows after a refresh, without the database closing or emptying first
    await run(`CREATE TABLE ${other}.vets (id INT PRIMARY KEY)`);
    const seen: (string[] | undefined)[] = [];
    const stop = store.subscribe((s) =>
      seen.push(s.schemaByConnection[connectionId]?.schemas.find((x) => x.name === other)?.tables.map((t) => t.name)),
    );
    await store.getState().loadSchema(connectionId, { force: true });
    await new Promise<void>((resolve) => {
      const done = () => schemaOf(store, other)?.tables.length === 2;
      if (done()) return resolve();
      const unsubscribe = store.subscribe(() => {
        if (!done()) return;
        unsubscribe();
        resolve();
      });
    });
    stop();
    expect(seen.every((names) => names !== undefined && names.length > 0)).toBe(true);
    expect(schemaOf(store, other)).toMatchObject({ tablesLoaded: true });
    expect(
      schemaOf(store, other)
        ?.tables.map((t) => t.name)
        .sort(),
    ).toEqual(['pets', 'vets']);
  });

  it('keeps why a database could not be read, until the tree is read again', async () => {
    const store = makeStore();
    await store.getState().loadSchema(connectionId);
    const gone = randomName('dataleft_gone_');
    await store.getState().loadSchemaTables(connectionId, gone);
    expect(store.getState().schemaTablesStatus[schemaTablesKey(connectionId, gone)]).toMatchObject({
      loading: false,
      error: { code: 'NOT_FOUND' },
    });
    await store.getState().loadSchema(connectionId, { force: true });
    expect(store.getState().schemaTablesStatus[schemaTablesKey(connectionId, gone)]).toBeUndefined();
  });
});
