import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '../../../shared/client';
import type { ConnectionParams, Engine, Row } from '../../../shared/domain';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { dialectFor } from '../connections/dialect-for';
import { createMysqlDatabase, createPgDatabase, type TempDatabase } from '../connections/test-databases';
import { createServices, type Services } from '../services';

/** Test support (not shipped): a temp database of `engine` behind real services and an in-memory client. */
export interface DataFixture {
  engine: Engine;
  client: Client;
  services: Services;
  connectionId: string;
  /** The schema a null schema resolves to (public, the temp MySQL database, main). */
  defaultSchema: string;
  /** Runs SQL through query.run (setup and checks). */
  run(sql: string): Promise<void>;
  /** All rows of a SELECT. */
  rows(sql: string): Promise<Row[]>;
  /** An identifier quoted for the engine. */
  q(name: string): string;
  dispose(): Promise<void>;
}

let runs = 0;

export async function openDataFixture(engine: Engine): Promise<DataFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'bb-data-'));
  let temp: TempDatabase<unknown> | null = null;
  let params: ConnectionParams;
  let password: string | null = null;
  if (engine === 'sqlite') params = { engine: 'sqlite', file: join(dir, 'data.db'), create: true };
  else {
    const db = engine === 'postgres' ? await createPgDatabase() : await createMysqlDatabase();
    temp = db;
    params = db.params;
    password = db.password;
  }
  const services = await createServices({ host: 'test', dataDir: dir, createSample: false });
  const client = createClient(createMemoryTransport(services.dispatch));
  const connectionId = (await client.connections.create({ name: engine, params, password })).id;
  const rows = async (sql: string): Promise<Row[]> => {
    const result = await client.query.run({ connectionId, sql, runId: `fixture-${++runs}`, pageSize: 5000 });
    if (result.kind !== 'rows') return [];
    if (result.complete) return result.rows;
    const out = [...result.rows];
    for (;;) {
      const page = await client.query.page({ handle: result.handle, offset: out.length, limit: 5000 });
      out.push(...page.rows);
      if (page.done) return out;
    }
  };
  return {
    engine,
    client,
    services,
    connectionId,
    defaultSchema:
      engine === 'sqlite'
        ? 'main'
        : engine === 'postgres'
          ? 'public'
          : params.engine === 'mysql'
            ? params.database
            : '',
    run: async (sql) => void (await rows(sql)),
    rows,
    q: (name) => dialectFor(engine).quoteIdentifier(name),
    dispose: async () => {
      await services.dispose();
      await temp?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
