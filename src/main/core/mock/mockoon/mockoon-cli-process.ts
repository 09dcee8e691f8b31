/**
 * The real Mockoon CLI (@mockoon/cli, a devDependency) serving an environment file, for the tests that check the
 * importer answers as Mockoon does. Started on a free port of 127.0.0.1; ready once the port accepts connections.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { dirname, resolve } from 'node:path';

/** node_modules/.bin/mockoon-cli of this checkout; null when it is not installed. */
export function mockoonCliPath(): string | null {
  const bin = resolve('node_modules', '.bin', process.platform === 'win32' ? 'mockoon-cli.cmd' : 'mockoon-cli');
  return existsSync(bin) ? bin : null;
}

export interface MockoonProcess {
  url: string;
  /** What it printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, rejectPort) => {
    const server = createServer();
    server.once('error', rejectPort);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolveProbe(true);
    });
    socket.once('error', () => resolveProbe(false));
  });
}

/** `mockoon-cli start --data <file>` on a free port; rejects when it exits or is not listening within `timeoutMs`. */
export async function startMockoon(file: string, { timeoutMs = 60_000, fakerSeed = 1 } = {}): Promise<MockoonProcess> {
  const bin = mockoonCliPath();
  if (bin === null) throw new Error('mockoon-cli is not installed (npm ci installs @mockoon/cli)');
  const port = await freePort();
  const args = ['start', '--data', file, '--port', String(port), '--hostname', '127.0.0.1'];
  args.push('--disable-log-to-file', '--disable-admin-api', '--faker-seed', String(fakerSeed));
  const child = spawn(bin, args, { cwd: dirname(file), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolveExit) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolveExit();
    }),
  );
  const deadline = Date.now() + timeoutMs;
  while (!(await accepts(port))) {
    if (exitCode !== undefined) throw new Error(`mockoon-cli exited (${String(exitCode)}): ${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`mockoon-cli did not listen on ${port} within ${timeoutMs} ms: ${output}`);
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      if (exitCode === undefined) child.kill('SIGTERM');
      await exited;
    },
  };
}
