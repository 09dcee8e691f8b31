import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/main/core/services';
import { startWebHost, type WebHost } from '../../src/main/server/web-host';
import { createRpcClient, RpcError } from './rpc-client';
import { signIn } from './web-auth';

// the benches sign in as the page does; when the host's auth changes, this fails until web-auth.ts follows
describe('bench sign-in to the browser host', () => {
  let root: string;
  let services: Awaited<ReturnType<typeof createServices>>;
  let host: WebHost;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bb-bench-auth-'));
    const rendererDir = join(root, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Backbench</title>');
    services = await createServices({ host: 'test', dataDir: join(root, 'data'), createSample: false });
    host = await startWebHost({ dispatch: services.dispatch, rendererDir, port: 0 });
  });

  afterAll(async () => {
    await host.close();
    await services.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('calls /rpc with the headers signIn returns for the printed start URL', async () => {
    const rpc = createRpcClient(host.origin, await signIn(host.startUrl()));
    try {
      expect(await rpc.call('connections.list', {})).toEqual([]);
    } finally {
      rpc.close();
    }
  });

  it('is refused without them', async () => {
    const rpc = createRpcClient(host.origin, { Origin: host.origin });
    try {
      await expect(rpc.call('connections.list', {})).rejects.toSatisfy(
        (e) => e instanceof RpcError && e.code === 'UNAUTHORIZED',
      );
    } finally {
      rpc.close();
    }
  });
});
