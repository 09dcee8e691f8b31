import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../core/mock/testing/http-call';
import type { CliIo } from './cli-io';
import { runCli } from './run-cli';

const SHOP = `name: Shop
port: 0
routes:
  - method: GET
    path: /products/:id
    responses:
      - body: { id: 1, name: Lamp }
`;

interface Harness {
  io: CliIo;
  out: () => string;
  err: () => string;
  stop: () => void;
  /** Resolves when `read()` matches `pattern`. */
  printed: (pattern: RegExp, read?: () => string) => Promise<RegExpMatchArray>;
}

function harness(): Harness {
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolveStop) => (stop = resolveStop));
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  return {
    io: {
      stdout: (text) => {
        out += text;
        wake();
      },
      stderr: (text) => {
        err += text;
        wake();
      },
      env: {},
      waitForStop: () => stopped,
      openUrl: () => {
        throw new Error('mock opens no browser');
      },
    },
    out: () => out,
    err: () => err,
    stop,
    async printed(pattern, read = () => out) {
      for (;;) {
        const match = pattern.exec(read());
        if (match) return match;
        await new Promise<void>((resolveWait) => waiters.push(resolveWait));
      }
    },
  };
}

const LISTENING = /Mock "Shop" listening on (http:\/\/127\.0\.0\.1:(\d+))\n/;

