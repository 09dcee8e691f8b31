import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionParams } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { parseConnectionUrl } from '../parse-url';
import { closedPort, PG_URL } from '../test-databases';
import { PostgresSession } from './postgres-session';
import { earlySslRequest } from './ssl-request';

/**
 * SSL mode "prefer" goes on over the connection it asked for SSL on, as libpq does, against the real server
 * reached through a relay that counts connections. The test server has no TLS: for a server that has it, the
 * relay answers the SSLRequest itself and ends TLS in front of the server.
 */

type PgParams = Extract<ConnectionParams, { engine: 'postgres' }>;
const base = { ...(parseConnectionUrl(PG_URL).params as PgParams), sslMode: 'prefer' as const };
const never = new AbortController().signal;

// a self-signed certificate for the relay only ("prefer" does not verify certificates)
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgD9Dlm86ukgzppAc2
T2dKT8uxXgfT4Yq62/QReOJTF+ChRANCAAQcigkqy/YE9A7mL3xmrPPHFYAfXgLy
amR+T1fFo3L54YgPD7u/Iavn2WCpKUEIM/JBVh0E54yJ2EkyRxPWqMKa
-----END PRIVATE KEY-----`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBfzCCASWgAwIBAgIUYlsczGDQReSFATnLh17qyppLUokwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEzMDA1MjM0NVoYDzIxMjYxMTA2
MDUyMzQ1WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQcigkqy/YE9A7mL3xmrPPHFYAfXgLyamR+T1fFo3L54YgPD7u/Iavn
2WCpKUEIM/JBVh0E54yJ2EkyRxPWqMKao1MwUTAdBgNVHQ4EFgQUStKVi25KILOX
dUBGYL/ZTobTnP0wHwYDVR0jBBgwFoAUStKVi25KILOXdUBGYL/ZTobTnP0wDwYD
VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiB7FfD98FW4a1WLldYhzMt1
qsOt6BpUCLzfA9tKsHZO2wIhAKiG7VsbjFV0dtt/f8DUqmRaciv3cQ90z8pBJn7T
mtsG
-----END CERTIFICATE-----`;

interface Relay {
  port: number;
  connections: number;
  /** Connections on which TLS was set up. */
  secured: number;
  /** What clients sent before any TLS, as it crossed "the network". */
  plain: Buffer[];
  close(): Promise<void>;
}

/** Forwards to the test server; with `tls`, answers the SSLRequest with 'S' and ends TLS itself. */
async function relay(tls: boolean): Promise<Relay> {
  const sockets = new Set<Socket>();
  const state = { connections: 0, secured: 0, plain: [] as Buffer[] };
  const pipe = (client: Socket | TLSSocket, first?: Buffer) => {
    const upstream = createConnection(base.port, base.host);
    sockets.add(upstream);
    if (first && first.length > 0) upstream.write(first);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  };
  const server: Server = createServer((client) => {
    state.connections += 1;
    sockets.add(client);
    client.on('data', (chunk: Buffer) => state.plain.push(chunk));
    if (!tls) return pipe(client);
    client.once('data', (request: Buffer) => {
      expect(request.readInt32BE(4)).toBe(80877103);
      client.pause();
      client.write('S');
      const secure = new TLSSocket(client, { isServer: true, key: KEY, cert: CERT });
      secure.once('secure', () => (state.secured += 1));
      pipe(secure);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return Object.assign(state, {
    port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

async function selectOne(session: PostgresSession): Promise<unknown[]> {
  const outcome = await session.execute('select 1 as one', [], never);
  if (outcome.kind !== 'rows') throw new Error('expected rows');
  try {
    return await outcome.cursor.read(10);
  } finally {
    await outcome.cursor.close();
  }
}

let open: Relay | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

describe('SSL mode "prefer"', () => {
  it('signs in without TLS over the same connection when the server has none (one connection, not two)', async () => {
    open = await relay(false);
    const session = await PostgresSession.open({ ...base, host: '127.0.0.1', port: open.port }, null);
    try {
      expect(await selectOne(session)).toEqual([[1]]);
      expect(open.connections).toBe(1);
      // it asked for SSL first
      expect(open.plain[0]!.readInt32BE(4)).toBe(80877103);
    } finally {
      await session.close();
    }
  });

  it('sets up TLS on the connection it asked on when the server has it, and signs in only over TLS', async () => {
    open = await relay(true);
    const session = await PostgresSession.open({ ...base, host: '127.0.0.1', port: open.port }, null);
    try {
      expect(await selectOne(session)).toEqual([[1]]);
      expect(open.connections).toBe(1);
      expect(open.secured).toBe(1);
      // nothing but the SSLRequest and the TLS handshake went in the clear: no startup message (user name)
      const clear = Buffer.concat(open.plain);
      expect(clear.includes(Buffer.from(`user\0${base.user}\0`, 'latin1'))).toBe(false);
    } finally {
      await session.close();
    }
  });

  it('goes on over an SSLRequest sent before the session was opened (the CLI sends it while pg loads)', async () => {
    open = await relay(false);
    const params = { ...base, host: '127.0.0.1', port: open.port };
    const sslRequest = earlySslRequest(params);
    expect(sslRequest).toBeDefined();
    const session = await PostgresSession.open(params, null, { sslRequest });
    try {
      expect(await selectOne(session)).toEqual([[1]]);
      expect(open.connections).toBe(1);
    } finally {
      await session.close();
    }
  });

  it("reports an early SSLRequest that failed as the session's connect error", async () => {
    const params = { ...base, host: '127.0.0.1', port: await closedPort() };
    const sslRequest = earlySslRequest(params);
    // the failure arrives before anyone awaits it: that must not be an unhandled rejection
    await new Promise((resolve) => setTimeout(resolve, 50));
    const error = await PostgresSession.open(params, null, { sslRequest }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CONNECTION_REFUSED');
  });

  it('asks early only where the session would ask (not for "disable", "require" or a socket path)', () => {
    expect(earlySslRequest({ ...base, sslMode: 'disable' })).toBeUndefined();
    expect(earlySslRequest({ ...base, sslMode: 'require' })).toBeUndefined();
    expect(earlySslRequest({ ...base, host: '/var/run/postgresql' })).toBeUndefined();
  });
});
