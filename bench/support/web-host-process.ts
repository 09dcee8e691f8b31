import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths';

export interface WebHostProcess {
  /** The start link exactly as printed ("Start link (…): <url>"); it works once. */
  startUrl: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

const READY = /Start link[^:]*: (\S+)/;

/**
 * Starts `backbench web` (the built app, via bin/backbench.mjs, rebuilding first when the sources changed) as
 * its own process, as a user does: the host's event loop is not shared with the bench's HTTP client.
 */
export async function startWebHostProcess(dataDir: string, options: { token?: string } = {}): Promise<WebHostProcess> {
  // the host mints its own one-time start token, whatever the caller's environment fixes — unless the bench
  // gives one (it then works any number of times: an RPC client and a browser can both sign in with it)
  const env = { ...process.env };
  delete env.BACKBENCH_TOKEN;
  if (options.token) env.BACKBENCH_TOKEN = options.token;
  const child = spawn(
    process.execPath,
    [
      ...hostNodeArgs(),
      join(repoRoot, 'bin', 'backbench.mjs'),
      'web',
      '--no-open',
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const startUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      const match = READY.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`backbench web exited (${code}) before it was ready:\n${stderr}`)));
  });
  return {
    startUrl,
    origin: new URL(startUrl).origin,
    pid: child.pid!,
    stop: () => stopChild(child),
  };
}

/** BENCH_HOST_NODE_ARGS (space-separated), e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the host. */
function hostNodeArgs(): string[] {
  return (process.env.BENCH_HOST_NODE_ARGS ?? '').split(/\s+/).filter((arg) => arg !== '');
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
