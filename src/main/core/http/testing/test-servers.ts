/**
 * Servers for the HTTP client's tests: node:http and node:https on 127.0.0.1 (port 0), the certificate made
 * by the mock server's local-certificate module in a temp folder. Each records what it received, so tests check
 * bodies and auth on the server side.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { loadOrCreateLocalCertificate } from '../../mock/tls/local-certificate';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  rawHeaders: string[];
  body: Buffer;
}

export type TestHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

export interface TestServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** Starts servers on demand; all are closed after each test, the temp folder after the file. */
export function useTestServers() {
  const servers: { server: Server; sockets: Set<Socket> }[] = [];
  let dir: string | null = null;
  const tempDir = () => (dir ??= mkdtempSync(join(tmpdir(), 'bb-http-')));

  afterEach(async () => {
    await Promise.all(servers.splice(0).map(({ server, sockets }) => stop(server, sockets)));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function start(server: Server, protocol: string, handler: TestHandler): Promise<TestServer> {
    const received: Received[] = [];
    const sockets = new Set<Socket>();
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server.on('secureConnection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        received.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          rawHeaders: req.rawHeaders,
          body,
        });
        handler(req, res, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const entry = { server, sockets };
    servers.push(entry);
    const { port } = server.address() as AddressInfo;
    return { url: `${protocol}://127.0.0.1:${port}`, received, close: () => stop(server, sockets) };
  }

  return {
    tempDir,
    http: (handler: TestHandler) => start(createHttpServer(), 'http', handler),
    https: async (handler: TestHandler) => {
      const { cert, key } = await loadOrCreateLocalCertificate(join(tempDir(), 'tls'));
      return start(createHttpsServer({ cert, key }), 'https', handler);
    },
  };
}

function stop(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
