import type { ConnectionParams } from './domain';

/**
 * The rules about where a saved password may go, shared by the core (which enforces them) and the connection
 * dialog (which explains them before the user saves).
 */

/** True for this machine: loopback addresses, `localhost`, and a Unix socket path (PostgreSQL's host may be one). */
export function isLocalHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
    h === '::1' ||
    h === '0:0:0:0:0:0:0:1' ||
    h === '::ffff:127.0.0.1' ||
    h.startsWith('/')
  );
}

/**
 * True when the password would go somewhere else: another engine, host, port or user. A saved password is then
 * dropped unless a new one is given, so it is never sent to a server it was not meant for. Changing only the
 * database or the name keeps it.
 */
export function destinationChanged(before: ConnectionParams, after: ConnectionParams): boolean {
  if (before.engine !== after.engine) return true;
  if (before.engine === 'sqlite' || after.engine === 'sqlite') return false;
  return (
    before.host.trim().toLowerCase() !== after.host.trim().toLowerCase() ||
    before.port !== after.port ||
    before.user !== after.user
  );
}

/**
 * What a password needs on the way to its server: `plain-ok` (no password, this machine, or the user allowed
 * plain text), `refuse` (SSL mode "disable" to another machine), `tls-only` ("prefer" must not fall back to
 * plain text), or `tls` (require / verify-full already insist on TLS).
 */
export function passwordTransport(
  params: ConnectionParams,
  hasPassword: boolean,
): 'plain-ok' | 'refuse' | 'tls-only' | 'tls' {
  if (params.engine === 'sqlite' || !hasPassword || params.allowCleartextPassword || isLocalHost(params.host)) {
    return 'plain-ok';
  }
  if (params.sslMode === 'disable') return 'refuse';
  if (params.sslMode === 'prefer') return 'tls-only';
  return 'tls';
}
