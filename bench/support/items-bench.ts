import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConnectionUrl } from '../../src/main/core/connections/parse-url';
import {
  createMysqlItems,
  createPostgresItems,
  createSqliteItems,
  ENGINE_LABEL,
  enginesFromEnv,
  ITEMS_SQL,
  type BenchDatabase,
  type BenchEngine,
} from './bench-databases';
import { mariadbCommand, psqlCommand, sqlite3Command } from './peer-tools';
import { createRpcClient, type RpcClient } from './rpc-client';
import type { CommandSpec } from './run-command';
import { ms } from './stats';
import { signIn } from './web-auth';
import { startWebHostProcess } from './web-host-process';

/**
 * What bench:paging and bench:last-row share: the items table on each engine, `backbench web` in its own
 * process with a signed-in RPC client, and the engine's own client reading every row as the peer.
 */

export const ITEMS_PEER: Record<
  BenchEngine,
  { tool: string; label: string; command: (db: BenchDatabase) => CommandSpec }
> = {
  postgres: {
    tool: 'psql',
    label: 'psql copy to stdout',
    command: (db) => psqlCommand(db.target, `copy (${ITEMS_SQL}) to stdout`),
  },
  mysql: {
    tool: 'mariadb',
    label: 'mariadb --quick',
    command: (db) => mariadbCommand(db.target, ITEMS_SQL, ['--quick']),
  },
  sqlite: { tool: 'sqlite3', label: 'sqlite3', command: (db) => sqlite3Command(db.target, ITEMS_SQL) },
};

/** Saves and connects a connection to `db` through the host; its id. */
export async function connectItems(rpc: RpcClient, db: BenchDatabase): Promise<string> {
  const input =
    db.engine === 'sqlite'
      ? { params: { engine: 'sqlite', file: db.target }, password: null }
      : { ...parseConnectionUrl(db.target) };
  const saved = await rpc.call<{ id: string }>('connections.create', { name: `bench ${db.engine}`, ...input });
  await rpc.call('connections.connect', { id: saved.id });
  return saved.id;
}

function createItems(engine: BenchEngine, rows: number, dir: string): Promise<BenchDatabase> | BenchDatabase {
  if (engine === 'sqlite') return createSqliteItems(rows, join(dir, 'items.sqlite'));
  return engine === 'postgres' ? createPostgresItems(rows) : createMysqlItems(rows);
}

/** One engine's outcome: its samples, or why there are none. */
export type EngineOutcome<R> = { engine: BenchEngine; result: R } | { engine: BenchEngine; error: string };

/**
 * Builds the items table with `rows` rows on every engine of BENCH_ENGINES, starts `backbench web`, runs
 * `benchEngine` per database, and hands the outcomes (in engine order) to `report`. Databases and the host are
 * cleaned up however the bench ends, Ctrl-C included; a failed engine sets exit code 1.
 */
export async function runItemsBench<R>(
  name: string,
  rows: number,
  benchEngine: (rpc: RpcClient, db: BenchDatabase) => Promise<R>,
  report: (outcomes: EngineOutcome<R>[]) => void,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `backbench-${name}-`));
  const databases: BenchDatabase[] = [];
  const outcomes: EngineOutcome<R>[] = [];
  let host: Awaited<ReturnType<typeof startWebHostProcess>> | null = null;
  let rpc: RpcClient | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      rpc?.close();
      await host?.stop();
      for (const db of databases) await db.drop().catch((e: unknown) => console.error(`cleanup: ${String(e)}`));
      rmSync(dir, { recursive: true, force: true });
    })());
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    for (const engine of enginesFromEnv()) {
      process.stdout.write(`building ${rows.toLocaleString('en-US')} rows on ${ENGINE_LABEL[engine]}… `);
      const started = performance.now();
      try {
        databases.push(await createItems(engine, rows, dir));
        console.log(`done (${ms(performance.now() - started)})`);
      } catch (error) {
        console.log('failed');
        outcomes.push({ engine, error: (error as Error).message });
      }
    }
    host = await startWebHostProcess(join(dir, 'data'));
    rpc = createRpcClient(host.origin, await signIn(host.startUrl));
    console.log(`backbench web is running (pid ${host.pid})`);
    for (const db of databases) {
      try {
        outcomes.push({ engine: db.engine, result: await benchEngine(rpc, db) });
      } catch (error) {
        outcomes.push({ engine: db.engine, error: (error as Error).message });
      }
    }
    const order = enginesFromEnv();
    report(outcomes.sort((a, b) => order.indexOf(a.engine) - order.indexOf(b.engine)));
    if (outcomes.some((o) => 'error' in o)) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}
