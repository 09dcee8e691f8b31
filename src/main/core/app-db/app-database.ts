import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir, ensurePrivateFile, tightenIfExists } from '../data-dir';
import { sqliteOptions } from '../connections/sqlite/native-binding';
import { migrate, type MigrateResult } from './migrations';

export interface AppDatabase {
  readonly db: Database.Database;
  readonly path: string;
  readonly migration: MigrateResult;
  close(): void;
}

export interface OpenAppDatabaseOptions {
  dataDir: string;
  /** Migrate only up to this version (tests of the upgrade path). */
  upTo?: number;
  now?: () => Date;
}

/** Opens (creating if needed) `<dataDir>/backbench.db` in WAL mode with foreign keys on, and migrates it. */
export async function openAppDatabase(options: OpenAppDatabaseOptions): Promise<AppDatabase> {
  ensurePrivateDir(options.dataDir);
  const path = join(options.dataDir, 'backbench.db');
  // history, saved connections and staged edits live here: user-only, like the folder
  ensurePrivateFile(path);
  for (const side of ['-wal', '-shm', '-journal']) tightenIfExists(path + side);
  const db = new Database(path, sqliteOptions());
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // the CLI and a running app may share the file; wait instead of failing with SQLITE_BUSY at once
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const migration = await migrate(db, {
      upTo: options.upTo,
      backupDir: join(options.dataDir, 'backups'),
      now: options.now,
    });
    return {
      db,
      path,
      migration,
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
