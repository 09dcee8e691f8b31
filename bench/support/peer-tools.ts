import { spawnSync } from 'node:child_process';
import type { CommandSpec } from './run-command';

export interface PeerTool {
  command: string;
  /** Why it cannot be used (and how to install it), or null when it runs. */
  missing: string | null;
}

/** The Debian package that brings each peer command. */
const DEBIAN_PACKAGE: Record<string, string> = {
  sqlite3: 'sqlite3',
  psql: 'postgresql-client',
  mariadb: 'mariadb-client',
};

/** Whether a peer command-line client is installed, and if not what to run to get it. */
export function findPeerTool(command: string): PeerTool {
  const probe = spawnSync(command, ['--version'], { stdio: 'ignore' });
  if (!probe.error) return { command, missing: null };
  const pkg = DEBIAN_PACKAGE[command] ?? command;
  return { command, missing: `${command} is not installed (Debian: apt-get install -y ${pkg})` };
}

/** `psql` for a postgres:// URL, reading no ~/.psqlrc, quiet. */
export function psqlCommand(url: string, sql: string): CommandSpec {
  return { command: 'psql', args: ['-X', '-q', url, '-c', sql] };
}

/** `mariadb` for a mysql:// URL; a password goes in MYSQL_PWD, not on the command line. */
export function mariadbCommand(url: string, sql: string, extra: string[] = []): CommandSpec {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const args = ['-h', u.hostname, '-P', u.port || '3306', '-u', decodeURIComponent(u.username), ...extra];
  if (database) args.push(database);
  args.push('-e', sql);
  return {
    command: 'mariadb',
    args,
    env: u.password ? { MYSQL_PWD: decodeURIComponent(u.password) } : undefined,
  };
}

export function sqlite3Command(file: string, sql: string): CommandSpec {
  return { command: 'sqlite3', args: [file, sql] };
}
