/**
 * npm run bench:last-row — "Last row" on a 2,000,000-row, 4-column result (the bench:paging table) through the
 * browser host, as the grid does it: `POST /rpc` query.run, then the walk of results-paging.ts's readAhead
 * (query.page of one row far ahead, steps sized to take about 400 ms) until the result ends, then the page of
 * the last 50 rows the grid shows. Next to it, in the same run, the engine's own client reading every row to
 * /dev/null (`psql -c "copy (…) to stdout"`, `mariadb --quick`, `sqlite3`): reaching the end cannot be cheaper
 * than the server producing the rows.
 * Goal (issue 5, B2): the last rows on screen in < 3 s for 2M rows on PostgreSQL and MariaDB.
 *
 * BENCH_ROWS (default 2,000,000), BENCH_ROUNDS (default 3), BENCH_ENGINES (default sqlite,postgres,mysql).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConnectionUrl } from '../src/main/core/connections/parse-url';
import {
  createMysqlItems,
  createPostgresItems,
  createSqliteItems,
  ENGINE_LABEL,
  enginesFromEnv,
  ITEMS_SQL,
  type BenchDatabase,
  type BenchEngine,
} from './support/bench-databases';
import { findPeerTool, mariadbCommand, psqlCommand, sqlite3Command } from './support/peer-tools';
import { createRpcClient, type RpcClient } from './support/rpc-client';
import { timeCommand, type CommandSpec } from './support/run-command';
import { interleave, median, ms, range, ratio, roundsFromEnv, table, verdict } from './support/stats';
import { signIn } from './support/web-auth';
import { startWebHostProcess } from './support/web-host-process';

const ROWS = Number(process.env.BENCH_ROWS ?? 2_000_000);
const ROUNDS = roundsFromEnv(3);
const GOAL_MS = 3000;
/** The walk of results-paging.ts (FIRST_STEP, STEP_MS, MAX_STEP). */
const FIRST_STEP = 50_000;
const STEP_MS = 400;
const MAX_STEP = 2_000_000;
const SHOWN = 50;

