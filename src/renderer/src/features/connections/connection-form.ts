import { safetyOf } from '../../../../shared/connection-safety';
import { destinationChanged, isLocalHost } from '../../../../shared/connection-security';
import type {
  ConnectionInput,
  ConnectionParams,
  ConnectionSafety,
  Engine,
  SavedConnection,
  SslMode,
} from '../../../../shared/domain';

/** What the connection dialog edits: every field as the user typed it (port stays text until saved). */
export interface ConnectionForm {
  name: string;
  engine: Engine;
  file: string;
  create: boolean;
  /** How careful the app is with the connection (see ConnectionSafety); SQLite read-only opens the file so. */
  safety: ConnectionSafety;
  host: string;
  port: string;
  user: string;
  /** Typed password; empty means "keep the stored one" when editing. */
  password: string;
  clearPassword: boolean;
  database: string;
  sslMode: SslMode;
  /** Let the password go to another machine without TLS (off by default; see connection-security.ts). */
  allowCleartextPassword: boolean;
  /** Not shown: kept from a URL's connect_timeout or the saved connection, so a save does not drop it. */
  connectTimeoutMs?: number;
}

export type FormField = keyof ConnectionForm;
export type FormErrors = Partial<Record<FormField, string>>;

export const DEFAULT_PORTS: Record<'postgres' | 'mysql', number> = { postgres: 5432, mysql: 3306 };

export const ENGINE_LABELS: Record<Engine, string> = {
  sqlite: 'SQLite',
  postgres: 'PostgreSQL',
  mysql: 'MySQL / MariaDB',
};
export const ENGINE_SHORT: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PG', mysql: 'MySQL' };

export const SSL_MODE_LABELS: Record<SslMode, string> = {
  disable: 'Disable',
  // short enough to read whole in the dialog's half-width select
  prefer: 'Prefer (SSL if available)',
  require: 'Require',
  'verify-full': 'Verify full (CA + host name)',
};

export const SAFETY_LABELS: Record<ConnectionSafety, string> = {
  normal: 'Normal',
  readOnly: 'Read-only — refuses every change',
  production: 'Production — asks before every change',
};

export function emptyForm(engine: Engine = 'postgres'): ConnectionForm {
  return {
    name: '',
    engine,
    file: '',
    create: false,
    safety: 'normal',
    host: 'localhost',
    port: engine === 'sqlite' ? '' : String(DEFAULT_PORTS[engine]),
    user: '',
    password: '',
    clearPassword: false,
    database: '',
    sslMode: engine === 'mysql' ? 'disable' : 'prefer',
    allowCleartextPassword: false,
  };
}

export function formFromSaved(saved: SavedConnection): ConnectionForm {
  const form = emptyForm(saved.params.engine);
  form.name = saved.name;
  form.safety = safetyOf(saved.params);
  const p = saved.params;
  if (p.engine === 'sqlite') return { ...form, file: p.file, create: p.create ?? false };
  return {
    ...form,
    host: p.host,
    port: String(p.port),
    user: p.user,
    database: p.database,
    sslMode: p.sslMode,
    allowCleartextPassword: p.allowCleartextPassword ?? false,
    connectTimeoutMs: p.connectTimeoutMs,
  };
}

/** Switching engine keeps what applies and swaps a default port for the new engine's default. */
export function changeEngine(form: ConnectionForm, engine: Engine): ConnectionForm {
  const next = { ...form, engine };
  if (engine !== 'sqlite') {
    const defaults = Object.values(DEFAULT_PORTS).map(String);
    if (form.port === '' || defaults.includes(form.port)) next.port = String(DEFAULT_PORTS[engine]);
  }
  return next;
}

/** Fills the form from a parsed URL; fields the URL does not carry stay as they were. */
export function applyParsedUrl(form: ConnectionForm, parsed: ConnectionInput): ConnectionForm {
  const p = parsed.params;
  if (p.engine === 'sqlite') return { ...form, engine: 'sqlite', file: p.file };
  return {
    ...form,
    engine: p.engine,
    host: p.host,
    port: String(p.port),
    user: p.user,
    database: p.database,
    sslMode: p.sslMode,
    connectTimeoutMs: p.connectTimeoutMs ?? form.connectTimeoutMs,
    password: parsed.password ?? form.password,
    clearPassword: false,
  };
}

/**
 * Why a parsed URL cannot be applied to the connection being edited, or null: a saved connection keeps its engine
 * (the dialog locks the choice; its tabs, history and saved queries are written for it), so a URL for another
 * engine belongs to a new connection.
 */
export function urlEngineConflict(saved: SavedConnection | undefined, parsed: ConnectionInput): string | null {
  if (!saved || parsed.params.engine === saved.params.engine) return null;
  return (
    `This connection is ${ENGINE_LABELS[saved.params.engine]}, and this URL is for ` +
    `${ENGINE_LABELS[parsed.params.engine]}: create a new connection for it.`
  );
}

/**
 * A name to use when the user leaves the name empty: the file's base name or "PG db @ host" — never one of
 * `taken` (names compare without case, as the app database does), so "shop 2" follows "shop".
 */
