import type { ConnectionInput, SslMode } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';

const SCHEMES: Record<string, { engine: 'postgres' | 'mysql'; port: number }> = {
  'postgres:': { engine: 'postgres', port: 5432 },
  'postgresql:': { engine: 'postgres', port: 5432 },
  'mysql:': { engine: 'mysql', port: 3306 },
  'mariadb:': { engine: 'mysql', port: 3306 },
};

/** libpq's sslmode values (and the common ssl=true/false) → ours. allow/prefer both mean "try". */
const SSL_MODES: Record<string, SslMode> = {
  disable: 'disable',
  allow: 'prefer',
  prefer: 'prefer',
  require: 'require',
  'verify-ca': 'verify-full',
  'verify-full': 'verify-full',
  // mysql-style ssl-mode values
  disabled: 'disable',
  preferred: 'prefer',
  required: 'require',
  verify_ca: 'verify-full',
  verify_identity: 'verify-full',
  true: 'require',
  '1': 'require',
  false: 'disable',
  '0': 'disable',
};

function invalid(message: string): AppError {
  return new AppError('INVALID_INPUT', message);
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw invalid(`The ${what} in the URL has a malformed percent-escape — encode special characters as %XX.`);
  }
}

/**
 * Parses postgres://, postgresql://, mysql:// and mariadb:// URLs into connection parameters and a password:
 * `scheme://user:password@host:port/database?sslmode=require`. Missing parts get defaults (port 5432/3306,
 * SSL "prefer" for PostgreSQL and "disable" for MySQL); anything malformed is an INVALID_INPUT naming it.
 */
export function parseConnectionUrl(url: string): ConnectionInput {
  const text = url.trim();
  const schemeMatch = /^([a-z][a-z0-9+.-]*:)\/\//i.exec(text);
  if (!schemeMatch) {
    throw invalid('The URL must start with postgres://, postgresql://, mysql:// or mariadb://.');
  }
  const scheme = SCHEMES[schemeMatch[1]!.toLowerCase()];
  if (!scheme) {
    throw invalid(
      `Unsupported URL scheme "${schemeMatch[1]}" — use postgres://, postgresql://, mysql:// or mariadb://.`,
    );
  }
  const rest = text.slice(schemeMatch[0].length);
  // An "@" after the first "/", "?" or "#" means the user info holds one of those unencoded (a base64
  // password often has "/"): the authority would end inside the password, and the messages below, which quote
  // the port or the database name, would quote a piece of it. Say what to do without quoting anything.
  const authorityEnd = rest.search(/[/?#]/);
  if (authorityEnd >= 0 && rest.indexOf('@', authorityEnd) >= 0) {
    throw invalid(
      'The user name or password in the URL contains "/", "?", "#" or "@" — percent-encode them (%2F, %3F, %23, %40), or enter the password in its own field.',
    );
  }
  // WHATWG URL hides a port equal to http's default (80), so read it from the authority text itself
  const authority = authorityEnd >= 0 ? rest.slice(0, authorityEnd) : rest;
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const portText =
    /^\[.*\](?::(.*))?$/.exec(hostPort)?.[1] ?? (hostPort.startsWith('[') ? undefined : hostPort.split(':')[1]);
  let port = scheme.port;
  if (portText !== undefined) {
    port = Number(portText);
    if (portText === '' || !/^\d+$/.test(portText) || port < 1 || port > 65535) {
      throw invalid(`The port "${portText}" is not a number between 1 and 65535.`);
    }
  }
  let parsed: URL;
  try {
    // WHATWG URL only knows special schemes' hosts; parse as http to get host/port handling (IPv6 too)
    parsed = new URL(`http://${rest}`);
  } catch {
    throw invalid('The URL is malformed — expected scheme://user:password@host:port/database.');
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw invalid('The URL has no host — add one, e.g. postgres://user@localhost:5432/db.');
  const user = decode(parsed.username, 'user name');
  const password = parsed.password === '' ? null : decode(parsed.password, 'password');
  const path = parsed.pathname.replace(/^\//, '');
  if (path.includes('/'))
    throw invalid(
      `The database name "${decode(path, 'database name')}" contains "/" — the path must be just the database name.`,
    );
  const database = decode(path, 'database name');

  let sslMode: SslMode = scheme.engine === 'postgres' ? 'prefer' : 'disable';
  let connectTimeoutMs: number | undefined;
  for (const [key, raw] of parsed.searchParams) {
    const k = key.toLowerCase().replace(/-/g, '_');
    if (k === 'sslmode' || k === 'ssl_mode' || k === 'ssl' || k === 'tls') {
      const mode = SSL_MODES[raw.toLowerCase()];
      if (!mode) throw invalid(`Unknown ${key} "${raw}" — use disable, prefer, require or verify-full.`);
      sslMode = mode;
    } else if (k === 'connect_timeout' || k === 'connecttimeout') {
      // libpq gives seconds; mysql drivers milliseconds. Small numbers are taken as seconds.
      const n = Number(raw);
      if (!Number.isFinite(n) || n <= 0) throw invalid(`The ${key} "${raw}" is not a positive number.`);
      connectTimeoutMs = Math.min(120_000, Math.max(100, Math.round(n < 1000 ? n * 1000 : n)));
    }
  }

  const base = { host, port, user, database, sslMode, ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }) };
  const params =
    scheme.engine === 'postgres' ? { engine: 'postgres' as const, ...base } : { engine: 'mysql' as const, ...base };
  return { params, password };
}
