import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '../../../bin/backbench.mjs');

interface Served {
  child: ChildProcess;
  url: string;
  line: string;
  exit: Promise<{ code: number | null; stderr: string }>;
}

/** Runs `backbench <args>` to its end. */
function runToEnd(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Starts `backbench serve <args>` and resolves once it prints where it listens. */
function serve(args: string[], env: NodeJS.ProcessEnv): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((done) =>
    child.on('close', (code) => done({ code, stderr })),
  );
  return new Promise((started, failed) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /^(Serving .* on (http:\/\/127\.0\.0\.1:\d+))\n/m.exec(stdout);
      if (match) started({ child, url: match[2]!, line: match[1]!, exit });
    });
    void exit.then(({ code }) => failed(new Error(`serve ended (${code}) before listening: ${stderr}`)));
  });
}

describe('backbench serve', () => {
  let root: string;
  let file: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bb-serve-'));
    file = join(root, 'shop.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE mockrest_products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL);
             CREATE TABLE mockrest_tags (tag TEXT PRIMARY KEY);
             INSERT INTO mockrest_products (name, price) VALUES ('Lamp', 19.5), ('Desk', 120);
             INSERT INTO mockrest_tags VALUES ('new');`);
    db.close();
    env = { ...process.env, BACKBENCH_DATA_DIR: join(root, 'data') };
    // the first run builds the app when the build is older than the sources
    const help = await runToEnd(['serve', '--help'], env);
    expect(help.code).toBe(0);
  }, 600_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves every table over HTTP and stops cleanly on SIGTERM', async () => {
    const served = await serve([file, '--port', '0'], env);
    expect(served.line).toBe(`Serving ${file} on ${served.url}`);
    const list = await fetch(`${served.url}/mockrest_products?_sort=-price`);
    expect(list.status).toBe(200);
    expect(list.headers.get('x-total-count')).toBe('2');
    expect(await list.json()).toEqual([
      { id: 2, name: 'Desk', price: 120 },
      { id: 1, name: 'Lamp', price: 19.5 },
    ]);
    const created = await fetch(`${served.url}/mockrest_products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Chair', price: 45 }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/mockrest_products/3');
    expect((await fetch(`${served.url}/mockrest_tags/new`)).status).toBe(200);
    const index = (await (await fetch(`${served.url}/`)).json()) as { resources: { name: string }[] };
    expect(index.resources.map((r) => r.name)).toEqual(['mockrest_products', 'mockrest_tags']);
    expect((await fetch(`${served.url}/_openapi.json`)).status).toBe(200);
    served.child.kill('SIGTERM');
    expect((await served.exit).code).toBe(0);
    // the row was written to the file
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT name FROM mockrest_products WHERE id = 3').get()).toEqual({ name: 'Chair' });
    db.close();
  });

  it('answers many requests at once on one SQLite session, each whole', async () => {
    const served = await serve([file], env);
    const before = Number((await fetch(`${served.url}/mockrest_products`)).headers.get('x-total-count'));
    const answers = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        if (i % 3 === 0) {
          const res = await fetch(`${served.url}/mockrest_products`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: `bulk ${i}`, price: i }),
          });
          return { status: res.status, body: (await res.json()) as unknown };
        }
        const res = await fetch(`${served.url}/mockrest_products${i % 3 === 1 ? '?_sort=id' : '/1'}`);
        return { status: res.status, body: (await res.json()) as unknown };
      }),
    );
    answers.forEach((a, i) => {
      if (i % 3 === 0) expect(a).toMatchObject({ status: 201, body: { name: `bulk ${i}`, price: i } });
      else if (i % 3 === 1) {
        expect(a.status).toBe(200);
        expect((a.body as unknown[]).length).toBeGreaterThanOrEqual(before);
      } else expect(a).toEqual({ status: 200, body: { id: 1, name: 'Lamp', price: 19.5 } });
    });
    const after = Number((await fetch(`${served.url}/mockrest_products`)).headers.get('x-total-count'));
    expect(after).toBe(before + 20);
    served.child.kill('SIGTERM');
    expect((await served.exit).code).toBe(0);
  });

  it('serves only the listed tables, read-only when asked, and stops on SIGINT', async () => {
    const served = await serve([file, '--tables', 'mockrest_tags', '--read-only'], env);
    expect((await fetch(`${served.url}/mockrest_tags`)).status).toBe(200);
    expect((await fetch(`${served.url}/mockrest_products`)).status).toBe(404);
    const refused = await fetch(`${served.url}/mockrest_tags`, { method: 'POST', body: '{"tag":"x"}' });
    expect(refused.status).toBe(405);
    // without --cors a page of another site is refused
    expect((await fetch(`${served.url}/mockrest_tags`, { headers: { origin: 'https://app.example' } })).status).toBe(
      403,
    );
    served.child.kill('SIGINT');
    expect((await served.exit).code).toBe(0);
  });

  it('answers pages of other origins with --cors', async () => {
    const served = await serve([file, '--tables', 'mockrest_tags', '--cors'], env);
    const pre = await fetch(`${served.url}/mockrest_tags`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    const list = await fetch(`${served.url}/mockrest_tags`, { headers: { origin: 'https://app.example' } });
    expect(list.status).toBe(200);
    expect(list.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(list.headers.get('access-control-expose-headers')).toBe('X-Total-Count');
    served.child.kill('SIGTERM');
    expect((await served.exit).code).toBe(0);
  });

  it('exits 1 with one line on stderr for a bad target or an unknown table', async () => {
    const missing = await runToEnd(['serve', join(root, 'nope.db')], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('nope.db');

    const unknown = await runToEnd(['serve', file, '--tables', 'mockrest_products,mockrest_nope'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('"mockrest_nope"');
    expect(unknown.stderr).toContain('(it has mockrest_products, mockrest_tags)');

    const usage = await runToEnd(['serve', file, '--port', 'eighty'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--port');
  });
});
