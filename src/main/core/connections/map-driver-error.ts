import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Engine } from '../../../shared/domain';
import { AppError, isAppError, type ErrorCode } from '../../../shared/errors';

/**
 * What the failing operation was talking to, so messages can name it. `sql` is the statement text as sent;
 * it lets MySQL parse errors be turned into an offset.
 */
export interface ErrorContext {
  engine: Engine;
  host?: string;
  port?: number;
  user?: string;
  database?: string;
  /** An SQLite file as opened: absolute (see resolveSqliteFile). */
  file?: string;
  /** The SQLite path as the user gave it, when that was relative (messages then say what it was taken from). */
  typedFile?: string;
  sql?: string;
  connectTimeoutMs?: number;
  /** True while the connection is being opened: a dropped socket then means "not this kind of server". */
  connecting?: boolean;
}

const ENGINE_NAMES: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL', mysql: 'MySQL/MariaDB' };

interface DriverErrorLike {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  sqlMessage?: unknown;
  position?: unknown;
  errors?: unknown;
}

/**
 * THE one place driver errors (pg SQLSTATEs, mysql2 ER_* codes, better-sqlite3 SQLITE_* codes, Node socket
 * errors) become AppErrors with an ErrorCode and a message that says what to do. The driver's own message and
 * code are kept in `details.driverMessage` / `details.driverCode`.
 */
export function mapDriverError(error: unknown, ctx: ErrorContext): AppError {
  if (isAppError(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as DriverErrorLike;
  const driverMessage = messageOf(e);
  const driverCode = codeOf(e);
  const make = (code: ErrorCode, message: string, extra?: Record<string, unknown>): AppError =>
    new AppError(code, message, { ...extra, driverCode: driverCode ?? null, driverMessage });

  // a value longer than JavaScript's longest string (V8: 0x1fffffe8 characters): the driver cannot go on with
  // the rest of the message, so the connection is gone (and re-opened by the next statement)
  if (
    driverCode === 'ERR_STRING_TOO_LONG' ||
    /cannot create a string longer than|invalid string length/i.test(driverMessage)
  ) {
    return make(
      'CONNECTION_LOST',
      'A value in this result is too long to read (over about 512 MB of text) — select part of it (substr / SUBSTRING) or its length instead. The connection was reset; the next statement reconnects.',
      { valueTooLong: true },
    );
  }
  const network = mapNetwork(driverCode, driverMessage, ctx);
  if (network) return make(network.code, network.message, network.extra);

  switch (ctx.engine) {
    case 'postgres': {
      const mapped = mapPostgres(driverCode, driverMessage, e, ctx);
      if (mapped) return make(mapped.code, mapped.message, mapped.extra);
      break;
    }
    case 'mysql': {
      const mapped = mapMysql(driverCode, e, driverMessage, ctx);
      if (mapped) return make(mapped.code, mapped.message, mapped.extra);
      break;
    }
    case 'sqlite': {
      const mapped = mapSqlite(driverCode, driverMessage, e, ctx);
      if (mapped) return make(mapped.code, mapped.message, mapped.extra);
      break;
    }
  }
  return make('INTERNAL', `${ENGINE_NAMES[ctx.engine]} driver error: ${driverMessage}`);
}

/** A cancelled statement, as every session reports it. */
export function queryCancelled(): AppError {
  return new AppError('QUERY_CANCELLED', 'The query was cancelled. Run it again when you are ready.');
}

const MULTIPLE_STATEMENTS =
  'The text contains more than one statement — run them one at a time (select one, or use "run all").';

/**
 * Replaces every occurrence of `secret` (as typed and URL-encoded) in an error's message and string details.
 * Used where a password was handed to a driver: no driver is known to echo it, but a message that did would
 * reach the UI, the history and the status events, so it is scrubbed at the source. Very short secrets are
 * left alone — replacing every "a" of a message would garble it and hide nothing.
 */
export function redactSecret(error: AppError, secret: string | null | undefined): AppError {
  if (!secret || secret.length < 3) return error;
  const forms = [...new Set([secret, encodeURIComponent(secret)])];
  const scrub = (text: string): string => forms.reduce((out, form) => out.split(form).join('***'), text);
  const touched = (text: string): boolean => forms.some((form) => text.includes(form));
  const details = error.details ?? {};
  if (!touched(error.message) && !Object.values(details).some((v) => typeof v === 'string' && touched(v))) return error;
  const cleaned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) cleaned[key] = typeof value === 'string' ? scrub(value) : value;
  return new AppError(error.code, scrub(error.message), error.details === undefined ? undefined : cleaned);
}

interface Mapped {
  code: ErrorCode;
  message: string;
  extra?: Record<string, unknown>;
}

function messageOf(e: DriverErrorLike): string {
  if (typeof e.sqlMessage === 'string' && e.sqlMessage) return e.sqlMessage;
  if (typeof e.message === 'string' && e.message) return e.message;
  // Node's happy-eyeballs connect reports an AggregateError with an empty message
  if (Array.isArray(e.errors) && e.errors.length > 0) return messageOf(e.errors[0] as DriverErrorLike);
  return 'unknown error';
}

function codeOf(e: DriverErrorLike): string | undefined {
  if (typeof e.code === 'string' && e.code) return e.code;
  if (typeof e.code === 'number') return String(e.code);
  if (Array.isArray(e.errors) && e.errors.length > 0) return codeOf(e.errors[0] as DriverErrorLike);
  return undefined;
}

function where(ctx: ErrorContext): string {
  if (ctx.host === undefined) return 'the server';
  return ctx.port === undefined ? ctx.host : `${ctx.host}:${ctx.port}`;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
  'HANDSHAKE_NO_SSL_SUPPORT',
]);

