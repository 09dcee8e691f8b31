import type { Socket } from 'node:net';
import pg from 'pg';
import type { ConnectionParams } from '../../../../shared/domain';
import { PG_STARTUP_OPTIONS } from './postgres-values';
import { askForSsl, type SslAsked } from './ssl-request';

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
    // a read-only connection: every transaction the session starts is read-only (the server refuses changes)
    options:
      params.safety === 'readOnly' ? `${PG_STARTUP_OPTIONS} -c default_transaction_read_only=on` : PG_STARTUP_OPTIONS,
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

/** What a session connects with: `config` for its side connections, `first` for its own connection. */
export interface PgConnectPlan {
  config: pg.ClientConfig;
  first: pg.ClientConfig;
}

/**
 * How to connect. With SSL mode "prefer" over TCP this asks the server for SSL on a socket of its own and goes on
 * over that same socket, as libpq does: pg, given the socket, does the TLS handshake on it where the server
 * said yes ('S'; it then skips its own SSLRequest, as in direct negotiation) and signs in without TLS where it
 * said no ('N'). pg alone would close the connection after a no and open a second one (ssl-fallback.ts).
 * Any other answer is the error pg gives for it, so the fallback behaves as before. `asked`: the SSLRequest
 * already sent for these params (see earlySslRequest).
 */
export async function planConnect(
  params: PgParams,
  password: string | null,
  ssl: pg.ClientConfig['ssl'],
  asked?: Promise<SslAsked>,
): Promise<PgConnectPlan> {
  const config = pgClientConfig(params, password, ssl);
  if (params.sslMode !== 'prefer' || !ssl || params.host.startsWith('/')) {
    // asked for nothing here after all: let its connection go
    void asked?.then(
      ({ socket }) => socket.destroy(),
      () => undefined,
    );
    return { config, first: config };
  }
  const timeout = config.connectionTimeoutMillis!;
  const { socket, answer, startedAt } = await (asked ?? askForSsl(params.host, params.port, timeout));
  const timeLeft = Math.max(1, timeout - (Date.now() - startedAt));
  // pg calls connect() on its stream: this one is connected already (and paused until pg listens to it)
  socket.connect = (() => {
    process.nextTick(() => {
      socket.resume();
      socket.emit('connect');
    });
    return socket;
  }) as Socket['connect'];
  const first = { ...config, stream: () => socket, connectionTimeoutMillis: timeLeft };
  if (answer === 'S') return { config, first: { ...first, sslnegotiation: 'direct' } as pg.ClientConfig };
  const plain = { ...config, ssl: false };
  return { config: plain, first: { ...first, ssl: false } };
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
