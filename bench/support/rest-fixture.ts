import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';

export interface BenchItem {
  id: number;
  name: string;
  category: string;
  price: number;
  stock: number;
  created_at: string;
}

const CATEGORIES = ['books', 'games', 'garden', 'kitchen', 'music', 'tools'];

/** Row i (1-based) of the REST bench's table, the same on every run. */
export function benchItem(i: number): BenchItem {
  return {
    id: i,
    name: `Item ${i}`,
    category: CATEGORIES[i % CATEGORIES.length]!,
    price: Math.round(((i * 7919) % 100_000) + 99) / 100,
    stock: (i * 31) % 500,
    created_at: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
  };
}

/**
 * The same `rows` items twice: as the SQLite table `items` (integer primary key) that `backbench serve` reads and
 * as the db.json that json-server reads.
 */
export function writeItems(sqliteFile: string, jsonFile: string, rows: number): void {
  const items = Array.from({ length: rows }, (_, i) => benchItem(i + 1));
  const db = new Database(sqliteFile);
  try {
    db.exec(
      'create table items (id integer primary key, name text not null, category text not null, ' +
        'price real not null, stock integer not null, created_at text not null)',
    );
    const insert = db.prepare(
      'insert into items (id, name, category, price, stock, created_at) ' +
        'values (@id, @name, @category, @price, @stock, @created_at)',
    );
    db.transaction(() => {
      for (const item of items) insert.run(item);
    })();
  } finally {
    db.close();
  }
  writeFileSync(jsonFile, JSON.stringify({ items }));
}
