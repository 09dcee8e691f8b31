import { ensurePrivateDir, tightenIfExists } from '../data-dir';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

/** One step of the app database schema. Steps are never edited once released: add a new one instead. */
export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

/** Ordered list; `version` is what PRAGMA user_version holds after the step ran. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'saved connections and settings',
    up(db) {
      db.exec(`
        CREATE TABLE connections (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          params_json TEXT NOT NULL,
          password_cipher TEXT,
          is_sample INTEGER NOT NULL DEFAULT 0,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX connections_name_unique ON connections (name COLLATE NOCASE);
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 2,
    description: 'query history',
    up(db) {
      db.exec(`
        CREATE TABLE query_history (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
          sql TEXT NOT NULL,
          executed_at TEXT NOT NULL,
          duration_ms REAL,
          row_count INTEGER,
          status TEXT NOT NULL CHECK (status IN ('ok', 'error', 'cancelled')),
          error_message TEXT
        );
        CREATE INDEX query_history_connection ON query_history (connection_id, executed_at);
      `);
    },
  },
  {
    version: 3,
    description: 'open editor tabs',
    up(db) {
      // one JSON document: tabs are always saved and loaded as a whole
      db.exec(`
        CREATE TABLE editor_tabs (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          document TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 4,
    description: 'editor tabs have a kind',
    up(db) {
      // every tab stored so far is a SQL tab; later kinds (data, request, mock, diagram) are told apart by `kind`
      const row = db.prepare('SELECT document FROM editor_tabs WHERE id = 1').get() as { document: string } | undefined;
      if (!row) return;
      let document: unknown;
      try {
        document = JSON.parse(row.document);
      } catch {
        return; // a damaged document is dropped by the tabs store on load; nothing to upgrade
      }
      if (typeof document !== 'object' || document === null || !Array.isArray((document as { tabs?: unknown }).tabs))
        return;
      const doc = document as { tabs: unknown[] };
      doc.tabs = doc.tabs.map((tab) =>
        typeof tab === 'object' && tab !== null && !('kind' in tab) ? { kind: 'sql', ...tab } : tab,
      );
      db.prepare('UPDATE editor_tabs SET document = ? WHERE id = 1').run(JSON.stringify(doc));
    },
  },
  {
    version: 5,
    description: 'drafts of staged table edits',
    up(db) {
      // one row per table of a connection: the staged changes of its data tab, restored after a crash
      db.exec(`
        CREATE TABLE data_drafts (
          connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
          schema_name TEXT NOT NULL,
          table_name TEXT NOT NULL,
          changes_json TEXT NOT NULL,
          change_count INTEGER NOT NULL,
          saved_at TEXT NOT NULL,
          PRIMARY KEY (connection_id, schema_name, table_name)
        );
      `);
    },
  },
  {
    version: 6,
    description: 'HTTP history',
    up(db) {
      // one row per send from the app; the request/response JSON holds what the list does not need to read
      db.exec(`
        CREATE TABLE http_history (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          sent_at TEXT NOT NULL,
          method TEXT NOT NULL,
          url TEXT NOT NULL,
          path TEXT,
          status INTEGER,
          duration_ms REAL,
          size INTEGER,
          error_code TEXT,
          error_message TEXT,
          request_body TEXT,
          response_body TEXT,
          detail_json TEXT NOT NULL,
          stored_bytes INTEGER NOT NULL
        );
      `);
    },
  },
  {
    version: 7,
    description: 'HTTP history keeps the request as edited with its credentials, encrypted',
    up(db) {
      // the secret store's ciphertext of the request as edited, only when masking changed it: re-opening an
      // entry restores the credentials instead of putting the mask into the tab (timings, redirects and test
      // results go into detail_json, which needs no column)
      db.exec('ALTER TABLE http_history ADD COLUMN request_sealed TEXT');
    },
  },
  {
    version: 8,
    description: 'Collection run reports',
    up(db) {
      // the last reports of each collection or folder run from the app (bounded in run-report-store.ts); the
      // report is one JSON document, the columns are what the list of runs shows
      db.exec(`
        CREATE TABLE http_runs (
          id TEXT PRIMARY KEY,
          path TEXT NOT NULL,
          started_at TEXT NOT NULL,
          finished_at TEXT NOT NULL,
          passed INTEGER NOT NULL,
          cancelled INTEGER NOT NULL,
          requests INTEGER NOT NULL,
          failed INTEGER NOT NULL,
          duration_ms REAL NOT NULL,
          error_code TEXT,
          error_message TEXT,
          report_json TEXT,
          stored_bytes INTEGER NOT NULL
        );
        CREATE INDEX http_runs_by_path ON http_runs (path, finished_at);
      `);
    },
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export interface MigrateOptions {
  /** Stop after this version (tests use it to build an older database). Defaults to the latest. */
  upTo?: number;
  /** Where to put the backup taken before upgrading an existing database; no backup when absent. */
  backupDir?: string;
  now?: () => Date;
}

export interface MigrateResult {
  from: number;
  to: number;
  /** Path of the backup taken before migrating, or null when none was needed. */
  backupPath: string | null;
}

export function currentVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to `upTo` (default latest). An existing database (user_version > 0) is backed up
 * first, so a failed or buggy migration never costs the user their saved connections. Each step runs in its
 * own transaction together with its user_version bump.
 */
export async function migrate(db: Database.Database, options: MigrateOptions = {}): Promise<MigrateResult> {
  const target = options.upTo ?? LATEST_VERSION;
  const from = currentVersion(db);
  if (from > LATEST_VERSION) {
    // a newer app wrote this file; running on it could corrupt it
    throw new Error(
      `The app database is from a newer Backbench (schema v${from}, this build knows v${LATEST_VERSION}). Update Backbench.`,
    );
  }
  const pending = MIGRATIONS.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return { from, to: from, backupPath: null };

  let backupPath: string | null = null;
  if (from > 0 && options.backupDir) {
    ensurePrivateDir(options.backupDir);
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    backupPath = join(options.backupDir, `backbench-v${from}-${stamp}.db`);
    await db.backup(backupPath);
    tightenIfExists(backupPath);
  }

  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: currentVersion(db), backupPath };
}
