import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';
import { repoRoot } from './paths';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

export interface PeerPage {
  url: string;
  close(): Promise<void>;
}

/**
 * Builds the peer canvas (bench/designer-peer: React Flow as its docs show it) with Vite into `outDir`, as a
 * production bundle like the app's, writes the diagram beside it and serves the folder on 127.0.0.1.
 */
export async function startPeerPage(outDir: string, diagram: unknown): Promise<PeerPage> {
  await build({
    root: join(repoRoot, 'bench', 'designer-peer'),
    base: './',
    logLevel: 'error',
    configFile: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { outDir, emptyOutDir: true, minify: true, chunkSizeWarningLimit: 5000 },
  });
  await writeFile(join(outDir, 'diagram.json'), JSON.stringify(diagram));
  const root = resolve(outDir);
  const server: Server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    const file = path === root || path === `${root}/` ? join(root, 'index.html') : path;
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
