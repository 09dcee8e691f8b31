import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ConnectionParams } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { parseConnectionUrl } from '../core/connections/parse-url';

export interface ResolvedTarget {
  params: ConnectionParams;
  password: string | null;
  /** How the target was understood, for messages. */
  label: string;
  /** A saved connection (its password goes only where the app would send it, see transport-policy.ts). */
  saved?: boolean;
}

const URL_SCHEME = /^(postgres|postgresql|mysql|mariadb):\/\//i;
// any scheme://, but not a Windows drive (C://…)
const ANY_URL_SCHEME = /^[a-z][a-z0-9+.-]+:\/\//i;

/**
 * The target as it may be shown in a message: a password in anything URL-like (`scheme://user:pass@…`, also
 * with a mistyped scheme or missing slashes) becomes `***`. Over-redacts rather than under.
 */
export function redactTarget(target: string): string {
  const match = /^([a-z][a-z0-9+.-]*:(?:\/\/)?)(.*)$/is.exec(target);
  if (!match) return target;
  const [, scheme, rest] = match as unknown as [string, string, string];
  const at = rest.lastIndexOf('@');
  const colon = rest.indexOf(':');
  if (at < 0 || colon < 0 || colon > at) return target;
  return `${scheme}${rest.slice(0, colon)}:***${rest.slice(at)}`;
}

export interface ResolveOptions {
  /** Make a new SQLite file at a path that has none (`schema apply --create`); never otherwise. */
  createSqlite?: boolean;
  /** How to say that an option makes the missing file, for a command that has one. */
  createHint?: string;
}

function sqliteTarget(file: string, options: ResolveOptions): ResolvedTarget {
  const path = resolve(file);
  // never create a database by mistyping its path
  const create = options.createSqlite === true && !existsSync(path);
  if (!create && !existsSync(path)) throw noSqliteFile(path, options);
  return { params: { engine: 'sqlite', file: path, create }, password: null, label: path };
}

function noSqliteFile(path: string, options: ResolveOptions, more = ''): AppError {
  const hint = options.createHint ? ` (${options.createHint})` : '';
  return new AppError('FILE_NOT_FOUND', `There is no SQLite file at ${path}${more}${hint}`);
}

/**
 * A saved connection by name (exact, else case-insensitive if unique), without creating an app database. The
 * app database and the connection store are loaded only here: a URL or a file needs neither.
 */
export async function findSavedConnection(dataDir: string, name: string): Promise<ResolvedTarget | null> {
  if (!existsSync(join(dataDir, 'backbench.db'))) return null;
  const [{ openAppDatabase }, { ConnectionStore }, { FileKeySecretStore }, { withKeychainNotice }] = await Promise.all([
    import('../core/app-db/app-database'),
    import('../core/connections/connection-store'),
    import('../core/secrets/file-key-secret-store'),
    import('../core/secrets/keychain-notice'),
  ]);
  const appDb = await openAppDatabase({ dataDir });
  try {
    const secrets = withKeychainNotice(
      FileKeySecretStore.inDataDir(dataDir),
      'pass a URL with the password instead (postgres://user:password@host/db).',
    );
    const store = new ConnectionStore(appDb.db, secrets);
    const all = store.list();
    const exact = all.filter((c) => c.name === name);
    const loose = all.filter((c) => c.name.toLowerCase() === name.toLowerCase());
    const match = exact.length === 1 ? exact[0] : loose.length === 1 ? loose[0] : undefined;
    if (!match) return null;
    return { params: match.params, password: store.getPassword(match.id), label: `"${match.name}"`, saved: true };
  } finally {
    appDb.close();
  }
}

/**
 * What `backbench query <target>` means: a postgres:// / mysql:// URL, `sqlite:<path>`, a saved connection's
 * name in the data dir, or a path to an SQLite file — in that order.
 */
export async function resolveTarget(
  target: string,
  dataDir: string,
  options: ResolveOptions = {},
): Promise<ResolvedTarget> {
  if (URL_SCHEME.test(target)) {
    const { params, password } = parseConnectionUrl(target);
    const shown = params.engine === 'sqlite' ? params.file : `${params.host}:${params.port}/${params.database}`;
    return { params, password: password ?? null, label: shown };
  }
  if (/^sqlite:/i.test(target)) {
    // sqlite:path and sqlite://path are relative to the working directory; sqlite:/abs and sqlite:///abs absolute
    const file = target.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) throw new AppError('INVALID_INPUT', 'sqlite: needs a file path, e.g. sqlite:./shop.db');
    return sqliteTarget(file, options);
  }
  const isFile = existsSync(target) && statSync(target).isFile();
  const looksLikePath = /[\\/]/.test(target);
  // ./prod.db names that file even if a saved connection happens to carry the same name
  if (isFile && looksLikePath) return sqliteTarget(target, options);
  const saved = await findSavedConnection(dataDir, target);
  if (saved) return saved;
  if (isFile) return sqliteTarget(target, options);
  // an unsupported or mistyped scheme: parseConnectionUrl names the scheme without repeating the URL
  if (ANY_URL_SCHEME.test(target)) parseConnectionUrl(target);
  const shown = redactTarget(target);
  if (looksLikePath || /\.(db|db3|sqlite|sqlite3)$/i.test(target)) {
    if (options.createSqlite) return sqliteTarget(target, options);
    throw noSqliteFile(resolve(shown), options, ' and no saved connection of that name');
  }
  throw new AppError(
    'NOT_FOUND',
    `"${shown}" is not a saved connection (data dir ${dataDir}), an SQLite file, or a postgres:// / mysql:// URL`,
  );
}
