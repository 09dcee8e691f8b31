import type Database from 'better-sqlite3';

/**
 * Options for every better-sqlite3 `new Database(…)` in the app. The desktop app sets BACKBENCH_SQLITE_BINDING
 * to a better_sqlite3.node built for Electron's ABI, so one node_modules serves Node (tests, CLI, browser host)
 * and Electron alike.
 */
export function sqliteOptions(extra: Database.Options = {}): Database.Options {
  const nativeBinding = process.env.BACKBENCH_SQLITE_BINDING;
  return nativeBinding ? { ...extra, nativeBinding } : { ...extra };
}