function mapNetwork(code: string | undefined, message: string, ctx: ErrorContext): Mapped | undefined {
  const at = where(ctx);
  const engine = ENGINE_NAMES[ctx.engine];
  // message text is only consulted for errors the database did not classify itself
  const unclassified =
    code === undefined || !(/^[0-9A-Z]{5}$/.test(code) || code.startsWith('ER_') || code.startsWith('SQLITE_'));
  if (!unclassified && !['EPIPE'].includes(code ?? '')) return undefined;
  if (code === 'ECONNREFUSED') {
    return {
      code: 'CONNECTION_REFUSED',
      message: `Could not reach ${at} — is the ${engine} server running and listening on that port?`,
      extra: { host: ctx.host, port: ctx.port },
    };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return {
      code: 'HOST_NOT_FOUND',
      message: `The host "${ctx.host ?? ''}" could not be found — check the host name and your network or DNS.`,
      extra: { host: ctx.host },
    };
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || /connection timeout|timed? ?out/i.test(message)) {
    const after = ctx.connectTimeoutMs === undefined ? '' : ` after ${ctx.connectTimeoutMs} ms`;
    return {
      code: 'TIMEOUT',
      message: `Connecting to ${at} timed out${after} — check the host and port, and any firewall or VPN in between.`,
      extra: { host: ctx.host, port: ctx.port },
    };
  }
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'PROTOCOL_CONNECTION_LOST' ||
    /connection terminated|connection lost|closed state/i.test(message)
  ) {
    if (ctx.connecting) {
      return {
        code: 'CONNECTION_LOST',
        message: `The server at ${at} closed the connection while signing in — check that this port belongs to a ${engine} server, and look at the server's log.`,
        extra: { host: ctx.host, port: ctx.port },
      };
    }
    return {
      code: 'CONNECTION_LOST',
      message: `The connection to ${at} was lost — reconnect and try again.`,
      extra: { host: ctx.host, port: ctx.port },
    };
  }
  if ((code !== undefined && TLS_CODES.has(code)) || /does not support (ssl|secure)/i.test(message)) {
    const detail = /does not support (ssl|secure)/i.test(message)
      ? `The server at ${at} does not support SSL — set the SSL mode to "disable" or "prefer".`
      : `The SSL handshake with ${at} failed (${message}) — check the server certificate, or use SSL mode "require" to skip verification.`;
    return { code: 'SSL_ERROR', message: detail, extra: { host: ctx.host, port: ctx.port } };
  }
  return undefined;
}

