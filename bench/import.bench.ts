/**
 * npm run bench:import — a 1,000,000-row CSV (5 columns: integer key, text, real, integer, date) into an
 * SQLite table through `backbench import <file.db> items <csv>` (bin/backbench.mjs, as a user runs it: the
 * import core with its type checks, multi-row INSERTs, one transaction), next to Debian's `sqlite3` CLI doing
 * `.import` of the same file into the same empty table, interleaved round by round in the same run. Each round
 * starts both from a fresh database file. Goal (issue 6): ratio (sqlite3 time / ours) ≥ 0.8.
 *
 * Each command's CPU time (user + system, every thread; GNU time's) is shown too: on a machine busy with other
 * work the wall times say more about the other work, the CPU times less.
 *
 * BENCH_ROUNDS (default 5), BENCH_ROWS (default 1,000,000).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import { repoRoot } from './support/paths';
import { findPeerTool } from './support/peer-tools';
import { timeCommand, type CommandSpec } from './support/run-command';
import { int, interleave, median, ms, range, ratio, roundsFromEnv, table, verdict } from './support/stats';

const ROUNDS = roundsFromEnv(5);
const ROWS = Number(process.env.BENCH_ROWS) > 0 ? Math.floor(Number(process.env.BENCH_ROWS)) : 1_000_000;
const GOAL_RATIO = 0.8;
const BIN = join(repoRoot, 'bin', 'backbench.mjs');
const DDL = 'create table items (id integer primary key, name text, price real, qty integer, created date)';

/**
 * The CSV: a header, then ROWS rows; names with a comma or a quote now and then, so quoting is exercised (the
 * import reads those lines with csv-parse, the others with Papa Parse: csv-plain-rows.ts).
 */
