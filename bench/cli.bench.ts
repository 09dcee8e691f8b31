/**
 * npm run bench:cli — wall time of `backbench query <target> "select 1"` (bin/backbench.mjs, as a user runs it)
 * for an SQLite file, a PostgreSQL URL and a MariaDB URL, next to `sqlite3`, `psql -c` and `mariadb -e` doing
 * the same, interleaved round by round in the same run. Goals (issue 5, E2): ≤ 2 × psql (and × mariadb), and
 * ≤ 150 ms on SQLite.
 *
 * BENCH_ROUNDS (default 10), BENCH_ENGINES (default sqlite,postgres,mysql).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ENGINE_LABEL, enginesFromEnv, MYSQL_URL, PG_URL, type BenchEngine } from './support/bench-databases';
import { repoRoot } from './support/paths';
import { findPeerTool, mariadbCommand, psqlCommand, sqlite3Command } from './support/peer-tools';
import { timeCommand, type CommandSpec } from './support/run-command';
import { interleave, median, ms, range, ratio, roundsFromEnv, table, verdict } from './support/stats';

const ROUNDS = roundsFromEnv(10);
const SQL = 'select 1';
const SQLITE_GOAL_MS = 150;
const PEER_GOAL_RATIO = 2;
const BIN = join(repoRoot, 'bin', 'backbench.mjs');
/** Node reads this CA bundle at startup, in every process, whether or not it ever opens a TLS connection. */
const EXTRA_CA = process.env.NODE_EXTRA_CA_CERTS;

interface Case {
  engine: BenchEngine;
  target: string;
  peerTool: string;
  peer: CommandSpec;
}

function ours(target: string, env?: CommandSpec['env']): CommandSpec {
  return { command: process.execPath, args: [BIN, 'query', target, SQL], env };
}

/** Our command must answer correctly before its time means anything. */
function checkOurs(target: string): void {
  const result = spawnSync(process.execPath, [BIN, 'query', target, SQL, '--format', 'csv'], { encoding: 'utf8' });
  const rows = result.stdout.trim().split('\n');
  if (result.status !== 0 || rows.at(-1) !== '1')
    throw new Error(`backbench query ${target} failed (${result.status}): ${result.stderr.trim() || result.stdout}`);
}

function cases(file: string): Case[] {
  const all: Case[] = [
    { engine: 'sqlite', target: file, peerTool: 'sqlite3', peer: sqlite3Command(file, SQL) },
    { engine: 'postgres', target: PG_URL, peerTool: 'psql', peer: psqlCommand(PG_URL, SQL) },
    { engine: 'mysql', target: MYSQL_URL, peerTool: 'mariadb', peer: mariadbCommand(MYSQL_URL, SQL) },
  ];
  const wanted = enginesFromEnv();
  return all.filter((c) => wanted.includes(c.engine));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'backbench-cli-bench-'));
  try {
    const file = join(dir, 'bench.sqlite');
    const db = new Database(file);
    db.exec('create table t (x integer)');
    db.close();
    // the first run may rebuild the app (bin/backbench.mjs does when the sources changed): not measured
    const list = cases(file);
    const missing: string[] = [];
    const contenders: Record<string, () => Promise<number>> = {
      'node -e 0': () => timeCommand({ command: process.execPath, args: ['-e', '0'] }),
    };
    if (EXTRA_CA)
      contenders['node -e 0, no extra CA'] = () =>
        timeCommand({ command: process.execPath, args: ['-e', '0'], env: { NODE_EXTRA_CA_CERTS: undefined } });
    for (const c of list) {
      checkOurs(c.target);
      contenders[`ours ${c.engine}`] = () => timeCommand(ours(c.target));
      if (EXTRA_CA)
        contenders[`ours ${c.engine}, no extra CA`] = () =>
          timeCommand(ours(c.target, { NODE_EXTRA_CA_CERTS: undefined }));
      const tool = findPeerTool(c.peerTool);
      if (tool.missing) missing.push(tool.missing);
      else contenders[`peer ${c.engine}`] = () => timeCommand(c.peer);
    }
    // warm-up: file caches, the server's connection setup paths
    for (const run of Object.values(contenders)) await run();
    console.log(`${ROUNDS} rounds of: ${Object.keys(contenders).join(', ')}`);
    const samples = await interleave(ROUNDS, contenders);
    const med = (name: string) => (samples[name] ? median(samples[name]) : Number.NaN);
    const spread = (name: string) => (samples[name] ? range(samples[name], ms) : '–');

    const judge = (c: Case, ourMs: number, peerMs: number): string[] => {
      const r = ourMs / peerMs;
      const met = c.engine === 'sqlite' ? ourMs <= SQLITE_GOAL_MS : Number.isFinite(r) ? r <= PEER_GOAL_RATIO : null;
      return [ratio(r), verdict(met)];
    };
    const rows = list.map((c) => {
      const ourMs = med(`ours ${c.engine}`);
      const peerMs = med(`peer ${c.engine}`);
      const row = [
        ENGINE_LABEL[c.engine],
        c.engine === 'sqlite' ? `≤ ${SQLITE_GOAL_MS} ms` : `≤ ${PEER_GOAL_RATIO} × ${c.peerTool}`,
        `${ms(peerMs)} (${spread(`peer ${c.engine}`)})`,
        `${ms(ourMs)} (${spread(`ours ${c.engine}`)})`,
        ...judge(c, ourMs, peerMs),
      ];
      if (EXTRA_CA) {
        const bare = med(`ours ${c.engine}, no extra CA`);
        row.push(`${ms(bare)} (${spread(`ours ${c.engine}, no extra CA`)})`, ...judge(c, bare, peerMs));
      }
      return row;
    });
    console.log(`\nbackbench query <target> "${SQL}": median wall time of ${ROUNDS} rounds (min–max)\n`);
    const header = ['engine', 'goal', 'peer', 'backbench query', 'ratio', ''];
    if (EXTRA_CA) header.push('without NODE_EXTRA_CA_CERTS', 'ratio', '');
    console.log(table(header, rows));
    console.log(`\nnode -e 0 (the floor of any Node command): ${ms(med('node -e 0'))}`);
    if (EXTRA_CA) {
      console.log(
        `NODE_EXTRA_CA_CERTS is set (${EXTRA_CA}): Node loads it at every start — node -e 0 takes ` +
          `${ms(med('node -e 0'))} with it, ${ms(med('node -e 0, no extra CA'))} without. ` +
          'The last columns run backbench without it.',
      );
    }
    for (const m of missing) console.log(`no peer: ${m}.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
