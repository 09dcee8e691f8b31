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
import { ENGINE_LABEL, ITEMS_SQL, type BenchDatabase } from './support/bench-databases';
import { connectItems, ITEMS_PEER, runItemsBench, type EngineOutcome } from './support/items-bench';
import { findPeerTool } from './support/peer-tools';
import type { RpcClient } from './support/rpc-client';
import { timeCommand } from './support/run-command';
import { int, interleave, median, ms, range, ratio, roundsFromEnv, table, verdict } from './support/stats';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ROUNDS = roundsFromEnv(3);
const PAGE = 5000;
const GOAL = 0.5;

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

interface EngineResult {
  ours: Paged[];
  peerMs: number[];
  peerMissing: string | null;
}

async function benchEngine(rpc: RpcClient, db: BenchDatabase): Promise<EngineResult> {
  const peer = ITEMS_PEER[db.engine];
  const tool = findPeerTool(peer.tool);
  const connectionId = await connectItems(rpc, db);
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
  return { ours: samples.ours, peerMs: samples.peer, peerMissing: tool.missing };
}

function report(outcomes: EngineOutcome<EngineResult>[]): void {
  const rate = (msValue: number) => ROWS / (msValue / 1000);
  const rows = outcomes.map((o) => {
    if ('error' in o) return [ENGINE_LABEL[o.engine], 'failed', '', '', '', '', ''];
    const r = o.result;
    const ourRates = r.ours.map((s) => rate(s.ms));
    const peerRates = r.peerMs.map(rate);
    // per-round ratios: a load burst during one round slows both sides of that round
    const ratios = r.ours.map((s, i) => rate(s.ms) / peerRates[i]!);
    const medianRatio = r.peerMissing ? Number.NaN : median(ratios);
    return [
      ENGINE_LABEL[o.engine],
      `${int(median(ourRates))} (${range(ourRates, int)})`,
      r.peerMissing ? 'missing' : `${int(median(peerRates))} (${range(peerRates, int)})`,
      r.peerMissing ? '–' : `${ratio(medianRatio)} (${range(ratios, ratio)})`,
      verdict(r.peerMissing ? null : medianRatio >= GOAL),
      ms(median(r.ours.map((s) => s.firstPageMs))),
      ITEMS_PEER[o.engine].label,
    ];
  });
  console.log(
    `\n${ROWS.toLocaleString('en-US')} rows × 4 columns, ${PAGE}-row pages over POST /rpc; median of ${ROUNDS} rounds (min–max)\n`,
  );
  console.log(
    table(['engine', 'ours rows/s', 'peer rows/s', `ratio (goal ≥ ${GOAL})`, '', 'first page', 'peer'], rows),
  );
  for (const o of outcomes) {
    if ('error' in o) console.log(`\n${ENGINE_LABEL[o.engine]} failed: ${o.error}`);
    else if (o.result.peerMissing) console.log(`\n${ENGINE_LABEL[o.engine]}: no ratio — ${o.result.peerMissing}.`);
  }
}

await runItemsBench('paging', ROWS, benchEngine, report);
