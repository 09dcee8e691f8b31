import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../core/services';
import { call } from '../core/mock/testing/http-call';
import type { CliIo } from './cli-io';
import { runCli } from './run-cli';

/** A CliIo that keeps what is printed and stops when told. */
function harness() {
  let out = '';
  let err = '';
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolveStop) => (stop = resolveStop));
  const io: CliIo = {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    env: {},
    waitForStop: () => stopped,
    openUrl: () => {
      throw new Error('mock opens no browser');
    },
  };
  return { io, out: () => out, err: () => err, stop };
}

async function listening(h: ReturnType<typeof harness>, exit: Promise<number>): Promise<string> {
  for (;;) {
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(h.out());
    if (match) return match[1]!;
    const done = await Promise.race([exit, new Promise<null>((resolve) => setTimeout(() => resolve(null), 20))]);
    if (done !== null) throw new Error(`exited ${done}: ${h.err()}`);
  }
}

describe('backbench mock: resources of saved connections', () => {
  let root: string;
  let dataDir: string;
  let mockFile: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bb-cli-mock-res-'));
    dataDir = join(root, 'data');
    const dbFile = join(root, 'shop.db');
    const db = new Database(dbFile);
    db.exec(
      "CREATE TABLE mockcli_items (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO mockcli_items VALUES (1, 'Lamp'), (2, 'Desk');",
    );
    db.close();
    const services = await createServices({ host: 'test', dataDir, createSample: false });
    try {
      await services.handlers.connections.create({ name: 'Shop DB', params: { engine: 'sqlite', file: dbFile } });
    } finally {
      await services.dispose();
    }
    mockFile = join(root, 'shop.yaml');
    writeFileSync(
      mockFile,
      `name: Shop
port: 0
prefix: /api
resources:
  - path: /items
    connection: Shop DB
    table: mockcli_items
routes:
  - method: GET
    path: /hello
    responses:
      - body: hi
`,
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves the tables the file names, from the connections of --data-dir, beside its routes', async () => {
    const h = harness();
    const exit = runCli(['mock', mockFile, '--data-dir', dataDir], h.io);
    const url = await listening(h, exit);
    expect((await call(`${url}/api/hello`)).text).toBe('hi');
    expect(JSON.parse((await call(`${url}/api/items/2`)).text)).toEqual({ id: 2, name: 'Desk' });
    const created = await call(`${url}/api/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: "'; DROP TABLE mockcli_items; --" }),
    });
    expect(created.status).toBe(201);
    const list = JSON.parse((await call(`${url}/api/items`)).text) as { name: string }[];
    expect(list.map((item) => item.name)).toEqual(['Lamp', 'Desk', "'; DROP TABLE mockcli_items; --"]);
    h.stop();
    expect(await exit).toBe(0);
    expect(h.err()).toBe('');
  });

  it('exits 1 naming the file, the resource and the data dir when the connection is not saved there', async () => {
    const h = harness();
    const empty = join(root, 'empty-data');
    const exit = await runCli(['mock', mockFile, '--data-dir', empty], h.io);
    expect(exit).toBe(1);
    expect(h.err()).toContain(
      `resources[0].connection: there is no saved connection "Shop DB" in the data dir ${empty}`,
    );
    expect(h.out()).not.toContain('listening');
  });
});
