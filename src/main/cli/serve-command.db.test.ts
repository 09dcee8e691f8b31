import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '../../../bin/backbench.mjs');
const PG_URL = process.env.BACKBENCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL_URL = process.env.BACKBENCH_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

/** Runs SQL on the test database of the engine. */
async function sql(engine: 'postgres' | 'mysql', text: string): Promise<void> {
  if (engine === 'postgres') {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(text);
    await client.end();
  } else {
    const client = await mysql.createConnection(MYSQL_URL);
    await client.query(text);
    await client.end();
  }
}

/** `backbench serve <args>` until it prints where it listens; then `stop` sends SIGTERM and gives the exit code. */
function serve(args: string[]): Promise<{ url: string; line: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((done) => child.on('close', done));
  return new Promise((started, failed) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /^(Serving .* on (http:\/\/127\.0\.0\.1:\d+))\n/m.exec(stdout);
      if (match) {
        started({
          url: match[2]!,
          line: match[1]!,
          stop: () => {
            child.kill('SIGTERM');
            return exit;
          },
        });
      }
    });
    void exit.then((code) => failed(new Error(`serve ended (${code}) before listening: ${stderr}`)));
  });
}

describe.each([
  ['postgres', PG_URL],
  ['mysql', MYSQL_URL],
] as const)('backbench serve on %s', (engine, url) => {
  const table = `mockrest_cli_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    // the first run builds the app when the build is older than the sources
    const built = await new Promise<number | null>((done) =>
      spawn(process.execPath, [BIN, 'serve', '--help'], { stdio: 'ignore' }).on('close', done),
    );
    expect(built).toBe(0);
    const key = engine === 'postgres' ? 'id serial PRIMARY KEY' : 'id INT AUTO_INCREMENT PRIMARY KEY';
    await sql(engine, `CREATE TABLE ${table} (${key}, name VARCHAR(100) NOT NULL, big BIGINT)`);
    await sql(engine, `INSERT INTO ${table} (name, big) VALUES ('first', 9007199254740993)`);
  }, 600_000);
  afterAll(async () => {
    await sql(engine, `DROP TABLE IF EXISTS ${table}`);
  });

  it('serves the listed table of a database URL', async () => {
    const served = await serve([url, '--tables', table]);
    expect(served.line).toBe(`Serving ${url} on ${served.url}`);
    const list = await fetch(`${served.url}/${table}`);
    expect(list.headers.get('x-total-count')).toBe('1');
    expect(await list.json()).toEqual([{ id: 1, name: 'first', big: '9007199254740993' }]);
    const created = await fetch(`${served.url}/${table}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "second", "big": -9007199254740993}',
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ id: 2, name: 'second', big: '-9007199254740993' });
    const missing = await fetch(`${served.url}/${table}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"big": 1}',
    });
    expect(missing.status).toBe(400);
    const form = await fetch(`${served.url}/${table}`, { method: 'POST', body: new URLSearchParams({ name: 'x' }) });
    expect(form.status).toBe(415);
    expect(await served.stop()).toBe(0);
  });
});
