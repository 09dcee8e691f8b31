import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import type { ConnectionParams } from '../../../../shared/domain';

/** A connection on which SSL was asked for, and the server's answer. */
export interface SslAsked {
  socket: Socket;
  answer: 'S' | 'N';
  /** When the connection was started (Date.now()), for what is left of the connect timeout. */
  startedAt: number;
}

/** PostgreSQL's SSLRequest: length 8, code 1234 5679. */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/**
 * Connects, sends SSLRequest and reads the one-byte answer; the socket is left paused for pg (see planConnect in
 * postgres-connection.ts). Fails with pg's own errors for what can go wrong, which map-driver-error.ts knows.
 */
export function askForSsl(host: string, port: number, timeoutMs: number): Promise<SslAsked> {
  const startedAt = Date.now();
  // node:net on first use: this module is loaded with every `backbench query`, also on SQLite
  const net = createRequire(import.meta.url)('node:net') as typeof import('node:net');
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error('timeout expired')), timeoutMs);
    socket.once('error', fail);
    socket.once('close', () => fail(new Error('Connection terminated unexpectedly')));
    socket.once('connect', () => socket.write(SSL_REQUEST));
    socket.once('data', (buffer: Buffer) => {
      socket.pause();
      clearTimeout(timer);
      socket.removeListener('error', fail);
      socket.removeAllListeners('close');
      // pg adds its own listener as it takes the socket; until then an error must not end the process
      socket.on('error', () => undefined);
      const answer = buffer.toString('latin1');
      if (answer === 'S' || answer === 'N') return resolve({ socket, answer, startedAt });
      // pg's reply to anything else, including bytes after the answer (which no server sends)
      socket.destroy();
      reject(new Error('There was an error establishing an SSL connection'));
    });
  });
}

/**
 * For SSL mode "prefer" over TCP, sends the SSLRequest at once, before pg is loaded: the server starts the
 * connection's backend meanwhile. Pass the result to PostgresSession.open (options.sslRequest); undefined
 * where planConnect would not ask.
 */
export function earlySslRequest(params: ConnectionParams): Promise<SslAsked> | undefined {
  if (params.engine !== 'postgres' || params.sslMode !== 'prefer' || params.host.startsWith('/')) return undefined;
  const asked = askForSsl(params.host, params.port, params.connectTimeoutMs ?? 10_000);
  // awaited later, once pg is loaded; a failure meanwhile is not an unhandled rejection
  asked.catch(() => undefined);
  return asked;
}
