import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { destinationChanged } from '../../../shared/connection-security';
import { ConnectionParams, type SavedConnection } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { SecretStore } from '../secrets/secret-store';

interface ConnectionRow {
  id: string;
  name: string;
  params_json: string;
  password_cipher: string | null;
  is_sample: number;
  created_at: string;
  updated_at: string;
}

export interface CreateConnectionInput {
  name: string;
  params: ConnectionParams;
  password?: string | null;
  isSample?: boolean;
}

export interface UpdateConnectionInput {
  id: string;
  name?: string;
  params?: ConnectionParams;
  /**
   * Omitted keeps the stored password — unless `params` send it elsewhere (another engine, host, port or user),
   * which drops it; null clears it.
   */
  password?: string | null;
}

/**
 * Saved connections in the app database. Passwords are stored only as SecretStore cipher text and leave this
 * class only through `getPassword` (for opening a session), never in a SavedConnection.
 */
export class ConnectionStore {
  constructor(
    private readonly db: Database.Database,
    private readonly secrets: SecretStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Sample first, then by name (case-insensitive). */
  list(): SavedConnection[] {
    const rows = this.db
      .prepare('SELECT * FROM connections ORDER BY is_sample DESC, name COLLATE NOCASE, id')
      .all() as ConnectionRow[];
    return rows.map(toSaved);
  }

  get(id: string): SavedConnection {
    return toSaved(this.row(id));
  }

  /** The decrypted password of a saved connection, or null when it has none. */
  getPassword(id: string): string | null {
    const cipher = this.row(id).password_cipher;
    return cipher === null ? null : this.secrets.decrypt(cipher);
  }

  findSample(): SavedConnection | null {
    const row = this.db.prepare('SELECT * FROM connections WHERE is_sample = 1 ORDER BY created_at LIMIT 1').get() as
      ConnectionRow | undefined;
    return row ? toSaved(row) : null;
  }

  create(input: CreateConnectionInput): SavedConnection {
    const name = input.name.trim();
    this.assertNameFree(name, null);
    const stamp = this.now().toISOString();
    const row: ConnectionRow = {
      id: randomUUID(),
      name,
      params_json: JSON.stringify(ConnectionParams.parse(input.params)),
      password_cipher: input.password == null ? null : this.secrets.encrypt(input.password),
      is_sample: input.isSample ? 1 : 0,
      created_at: stamp,
      updated_at: stamp,
    };
    return this.insert(row);
  }

  update(input: UpdateConnectionInput): SavedConnection {
    const current = this.row(input.id);
    const name = input.name === undefined ? current.name : input.name.trim();
    if (name.toLowerCase() !== current.name.toLowerCase()) this.assertNameFree(name, current.id);
    const params = input.params === undefined ? null : ConnectionParams.parse(input.params);
    // a password is only ever sent where it was entered for
    const moved =
      params !== null && destinationChanged(ConnectionParams.parse(JSON.parse(current.params_json)), params);
    const next: ConnectionRow = {
      ...current,
      name,
      params_json: params === null ? current.params_json : JSON.stringify(params),
      password_cipher:
        input.password === undefined
          ? moved
            ? null
            : current.password_cipher
          : input.password === null
            ? null
            : this.secrets.encrypt(input.password),
      updated_at: this.now().toISOString(),
    };
    this.db
      .prepare(
        `UPDATE connections SET name = @name, params_json = @params_json, password_cipher = @password_cipher,
           updated_at = @updated_at WHERE id = @id`,
      )
      .run(next);
    return toSaved(next);
  }

  /** Copies a connection with its stored password, named "<name> (copy)", "(copy 2)"… whichever is free. */
  duplicate(id: string): SavedConnection {
    const source = this.row(id);
    const base = source.name.replace(/ \(copy(?: \d+)?\)$/, '');
    let name = `${base} (copy)`;
    for (let n = 2; this.nameTaken(name, null); n++) name = `${base} (copy ${n})`;
    const stamp = this.now().toISOString();
    const row: ConnectionRow = {
      ...source,
      id: randomUUID(),
      name,
      is_sample: 0,
      created_at: stamp,
      updated_at: stamp,
    };
    return this.insert(row);
  }

  private insert(row: ConnectionRow): SavedConnection {
    this.db
      .prepare(
        `INSERT INTO connections (id, name, params_json, password_cipher, is_sample, created_at, updated_at)
         VALUES (@id, @name, @params_json, @password_cipher, @is_sample, @created_at, @updated_at)`,
      )
      .run(row);
    return toSaved(row);
  }

  /** True when it existed. History of the connection goes with it (ON DELETE CASCADE). */
  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM connections WHERE id = ?').run(id).changes > 0;
  }

  private row(id: string): ConnectionRow {
    const row = this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as ConnectionRow | undefined;
    if (!row) {
      throw new AppError(
        'NOT_FOUND',
        `No saved connection with id "${id}". It may have been deleted; refresh the list.`,
        {
          id,
        },
      );
    }
    return row;
  }

  private nameTaken(name: string, exceptId: string | null): boolean {
    // lower() in JS and SQL alike so non-ASCII names compare the same way (COLLATE NOCASE folds ASCII only)
    const rows = this.db.prepare('SELECT id, name FROM connections').all() as { id: string; name: string }[];
    const wanted = name.toLowerCase();
    return rows.some((r) => r.id !== exceptId && r.name.toLowerCase() === wanted);
  }

  private assertNameFree(name: string, exceptId: string | null): void {
    if (this.nameTaken(name, exceptId)) {
      throw new AppError('CONFLICT', `A connection named "${name}" already exists. Choose another name.`, { name });
    }
  }
}

function toSaved(row: ConnectionRow): SavedConnection {
  return {
    id: row.id,
    name: row.name,
    params: ConnectionParams.parse(JSON.parse(row.params_json)),
    hasPassword: row.password_cipher !== null,
    isSample: row.is_sample === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
