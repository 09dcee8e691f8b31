import { randomBytes } from 'node:crypto';
import { request } from '@playwright/test';
import { E2E_BASE_URL, E2E_TOKEN } from './env';

let session: Promise<string> | null = null;

/** A session of the test process, from the fixed start token (BACKBENCH_TOKEN), made once per worker. */
function testSession(): Promise<string> {
  session ??= (async () => {
    const context = await request.newContext({ baseURL: E2E_BASE_URL });
    try {
      const response = await context.post('/session', { data: { startToken: E2E_TOKEN } });
      if (!response.ok()) throw new Error(`POST /session answered ${response.status()}: ${await response.text()}`);
      return ((await response.json()) as { session: string }).session;
    } finally {
      await context.dispose();
    }
  })();
  return session;
}

/**
 * Calls one procedure of the running browser host from the test process (its own session, no browser), for setup
 * and cleanup only: what a spec asserts always goes through the UI.
 */
export async function hostRpc<T = unknown>(method: string, input: unknown = {}): Promise<T> {
  const context = await request.newContext({
    baseURL: E2E_BASE_URL,
    extraHTTPHeaders: { 'x-backbench-session': await testSession() },
  });
  try {
    const response = await context.post('/rpc', { data: { id: 1, method, input } });
    const body = (await response.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
    if (!body.ok) throw new Error(`${method} failed: ${body.error?.code} ${body.error?.message}`);
    return body.value as T;
  } finally {
    await context.dispose();
  }
}

interface SavedConnectionLite {
  id: string;
  name: string;
  isSample?: boolean;
}

/** Deletes every saved connection whose name starts with `prefix` (what a spec created, even when it failed). */
export async function deleteConnectionsNamed(prefix: string): Promise<void> {
  const connections = await hostRpc<SavedConnectionLite[]>('connections.list');
  for (const c of connections) {
    if (!c.isSample && c.name.startsWith(prefix)) await hostRpc('connections.delete', { id: c.id });
  }
}

/** Starts the next page load with no restored editor tabs, so it opens one starter tab on the sample database. */
export async function resetEditorTabs(): Promise<void> {
  await hostRpc('workspace.saveTabs', { tabs: [], activeTabId: null });
}

/** A short random suffix so names never collide between runs or with other users of the test servers. */
export function randomSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** Runs SQL on the sample database from the test process (setup and cleanup only). */
export async function sampleSql(sql: string): Promise<void> {
  const connections = await hostRpc<SavedConnectionLite[]>('connections.list');
  const sample = connections.find((c) => c.isSample);
  if (!sample) throw new Error('The e2e host has no sample connection.');
  await hostRpc('query.run', { connectionId: sample.id, sql, runId: `e2e-sql-${randomSuffix()}`, pageSize: 10 });
}
