import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/**
 * bench/fixtures/mock/mockoon-environment.json plus what Mockoon needs to serve the REST targets' route on the same
 * rows: a data bucket holding them and a CRUD route over it (`GET /items/:id` finds the item by its `id`).
 */
export function writeMockoonEnvironment(file: string, rows: number): void {
  const fixture = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'mock', 'mockoon-environment.json');
  const environment = JSON.parse(readFileSync(fixture, 'utf8')) as {
    data: unknown[];
    routes: unknown[];
    rootChildren: unknown[];
  };
  const items = Array.from({ length: rows }, (_, i) => benchItem(i + 1));
  const bucketUuid = '6f1c2d1e-0000-4000-8000-0000000000b1';
  const routeUuid = '6f1c2d1e-0000-4000-8000-0000000000b2';
  environment.data.push({
    uuid: bucketUuid,
    id: 'itm1',
    name: 'items',
    documentation: '',
    value: JSON.stringify(items),
  });
  environment.routes.push({
    uuid: routeUuid,
    type: 'crud',
    documentation: '',
    method: '',
    endpoint: 'items',
    responses: [
      {
        uuid: '6f1c2d1e-0000-4000-8000-0000000000b3',
        body: '',
        latency: 0,
        statusCode: 200,
        label: '',
        headers: [],
        bodyType: 'DATABUCKET',
        filePath: '',
        databucketID: 'itm1',
        sendFileAsBody: false,
        rules: [],
        rulesOperator: 'OR',
        disableTemplating: false,
        fallbackTo404: false,
        default: true,
        crudKey: 'id',
        callbacks: [],
      },
    ],
    responseMode: null,
    streamingMode: null,
    streamingInterval: 0,
  });
  environment.rootChildren.push({ type: 'route', uuid: routeUuid });
  writeFileSync(file, JSON.stringify(environment));
}
