/**
 * HTTP servers measured under load: each server in a child process of its own (its event loop is not the load
 * generator's), loaded by autocannon from the bench's process with keep-alive connections, and the CPU time the
 * server spent read from /proc, so a server's cost per request shows even when the load generator is the limit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import autocannon, { type Request } from 'autocannon';

export interface ServerSpec {
  /** What messages call it. */
  name: string;
  command: string;
  args: string[];
  /** A path that answers 200 once the server is ready. */
  readyPath: string;
  port: number;
  env?: Record<string, string | undefined>;
  /** How long it may take to answer readyPath (a first `backbench` run builds the app first). */
  readyTimeoutMs?: number;
}

export interface ServerProcess {
  name: string;
  pid: number;
  origin: string;
  /** CPU time (user + system, every thread) the process has used so far, in ms. */
  cpuMs(): number;
  /**
   * Freezes the process (SIGSTOP) while other servers are measured: an idle server still runs timers and the
   * garbage collection its last load left behind, on the cores the measured server and the load generator share.
   */
  pause(): void;
  /** Lets a paused process run again (SIGCONT). */
  resume(): void;
  stop(): Promise<void>;
}

/** A port free on 127.0.0.1 right now (the server is told to use it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server with its stdout to /dev/null (as `… > /dev/null`: its per-request log lines are still
 * written) and waits until readyPath answers 200. A server that exits first fails with its stderr.
 */
export async function startServer(spec: ServerSpec): Promise<ServerProcess> {
  const devNull = openSync('/dev/null', 'w');
  let child: ChildProcess;
  try {
    child = spawn(spec.command, spec.args, {
      stdio: ['ignore', devNull, 'pipe'],
      env: spec.env ? { ...process.env, ...spec.env } : process.env,
    });
  } finally {
    closeSync(devNull);
  }
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    if (stderr.length < 64 * 1024) stderr += text;
  });
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = signal ?? String(code)));
  const origin = `http://127.0.0.1:${spec.port}`;
  const deadline = Date.now() + (spec.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exited !== null) throw new Error(`${spec.name} exited (${exited}) before it answered:\n${stderr.trim()}`);
    if ((await statusOf(origin + spec.readyPath)) === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${spec.name} did not answer GET ${spec.readyPath} with 200 in time:\n${stderr.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const pid = child.pid!;
  return {
    name: spec.name,
    pid,
    origin,
    cpuMs: () => processCpuMs(pid),
    pause: () => signal(child, 'SIGSTOP'),
    resume: () => signal(child, 'SIGCONT'),
    stop: () => stopChild(child),
  };
}

/** GET url's status, or 0 when nothing answers. */
export function statusOf(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', () => resolve(0));
    req.end();
  });
}

/** GET url's body (to check that a server answers what the bench expects before measuring it). */
export function bodyOf(url: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (text: string) => (body += text));
      res.once('end', () =>
        resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type'] ?? '') }),
      );
    });
    req.once('error', reject);
    req.end();
  });
}

// utime and stime are in clock ticks; Linux has used 100 per second (USER_HZ) on every platform it runs on
const TICKS_PER_SECOND = 100;

function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the command name (field 2) may hold spaces and parentheses: count fields after its closing ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

function signal(child: ChildProcess, name: 'SIGSTOP' | 'SIGCONT'): void {
  if (child.exitCode === null && child.signalCode === null) child.kill(name);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  // a paused process would only see SIGTERM once continued
  child.kill('SIGCONT');
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface LoadOptions {
  connections: number;
  /** Seconds. */
  duration: number;
  /** Requests sent in turn on each connection (default: GET of the URL's path). */
  requests?: Request[];
}

export interface LoadResult {
  /** 2xx responses per second over the run. */
  rps: number;
  /** Server CPU time per 2xx response, in µs. */
  serverCpuUs: number;
  /** Share of one core the server used. */
  serverCpu: number;
  /** Share of one core the load generator (this process) used. */
  clientCpu: number;
  p99Ms: number;
}

/**
 * Loads url for `duration` seconds with keep-alive connections, pipelining 1. Any error, timeout or non-2xx
 * answer fails the run: a fast wrong answer must not count.
 */
export async function load(server: ServerProcess, path: string, options: LoadOptions): Promise<LoadResult> {
  const cpuBefore = server.cpuMs();
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({
    url: server.origin + path,
    connections: options.connections,
    duration: options.duration,
    pipelining: 1,
    requests: options.requests,
  });
  const wallMs = performance.now() - started;
  const client = process.cpuUsage(clientBefore);
  const serverMs = server.cpuMs() - cpuBefore;
  const ok = result['2xx'];
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0 || ok === 0) {
    const codes = Object.entries(result.statusCodeStats)
      .map(([code, { count }]) => `${code}: ${count}`)
      .join(', ');
    throw new Error(
      `${server.name} GET ${path}: ${ok} ok, ${result.non2xx} not 2xx (${codes}), ${result.errors} errors, ` +
        `${result.timeouts} timeouts`,
    );
  }
  return {
    rps: ok / result.duration,
    serverCpuUs: (serverMs * 1000) / ok,
    serverCpu: serverMs / wallMs,
    clientCpu: (client.user + client.system) / 1000 / wallMs,
    p99Ms: result.latency.p99,
  };
}
