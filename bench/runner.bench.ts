/**
 * npm run bench:runner — BENCH_REQUESTS (default 10,000) requests to a local node:http server (a child process
 * answering GET /hello with a small JSON body, keep-alive) by (issue 8, Benchmarks):
 *
 * - runner     the Backbench collection runner (core/http/runner, the app's send path: inheritance, variables,
 *              undici sender, a declarative `status equals 200` assertion) over a one-request collection folder
 *              with `{{base}}` from an environment, BENCH_REQUESTS iterations
 * - scripted   the same runner over the same request checked by a `pm.test` post-response script instead (each
 *              request runs it in the QuickJS sandbox), as an imported Postman collection does
 * - sender     the app's sender (send/http-sender.ts) in a loop, the same resolved request: what the runner
 *              costs on top of it, and what the sender costs on top of undici
 * - undici     a raw undici loop: `request()` on one Agent, status checked, body read
 * - newman     newman 6.2.2 (Node API, no reporter) over the Postman JSON, BENCH_REQUESTS iterations
 *
 * newman and the scripted runner take 10–70 ms a request (a script sandbox each), so they send BENCH_SLOW_REQUESTS
 * (default 500) and their req/s is compared. Each contender runs in a child process of its own (so one's memory and JIT do not help or hurt another), one
 * after another, rounds interleaved; `concurrency` requests in flight (BENCH_CONCURRENCY, default 1: newman
 * has no concurrency, so 1 compares like with like). Prints req/s (median of rounds), the ratios against the
 * goals (runner ≥ 0.8 × undici, ≥ 5 × newman) and the runner's peak RSS (goal < 200 MB, `maxRSS` of its
 * process). On a loaded machine req/s swings with what else runs, so each worker also reports the CPU time its
 * process spent in the timed loop (process.cpuUsage): the same ratios by CPU per request are printed beside the
 * req/s ones. BENCH_ROUNDS (default 3), BENCH_ONLY (comma-separated keys), BENCH_WORKER_NODE_ARGS (node
 * arguments of the workers, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`; `npx tsx
 * bench/support/cpu-profile-summary.ts <file>` sums a profile up).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './support/paths';
import { int, median, range, ratio, roundsFromEnv, table, verdict } from './support/stats';

const KEYS = ['runner', 'scripted', 'sender', 'undici', 'newman'] as const;
type Key = (typeof KEYS)[number];
const LABELS: Record<Key, string> = {
  runner: 'Backbench runner (assertion)',
  scripted: 'Backbench runner (pm.test script)',
  sender: 'HttpSender loop (no runner)',
  undici: 'raw undici loop',
  newman: 'newman 6.2.2',
};
const BODY = '{"message":"Hello, world!"}';

interface NewmanSummary {
  run: { failures: unknown[] };
}
interface NewmanApi {
  run(
    options: { collection: string; environment: string; iterationCount: number; reporters: string[] },
    done: (error: Error | null, summary: NewmanSummary) => void,
  ): void;
}

interface WorkerResult {
  requests: number;
  ms: number;
  /** CPU time (user + system) of the worker process during the timed loop, microseconds. */
  cpuUs: number;
  /** Peak resident set size of the worker process, bytes. */
  maxRss: number;
  failures: number;
}

function positiveFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, not "${text}"`);
  return n;
}

// --- the worker side: `tsx bench/runner.bench.ts --worker <key> <url> <dir>` prints one JSON line

/** Requests a contender sends: the slow ones (a script sandbox per request) a sample, their rate is what counts. */
function requestsOf(key: Key): number {
  const all = positiveFromEnv('BENCH_REQUESTS', 10_000);
  return key === 'newman' || key === 'scripted' ? Math.min(all, positiveFromEnv('BENCH_SLOW_REQUESTS', 500)) : all;
}

async function worker(key: Key, url: string, dir: string): Promise<WorkerResult> {
  const requests = requestsOf(key);
  const concurrency = positiveFromEnv('BENCH_CONCURRENCY', 1);
  // timed from the first request: module loading (tsx compiling the app's sources) is not the runner's pace
  let t0 = performance.now();
  let cpu0 = process.cpuUsage();
  let failures = 0;
  if (key === 'undici') {
    const { Agent, request } = await import('undici');
    const dispatcher = new Agent();
    let next = 0;
    t0 = performance.now();
    cpu0 = process.cpuUsage();
    const lane = async () => {
      while (next++ < requests) {
        const response = await request(`${url}/hello`, { dispatcher });
        const text = await response.body.text();
        if (response.statusCode !== 200 || text !== BODY) failures++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    await dispatcher.close();
  } else if (key === 'sender') {
    const { HttpSender } = await import('../src/main/core/http/send/http-sender');
    const { BodyStore } = await import('../src/main/core/http/send/body-store');
    const { DEFAULT_SETTINGS } = await import('../src/main/core/http/send/send-types');
    const sender = new HttpSender({ bodies: new BodyStore(join(dir, `data-${process.pid}`)) });
    const outgoing = { method: 'GET', url: `${url}/hello`, headers: [], settings: DEFAULT_SETTINGS, baseDir: dir };
    let next = 0;
    t0 = performance.now();
    cpu0 = process.cpuUsage();
    const lane = async () => {
      while (next++ < requests) {
        const response = await sender.send(outgoing);
        if (response.status !== 200 || response.body.data !== BODY) failures++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    await sender.close();
  } else if (key === 'newman') {
    if (concurrency > 1) throw new Error('newman runs one request at a time; use BENCH_ONLY without newman');
    // newman ships no types; the one call used here
    const newman = createRequire(import.meta.url)('newman') as NewmanApi;
    t0 = performance.now();
    cpu0 = process.cpuUsage();
    const summary = await new Promise<NewmanSummary>((resolve, reject) =>
      newman.run(
        {
          collection: join(dir, 'bench.postman_collection.json'),
          environment: join(dir, 'bench.postman_environment.json'),
          iterationCount: requests,
          reporters: [],
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      ),
    );
    failures = summary.run.failures.length;
  } else {
    const { runCollection } = await import('../src/main/core/http/runner/collection-runner');
    const { planFromDirectory } = await import('../src/main/core/http/runner/run-plan');
    const { loadEnvironmentFile } = await import('../src/main/core/http/runner/run-inputs');
    const { HttpSender } = await import('../src/main/core/http/send/http-sender');
    const { BodyStore } = await import('../src/main/core/http/send/body-store');
    const { closeScriptSandbox } = await import('../src/main/core/http/script/run-script');
    const plan = await planFromDirectory({ dir: join(dir, key === 'runner' ? 'collection' : 'scripted') });
    const environment = await loadEnvironmentFile(join(dir, 'bench.env.yaml'));
    const bodies = new BodyStore(join(dir, `data-${process.pid}`));
    const sender = new HttpSender({ bodies });
    t0 = performance.now();
    cpu0 = process.cpuUsage();
    const report = await runCollection({
      plan,
      environment: environment.variables,
      iterations: requests,
      concurrency,
      send: (outgoing, signal) => sender.send(outgoing, signal),
      bodies,
    });
    await sender.close();
    await closeScriptSandbox();
    if (report.totals.requests !== requests) throw new Error(`the runner sent ${report.totals.requests} requests`);
    failures = report.passed ? 0 : report.totals.errors + report.totals.assertions.failed + report.totals.tests.failed;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { requests, ms, cpuUs: cpu.user + cpu.system, maxRss: process.resourceUsage().maxRSS * 1024, failures };
}

// --- the bench side

function cpuPerRequest(result: WorkerResult): number {
  return result.cpuUs / result.requests;
}

function fixtures(url: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bb-bench-runner-'));
  mkdirSync(join(dir, 'collection'));
  writeFileSync(join(dir, 'collection', 'collection.yaml'), 'name: Bench\n');
  writeFileSync(
    join(dir, 'collection', 'hello.request.yaml'),
    'name: Hello\nmethod: GET\nurl: "{{base}}/hello"\nassertions:\n  - target: status\n    op: equals\n    value: 200\n',
  );
  mkdirSync(join(dir, 'scripted'));
  writeFileSync(join(dir, 'scripted', 'collection.yaml'), 'name: Bench\n');
  writeFileSync(
    join(dir, 'scripted', 'hello.request.yaml'),
    'name: Hello\nmethod: GET\nurl: "{{base}}/hello"\nscripts:\n  postResponse: pm.test("status 200", () => pm.response.to.have.status(200));\n',
  );
  writeFileSync(join(dir, 'bench.env.yaml'), `name: Bench\nvariables:\n  - name: base\n    value: ${url}\n`);
  writeFileSync(
    join(dir, 'bench.postman_environment.json'),
    JSON.stringify({ name: 'Bench', values: [{ key: 'base', value: url, enabled: true }] }),
  );
  writeFileSync(
    join(dir, 'bench.postman_collection.json'),
    JSON.stringify({
      info: { name: 'Bench', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        {
          name: 'Hello',
          event: [
            { listen: 'test', script: { exec: ["pm.test('status 200', () => pm.response.to.have.status(200));"] } },
          ],
          request: { method: 'GET', url: '{{base}}/hello' },
        },
      ],
    }),
  );
  return dir;
}

const SERVER = `
const http = require('node:http');
const body = ${JSON.stringify(BODY)};
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

