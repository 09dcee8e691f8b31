/**
 * npm run bench:paging — a 1,000,000-row, 4-column result (int, text, decimal, timestamp; the same rows on every
 * engine, in a database the bench creates and drops) paged through the browser host as the renderer does:
 * `backbench web` in its own process, `POST /rpc` query.run then query.page in 5,000-row pages, JSON over HTTP,
 * sequentially to the end. Next to it, in the same run and interleaved round by round, the engine's own client
 * writing the same rows to /dev/null: `psql -c "copy (…) to stdout"`, `mariadb --quick -e`, `sqlite3`.
 * Goal (issue 5, E1): our rows/s ≥ 0.5 × the peer's.
 *
 * BENCH_ROWS (default 1,000,000), BENCH_ROUNDS (default 3), BENCH_ENGINES (default sqlite,postgres,mysql),
 * BENCH_HOST_NODE_ARGS (node flags for the host, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where it spends).
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
import { int, interleave, median, ms, range, ratio, roundsFromEnv, table, verdict } from './support/stats';
import { signIn } from './support/web-auth';
import { startWebHostProcess } from './support/web-host-process';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ROUNDS = roundsFromEnv(3);
const PAGE = 5000;
const GOAL = 0.5;

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

interface Paged {
  ms: number;
  firstPageMs: number;
  rows: number;
}

interface RowsResult {
  kind: 'rows';
  handle: string;
  rows: unknown[][];
  complete: boolean;
}

let runs = 0;

/** query.run, then query.page until done — what the grid does when the user scrolls to the end. */
async function pageThrough(rpc: RpcClient, connectionId: string, maxRows = Infinity): Promise<Paged> {
  const start = performance.now();
  const first = await rpc.call<RowsResult>('query.run', {
    connectionId,
    sql: ITEMS_SQL,
    runId: `bench-${++runs}`,
    pageSize: PAGE,
  });
  const firstPageMs = performance.now() - start;
  if (first.kind !== 'rows') throw new Error('the bench query returned no rows');
  let rows = first.rows.length;
  let done = first.complete;
  while (!done && rows < maxRows) {
    const page = await rpc.call<{ rows: unknown[][]; done: boolean }>('query.page', {
      handle: first.handle,
      offset: rows,
      limit: PAGE,
    });
    rows += page.rows.length;
    done = page.done;
  }
  const elapsed = performance.now() - start;
  if (!done) await rpc.call('query.close', { handle: first.handle });
  return { ms: elapsed, firstPageMs, rows };
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

async function createDatabase(engine: BenchEngine, dir: string): Promise<BenchDatabase> {
  switch (engine) {
    case 'sqlite':
      return createSqliteItems(ROWS, join(dir, 'items.sqlite'));
    case 'postgres':
      return createPostgresItems(ROWS);
    case 'mysql':
      return createMysqlItems(ROWS);
  }
}

interface EngineResult {
  engine: BenchEngine;
  ours: Paged[];
  peerMs: number[];
  peerMissing: string | null;
  error?: string;
}

async function benchEngine(rpc: RpcClient, db: BenchDatabase): Promise<EngineResult> {
  const peer = PEER[db.engine];
  const tool = findPeerTool(peer.tool);
  const connectionId = await connect(rpc, db);
  // warm-up: the host's JIT and the server's caches, for both sides
  await pageThrough(rpc, connectionId, 100_000);
  if (!tool.missing) await timeCommand(peer.command(db));
  const samples = await interleave(
    ROUNDS,
    {
      ours: () => pageThrough(rpc, connectionId),
      peer: () => (tool.missing ? Promise.resolve(Number.NaN) : timeCommand(peer.command(db))),
    },
    (round, r) =>
      console.log(
        `  ${ENGINE_LABEL[db.engine]} round ${round + 1}/${ROUNDS}: ours ${ms(r.ours.ms)} (first page ${ms(r.ours.firstPageMs)}), ${peer.label} ${tool.missing ? 'missing' : ms(r.peer)}`,
      ),
  );
  for (const s of samples.ours)
    if (s.rows !== ROWS) throw new Error(`${db.engine}: paged ${s.rows} rows, expected ${ROWS}`);
  await rpc.call('connections.disconnect', { id: connectionId });
  return { engine: db.engine, ours: samples.ours, peerMs: samples.peer, peerMissing: tool.missing };
}

function report(results: EngineResult[]): void {
  const rate = (msValue: number) => ROWS / (msValue / 1000);
  const rows = results.map((r) => {
    if (r.error) return [ENGINE_LABEL[r.engine], 'failed', '', '', '', '', ''];
    const ourRates = r.ours.map((s) => rate(s.ms));
    const peerRates = r.peerMs.map(rate);
    // per-round ratios: a load burst during one round slows both sides of that round
    const ratios = r.ours.map((s, i) => rate(s.ms) / peerRates[i]!);
    const medianRatio = r.peerMissing ? Number.NaN : median(ratios);
    return [
      ENGINE_LABEL[r.engine],
      `${int(median(ourRates))} (${range(ourRates, int)})`,
      r.peerMissing ? 'missing' : `${int(median(peerRates))} (${range(peerRates, int)})`,
      r.peerMissing ? '–' : `${ratio(medianRatio)} (${range(ratios, ratio)})`,
      verdict(r.peerMissing ? null : medianRatio >= GOAL),
      ms(median(r.ours.map((s) => s.firstPageMs))),
      PEER[r.engine].label,
    ];
  });
  console.log(
    `\n${ROWS.toLocaleString('en-US')} rows × 4 columns, ${PAGE}-row pages over POST /rpc; median of ${ROUNDS} rounds (min–max)\n`,
  );
  console.log(
    table(['engine', 'ours rows/s', 'peer rows/s', `ratio (goal ≥ ${GOAL})`, '', 'first page', 'peer'], rows),
  );
  for (const r of results) {
    if (r.peerMissing) console.log(`\n${ENGINE_LABEL[r.engine]}: no ratio — ${r.peerMissing}.`);
    if (r.error) console.log(`\n${ENGINE_LABEL[r.engine]} failed: ${r.error}`);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'backbench-paging-'));
  const databases: BenchDatabase[] = [];
  const results: EngineResult[] = [];
  let host: Awaited<ReturnType<typeof startWebHostProcess>> | null = null;
  let rpc: RpcClient | null = null;
  let cleaning: Promise<void> | null = null;
  // the databases are dropped however the bench ends, Ctrl-C included
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
        results.push({ engine, ours: [], peerMs: [], peerMissing: null, error: (error as Error).message });
      }
    }
    host = await startWebHostProcess(join(dir, 'data'));
    rpc = createRpcClient(host.origin, await signIn(host.startUrl));
    console.log(`backbench web is running (pid ${host.pid})`);
    for (const db of databases) {
      try {
        results.push(await benchEngine(rpc, db));
      } catch (error) {
        results.push({ engine: db.engine, ours: [], peerMs: [], peerMissing: null, error: (error as Error).message });
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
