/**
 * Values of secret variables (environment or collection variables marked `secret`): encrypted by the core's
 * secret store (safeStorage on the desktop, a 0600 key file elsewhere) and kept in the app database's settings
 * table, keyed by scope and name — never in the workspace's files.
 */
import type Database from 'better-sqlite3';
import type { SecretStore } from '../../secrets/secret-store';

const PREFIX = 'http.secret';

/** Where a secret belongs: an environment (`env:<name>`), a collection (`collection:<path>`) or `globals`. */
export type SecretScope = string;

export class SecretVariables {
  constructor(
    private readonly db: Database.Database,
    private readonly secrets: SecretStore,
  ) {}

  /** The plain value, or null when none is kept (or it no longer decrypts, e.g. a key file was replaced). */
  get(scope: SecretScope, name: string): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(keyOf(scope, name)) as
      { value: string } | undefined;
    if (!row) return null;
    try {
      return this.secrets.decrypt(row.value);
    } catch {
      return null;
    }
  }

  /** Keeps `value` encrypted; null forgets it. */
  set(scope: SecretScope, name: string, value: string | null): void {
    if (value === null) {
      this.db.prepare('DELETE FROM settings WHERE key = ?').run(keyOf(scope, name));
      return;
    }
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(keyOf(scope, name), this.secrets.encrypt(value));
  }

  /** Names that have a value kept in `scope`. */
  names(scope: SecretScope): string[] {
    const prefix = `${PREFIX}:${JSON.stringify(scope)}:`;
    const rows = this.db
      .prepare('SELECT key FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key')
      .all(prefix.length, prefix) as { key: string }[];
    return rows.map((row) => JSON.parse(row.key.slice(prefix.length)) as string);
  }

  /** Forgets every secret of `scope` except those named in `keep`. */
  prune(scope: SecretScope, keep: ReadonlySet<string>): void {
    for (const name of this.names(scope)) if (!keep.has(name)) this.set(scope, name, null);
  }
}

// JSON-quoted parts: a scope or name holding ':' cannot collide with another pair
function keyOf(scope: SecretScope, name: string): string {
  return `${PREFIX}:${JSON.stringify(scope)}:${JSON.stringify(name)}`;
}
