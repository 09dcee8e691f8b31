import pg from 'pg';
import type { ConnectionParams } from '../../../../shared/domain';
import { PG_STARTUP_OPTIONS } from './postgres-values';

/** Settings and connection-level helpers of a PostgreSQL session's pinned client. */

type PgParams = Extract<ConnectionParams, { engine: 'postgres' }>;

/** The pg client settings of a session (also used for its short-lived side connections). */
export function pgClientConfig(
  params: PgParams,
  password: string | null,
  ssl: pg.ClientConfig['ssl'],
): pg.ClientConfig {
  return {
    host: params.host,
    port: params.port,
    user: params.user || undefined,
    database: params.database || undefined,
    password: password ?? undefined,
    ssl,
    connectionTimeoutMillis: params.connectTimeoutMs ?? 10_000,
    keepAlive: true,
    application_name: 'Backbench',
    options: PG_STARTUP_OPTIONS,
  };
}

/** pg's `ssl` option for an SSL mode; "prefer" starts with SSL and falls back (see ssl-fallback.ts). */
export function sslFor(mode: PgParams['sslMode']): pg.ClientConfig['ssl'] {
  switch (mode) {
    case 'disable':
      return false;
    case 'prefer':
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-full':
      return { rejectUnauthorized: true };
  }
}

/**
 * Drops a client that failed to connect without waiting for it: end() waits for the peer to close its side,
 * which a server that is not PostgreSQL (and keeps the socket open) never does.
 */
export function abandon(client: pg.Client): void {
  void client.end().catch(() => undefined);
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}

/**
 * Lets the process exit without waiting for a client that is ending (its goodbye, Terminate, is already
 * written): the server closes its side on its own, and the kernel closes ours at exit.
 */
export function letGo(client: pg.Client): void {
  (client as unknown as { connection?: { stream?: { unref?(): void } } }).connection?.stream?.unref?.();
}

/**
 * pg-protocol decodes every field in the socket's 'data' listener, where an exception has no caller: a value
 * longer than the longest JavaScript string (~512 MB of text, ~256 MB of bytea as hex) would throw there and
 * end the whole process. Such a failure instead ends this connection with that error (the session reports it).
 */
export function guardParser(client: pg.Client): void {
  const stream = (client as unknown as { connection?: { stream?: NodeJS.EventEmitter & { destroy(e: Error): void } } })
    .connection?.stream;
  if (!stream) return;
  for (const listener of stream.listeners('data') as ((chunk: Buffer) => void)[]) {
    stream.removeListener('data', listener);
    stream.on('data', (chunk: Buffer) => {
      try {
        listener(chunk);
      } catch (error) {
        stream.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }
}