function mapPostgres(
  code: string | undefined,
  message: string,
  e: DriverErrorLike,
  ctx: ErrorContext,
): Mapped | undefined {
  const at = where(ctx);
  if (code === '28000' && /no pg_hba\.conf entry.*(SSL off|no encryption)/i.test(message)) {
    return {
      code: 'SSL_REQUIRED',
      message: `The server at ${at} only accepts encrypted connections for this user/database — set the SSL mode to "require".`,
    };
  }
  if (code === '28000' && /role ".*" does not exist/i.test(message)) {
    return {
      code: 'AUTH_FAILED',
      message: `The role "${ctx.user ?? ''}" does not exist on ${at} — check the user name, or create the role first (CREATE ROLE … LOGIN).`,
      extra: { user: ctx.user },
    };
  }
  if (code === '28000' && /not permitted to log in/i.test(message)) {
    return {
      code: 'AUTH_FAILED',
      message: `The role "${ctx.user ?? ''}" may not log in on ${at} — use another user, or grant it LOGIN (ALTER ROLE … LOGIN).`,
      extra: { user: ctx.user },
    };
  }
  if (code === '28000' && /pg_hba\.conf/i.test(message)) {
    return {
      code: 'PERMISSION_DENIED',
      message: `The server at ${at} does not accept this user/database from this machine (${message}) — ask its administrator to allow it in pg_hba.conf.`,
      extra: { user: ctx.user },
    };
  }
  if (code === '28P01' || code === '28000') {
    return {
      code: 'AUTH_FAILED',
      message: `Authentication failed for user "${ctx.user ?? ''}" on ${at} — check the user name and password.`,
      extra: { user: ctx.user },
    };
  }
  // pg raises these itself, before sending anything, when the server asks for a password and none was given
  if (code === undefined && /client password must be a (non-empty )?string|password must be a string/i.test(message)) {
    return {
      code: 'AUTH_FAILED',
      message: `The server at ${at} requires a password for user "${ctx.user ?? ''}" — enter the password and try again.`,
      extra: { user: ctx.user },
    };
  }
  // a peer that does not speak the PostgreSQL protocol (another service on that port)
  if (
    code === undefined &&
    /^Received unexpected \w+ message from backend|^Unknown (authenticationOk )?message/i.test(message)
  ) {
    return {
      code: 'CONNECTION_REFUSED',
      message: `The server at ${at} answered, but not as a PostgreSQL server — check the port (is another service listening there?).`,
      extra: { host: ctx.host, port: ctx.port },
    };
  }
  if (code === '42501' && ctx.connecting) {
    return {
      code: 'PERMISSION_DENIED',
      message: `User "${ctx.user ?? ''}" may not connect to the database "${ctx.database ?? ''}" on ${at} (${message}) — grant CONNECT on it or choose another database.`,
    };
  }
  if (code === '53300')
    return {
      code: 'DATABASE_BUSY',
      message: `The server at ${at} has no free connection slots (${message}) — close other connections or try again later.`,
    };
  if (code === '53100')
    return {
      code: 'IO_ERROR',
      message: `The server at ${at} is out of disk space (${message}) — free some space and try again.`,
    };
  if (code === '3D000') {
    return {
      code: 'DATABASE_NOT_FOUND',
      message: `The database "${ctx.database ?? ''}" does not exist on ${at} — check its name or create it first.`,
      extra: { database: ctx.database },
    };
  }
  if (code === '57014') return { code: 'QUERY_CANCELLED', message: queryCancelled().message };
  if (code === '57P01' || code === '57P02' || code === '57P03') {
    return {
      code: 'CONNECTION_LOST',
      message: `The server at ${at} closed the connection (${message}) — reconnect and try again.`,
    };
  }
  if (code === '25P02') {
    return {
      code: 'SQL_ERROR',
      message:
        'An earlier statement in this transaction failed, so PostgreSQL ignores every statement until the transaction ends — run ROLLBACK (or ROLLBACK TO SAVEPOINT …), then run your statements again.',
      extra: { transactionAborted: true },
    };
  }
  // the extended protocol takes one statement; the splitter's "run all" sends them one at a time
  if (code === '42601' && /cannot insert multiple commands into a prepared statement/i.test(message)) {
    return { code: 'SQL_ERROR', message: MULTIPLE_STATEMENTS };
  }
  if (code === '25006') return { code: 'READ_ONLY', message: `${message} — the server or transaction is read-only.` };
  if (code === '55P03' || code === '40P01')
    return { code: 'DATABASE_BUSY', message: `${message} — another session holds the lock; try again.` };
  if (/SSL/.test(message) && code === undefined) {
    return { code: 'SSL_ERROR', message: `SSL with ${at} failed: ${message}` };
  }
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
    const extra: Record<string, unknown> = {};
    const position = Number(e.position);
    if (Number.isInteger(position) && position > 0) extra.position = position - 1;
    return { code: 'SQL_ERROR', message, extra };
  }
  return undefined;
}