const PEER: Record<BenchEngine, { tool: string; label: string; command: (db: BenchDatabase) => CommandSpec }> = {
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

interface Page {
  rows: unknown[][];
  done: boolean;
  rowsRead: number;
}

let runs = 0;

/** Run, walk to the end, read the last rows; the time until they are there. */
async function lastRow(rpc: RpcClient, connectionId: string): Promise<number> {
  const start = performance.now();
  const first = await rpc.call<{ kind: string; handle: string; rows: unknown[][]; complete: boolean }>('query.run', {
    connectionId,
    sql: ITEMS_SQL,
    runId: `last-row-${++runs}`,
    pageSize: 500,
  });
  if (first.kind !== 'rows') throw new Error('the bench query returned no rows');
  let loaded = first.rows.length;
  let done = first.complete;
  let step = FIRST_STEP;
  while (!done) {
    const began = performance.now();
    const page = await rpc.call<Page>('query.page', { handle: first.handle, offset: loaded + step, limit: 1 });
    loaded = Math.max(loaded, page.rowsRead);
    done = page.done;
    const took = Math.max(1, performance.now() - began);
    step = Math.round(Math.min(MAX_STEP, Math.max(FIRST_STEP / 5, (step * STEP_MS) / took)));
  }
  const last = await rpc.call<Page>('query.page', { handle: first.handle, offset: loaded - SHOWN, limit: SHOWN });
  const elapsed = performance.now() - start;
  if (loaded !== ROWS || last.rows.length !== SHOWN || Number(last.rows[SHOWN - 1]![0]) !== ROWS)
    throw new Error(
      `expected the last row to be id ${ROWS} of ${ROWS}, got ${String(last.rows.at(-1)?.[0])} of ${loaded}`,
    );
  await rpc.call('query.close', { handle: first.handle });
  return elapsed;
}

async function connect(rpc: RpcClient, db: BenchDatabase): Promise<string> {
  const input =
    db.engine === 'sqlite'
      ? { params: { engine: 'sqlite', file: db.target }, password: null }
      : { ...parseConnectionUrl(db.target) };
  const saved = await rpc.call<{ id: string }>('connections.create', { name: `bench ${db.engine}`, ...input });
  await rpc.call('connections.connect', { id: saved.id });
  return saved.id;
}

function createDatabase(engine: BenchEngine, dir: string): Promise<BenchDatabase> | BenchDatabase {
  if (engine === 'sqlite') return createSqliteItems(ROWS, join(dir, 'items.sqlite'));
  return engine === 'postgres' ? createPostgresItems(ROWS) : createMysqlItems(ROWS);
}

interface EngineResult {
  engine: BenchEngine;
  ours: number[];
  peer: number[];
  peerMissing: string | null;
  error?: string;
}

async function benchEngine(rpc: RpcClient, db: BenchDatabase): Promise<EngineResult> {
  const peer = PEER[db.engine];
  const tool = findPeerTool(peer.tool);
  const connectionId = await connect(rpc, db);
  await lastRow(rpc, connectionId);
  const samples = await interleave(
    ROUNDS,
    {
      ours: () => lastRow(rpc, connectionId),
      peer: () => (tool.missing ? Promise.resolve(Number.NaN) : timeCommand(peer.command(db))),
    },
    (round, r) =>
      console.log(
        `  ${ENGINE_LABEL[db.engine]} round ${round + 1}/${ROUNDS}: last row on screen after ${ms(r.ours)}, ${peer.label} ${tool.missing ? 'missing' : ms(r.peer)}`,
      ),
  );
  await rpc.call('connections.disconnect', { id: connectionId });
  return { engine: db.engine, ours: samples.ours, peer: samples.peer, peerMissing: tool.missing };
}

function report(results: EngineResult[]): void {
  const rows = results.map((r) => {
    if (r.error) return [ENGINE_LABEL[r.engine], 'failed', '', '', '', ''];
    const ratios = r.ours.map((o, i) => o / r.peer[i]!);
    const ours = median(r.ours);
    return [
      ENGINE_LABEL[r.engine],
      `${ms(ours)} (${range(r.ours, ms)})`,
      verdict(ours < GOAL_MS),
      r.peerMissing ? 'missing' : `${ms(median(r.peer))} (${range(r.peer, ms)})`,
      r.peerMissing ? '–' : `${ratio(median(ratios))} (${range(ratios, ratio)})`,
      PEER[r.engine].label,
    ];
  });
  console.log(
    `\n"Last row" on ${ROWS.toLocaleString('en-US')} rows × 4 columns; median of ${ROUNDS} rounds (min–max)\n`,
  );
  console.log(
    table(['engine', `ours (goal < ${GOAL_MS / 1000} s)`, '', 'peer reads all rows', 'ours / peer', 'peer'], rows),
  );
  for (const r of results) {
    if (r.peerMissing) console.log(`\n${ENGINE_LABEL[r.engine]}: no ratio — ${r.peerMissing}.`);
    if (r.error) console.log(`\n${ENGINE_LABEL[r.engine]} failed: ${r.error}`);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'backbench-last-row-'));
  const databases: BenchDatabase[] = [];
  const results: EngineResult[] = [];
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
      process.stdout.write(`building ${ROWS.toLocaleString('en-US')} rows on ${ENGINE_LABEL[engine]}… `);
      const started = performance.now();
      try {
        databases.push(await createDatabase(engine, dir));
        console.log(`done (${ms(performance.now() - started)})`);
      } catch (error) {
        console.log('failed');
        results.push({ engine, ours: [], peer: [], peerMissing: null, error: (error as Error).message });
      }
    }
    host = await startWebHostProcess(join(dir, 'data'));
    rpc = createRpcClient(host.origin, await signIn(host.startUrl));
    for (const db of databases) {
      try {
        results.push(await benchEngine(rpc, db));
      } catch (error) {
        results.push({ engine: db.engine, ours: [], peer: [], peerMissing: null, error: (error as Error).message });
      }
    }
    const order = enginesFromEnv();
    report(results.sort((a, b) => order.indexOf(a.engine) - order.indexOf(b.engine)));
    if (results.some((r) => r.error)) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

await main();
