/**
 * The script sandbox's worker is started from source text (`new Worker(text, { eval: true })`, sandbox-host.ts),
 * taken from functions of the bundle: this runs the built app (`bin/backbench.mjs web`, which builds out/ when
 * the sources are newer) and sends a request with a post-response script over its RPC endpoint.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rpc, signIn } from './http-test-client';
import { useTestServers } from '../core/http/testing/test-servers';

const { http } = useTestServers();
const TOKEN = 'b'.repeat(64);
let child: ChildProcess | undefined;
let dir: string | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolveExit) => child!.on('exit', resolveExit));
    child.kill('SIGTERM');
    await exited;
  }
  child = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts `backbench web` on a free port and returns the port. */
async function startWeb(): Promise<number> {
  dir = mkdtempSync(join(tmpdir(), 'bb-http-built-'));
  const started = spawn(
    process.execPath,
    [resolve('bin/backbench.mjs'), 'web', '--port', '0', '--no-open', '--data-dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BACKBENCH_TOKEN: TOKEN } },
  );
  child = started;
  let out = '';
  let err = '';
  return new Promise<number>((resolvePort, rejectPort) => {
    started.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (match) resolvePort(Number(match[1]));
    });
    started.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    started.on('exit', (code) => rejectPort(new Error(`backbench web exited ${code}: ${err}`)));
  });
}

describe('http.send in the built app', () => {
  it('runs a post-response script in the sandbox worker of the out/ bundle', { timeout: 180_000 }, async () => {
    const server = await http((_req, res) => res.end('{"id":3}'));
    const port = await startWeb();
    const session = await signIn(port, TOKEN);
    const reply = await rpc(port, session, 'http.send', {
      sendId: 'built',
      request: {
        name: 'Built',
        method: 'GET',
        url: server.url,
        scripts: {
          postResponse: `bb.test('id is 3', () => bb.expect(bb.response.json().id).to.equal(3));
bb.test('id is 4', () => bb.expect(bb.response.json().id).to.equal(4));
console.log('ran in', typeof process);`,
        },
      },
    });
    expect(reply.status).toBe(200);
    const { value } = JSON.parse(reply.body) as {
      value: { status: number; tests: { name: string; passed: boolean }[]; scriptLogs: { message: string }[] };
    };
    expect(value.status).toBe(200);
    expect(value.tests.map(({ name, passed }) => [name, passed])).toEqual([
      ['id is 3', true],
      ['id is 4', false],
    ]);
    expect(value.scriptLogs.map((log) => log.message)).toEqual(['ran in undefined']);
  });
});