/** mysql2 reports errno numbers too; the ones we care about, by number, for servers that send no name. */
const MYSQL_ERRNO: Record<number, string> = {
  1045: 'ER_ACCESS_DENIED_ERROR',
  1698: 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR',
  1044: 'ER_DBACCESS_DENIED_ERROR',
  1040: 'ER_CON_COUNT_ERROR',
  1203: 'ER_TOO_MANY_USER_CONNECTIONS',
  1226: 'ER_USER_LIMIT_REACHED',
  1129: 'ER_HOST_IS_BLOCKED',
  1130: 'ER_HOST_NOT_PRIVILEGED',
  1862: 'ER_MUST_CHANGE_PASSWORD_LOGIN',
  1053: 'ER_SERVER_SHUTDOWN',
  1049: 'ER_BAD_DB_ERROR',
  1317: 'ER_QUERY_INTERRUPTED',
  3024: 'ER_QUERY_TIMEOUT',
  1064: 'ER_PARSE_ERROR',
  1205: 'ER_LOCK_WAIT_TIMEOUT',
  1213: 'ER_LOCK_DEADLOCK',
  3159: 'ER_SECURE_TRANSPORT_REQUIRED',
};

function mapMysql(
  code: string | undefined,
  e: DriverErrorLike,
  message: string,
  ctx: ErrorContext,
): Mapped | undefined {
  const at = where(ctx);
  const name = typeof e.errno === 'number' && MYSQL_ERRNO[e.errno] ? MYSQL_ERRNO[e.errno] : code;
  switch (name) {
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
    case 'ER_NOT_SUPPORTED_AUTH_MODE':
      // the server says the same for an unknown user and a wrong password, on purpose
      return {
        code: 'AUTH_FAILED',
        message: `Authentication failed for user "${ctx.user ?? ''}" on ${at} — check the user name and password (the user may not exist, or may not sign in from this machine).`,
        extra: { user: ctx.user },
      };
    case 'ER_DBACCESS_DENIED_ERROR':
      return {
        code: 'PERMISSION_DENIED',
        message: `User "${ctx.user ?? ''}" may not use the database "${ctx.database ?? ''}" on ${at} — grant access or choose another database.`,
      };
    case 'ER_MUST_CHANGE_PASSWORD_LOGIN':
      return {
        code: 'AUTH_FAILED',
        message: `The password of user "${ctx.user ?? ''}" on ${at} has expired — set a new one with another client first.`,
        extra: { user: ctx.user },
      };
    case 'ER_HOST_NOT_PRIVILEGED':
    case 'ER_HOST_IS_BLOCKED':
      return {
        code: 'PERMISSION_DENIED',
        message: `The server at ${at} does not accept connections from this machine (${message}) — ask its administrator to allow this host.`,
      };
    case 'ER_CON_COUNT_ERROR':
    case 'ER_TOO_MANY_USER_CONNECTIONS':
    case 'ER_USER_LIMIT_REACHED':
      return {
        code: 'DATABASE_BUSY',
        message: `The server at ${at} refused another connection (${message}) — close other connections or try again later.`,
      };
    case 'ER_SERVER_SHUTDOWN':
      return {
        code: 'CONNECTION_LOST',
        message: `The server at ${at} is shutting down — wait for it to come back, then reconnect.`,
      };
    case 'ER_BAD_DB_ERROR':
      return {
        code: 'DATABASE_NOT_FOUND',
        message: `The database "${ctx.database ?? ''}" does not exist on ${at} — check its name or create it first.`,
        extra: { database: ctx.database },
      };
    case 'ER_QUERY_INTERRUPTED':
    case 'ER_QUERY_TIMEOUT':
      return { code: 'QUERY_CANCELLED', message: queryCancelled().message };
    case 'ER_SECURE_TRANSPORT_REQUIRED':
      return {
        code: 'SSL_REQUIRED',
        message: `The server at ${at} only accepts encrypted connections — set the SSL mode to "require".`,
      };
    case 'ER_LOCK_WAIT_TIMEOUT':
    case 'ER_LOCK_DEADLOCK':
      return { code: 'DATABASE_BUSY', message: `${message} — another session holds the lock; try again.` };
    case 'ER_OPTION_PREVENTS_STATEMENT':
      return { code: 'READ_ONLY', message };
    case 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION':
      return { code: 'READ_ONLY', message: `${message} — the connection or transaction is read-only.` };
  }
  if (name !== undefined && name.startsWith('ER_')) {
    const extra: Record<string, unknown> = {};
    const offset = ctx.sql === undefined ? undefined : mysqlErrorOffset(message, ctx.sql);
    if (offset !== undefined) extra.position = offset;
    return { code: 'SQL_ERROR', message, extra };
  }
  return undefined;
}

