/**
 * npm run bench:mock — requests per second of the mock server (issue 7, Benchmarks) under autocannon, next to
 * bare node:http, json-server 0.17 and @mockoon/cli in the same run, interleaved round by round:
 *
 * - node:http       a hello-world answering the static route's body (bench/fixtures/mock/bare-server.mjs);
 *                   shown a second time answering after one `await`, which alone can move req/s on a loaded machine
 * - static          `backbench mock bench/fixtures/mock/mock.yaml`, GET /hello
 * - templated       the same mock, GET /users/42?page=3 (a Handlebars body with request and random helpers)
 * - REST            `backbench serve items.db`, GET /items/:id over an SQLite table of BENCH_ROWS rows
 * - json-server     json-server 0.17 on the same rows (db.json), GET /items/:id
 * - Mockoon …       @mockoon/cli on the same static route and the same template
 *   (bench/fixtures/mock/mockoon-environment.json), and GET /items/:id as a CRUD route over a data bucket of the
 *   same rows (added to that environment at start)
 *
 * The REST targets send a new path per request (`/items/1`, `/items/2`…), which costs the load generator more per
 * request than a fixed path: the REST goal against node:http compares with the hello-world under that same request
 * mix (`bare-items`).
 *
 * Every server is a child process of its own with stdout to /dev/null (its per-request log lines are still
 * written); autocannon runs in this process, keep-alive, pipelining 1. Goals: static ≥ 0.85 × node:http,
 * templated ≥ 0.6 ×, REST ≥ 0.5 ×, and each ≥ 10 × json-server and Mockoon.
 *
 * All servers start first, but only the one measured runs: every other one is paused (SIGSTOP) for the length of
 * each warm-up and run, the same for every target, and the table shows what the others used meanwhile (median,
 * max). Left running, an idle peer is not always idle: long after its own load, Mockoon was seen using ~10% of a core
 * for seconds (json-server and `backbench serve` far less), on the 2 cores the measured server and the load generator
 * share. What a paused server left undone it does in its own next run, on its own bill. The servers' order
 * still alternates round by round (stats.ts `interleave`), and static and templated share one `backbench mock`
 * process, as they would in use.
 *
 * Server CPU per request is not a constant of the server: the less busy a server is (held back by the load
 * generator or by other work on the machine), the fewer requests each turn of its event loop handles and the more
 * each one costs. Compare CPU ratios of rounds run at similar load; the per-round ratios show the spread.
 * BENCH_IDLE=run leaves the others running, to compare.
 *
 * BENCH_ROUNDS (default 5), BENCH_DURATION (seconds per run, default 5), BENCH_WARMUP (seconds, default 2),
 * BENCH_CONNECTIONS (default 64), BENCH_ROWS (default 10000), BENCH_ONLY (targets to run, comma-separated
 * keys: bare,bare-items,bare-await,static,templated,rest,json-server,mockoon-rest,mockoon-static,
 * mockoon-templated), BENCH_SERVER_NODE_ARGS
 * (node options for every server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`; the profiles are named by
 * pid, which the bench prints; `npx tsx bench/support/cpu-profile-summary.ts <file>` sums one up).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from 'autocannon';
import {
  bodyOf,
  freePort,
  load,
  startServer,
  type LoadResult,
  type ServerProcess,
  type ServerSpec,
} from './support/http-load';
import { repoRoot } from './support/paths';
import { benchItem, writeItems, writeMockoonEnvironment } from './support/rest-fixture';
import { int, interleave, median, range, ratio, roundsFromEnv, table, verdict } from './support/stats';

const ROUNDS = roundsFromEnv(5);
const DURATION = positiveFromEnv('BENCH_DURATION', 5);
const WARMUP = positiveFromEnv('BENCH_WARMUP', 2);
const CONNECTIONS = positiveFromEnv('BENCH_CONNECTIONS', 64);
const ROWS = positiveFromEnv('BENCH_ROWS', 10_000);
const FIXTURES = join(repoRoot, 'bench', 'fixtures', 'mock');
const BIN = join(repoRoot, 'bin', 'backbench.mjs');
const STATIC_BODY = '{"message":"Hello, world!"}';
const TEMPLATED_PATH = '/users/42?page=3';

type ServerKey = 'bare' | 'bare-await' | 'mock' | 'serve' | 'json-server' | 'mockoon';

interface Target {
  key: string;
  label: string;
  server: ServerKey;
  path: string;
  /** Checks one answer before the target is measured; returns what is wrong, or null. */
  check(answer: { body: string; type: string }): string | null;
  /** Varies the path per request (GET /items/:id over every row). */
  requests?: () => Request[];
}

