import { createServer } from 'node:net';

/** Whether `port` can be bound on `host` right now (bound and released at once). */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.once('error', () => resolvePort(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolvePort(true)));
  });
}

/**
 * The first port from `from` up that nothing listens on and `taken` does not hold (ports other mock files
 * already claim, running or not). Checked by binding, so only a port free at this moment is offered.
 */
export async function firstFreePort(from: number, taken: ReadonlySet<number>, host = '127.0.0.1'): Promise<number> {
  for (let port = from; port <= 65_535; port++) {
    if (taken.has(port)) continue;
    if (await portIsFree(port, host)) return port;
  }
  return 0;
}
