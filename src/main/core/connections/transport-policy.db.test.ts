import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionParams } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { openSession } from './open-session';
import { parseConnectionUrl } from './parse-url';
import { MYSQL_URL, PG_URL } from './test-databases';
import { withTransportPolicy } from './transport-policy';

/**
 * The password transport policy against the real servers, reached through an address of this machine that is
 * not loopback (a TCP forwarder on it), as a server on the network would be. The test servers have no TLS, so
 * "prefer" there is exactly the case where a driver falls back to plain text.
 */

type ServerParams = Extract<ConnectionParams, { engine: 'postgres' | 'mysql' }>;

/** An IPv4 address of this machine that is not loopback, or null where there is none. */
function externalAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) if (info.family === 'IPv4' && !info.internal) return info.address;
  }
  return null;
}

interface Forwarder {
  port: number;
  connections: number;
  /** Everything the client sent, for checking what crossed "the network". */
  received: Buffer[];
  close(): Promise<void>;
}

async function forwarder(host: string, targetPort: number): Promise<Forwarder> {
  const sockets = new Set<Socket>();
  const state = { connections: 0, received: [] as Buffer[] };
  const server: Server = createServer((client) => {
    state.connections += 1;
    const upstream = createConnection(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => state.received.push(chunk));
    client.pipe(upstream).pipe(client);
    for (const s of [client, upstream]) s.on('error', () => undefined);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolveListen) => server.listen(0, host, resolveListen));
  return {
    port: (server.address() as { port: number }).port,
    get connections() {
      return state.connections;
    },
    received: state.received,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolveClose());
      }),
  };
}

const open = withTransportPolicy(openSession);
const address = externalAddress();

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a failure');
}

describe.skipIf(address === null).each([
  { engine: 'PostgreSQL', url: PG_URL, startupMarker: 'user\0' },
  { engine: 'MariaDB', url: MYSQL_URL, startupMarker: 'root\0' },
])('a password to another machine over $engine', ({ url, startupMarker }) => {
  const base = parseConnectionUrl(url).params as ServerParams;
  let relay: Forwarder;
  let params: ServerParams;
  beforeAll(async () => {
    relay = await forwarder(address!, base.port);
    params = { ...base, host: address!, port: relay.port };
  });
  afterAll(() => relay.close());

  const sentInPlainText = () => Buffer.concat(relay.received).includes(Buffer.from(startupMarker, 'latin1'));

  it('is refused with SSL mode "disable" before anything is sent', async () => {
    const before = relay.connections;
    const error = await failure(open({ params: { ...params, sslMode: 'disable' }, password: 'hunter2' }));
    expect(error.code).toBe('SSL_REQUIRED');
    expect(error.message).toContain(`${address} is not this machine`);
    expect(relay.connections).toBe(before);
  });

  it('does not fall back to plain text with "prefer" when the server has no TLS, and says what to do', async () => {
    relay.received.length = 0;
    const error = await failure(open({ params: { ...params, sslMode: 'prefer' }, password: 'hunter2' }));
    expect(error.code).toBe('SSL_REQUIRED');
    expect(error.message).toContain('did not accept TLS');
    expect(error.message).toContain('Allow the password without TLS');
    expect(relay.connections).toBeGreaterThan(0);
    // no login went over the wire in plain text
    expect(sentInPlainText()).toBe(false);
    expect(Buffer.concat(relay.received).includes(Buffer.from('hunter2'))).toBe(false);
  });

  it('falls back to plain text only where the connection allows it', async () => {
    relay.received.length = 0;
    const attempt = open({ params: { ...params, sslMode: 'prefer', allowCleartextPassword: true }, password: 'any' });
    if (base.engine === 'postgres') {
      // trust authentication on the test server: any password gets in
      const session = await attempt;
      expect(await session.serverVersion()).toMatch(/\d+\.\d+/);
      await session.close();
    } else {
      // root has no password there: the server read the login (sent in plain text, as allowed) and refused it
      expect((await failure(attempt)).code).toBe('AUTH_FAILED');
    }
    expect(sentInPlainText()).toBe(true);
  });

  it('leaves a connection without a password alone', async () => {
    const session = await open({ params: { ...params, sslMode: 'prefer' }, password: null });
    await session.close();
  });
});

describe('a password to this machine', () => {
  it('may use "prefer" against a server without TLS (loopback never leaves the machine)', async () => {
    const base = parseConnectionUrl(PG_URL).params as ServerParams;
    const session = await open({ params: { ...base, sslMode: 'prefer' }, password: 'any' });
    try {
      expect(await session.serverVersion()).toMatch(/\d+\.\d+/);
    } finally {
      await session.close();
    }
  });
});
