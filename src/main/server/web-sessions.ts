import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashSecret, randomSecret } from './one-time-codes';

/** A session nobody used for this long is forgotten; its tab must get a new start link. */
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60_000;
/** Sessions kept at most; the least recently used go first (every new tab and start link makes one). */
export const MAX_SESSIONS = 256;
/** Last-use times are written back at most this often (they only decide expiry, to the day). */
const TOUCH_PERSIST_MS = 60 * 60_000;

export const SESSIONS_FILE = 'web-sessions.json';
/** Where versions before the per-session secrets kept a permanent token; removed on start. */
export const LEGACY_TOKEN_FILE = 'web-token';

interface StoredFile {
  version: 1;
  sessions: { hash: string; lastUsedAt: number }[];
}

export interface WebSessionsOptions {
  /** The data dir: sessions are kept in `<dir>/web-sessions.json` (0600) so a restart keeps open tabs signed in. Without it they live as long as the process. */
  dir?: string;
  idleMs?: number;
  now?: () => number;
  /** Told when the file cannot be read or written (the host keeps working with what it has in memory). */
  warn?: (message: string) => void;
}

/**
 * The browser host's sessions: a random secret per browser tab, held only by that tab (sessionStorage) and sent
 * in a header, never in a cookie. Only SHA-256 hashes are stored, so the file grants nothing to whoever reads it.
 */
export class WebSessions {
  private readonly sessions = new Map<string, number>();
  private readonly file: string | null;
  private readonly idleMs: number;
  private readonly now: () => number;
  private readonly warn: (message: string) => void;
  private persistedAt = 0;

  constructor(options: WebSessionsOptions = {}) {
    this.file = options.dir === undefined ? null : join(options.dir, SESSIONS_FILE);
    this.idleMs = options.idleMs ?? SESSION_IDLE_MS;
    this.now = options.now ?? Date.now;
    this.warn = options.warn ?? (() => undefined);
    if (options.dir !== undefined) {
      // the old permanent token must not linger: whoever read it had the databases for good
      rmSync(join(options.dir, LEGACY_TOKEN_FILE), { force: true });
      this.load();
    }
  }

  get size(): number {
    return this.sessions.size;
  }

  /** A new session; returns its secret (shown to the page once, stored only as a hash). */
  create(): string {
    const secret = randomSecret();
    this.sessions.set(hashSecret(secret), this.now());
    while (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value as string);
    this.persist();
    return secret;
  }

  /** True for a live session's secret; using it keeps it alive. */
  verify(secret: unknown): boolean {
    if (typeof secret !== 'string' || secret.length === 0 || secret.length > 256) return false;
    const key = hashSecret(secret);
    const lastUsedAt = this.sessions.get(key);
    if (lastUsedAt === undefined) return false;
    const now = this.now();
    if (now - lastUsedAt > this.idleMs) {
      this.sessions.delete(key);
      return false;
    }
    // re-inserted so the map's order is least recently used first
    this.sessions.delete(key);
    this.sessions.set(key, now);
    if (now - this.persistedAt > TOUCH_PERSIST_MS) this.persist();
    return true;
  }

  /** Writes the last-use times out (on shutdown). */
  flush(): void {
    this.persist();
  }

  private load(): void {
    let parsed: StoredFile;
    try {
      parsed = JSON.parse(readFileSync(this.file!, 'utf8')) as StoredFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.warn(`Backbench: ignoring the unreadable session file ${this.file} (open tabs need a new start link).`);
      }
      return;
    }
    const now = this.now();
    const list = Array.isArray(parsed?.sessions) ? parsed.sessions : [];
    for (const entry of list.sort((a, b) => a.lastUsedAt - b.lastUsedAt)) {
      if (typeof entry?.hash !== 'string' || !/^[0-9a-f]{64}$/.test(entry.hash)) continue;
      if (typeof entry.lastUsedAt !== 'number' || now - entry.lastUsedAt > this.idleMs) continue;
      this.sessions.set(entry.hash, entry.lastUsedAt);
    }
    // tighten a file an older version or a copy left readable
    if (process.platform !== 'win32') chmodSync(this.file!, 0o600);
  }

  private persist(): void {
    if (this.file === null) return;
    const now = this.now();
    const body: StoredFile = {
      version: 1,
      sessions: [...this.sessions]
        .filter(([, lastUsedAt]) => now - lastUsedAt <= this.idleMs)
        .map(([hash, lastUsedAt]) => ({ hash, lastUsedAt })),
    };
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, `${JSON.stringify(body)}\n`, { mode: 0o600 });
      renameSync(temp, this.file);
      this.persistedAt = now;
    } catch (error) {
      rmSync(temp, { force: true });
      this.warn(
        `Backbench: could not save the browser sessions to ${this.file} (${(error as Error).message}); ` +
          'open tabs will need a new start link after a restart.',
      );
    }
  }
}
