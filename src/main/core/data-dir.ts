import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where app data lives, the same for every host (desktop app, browser host, CLI), so `backbench query <saved
 * name>` sees the connections saved in the app: the explicit dir, else $BACKBENCH_DATA_DIR, else the platform's
 * per-user data folder (XDG data home on Linux, Application Support on macOS, %APPDATA% on Windows).
 */
export function resolveDataDir(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (explicit) return resolve(explicit);
  if (env.BACKBENCH_DATA_DIR) return resolve(env.BACKBENCH_DATA_DIR);
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Backbench');
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Backbench');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'backbench');
}

/**
 * Creates `dir` (and its parents) readable by the user only, and tightens an existing one: the data folder holds
 * saved connections, history, exports and logs. Only `dir` itself is tightened, never a parent we did not make.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/**
 * Makes `file` readable by the user only, creating it empty when missing. SQLite gives its -wal and -shm files
 * the database file's mode, so preparing the database file is enough for them.
 */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  if (process.platform === 'win32') return;
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
}

/** Tightens a file that may exist (a WAL left by an older version); missing is fine. */
export function tightenIfExists(file: string): void {
  if (process.platform === 'win32' || !existsSync(file)) return;
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
}