interface Goal {
  ours: string;
  peer: string;
  min: number;
}

const GOALS: Goal[] = [
  { ours: 'static', peer: 'bare', min: 0.85 },
  { ours: 'templated', peer: 'bare', min: 0.6 },
  { ours: 'rest', peer: 'bare-items', min: 0.5 },
  { ours: 'static', peer: 'mockoon-static', min: 10 },
  { ours: 'static', peer: 'json-server', min: 10 },
  { ours: 'templated', peer: 'mockoon-templated', min: 10 },
  { ours: 'templated', peer: 'json-server', min: 10 },
  { ours: 'rest', peer: 'json-server', min: 10 },
  { ours: 'rest', peer: 'mockoon-rest', min: 10 },
];

function positiveFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${text}"`);
  return n;
}

const staticCheck = ({ body, type }: { body: string; type: string }) =>
  body === STATIC_BODY && type.startsWith('application/json') ? null : `answered ${type}: ${body.slice(0, 200)}`;

function templatedCheck({ body }: { body: string }): string | null {
  try {
    const value = JSON.parse(body) as Record<string, unknown>;
    if (value.id === '42' && value.page === 3 && value.method === 'GET' && typeof value.score === 'number') return null;
  } catch {
    // reported below
  }
  return `answered ${body.slice(0, 200)}`;
}

function itemCheck({ body }: { body: string }): string | null {
  const expected = benchItem(7);
  try {
    const value = JSON.parse(body) as Record<string, unknown>;
    const same = Object.entries(expected).every(([key, v]) => value[key] === v);
    if (same) return null;
  } catch {
    // reported below
  }
  return `GET /items/7 answered ${body.slice(0, 200)}, expected ${JSON.stringify(expected)}`;
}

