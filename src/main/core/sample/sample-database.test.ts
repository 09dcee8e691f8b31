import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SAMPLE_TABLES,
  SAMPLE_VIEWS,
  buildSampleDatabase,
  ensureSampleDatabase,
  mulberry32,
  samplePath,
} from './sample-database';

let dir: string;
let db: Database.Database;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bb-sample-'));
  expect(ensureSampleDatabase(dir)).toEqual({ path: samplePath(dir), created: true });
  db = new Database(samplePath(dir), { readonly: true });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function count(table: string, database = db): number {
  return (database.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** A checksum over every row of every table, so two builds can be compared by content. */
function checksum(database: Database.Database): string {
  return SAMPLE_TABLES.map((t) => {
    const rows = database.prepare(`SELECT * FROM ${t} ORDER BY id`).raw().all();
    let h = 0;
    for (const row of rows) for (const ch of JSON.stringify(row)) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
    return `${t}:${rows.length}:${h}`;
  }).join(',');
}

describe('sample database', () => {
  it('has the six tables, the view and ≥ 50,000 rows', () => {
    const objects = db
      .prepare("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite%'")
      .all();
    expect(new Set(objects)).toEqual(
      new Set([
        ...SAMPLE_TABLES.map((name) => ({ type: 'table', name })),
        ...SAMPLE_VIEWS.map((name) => ({ type: 'view', name })),
      ]),
    );
    const counts = Object.fromEntries(SAMPLE_TABLES.map((t) => [t, count(t)]));
    expect(counts).toMatchObject({ categories: 20, customers: 2000, products: 500, orders: 10_000, reviews: 8000 });
    expect(counts.order_items).toBeGreaterThan(28_000);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(50_000);
    expect(count('order_totals')).toBe(10_000);
    expect(count('categories WHERE parent_id IS NOT NULL')).toBe(15);
  });

  it('has intact foreign keys, indexes and plausible values', () => {
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const indexes = db
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_%'")
      .get();
    expect(indexes).toEqual({ n: 7 });
    const customer = db.prepare('SELECT * FROM customers WHERE id = 1').get() as { email: string; created_at: string };
    expect(customer.email).toMatch(/^[a-z.]+1@example\.com$/);
    expect(customer.created_at).toMatch(/^20\d\d-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const prices = db.prepare('SELECT min(price) AS lo, max(price) AS hi FROM products').get() as {
      lo: number;
      hi: number;
    };
    expect(prices.lo).toBeGreaterThan(0);
    expect(prices.hi).toBeLessThan(2000);
    expect(count('reviews WHERE rating NOT BETWEEN 1 AND 5')).toBe(0);
    expect(count("orders WHERE ordered_at > '2025-07-01'")).toBe(0);
  });

  it('is deterministic and leaves no temp file', () => {
    const other = join(dir, 'again', 'shop.sqlite');
    buildSampleDatabase(other);
    const second = new Database(other, { readonly: true });
    expect(checksum(second)).toBe(checksum(db));
    second.close();
    expect(readdirSync(join(dir, 'again'))).toEqual(['shop.sqlite']);
    expect(readdirSync(join(dir, 'sample'))).toEqual(['shop.sqlite']);
  });

  it('does not rebuild an existing file', () => {
    const before = statSync(samplePath(dir)).mtimeMs;
    expect(ensureSampleDatabase(dir).created).toBe(false);
    expect(statSync(samplePath(dir)).mtimeMs).toBe(before);
    expect(existsSync(samplePath(dir))).toBe(true);
  });

  it('mulberry32 is seeded and uniform-ish', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});