export function suggestName(form: ConnectionForm, taken: readonly string[] = []): string {
  let base: string;
  if (form.engine === 'sqlite') {
    const file = form.file.trim().split(/[\\/]/).pop() ?? '';
    base = file.replace(/\.(sqlite3?|db3?)$/i, '') || 'SQLite database';
  } else {
    const host = form.host.trim() || 'localhost';
    const db = form.database.trim();
    base = `${ENGINE_SHORT[form.engine]} ${db ? `${db} @ ` : ''}${host}`;
  }
  const used = new Set(taken.map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!used.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}

/**
 * True for text that is a server connection URL (pasting one fills the form at once). Not sqlite:, which no parser
 * here reads: such a paste stays plain text the user can see and edit.
 */
export function looksLikeConnectionUrl(text: string): boolean {
  return /^\s*(postgres(ql)?|mysql|mariadb):\/\/\S+\s*$/i.test(text);
}

/** True for a path that does not depend on a current folder: `/x`, `C:\x`, `\\server\x`, `~/x`. */
export function isAbsolutePath(path: string): boolean {
  return /^(\/|~|[A-Za-z]:[\\/]|\\\\)/.test(path.trim());
}

/**
 * The SQLite file a path means: absolute as typed, or relative to `baseDir` (the workspace folder) — the host
 * runs from a folder the user never sees, so the form never sends a relative path.
 */
export function resolveSqlitePath(file: string, baseDir: string | null): string {
  const path = file.trim();
  if (!path || isAbsolutePath(path) || !baseDir) return path;
  const sep = baseDir.includes('\\') && !baseDir.includes('/') ? '\\' : '/';
  const base = baseDir.replace(/[\\/]+$/, '');
  return `${base}${sep}${path.replace(/^\.[\\/]/, '')}`;
}

/** What the file field will open, in words, with the absolute path (shown under the field). */
export function sqliteFileHint(form: ConnectionForm, baseDir: string | null): string {
  const path = form.file.trim();
  if (!path) return 'An absolute path on the machine running Backbench, or a name to keep it in the workspace folder.';
  const resolved = resolveSqlitePath(path, baseDir);
  const where = resolved === path ? resolved : `${resolved} (in the workspace folder)`;
  if (form.safety === 'readOnly') return `Opens ${where} read-only.`;
  return form.create ? `Opens ${where}, or creates it if it does not exist.` : `Opens ${where}; it must exist.`;
}

/** Client-side checks, so an obvious mistake is shown next to its field before anything is sent. */
export function validateForm(form: ConnectionForm): FormErrors {
  const errors: FormErrors = {};
  if (form.name.length > 200) errors.name = 'Use at most 200 characters.';
  if (form.engine === 'sqlite') {
    if (!form.file.trim()) errors.file = 'Enter the path of the database file.';
    return errors;
  }
  if (!form.host.trim()) errors.host = 'Enter a host name or IP address.';
  const port = Number(form.port);
  if (!/^\d+$/.test(form.port.trim()) || port < 1 || port > 65535) errors.port = 'Use a number from 1 to 65535.';
  return errors;
}

/** The params to save or test; a relative SQLite path is resolved against `baseDir` (see resolveSqlitePath). */
export function paramsFromForm(form: ConnectionForm, baseDir: string | null = null): ConnectionParams {
  if (form.engine === 'sqlite') {
    return {
      engine: 'sqlite',
      file: resolveSqlitePath(form.file, baseDir),
      create: form.create,
      readOnly: form.safety === 'readOnly',
      ...(form.safety === 'normal' ? {} : { safety: form.safety }),
    };
  }
  return {
    engine: form.engine,
    host: form.host.trim(),
    port: Number(form.port.trim()),
    user: form.user,
    database: form.database.trim(),
    sslMode: form.sslMode,
    ...(form.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: form.connectTimeoutMs }),
    ...(form.allowCleartextPassword ? { allowCleartextPassword: true } : {}),
    ...(form.safety === 'normal' ? {} : { safety: form.safety }),
  };
}

/**
 * True when editing moves the connection to another engine, host, port or user while the password field is left
 * empty: the saved password is then dropped (it only goes where it was entered for), so it must be typed again.
 */
export function passwordMustBeReentered(saved: SavedConnection | undefined, form: ConnectionForm): boolean {
  if (!saved?.hasPassword || form.password !== '' || form.clearPassword || form.engine === 'sqlite') return false;
  return destinationChanged(saved.params, paramsFromForm(form));
}

/** The "allow the password without TLS" choice only matters for a server that is not this machine. */
export function offersCleartextChoice(form: ConnectionForm): boolean {
  return form.engine !== 'sqlite' && form.host.trim() !== '' && !isLocalHost(form.host);
}

/** The password to send: a typed one, null to clear, or undefined to keep the stored one. */
export function passwordFromForm(form: ConnectionForm): string | null | undefined {
  if (form.engine === 'sqlite') return undefined;
  if (form.clearPassword) return null;
  return form.password === '' ? undefined : form.password;
}

/** Maps a contract field path (`params.host`, `name`) to the form field that shows it. */
export function fieldForIssue(key: string): FormField | null {
  const known: FormField[] = ['name', 'file', 'host', 'port', 'user', 'password', 'database', 'sslMode'];
  return (known as string[]).includes(key) ? (key as FormField) : null;
}

/** "PostgreSQL 15.19", "MariaDB 10.11.6", "SQLite 3.45.1" from whatever version text the server gives. */
export function formatServerVersion(engine: Engine, version: string): string {
  const text = version.trim().split(/ on |,/)[0] ?? version;
  const mariadb = /^(\d+(?:\.\d+)*)-MariaDB/i.exec(text);
  if (mariadb) return `MariaDB ${mariadb[1]}`;
  if (/^\d/.test(text)) {
    const label = engine === 'postgres' ? 'PostgreSQL' : engine === 'mysql' ? 'MySQL' : 'SQLite';
    return `${label} ${text.split(' ')[0]}`;
  }
  return text;
}