/** GET /items/1, /items/2 … /items/ROWS, /items/1 … on each connection, starting at a different row. */
function everyItem(): Request[] {
  let next = Math.floor(Math.random() * ROWS);
  return [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/items/${(next++ % ROWS) + 1}` }) }];
}

const TARGETS: Target[] = [
  { key: 'bare', label: 'node:http hello-world', server: 'bare', path: '/hello', check: staticCheck },
  {
    // the same hello-world under the REST targets' request mix (a new path per request): the load generator
    // then does the same work for both sides of the REST goal
    key: 'bare-items',
    label: 'node:http hello-world, GET /items/:id paths',
    server: 'bare',
    path: '/items/7',
    check: staticCheck,
    requests: everyItem,
  },
  {
    key: 'bare-await',
    label: 'node:http, answer after await',
    server: 'bare-await',
    path: '/hello',
    check: staticCheck,
  },
  { key: 'static', label: 'Backbench static route', server: 'mock', path: '/hello', check: staticCheck },
  {
    key: 'templated',
    label: 'Backbench templated route',
    server: 'mock',
    path: TEMPLATED_PATH,
    check: templatedCheck,
  },
  {
    key: 'rest',
    label: 'Backbench REST GET /items/:id',
    server: 'serve',
    path: '/items/7',
    check: itemCheck,
    requests: everyItem,
  },
  {
    key: 'json-server',
    label: 'json-server GET /items/:id',
    server: 'json-server',
    path: '/items/7',
    check: itemCheck,
    requests: everyItem,
  },
  {
    key: 'mockoon-rest',
    label: 'Mockoon CRUD route GET /items/:id',
    server: 'mockoon',
    path: '/items/7',
    check: itemCheck,
    requests: everyItem,
  },
  { key: 'mockoon-static', label: 'Mockoon static route', server: 'mockoon', path: '/hello', check: staticCheck },
  {
    key: 'mockoon-templated',
    label: 'Mockoon templated route',
    server: 'mockoon',
    path: TEMPLATED_PATH,
    check: templatedCheck,
  },
];

function serverSpecs(dir: string, ports: Record<ServerKey, number>): Record<ServerKey, ServerSpec> {
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter((arg) => arg !== '');
  const node = process.execPath;
  // the first `backbench` run may build the app: give it time
  const ours = { readyTimeoutMs: 300_000 };
  return {
    bare: {
      name: 'node:http',
      command: node,
      args: [...nodeArgs, join(FIXTURES, 'bare-server.mjs'), String(ports.bare)],
      readyPath: '/',
      port: ports.bare,
    },
    'bare-await': {
      name: 'node:http (await)',
      command: node,
      args: [...nodeArgs, join(FIXTURES, 'bare-server.mjs'), String(ports['bare-await']), '--await'],
      readyPath: '/',
      port: ports['bare-await'],
    },
    mock: {
      name: 'backbench mock',
      command: node,
      args: [...nodeArgs, BIN, 'mock', join(FIXTURES, 'mock.yaml'), '--port', String(ports.mock)],
      readyPath: '/hello',
      port: ports.mock,
      ...ours,
    },
    serve: {
      name: 'backbench serve',
      command: node,
      args: [...nodeArgs, BIN, 'serve', join(dir, 'items.db'), '--tables', 'items', '--port', String(ports.serve)],
      readyPath: '/items/1',
      port: ports.serve,
      ...ours,
    },
    'json-server': {
      name: 'json-server',
      command: node,
      args: [
        ...nodeArgs,
        join(repoRoot, 'node_modules', 'json-server', 'lib', 'cli', 'bin.js'),
        join(dir, 'db.json'),
        '--port',
        String(ports['json-server']),
        '--host',
        '127.0.0.1',
      ],
      readyPath: '/items/1',
      port: ports['json-server'],
    },
    mockoon: {
      name: '@mockoon/cli',
      command: node,
      args: [
        ...nodeArgs,
        join(repoRoot, 'node_modules', '@mockoon', 'cli', 'bin', 'run.js'),
        'start',
        '--data',
        join(dir, 'mockoon-environment.json'),
        '--port',
        String(ports.mockoon),
        '--hostname',
        '127.0.0.1',
        // logs to stdout only (/dev/null here), not also to a file in the home folder
        '--disable-log-to-file',
      ],
      readyPath: '/hello',
      port: ports.mockoon,
      // a peer's start is not ours to wait for at length
      readyTimeoutMs: 60_000,
    },
  };
}

function targetsFromEnv(): Target[] {
  const only = process.env.BENCH_ONLY;
  if (!only) return TARGETS;
  const keys = only.split(',').map((k) => k.trim());
  const unknown = keys.filter((k) => !TARGETS.some((t) => t.key === k));
  if (unknown.length > 0) {
    throw new Error(`BENCH_ONLY: unknown ${unknown.join(', ')}; expected ${TARGETS.map((t) => t.key).join(', ')}`);
  }
  return TARGETS.filter((t) => keys.includes(t.key));
}

const us = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(n < 100 ? 1 : 0)} µs` : '–');
const pct = (n: number): string => (Number.isFinite(n) ? `${Math.round(n * 100)}%` : '–');

async function main(): Promise<void> {
  const targets = targetsFromEnv();
  const dir = mkdtempSync(join(tmpdir(), 'backbench-mock-bench-'));
  const running = new Map<ServerKey, ServerProcess>();
  const unavailable = new Map<string, string>();
  try {
    if (targets.some((t) => t.server === 'serve' || t.server === 'json-server')) {
      writeItems(join(dir, 'items.db'), join(dir, 'db.json'), ROWS);
    }
    writeMockoonEnvironment(join(dir, 'mockoon-environment.json'), ROWS);
    const keys = [...new Set(targets.map((t) => t.server))];
    const ports = {} as Record<ServerKey, number>;
    for (const key of keys) ports[key] = await freePort();
    const specs = serverSpecs(dir, ports);
    for (const key of keys) {
      try {
        running.set(key, await startServer(specs[key]));
      } catch (error) {
        // a peer that cannot run here is reported as unavailable, never replaced; ours must run
        if (key !== 'json-server' && key !== 'mockoon') throw error;
        unavailable.set(key, (error as Error).message);
      }
    }
    if (process.env.BENCH_SERVER_NODE_ARGS) {
      console.log(`server pids: ${[...running.values()].map((s) => `${s.name} ${s.pid}`).join(', ')}`);
    }
    const measured: Target[] = [];
    for (const target of targets) {
      const server = running.get(target.server);
      if (!server) continue;
      const answer = await bodyOf(server.origin + target.path);
      const wrong = answer.status === 200 ? target.check(answer) : `answered ${answer.status}: ${answer.body}`;
      if (wrong) throw new Error(`${target.label} (GET ${target.path}) ${wrong}`);
      measured.push(target);
    }
    // every server but the measured one is paused (see the header); BENCH_IDLE=run leaves them running
    const pauseIdle = process.env.BENCH_IDLE !== 'run';
    if (pauseIdle) for (const server of running.values()) server.pause();
    const run = (target: Target, duration: number) => async (): Promise<MeasuredRun> => {
      const server = running.get(target.server)!;
      const others = [...running.values()].filter((s) => s !== server);
      const othersBefore = others.reduce((sum, s) => sum + s.cpuMs(), 0);
      const started = performance.now();
      if (pauseIdle) server.resume();
      try {
        const result = await load(server, target.path, {
          connections: CONNECTIONS,
          duration,
          requests: target.requests?.(),
        });
        const othersMs = others.reduce((sum, s) => sum + s.cpuMs(), 0) - othersBefore;
        return { ...result, othersCpu: othersMs / (performance.now() - started) };
      } finally {
        if (pauseIdle) server.pause();
      }
    };
    const loadBefore = loadavg()[0]!;
    console.log(
      `warm-up ${WARMUP} s each, then ${ROUNDS} rounds of ${DURATION} s per target, ${CONNECTIONS} keep-alive ` +
        `connections, pipelining 1: ${measured.map((t) => t.key).join(', ')}`,
    );
    for (const target of measured) await run(target, WARMUP)();
    const contenders = Object.fromEntries(measured.map((t) => [t.key, run(t, DURATION)]));
    const samples: Record<string, MeasuredRun[]> = await interleave(ROUNDS, contenders, (round, results) => {
      const line = measured.map((t) => `${t.key} ${int(results[t.key]!.rps)}`).join(', ');
      console.log(`round ${round + 1}: ${line} req/s`);
    });
    const loadAfter = loadavg()[0]!;
    report(measured, samples, unavailable, { loadBefore, loadAfter, pauseIdle });
  } finally {
    for (const server of running.values()) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One run, and the CPU the other servers used meanwhile (share of one core; ~0 when they are paused). */
type MeasuredRun = LoadResult & { othersCpu: number };

function report(
  measured: Target[],
  samples: Record<string, MeasuredRun[]>,
  unavailable: Map<string, string>,
  load: { loadBefore: number; loadAfter: number; pauseIdle: boolean },
): void {
  const pick = (key: string, field: keyof MeasuredRun) => (samples[key] ?? []).map((s) => s[field]);
  const med = (key: string, field: keyof MeasuredRun) => median(pick(key, field));
  console.log(`\nGET on each server: median of ${ROUNDS} rounds (min–max)\n`);
  console.log(
    table(
      [
        'target',
        'path',
        'req/s',
        'server CPU / request',
        'server CPU',
        'p99 latency',
        'load generator CPU',
        'other servers CPU',
      ],
      measured.map((t) => [
        t.label,
        t.requests ? '/items/1…/items/' + ROWS : t.path,
        `${int(med(t.key, 'rps'))} (${range(pick(t.key, 'rps'), int)})`,
        us(med(t.key, 'serverCpuUs')),
        pct(med(t.key, 'serverCpu')),
        `${med(t.key, 'p99Ms')} ms`,
        pct(med(t.key, 'clientCpu')),
        `${pct(med(t.key, 'othersCpu'))} (max ${pct(Math.max(...pick(t.key, 'othersCpu')))})`,
      ]),
    ),
  );
  const label = (key: string) => TARGETS.find((t) => t.key === key)!.label;
  const rows = GOALS.filter((g) => samples[g.ours]).map((g) => {
    if (!samples[g.peer]) return [`${label(g.ours)} ≥ ${g.min} × ${label(g.peer)}`, '–', '–', 'not measured', '–', ''];
    const r = med(g.ours, 'rps') / med(g.peer, 'rps');
    const perRound = samples[g.ours]!.map((s, i) => s.rps / samples[g.peer]![i]!.rps);
    // CPU per request: what one core of each would serve, whoever the load generator could keep busy
    const cpu = med(g.peer, 'serverCpuUs') / med(g.ours, 'serverCpuUs');
    return [
      `${label(g.ours)} ≥ ${g.min} × ${label(g.peer)}`,
      ratio(r),
      range(perRound, ratio),
      verdict(Number.isFinite(r) ? r >= g.min : null),
      ratio(cpu),
      verdict(Number.isFinite(cpu) ? cpu >= g.min : null),
    ];
  });
  console.log('\nGoals (issue 7): ratio of median req/s; per-round ratios; ratio of server CPU per request\n');
  console.log(table(['goal', 'req/s ratio', 'per round', 'verdict', 'CPU ratio', 'by CPU'], rows));
  console.log(
    `\nThe load generator (autocannon, this process) and each server share ${availableParallelism()} cores with whatever else runs: ` +
      `1-minute load average ${load.loadBefore.toFixed(2)} before, ${load.loadAfter.toFixed(2)} after. ` +
      'A server below 100% CPU was held back by the load generator or by other work on the machine, not by ' +
      'itself: the ratio of server CPU per request then tells more than req/s. ' +
      (load.pauseIdle
        ? 'The servers not measured were paused (SIGSTOP) meanwhile.'
        : 'The servers not measured kept running (BENCH_IDLE=run).'),
  );
  for (const [key, why] of unavailable) console.log(`peer unavailable: ${key}: ${why}`);
}

await main();