function runWorker(key: Key, url: string, dir: string): Promise<WorkerResult> {
  // node --import tsx rather than the tsx binary: V8 flags such as --cpu-prof are refused in NODE_OPTIONS
  const nodeArgs = process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter((arg) => arg !== '') ?? [];
  const file = join(repoRoot, 'bench', 'runner.bench.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', file, '--worker', key, url, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: repoRoot,
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{'))
        reject(new Error(`${key} worker exited with ${code}: ${out.slice(-500)}`));
      else resolve(JSON.parse(line) as WorkerResult);
    });
  });
}

async function bench(): Promise<void> {
  const rounds = roundsFromEnv(3);
  const requests = positiveFromEnv('BENCH_REQUESTS', 10_000);
  const concurrency = positiveFromEnv('BENCH_CONCURRENCY', 1);
  const only = process.env.BENCH_ONLY?.split(',').map((key) => key.trim());
  const keys = KEYS.filter((key) => (only ? only.includes(key) : concurrency === 1 || key !== 'newman'));
  const server = await startServer();
  const dir = fixtures(server.url);
  console.log(
    `bench:runner — ${int(requests)} requests (newman and the scripted runner: ${int(requestsOf('newman'))}, their ` +
      `rate is what counts), ${concurrency} in flight, ${rounds} rounds, load ${loadavg()[0]!.toFixed(2)}`,
  );
  const samples = Object.fromEntries(keys.map((key) => [key, [] as WorkerResult[]])) as Record<Key, WorkerResult[]>;
  try {
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? keys : [...keys].reverse();
      const line: string[] = [];
      for (const key of order) {
        const result = await runWorker(key, server.url, dir);
        if (result.failures > 0) throw new Error(`${key}: ${result.failures} failed checks`);
        samples[key].push(result);
        line.push(`${key} ${int((result.requests / result.ms) * 1000)} req/s ${int(cpuPerRequest(result))} µs CPU/req`);
      }
      console.log(`round ${round + 1}: ${line.join(', ')}`);
    }
  } finally {
    server.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  const rate = (key: Key) => samples[key].map((r) => (r.requests / r.ms) * 1000);
  const cpu = (key: Key) => samples[key].map(cpuPerRequest);
  const rows = keys.map((key) => [
    LABELS[key],
    int(median(rate(key))),
    range(rate(key), int),
    int(median(cpu(key))),
    range(cpu(key), int),
    `${int(median(samples[key].map((r) => r.maxRss / 1024 / 1024)))} MB`,
  ]);
  console.log(
    `\n${table(['contender', 'req/s (median)', 'min–max', 'CPU µs/req (median)', 'min–max', 'peak RSS'], rows)}\n`,
  );
  // by req/s (what the goal names) and by CPU per request (peer's CPU / ours: steadier under load)
  const both = (ours: Key, peer: Key) => ({
    byRate: median(rate(ours)) / median(rate(peer)),
    byCpu: median(cpu(peer)) / median(cpu(ours)),
  });
  const goals: [Key, Key, number][] = [
    ['runner', 'undici', 0.8],
    ['runner', 'newman', 5],
    ['scripted', 'newman', 5],
  ];
  for (const [ours, peer, min] of goals) {
    if (!keys.includes(ours) || !keys.includes(peer)) continue;
    const { byRate, byCpu } = both(ours, peer);
    console.log(
      `${ours} / ${peer}: ${ratio(byRate)} by req/s ${verdict(byRate >= min)}, ${ratio(byCpu)} by CPU ` +
        `${verdict(byCpu >= min)} (goal ≥ ${min})`,
    );
  }
  // where the gap to undici lies: the runner's own work, or the sender under it
  for (const [ours, peer] of [
    ['runner', 'sender'],
    ['sender', 'undici'],
  ] as [Key, Key][]) {
    if (!keys.includes(ours) || !keys.includes(peer)) continue;
    const { byRate, byCpu } = both(ours, peer);
    console.log(`${ours} / ${peer}: ${ratio(byRate)} by req/s, ${ratio(byCpu)} by CPU (no goal; where the time goes)`);
  }
  if (keys.includes('runner')) {
    const rss = median(samples.runner.map((r) => r.maxRss)) / 1024 / 1024;
    console.log(`runner peak RSS: ${int(rss)} MB (goal < 200 MB) ${verdict(rss < 200)}`);
  }
}

const workerAt = process.argv.indexOf('--worker');
if (workerAt >= 0) {
  const [key, url, dir] = process.argv.slice(workerAt + 1) as [Key, string, string];
  worker(key, url, dir).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  bench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