/**
 * MySQL parse errors say "… near 'rest of the statement' at line N" (the quoted text is cut short by the
 * server); finds that text in the statement and returns its 0-based offset.
 */
export function mysqlErrorOffset(message: string, sql: string): number | undefined {
  const match = /near '([\s\S]*)' at line (\d+)\s*$/.exec(message);
  if (!match) return undefined;
  const near = match[1] ?? '';
  const line = Number(match[2]);
  let lineStart = 0;
  for (let i = 1; i < line; i++) {
    const next = sql.indexOf('\n', lineStart);
    if (next === -1) break;
    lineStart = next + 1;
  }
  if (near === '') return sql.trimEnd().length;
  const found = sql.indexOf(near, lineStart);
  if (found !== -1) return found;
  // the quoted fragment may have been cut mid-character; try its first few characters
  const head = sql.indexOf(near.slice(0, 12), lineStart);
  return head === -1 ? undefined : head;
}

/** What is at a path, without throwing. */
function pathKind(path: string): 'file' | 'folder' | 'missing' | 'other' {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
  } catch (error) {
    const code = (error as { code?: string }).code;
    // ENOTDIR: a part of the path is a file, so nothing can be at it
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'other';
  }
}

/**
 * Why an SQLite file could not be opened, found by looking at the path: SQLite itself only says "unable to open
 * database file" (and a folder opened read-only even reads as a "disk I/O error").
 */
function sqliteOpenFailure(file: string, message: string, typed: string | undefined): Mapped {
  const folder = dirname(file);
  const extra = { file, folder };
  // a relative path is taken from the home folder: say so, or "chinook.db does not exist" puzzles whoever has it
  const named = typed === undefined ? file : `${file} ("${typed}", taken relative to your home folder)`;
  switch (pathKind(file)) {
    case 'folder':
      return {
        code: 'NOT_A_DATABASE',
        message: `${file} is a folder, not an SQLite file — choose a database file inside it, or a new file name to create one.`,
        extra,
      };
    case 'missing': {
      const parent = pathKind(folder);
      if (parent === 'missing') return folderMissing(file);
      if (parent === 'file')
        return {
          code: 'FILE_NOT_FOUND',
          message: `${folder} is a file, not a folder, so ${file} cannot be there — choose another location.`,
          extra,
        };
      return {
        code: 'FILE_NOT_FOUND',
        message: `The SQLite file ${named} does not exist — check the path, or tick "Create a new file if it does not exist" to make an empty database there.`,
        extra,
      };
    }
    default:
      return {
        code: 'FILE_NOT_FOUND',
        message: `Could not open the SQLite file ${file} (${message}) — check that it and its folder are readable (and writable, unless opened read-only).`,
        extra,
      };
  }
}

