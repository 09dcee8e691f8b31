/**
 * npm run bench:query — a 1,000,000-row SQLite table, paged end to end through the query service (worker
 * process, result handle, page cache) next to raw better-sqlite3 iterate() on the same file in the same run.
 * Both sides are warmed up, then measured in several rounds, interleaved (who goes first alternates) so that
 * load from elsewhere on the machine hits both; the ratio is the median of the per-round ratios.
 * Goals (issue 2): first page < 300 ms, service rows/s ≥ 0.5 × raw.
 *
 * BENCH_ROWS (default 1,000,000), BENCH_ROUNDS (default 5).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createServices } from '../src/main/core/services';
import { int, interleave, median, ms, range, ratio, roundsFromEnv, verdict } from './support/stats';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ROUNDS = roundsFromEnv(5);
const PAGE = 1000;
const SQL = 'SELECT id, name, price, created_at FROM items';

function buildTable(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(
    'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL, created_at TEXT NOT NULL)',
  );
  const insert = db.prepare('INSERT INTO items (id, name, price, created_at) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= ROWS; i++) {
      insert.run(i, `item ${i}`, (i % 1000) / 10, `2026-01-${String((i % 28) + 1).padStart(2, '0')}`);
    }
  })();
  db.close();
}

interface Sample {
  ms: number;
  rows: number;
  firstPageMs: number;
}

function rawIterate(file: string): Sample {
  const db = new Database(file, { readonly: true });
  try {
    const start = performance.now();
    let rows = 0;
    for (const row of db.prepare(SQL).raw(true).iterate()) {
      if (row) rows++;
    }
    return { ms: performance.now() - start, rows, firstPageMs: Number.NaN };
  } finally {
    db.close();
  }
}

type Handlers = Awaited<ReturnType<typeof createServices>>['handlers'];
let runs = 0;

/** query.run then query.page to the end, as the grid does (the host and its connection stay up between rounds). */
async function viaService(handlers: Handlers, connectionId: string, maxRows = Infinity): Promise<Sample> {
  const start = performance.now();
  const first = await handlers.query.run({ connectionId, sql: SQL, runId: `bench-${++runs}`, pageSize: PAGE });
  const firstPageMs = performance.now() - start;
  if (first.kind !== 'rows') throw new Error('expected rows');
  let rows = first.rows.length;
  let done = first.complete;
  while (!done && rows < maxRows) {
    const page = await handlers.query.page({ handle: first.handle, offset: rows, limit: PAGE });
    rows += page.rows.length;
    done = page.done;
  }
  const elapsed = performance.now() - start;
  await handlers.query.close({ handle: first.handle });
  return { ms: elapsed, rows, firstPageMs };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'backbench-bench-'));
  const services = await createServices({ host: 'test', dataDir: join(dir, 'data'), createSample: false });
  try {
    const file = join(dir, 'bench.sqlite');
    process.stdout.write(`building ${ROWS.toLocaleString('en-US')} rows… `);
    buildTable(file);
    console.log('done');
    const { handlers } = services;
    const saved = await handlers.connections.create({ name: 'bench', params: { engine: 'sqlite', file } });
    await handlers.connections.connect({ id: saved.id });

    // warm-up: the OS page cache, both sides' JIT, the worker process
    rawIterate(file);
    await viaService(handlers, saved.id, Math.min(ROWS, 200_000));
    const samples = await interleave(
      ROUNDS,
      { raw: () => rawIterate(file), service: () => viaService(handlers, saved.id) },
      (round, r) => console.log(`  round ${round + 1}/${ROUNDS}: raw ${ms(r.raw.ms)}, service ${ms(r.service.ms)}`),
    );
    for (const s of [...samples.raw, ...samples.service])
      if (s.rows !== ROWS) throw new Error(`row count mismatch: read ${s.rows} of ${ROWS}`);

    const rate = (s: Sample) => s.rows / (s.ms / 1000);
    const rawRates = samples.raw.map(rate);
    const serviceRates = samples.service.map(rate);
    const ratios = serviceRates.map((r, i) => r / rawRates[i]!);
    const firstPage = median(samples.service.map((s) => s.firstPageMs));
    const medianRatio = median(ratios);
    console.log(`\nmedian of ${ROUNDS} interleaved rounds (min–max):`);
    console.log(`raw better-sqlite3 iterate(): ${int(median(rawRates))} rows/s (${range(rawRates, int)})`);
    console.log(
      `query service (run + page×${PAGE}): ${int(median(serviceRates))} rows/s (${range(serviceRates, int)})`,
    );
    console.log(`time to first page: ${ms(firstPage)} (goal < 300 ms) ${verdict(firstPage < 300)}`);
    console.log(
      `ratio service/raw: ${ratio(medianRatio)} (${range(ratios, ratio)}) (goal ≥ 0.5) ${verdict(medianRatio >= 0.5)}`,
    );
  } finally {
    await services.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
