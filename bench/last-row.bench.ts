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
import { ENGINE_LABEL, ITEMS_SQL, type BenchDatabase, type BenchEngine } from './support/bench-databases';
import { connectItems, ITEMS_PEER, runItemsBench, type EngineOutcome } from './support/items-bench';
import { findPeerTool } from './support/peer-tools';
import type { RpcClient } from './support/rpc-client';
import { timeCommand } from './support/run-command';
import { interleave, median, ms, range, ratio, roundsFromEnv, table, verdict } from './support/stats';

const ROWS = Number(process.env.BENCH_ROWS ?? 2_000_000);
const ROUNDS = roundsFromEnv(3);
const GOAL_MS = 3000;
/** The walk of results-paging.ts (FIRST_STEP, STEP_MS, MAX_STEP). */
const FIRST_STEP = 50_000;
const STEP_MS = 400;
const MAX_STEP = 2_000_000;
const SHOWN = 50;

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

interface Samples {
  ours: number[];
  peer: number[];
  peerMissing: string | null;
}

async function benchEngine(rpc: RpcClient, db: BenchDatabase): Promise<Samples> {
  const peer = ITEMS_PEER[db.engine];
  const tool = findPeerTool(peer.tool);
  const connectionId = await connectItems(rpc, db);
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
  return { ours: samples.ours, peer: samples.peer, peerMissing: tool.missing };
}

function report(outcomes: EngineOutcome<Samples>[]): void {
  const label = (engine: BenchEngine) => ENGINE_LABEL[engine];
  const rows = outcomes.map((o) => {
    if ('error' in o) return [label(o.engine), 'failed', '', '', '', ''];
    const r = o.result;
    const ratios = r.ours.map((v, i) => v / r.peer[i]!);
    const ours = median(r.ours);
    return [
      label(o.engine),
      `${ms(ours)} (${range(r.ours, ms)})`,
      verdict(ours < GOAL_MS),
      r.peerMissing ? 'missing' : `${ms(median(r.peer))} (${range(r.peer, ms)})`,
      r.peerMissing ? '–' : `${ratio(median(ratios))} (${range(ratios, ratio)})`,
      ITEMS_PEER[o.engine].label,
    ];
  });
  console.log(
    `\n"Last row" on ${ROWS.toLocaleString('en-US')} rows × 4 columns; median of ${ROUNDS} rounds (min–max)\n`,
  );
  console.log(
    table(['engine', `ours (goal < ${GOAL_MS / 1000} s)`, '', 'peer reads all rows', 'ours / peer', 'peer'], rows),
  );
  for (const o of outcomes) {
    if ('error' in o) console.log(`\n${label(o.engine)} failed: ${o.error}`);
    else if (o.result.peerMissing) console.log(`\n${label(o.engine)}: no ratio — ${o.result.peerMissing}.`);
  }
}

await runItemsBench('last-row', ROWS, benchEngine, report);