function folderMissing(file: string): Mapped {
  const folder = dirname(file);
  return {
    code: 'FILE_NOT_FOUND',
    message: `The folder ${folder} does not exist — create it first, or choose another location for ${file}.`,
    extra: { file, folder },
  };
}

function mapSqlite(
  code: string | undefined,
  message: string,
  e: DriverErrorLike,
  ctx: ErrorContext,
): Mapped | undefined {
  const file = ctx.file ?? 'the database file';
  const base = code?.replace(/^(SQLITE_[A-Z]+)(_.*)?$/, '$1');
  // better-sqlite3 checks the folder itself before SQLite runs, and throws a plain TypeError
  if (code === undefined && /directory does not exist/i.test(message) && ctx.file !== undefined)
    return folderMissing(ctx.file);
  // opening (no statement yet): look at the path to say what is wrong with it
  if (
    ctx.sql === undefined &&
    ctx.file !== undefined &&
    (base === 'SQLITE_CANTOPEN' || (base === 'SQLITE_IOERR' && pathKind(ctx.file) === 'folder'))
  ) {
    return sqliteOpenFailure(ctx.file, message, ctx.typedFile);
  }
  switch (base) {
    case 'SQLITE_CANTOPEN':
      // ATTACH, VACUUM INTO…: a file the statement names, not the connection's own file
      if (ctx.sql !== undefined)
        return {
          code: 'FILE_NOT_FOUND',
          message: `SQLite could not open a file the statement names (${message}) — check the path and that its folder exists.`,
        };
      return {
        code: 'FILE_NOT_FOUND',
        message: `Could not open the SQLite file ${file} — check that it exists and that its folder is readable, or tick "Create a new file if it does not exist".`,
        extra: { file: ctx.file },
      };
    case 'SQLITE_NOTADB':
      return {
        code: 'NOT_A_DATABASE',
        message: `${file} is not an SQLite database (or it is encrypted) — choose another file.`,
        extra: { file: ctx.file },
      };
    case 'SQLITE_CORRUPT':
      return {
        code: 'NOT_A_DATABASE',
        message: `${file} is corrupt (${message}) — restore it from a backup or choose another file.`,
        extra: { file: ctx.file },
      };
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return {
        code: 'DATABASE_BUSY',
        message: `The database ${file} is locked by another connection — wait for it to finish and try again.`,
        extra: { file: ctx.file },
      };
    case 'SQLITE_READONLY':
      return {
        code: 'READ_ONLY',
        message: `The database ${file} is open read-only (${message}) — reopen it without "read only" to make changes.`,
        extra: { file: ctx.file },
      };
    case 'SQLITE_INTERRUPT':
      return { code: 'QUERY_CANCELLED', message: queryCancelled().message };
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return { code: 'PERMISSION_DENIED', message: `${message} — check the file's permissions.` };
    case 'SQLITE_IOERR':
    case 'SQLITE_FULL':
      return {
        code: 'IO_ERROR',
        message: `Reading or writing ${file} failed (${message}) — check the disk and the file.`,
      };
    case 'SQLITE_TOOBIG':
      return {
        code: 'PAYLOAD_TOO_LARGE',
        message: `${message} — a value would be longer than SQLite (or JavaScript, about 512 MB of text) can hold; select part of it (substr) or its length instead.`,
      };
    case 'SQLITE_ERROR':
    case 'SQLITE_CONSTRAINT':
    case 'SQLITE_MISMATCH':
    case 'SQLITE_RANGE':
    case 'SQLITE_SCHEMA': {
      // the worker found the token the message names (see sqlite-error-position.ts)
      const position = Number(e.position);
      return { code: 'SQL_ERROR', message, extra: Number.isInteger(position) && position >= 0 ? { position } : {} };
    }
  }
  // better-sqlite3 raises these as TypeError/RangeError without a code
  if (/more than one statement/i.test(message)) {
    return { code: 'SQL_ERROR', message: MULTIPLE_STATEMENTS };
  }
  if (/does not return data|no statement|empty/i.test(message)) return { code: 'SQL_ERROR', message };
  return undefined;
}
