/* Test support only (imported by *.test.ts): the real core behind an in-memory transport, in Node. */
/* eslint-disable no-restricted-imports -- store tests run the real core services in Node, never a mock of them */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../../../../shared/client';
import type { Contract } from '../../../../shared/contract';
import { createMemoryTransport } from '../../../../shared/transport-memory';
import { createServices, type Services } from '../../../../main/core/services';
import type { AppClient } from '../store-deps';

export interface CoreClient {
  client: AppClient;
  services: Services;
  dataDir: string;
  /** A path inside the data folder (for SQLite files a test creates). */
  file(name: string): string;
  /** Disposes the services and deletes the data folder. */
  close(): Promise<void>;
}

/**
 * Real core services (app database, the sample SQLite shop, query and workspace services) in a temp data folder,
 * reached through the in-memory transport, which round-trips every call and event through JSON like a host.
 */
export async function startCoreClient(): Promise<CoreClient> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bb-stores-'));
  let memory: ReturnType<typeof createMemoryTransport> | null = null;
  const services = await createServices({
    host: 'test',
    dataDir,
    emit: (topic, payload) => memory?.emit({ topic, payload }),
  });
  memory = createMemoryTransport(services.dispatch);
  return {
    client: createClient<Contract>(memory),
    services,
    dataDir,
    file: (name) => join(dataDir, name),
    async close() {
      await services.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