describe('backbench mock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bb-cli-mock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the lines of requests answered just before a stop', async () => {
    const file = join(dir, 'shop.yaml');
    writeFileSync(file, SHOP);
    const h = harness();
    const exit = runCli(['mock', file, '--port', '0'], h.io);
    const [, url] = await h.printed(LISTENING);
    for (let i = 1; i <= 3; i++) expect((await call(`${url}/products/${i}`)).status).toBe(200);
    // lines are written in batches: the stop writes what is pending
    h.stop();
    expect(await exit).toBe(0);
    expect(h.out().match(/^GET \/products\/\d 200 \d+ ms$/gm)).toEqual([
      expect.stringMatching(/\/products\/1 /),
      expect.stringMatching(/\/products\/2 /),
      expect.stringMatching(/\/products\/3 /),
    ]);
  });

  it('serves the file, prints one line per request and stops cleanly', async () => {
    const file = join(dir, 'shop.yaml');
    writeFileSync(file, SHOP);
    const h = harness();
    const exit = runCli(['mock', file, '--port', '0'], h.io);
    const [, url] = await h.printed(LISTENING);
    const product = await call(`${url}/products/9?full=1`);
    expect(JSON.parse(product.text)).toEqual({ id: 1, name: 'Lamp' });
    await h.printed(/GET \/products\/9\?full=1 200 \d+ ms\n/);
    await call(`${url}/nothing`, { method: 'DELETE' });
    await h.printed(/DELETE \/nothing 404 \d+ ms\n/);
    h.stop();
    expect(await exit).toBe(0);
    await expect(call(`${url}/products/9`)).rejects.toThrow(/ECONNREFUSED/);
    expect(h.err()).toBe('');
  });

  it('renders templated bodies with the request (urlParam, queryParam, json)', async () => {
    const file = join(dir, 'shop.yaml');
    writeFileSync(
      file,
      `name: Shop
port: 0
routes:
  - method: GET
    path: /products/:id
    responses:
      - headers: { content-type: application/json }
        body: '{"id": {{urlParam "id"}}, "q": {{json (queryParam "q")}} }'
`,
    );
    const h = harness();
    const exit = runCli(['mock', file, '--port', '0'], h.io);
    const [, url] = await h.printed(LISTENING);
    const product = await call(`${url}/products/42?q=${encodeURIComponent('a "b"')}`);
    expect(JSON.parse(product.text)).toEqual({ id: 42, q: 'a "b"' });
    h.stop();
    expect(await exit).toBe(0);
  });

  it('reloads with --watch and keeps serving when an edit is invalid', async () => {
    const file = join(dir, 'shop.yaml');
    writeFileSync(file, SHOP);
    const h = harness();
    const exit = runCli(['mock', file, '--port', '0', '--watch'], h.io);
    const [, url] = await h.printed(LISTENING);
    writeFileSync(file, SHOP.replace('port: 0', 'port: 0\nprefix: /v2'));
    await h.printed(/Reloaded .*shop\.yaml \(1 route\)\n/);
    expect((await call(`${url}/v2/products/1`)).status).toBe(200);
    writeFileSync(file, SHOP.replace('method: GET', 'method: FETCH'));
    const [line] = await h.printed(/backbench: .*\n/, h.err);
    expect(line).toContain('shop.yaml: routes[0].method: expected an HTTP method');
    expect(line).toContain('the previous routes keep serving');
    expect((await call(`${url}/v2/products/1`)).status).toBe(200);
    h.stop();
    expect(await exit).toBe(0);
  });

  it('exits 1 naming the file and the problem when the file is invalid', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, SHOP.replace('port: 0', 'port: http'));
    const h = harness();
    expect(await runCli(['mock', file], h.io)).toBe(1);
    expect(h.err()).toBe(`backbench: ${file}: port: expected a port number 0–65535 (INVALID_INPUT)\n`);
    const missing = harness();
    expect(await runCli(['mock', join(dir, 'none.yaml')], missing.io)).toBe(1);
    expect(missing.err()).toContain('none.yaml: no such file (FILE_NOT_FOUND)');
  });

  it('exits 1 naming the port when it is in use', async () => {
    const file = join(dir, 'shop.yaml');
    writeFileSync(file, SHOP);
    const first = harness();
    const running = runCli(['mock', file, '--port', '0'], first.io);
    const [, , port] = await first.printed(LISTENING);
    const second = harness();
    expect(await runCli(['mock', file, '--port', port!], second.io)).toBe(1);
    expect(second.err()).toContain(`Port ${port} is already in use on 127.0.0.1`);
    first.stop();
    expect(await running).toBe(0);
  });

  it('rejects wrong usage with exit 2', async () => {
    const none = harness();
    expect(await runCli(['mock'], none.io)).toBe(2);
    expect(none.err()).toContain('one argument is needed: the mock file.');
    const port = harness();
    expect(await runCli(['mock', 'x.yaml', '--port', 'abc'], port.io)).toBe(2);
    expect(port.err()).toContain('--port must be a number from 0 to 65535, not "abc".');
    const help = harness();
    expect(await runCli(['mock', '--help'], help.io)).toBe(0);
    expect(help.out()).toContain('Usage: backbench mock <mock.yaml>');
  });

  it('runs as a process: bin/backbench.mjs mock serves, logs and stops on SIGTERM and SIGINT', async () => {
    const file = join(dir, 'shop.yaml');
    writeFileSync(file, SHOP);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const child = spawn(process.execPath, [resolve('bin/backbench.mjs'), 'mock', file, '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
      const url = await new Promise<string>((resolveUrl, rejectUrl) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = LISTENING.exec(out);
          if (match) resolveUrl(match[1]!);
        });
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        void exited.then((code) => rejectUrl(new Error(`exited ${code}: ${err}`)));
      });
      expect((await call(`${url}/products/1`)).status).toBe(200);
      while (!/GET \/products\/1 200 \d+ ms\n/.test(out))
        await new Promise((resolveWait) => setTimeout(resolveWait, 20));
      child.kill(signal);
      expect(await exited).toBe(0);
    }
  });

  it('exits 1 from the process with the file and the problem', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(
      file,
      'name: Broken\nport: 0\nroutes:\n  - method: GET\n    path: /a\n    responses: [{ status: 700 }]\n',
    );
    const child = spawn(process.execPath, [resolve('bin/backbench.mjs'), 'mock', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
    expect(code).toBe(1);
    expect(err).toContain(`${file}: routes[0].responses[0].status: expected an integer 100–599 (INVALID_INPUT)`);
  });
});
