import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bodyOf, freePort, load, startServer, type ServerProcess } from './http-load';
import { repoRoot } from './paths';

const BARE = join(repoRoot, 'bench', 'fixtures', 'mock', 'bare-server.mjs');
const started: ServerProcess[] = [];

afterEach(async () => {
  for (const server of started.splice(0)) await server.stop();
});

async function server(script: string): Promise<ServerProcess> {
  const port = await freePort();
  const running = await startServer({
    name: 'test server',
    command: process.execPath,
    args: script.endsWith('.mjs') ? [script, String(port)] : ['-e', script, String(port)],
    readyPath: '/',
    port,
  });
  started.push(running);
  return running;
}

describe('http-load', () => {
  it('loads a server in its own process and reads the CPU it spent', async () => {
    const bare = await server(BARE);
    expect(bare.pid).not.toBe(process.pid);
    expect(await bodyOf(`${bare.origin}/hello`)).toEqual({
      status: 200,
      body: '{"message":"Hello, world!"}',
      type: 'application/json; charset=utf-8',
    });
    const result = await load(bare, '/hello', { connections: 4, duration: 1 });
    expect(result.rps).toBeGreaterThan(0);
    // the server answered every request: it used some CPU, and each answer cost some
    expect(result.serverCpuUs).toBeGreaterThan(0);
    expect(Number.isFinite(result.serverCpuUs)).toBe(true);
  });

  it('pauses a server (stopped: no timer or garbage collection of its own runs) and resumes it', async () => {
    const bare = await server(BARE);
    // field 3 of /proc/<pid>/stat: T when stopped by a signal
    const state = () => /\) (\S)/.exec(readFileSync(`/proc/${bare.pid}/stat`, 'utf8'))![1];
    bare.pause();
    await expect.poll(state).toBe('T');
    bare.resume();
    await expect.poll(state).not.toBe('T');
    expect((await bodyOf(`${bare.origin}/hello`)).status).toBe(200);
    // a paused server still stops when asked
    bare.pause();
    await expect.poll(state).toBe('T');
    await bare.stop();
    expect(existsSync(`/proc/${bare.pid}`)).toBe(false);
  });

  it('fails a run that got answers other than 2xx, naming the status', async () => {
    // ready on / (200), 404 elsewhere
    const script = `require('node:http').createServer((req, res) => { res.statusCode = req.url === '/' ? 200 : 404;
      res.end(); }).listen(Number(process.argv[1]), '127.0.0.1')`;
    const notFound = await server(script);
    await expect(load(notFound, '/missing', { connections: 2, duration: 1 })).rejects.toThrow(/404: \d+/);
  });

  it('says why a server that exits before it is ready could not start', async () => {
    const port = await freePort();
    await expect(
      startServer({
        name: 'broken',
        command: process.execPath,
        args: ['-e', 'console.error("no database here"); process.exit(3)'],
        readyPath: '/',
        port,
      }),
    ).rejects.toThrow(/broken exited \(3\) before it answered:\nno database here/);
  });
});
