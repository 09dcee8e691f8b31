/**
 * The workspace's cookie jar: tough-cookie (RFC 6265 matching of domain, path, expiry, Secure, public
 * suffixes) in memory, saved after each change to a 0600 JSON file in the data dir — cookies are credentials,
 * so they never go in the workspace folder. One jar per workspace (the file is named by a hash of its path).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CookieJar, type Cookie } from 'tough-cookie';
import { ensurePrivateDir } from '../../data-dir';

/** A cookie as the jar view lists it. */
export interface CookieView {
  name: string;
  value: string;
  domain: string;
  path: string;
  /** ISO date; null for a session cookie. */
  expires: string | null;
  secure: boolean;
  httpOnly: boolean;
  /** Sent to this exact host only (no Domain attribute). */
  hostOnly: boolean;
  sameSite: string | null;
}

export class WorkspaceCookies {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly jar: CookieJar,
    readonly file: string,
  ) {}

  /** Opens the jar of `workspaceDir`, empty when nothing was saved (or the file no longer parses). */
  static async open(dataDir: string, workspaceDir: string): Promise<WorkspaceCookies> {
    const dir = join(dataDir, 'http-cookies');
    mkdirSync(dataDir, { recursive: true });
    ensurePrivateDir(dir);
    const name = createHash('sha256').update(workspaceDir).digest('hex').slice(0, 16);
    const file = join(dir, `${name}.json`);
    let jar: CookieJar | null = null;
    try {
      jar = await CookieJar.deserialize(await readFile(file, 'utf8'));
    } catch {
      jar = null;
    }
    return new WorkspaceCookies(jar ?? new CookieJar(), file);
  }

  /** The Cookie header value for a request to `url` ('' when none apply). */
  cookieHeader(url: string): Promise<string> {
    return this.jar.getCookieString(url);
  }

  /** Keeps the cookies a response to `url` set (invalid ones are ignored, as browsers do). */
  async store(url: string, setCookies: readonly string[]): Promise<void> {
    if (setCookies.length === 0) return;
    for (const header of setCookies) await this.jar.setCookie(header, url, { ignoreError: true });
    await this.save();
  }

  async list(): Promise<CookieView[]> {
    const cookies = await this.jar.store.getAllCookies();
    return cookies.map(view).sort((a, b) => a.domain.localeCompare(b.domain) || a.name.localeCompare(b.name));
  }

  /** Removes every cookie, or those of one domain (and, with `name`, only that cookie). */
  async clear(filter: { domain?: string; path?: string; name?: string } = {}): Promise<number> {
    const doomed = (await this.jar.store.getAllCookies()).filter(
      (cookie) =>
        (filter.domain === undefined || cookie.domain === filter.domain) &&
        (filter.path === undefined || cookie.path === filter.path) &&
        (filter.name === undefined || cookie.key === filter.name),
    );
    for (const cookie of doomed) {
      await this.jar.store.removeCookie(cookie.domain ?? '', cookie.path ?? '/', cookie.key);
    }
    if (doomed.length > 0) await this.save();
    return doomed.length;
  }

  /** Waits for pending writes (tests, shutdown). */
  flush(): Promise<void> {
    return this.writing;
  }

  private save(): Promise<void> {
    // one write at a time, in order; a failed write does not stop the next
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        const text = JSON.stringify(await this.jar.serialize());
        const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
        try {
          await writeFile(temp, text, { mode: 0o600 });
          await rename(temp, this.file);
        } catch (error) {
          await rm(temp, { force: true });
          throw error;
        }
      });
    return this.writing;
  }
}

function view(cookie: Cookie): CookieView {
  const expires = cookie.expires instanceof Date ? cookie.expires.toISOString() : null;
  return {
    name: cookie.key,
    value: cookie.value,
    domain: cookie.domain ?? '',
    path: cookie.path ?? '/',
    expires,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    hostOnly: cookie.hostOnly ?? false,
    sameSite: cookie.sameSite ?? null,
  };
}
