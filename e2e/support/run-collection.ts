import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostRpc } from './host-rpc';

/** A local server the collection runner's specs send to. */
export interface EchoServer {
  /** `http://127.0.0.1:<port>`, what the environment's `base` variable holds. */
  base: string;
  close(): Promise<void>;
}

/**
 * Answers every request with `{ path }` as JSON after 5 ms; a path starting with /slow answers after `slowMs`,
 * so a run of it is still under way when the spec acts on it (Cancel, reload).
 */
export async function startEchoServer({ slowMs }: { slowMs: number }): Promise<EchoServer> {
  const server = createServer((req, res) => {
    const delay = req.url?.startsWith('/slow') ? slowMs : 5;
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url }));
    }, delay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A collection of GET requests, each asserting the status it expects, and an environment `<name> env` whose
 * `base` is the server (the requests' URLs are `{{base}}<url>`). Made through the host's RPC, as a user's files.
 */
export async function writeRunCollection({
  name,
  base,
  requests,
}: {
  name: string;
  base: string;
  requests: { name: string; url: string; status: number }[];
}): Promise<{ path: string; env: string }> {
  const { path } = await hostRpc<{ path: string }>('http.createCollection', { name });
  for (const request of requests) {
    await hostRpc('http.createRequest', {
      parent: path,
      request: {
        name: request.name,
        method: 'GET',
        url: `{{base}}${request.url}`,
        assertions: [{ target: 'status', op: 'equals', value: request.status }],
      },
    });
  }
  const env = await hostRpc<{ path: string }>('http.createEnvironment', { name: `${name} env` });
  await hostRpc('http.saveEnvironment', {
    path: env.path,
    environment: { name: `${name} env`, variables: [{ name: 'base', value: base }] },
  });
  return { path, env: env.path };
}
