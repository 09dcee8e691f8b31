/**
 * npm run bench:query — a 1,000,000-row SQLite table, paged end to end through the query service (worker
 * process, result handle, page cache) next to raw better-sqlite3 iterate() on the same file in the same run.
 * Goals (issue 2): first page < 300 ms, service rows/s ≥ 0.5 × raw.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createServices } from '../src/main/core/services';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
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

function rawIterate(file: string): { ms: number; rows: number } {
  const db = new Database(file, { readonly: true });
  const start = performance.now();
  let rows = 0;
  for (const row of db.prepare(SQL).raw(true).iterate()) {
    if (row) rows++;
  }
  const ms = performance.now() - start;
  db.close();
  return { ms, rows };
}

async function viaService(file: string, dataDir: string): Promise<{ firstPageMs: number; ms: number; rows: number }> {
  const services = await createServices({ host: 'test', dataDir, createSample: false });
  try {
    const { handlers } = services;
    const saved = await handlers.connections.create({ name: 'bench', params: { engine: 'sqlite', file } });
    await handlers.connections.connect({ id: saved.id });
    const start = performance.now();
    const first = await handlers.query.run({ connectionId: saved.id, sql: SQL, runId: 'bench-run', pageSize: PAGE });
    const firstPageMs = performance.now() - start;
    if (first.kind !== 'rows') throw new Error('expected rows');
    let rows = first.rows.length;
    let done = first.complete;
    while (!done) {
      const page = await handlers.query.page({ handle: first.handle, offset: rows, limit: PAGE });
      rows += page.rows.length;
      done = page.done;
    }
    const ms = performance.now() - start;
    await handlers.query.close({ handle: first.handle });
    return { firstPageMs, ms, rows };
  } finally {
    await services.dispose();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'backbench-bench-'));
  try {
    const file = join(dir, 'bench.sqlite');
    process.stdout.write(`building ${ROWS.toLocaleString('en-US')} rows… `);
    buildTable(file);
    console.log('done');
    // warm the OS page cache so neither side pays for the first disk read
    rawIterate(file);
    const raw = rawIterate(file);
    const service = await viaService(file, join(dir, 'data'));
    if (raw.rows !== ROWS || service.rows !== ROWS)
      throw new Error(`row count mismatch: raw ${raw.rows}, service ${service.rows}`);
    const rawRate = raw.rows / (raw.ms / 1000);
    const serviceRate = service.rows / (service.ms / 1000);
    const ratio = serviceRate / rawRate;
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    console.log(`raw better-sqlite3 iterate(): ${fmt(raw.ms)} ms, ${fmt(rawRate)} rows/s`);
    console.log(`query service (run + page×${PAGE}): ${fmt(service.ms)} ms, ${fmt(serviceRate)} rows/s`);
    console.log(
      `time to first page: ${service.firstPageMs.toFixed(1)} ms (goal < 300 ms) ${service.firstPageMs < 300 ? 'OK' : 'MISSED'}`,
    );
    console.log(`ratio service/raw: ${ratio.toFixed(2)} (goal ≥ 0.5) ${ratio >= 0.5 ? 'OK' : 'MISSED'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