async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('id,name,price,qty,created\n');
  let chunk = '';
  for (let i = 1; i <= ROWS; i++) {
    const name = i % 50 === 0 ? `"item ${i}, ""special"""` : `item ${i}`;
    chunk += `${i},${name},${(i % 1000) + 0.25},${i % 97},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

function freshDb(file: string): void {
  rmSync(file, { force: true });
  const db = new Database(file);
  db.exec(DDL);
  db.close();
}

/** Both must have imported every row, the same rows, before their times mean anything. */
function check(file: string, who: string): void {
  const db = new Database(file, { readonly: true });
  const { n, s } = db.prepare('select count(*) as n, sum(qty) as s from items').get() as { n: number; s: number };
  db.close();
  if (n !== ROWS) throw new Error(`${who} imported ${n} rows, not ${ROWS}`);
  expectedSum ??= s;
  if (s !== expectedSum) throw new Error(`${who} imported different values (sum(qty) ${s} vs ${expectedSum})`);
}
let expectedSum: number | undefined;

const GNU_TIME = '/usr/bin/time';

/** The command's wall time (ms), and its CPU time (ms) into `cpu` where GNU time is there to measure it. */
async function timeWithCpu(spec: CommandSpec, cpu: number[], dir: string): Promise<number> {
  if (!existsSync(GNU_TIME)) return timeCommand(spec);
  const out = join(dir, 'cpu.txt');
  const elapsed = await timeCommand({
    ...spec,
    command: GNU_TIME,
    args: ['-f', '%U %S', '-o', out, spec.command, ...spec.args],
  });
  const [user, system] = readFileSync(out, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  if (Number.isFinite(user) && Number.isFinite(system)) cpu.push((user! + system!) * 1000);
  return elapsed;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'backbench-import-bench-'));
  try {
    const csv = join(dir, 'items.csv');
    await writeCsv(csv);
    const oursDb = join(dir, 'ours.db');
    const peerDb = join(dir, 'peer.db');
    const ours: CommandSpec = { command: process.execPath, args: [BIN, 'import', oursDb, 'items', csv] };
    const peer: CommandSpec = { command: 'sqlite3', args: [peerDb, '.mode csv', `.import --skip 1 ${csv} items`] };
    const tool = findPeerTool('sqlite3');
    // the first run may rebuild the app (bin/backbench.mjs does when the sources changed): not measured
    freshDb(oursDb);
    const first = spawnSync(ours.command, ours.args, { encoding: 'utf8' });
    if (first.status !== 0) throw new Error(`backbench import failed (${first.status}): ${first.stderr.trim()}`);
    check(oursDb, 'backbench import');
    const cpu: Record<'ours' | 'sqlite3', number[]> = { ours: [], sqlite3: [] };
    const contenders: Record<string, () => Promise<number>> = {
      ours: async () => {
        freshDb(oursDb);
        const elapsed = await timeWithCpu(ours, cpu.ours, dir);
        check(oursDb, 'backbench import');
        return elapsed;
      },
    };
    if (!tool.missing) {
      contenders.sqlite3 = async () => {
        freshDb(peerDb);
        const elapsed = await timeWithCpu(peer, cpu.sqlite3, dir);
        check(peerDb, 'sqlite3 .import');
        return elapsed;
      };
    }
    const loadAtStart = loadavg()[0]!;
    console.log(`${ROUNDS} rounds of: ${Object.keys(contenders).join(', ')} (${int(ROWS)} rows)`);
    const samples = await interleave(ROUNDS, contenders, (round, r) =>
      console.log(
        `round ${round + 1}: ours ${ms(r.ours!)}${r.sqlite3 !== undefined ? `, sqlite3 ${ms(r.sqlite3)}` : ''}`,
      ),
    );
    const oursMs = median(samples.ours!);
    const peerMs = samples.sqlite3 ? median(samples.sqlite3) : Number.NaN;
    const r = peerMs / oursMs;
    console.log(`\n${int(ROWS)}-row CSV into SQLite: median wall time of ${ROUNDS} rounds (min–max)\n`);
    console.log(
      table(
        ['', 'sqlite3 .import', 'backbench import', 'rows/s (ours)', 'ratio (sqlite3 / ours)', `goal ≥ ${GOAL_RATIO}`],
        [
          [
            'SQLite',
            `${ms(peerMs)} (${samples.sqlite3 ? range(samples.sqlite3, ms) : '–'})`,
            `${ms(oursMs)} (${range(samples.ours!, ms)})`,
            int(ROWS / (oursMs / 1000)),
            ratio(r),
            verdict(Number.isFinite(r) ? r >= GOAL_RATIO : null),
          ],
        ],
      ),
    );
    // the import runs on two threads and sqlite3 on one: other work on the machine costs ours more, so the
    // ratio is only comparable between runs on a machine that is otherwise idle
    console.log(
      `load average (1 min): ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end, on ${availableParallelism()} cores`,
    );
    if (cpu.ours.length > 0) {
      const oursCpu = median(cpu.ours);
      const peerCpu = cpu.sqlite3.length > 0 ? median(cpu.sqlite3) : Number.NaN;
      const rCpu = peerCpu / oursCpu;
      console.log(`\nthe same runs' CPU time (user + system, all threads): median (min–max)\n`);
      console.log(
        table(
          ['', 'sqlite3 .import', 'backbench import', 'ratio (sqlite3 / ours)', `goal ≥ ${GOAL_RATIO}`],
          [
            [
              'SQLite',
              `${ms(peerCpu)} (${cpu.sqlite3.length > 0 ? range(cpu.sqlite3, ms) : '–'})`,
              `${ms(oursCpu)} (${range(cpu.ours, ms)})`,
              ratio(rCpu),
              verdict(Number.isFinite(rCpu) ? rCpu >= GOAL_RATIO : null),
            ],
          ],
        ),
      );
    } else console.log(`no CPU times: ${GNU_TIME} (GNU time) is not installed.`);
    if (tool.missing) console.log(`no peer: ${tool.missing}.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
