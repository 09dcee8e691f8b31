import type { MockServer } from '../mock-server';

/**
 * Resolves once the server's log holds `count` entries. A proxied exchange is logged when the answer has been
 * handed to the socket, which the client may see first; tests wait for the entry rather than for a time.
 */
export function logged(server: MockServer, count: number): Promise<void> {
  return new Promise((resolveLogged) => {
    if (server.log.entries().length >= count) return resolveLogged();
    const stop = server.log.subscribe(() => {
      if (server.log.entries().length < count) return;
      stop();
      resolveLogged();
    });
  });
}
