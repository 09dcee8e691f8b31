import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The file a connection's path names. A relative path is resolved against the user's home folder — not the
 * working directory, which depends on how the app was started (the desktop app's is `/`) — and `~/` means the
 * home folder too. The CLI resolves its own arguments against the working directory before they get here.
 */
export function resolveSqliteFile(file: string, home: string = homedir()): string {
  if (file === '~') return home;
  if (file.startsWith('~/')) return join(home, file.slice(2));
  return isAbsolute(file) ? resolve(file) : resolve(home, file);
}
