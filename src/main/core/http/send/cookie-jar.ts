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
import { AppError } from '../../../../shared/errors';
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

/** A cookie added or edited by hand. */
export interface CookieInput {
  name: string;
  value: string;
  domain: string;
  path?: string;
  /** ISO date; null or absent for a session cookie. */
  expires?: string | null;
  secure?: boolean;
  httpOnly?: boolean;
}

// RFC 6265 §4.1.1: a token for the name, cookie-octets for the value
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const COOKIE_VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;
const COOKIE_HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

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

  /**
   * Adds a cookie by hand (the jar view's add/edit), or replaces the one of that domain, path and name. It goes
   * through the jar's own Set-Cookie rules, so what it keeps is what a server could have set (no cookie for a
   * public suffix); `.example.com` is a domain cookie, `example.com` a host-only one.
   */
  async set(input: CookieInput): Promise<CookieView> {
    const domain = input.domain.trim().toLowerCase();
    const host = domain.replace(/^\./, '');
    const path = input.path?.trim() || '/';
    if (!COOKIE_NAME.test(input.name)) {
      throw new AppError(
        'INVALID_INPUT',
        `"${input.name}" is not a cookie name (letters, digits and !#$%&'*+-.^_\`|~).`,
        {
          field: 'name',
        },
      );
    }
    if (!COOKIE_VALUE.test(input.value)) {
      throw new AppError(
        'INVALID_INPUT',
        'A cookie value cannot hold ";", a comma, quotes, spaces or control characters.',
        {
          field: 'value',
        },
      );
    }
    if (!COOKIE_HOST.test(host)) {
      throw new AppError('INVALID_INPUT', `"${input.domain}" is not a domain (example.com, .example.com, 127.0.0.1).`, {
        field: 'domain',
      });
    }
    if (!path.startsWith('/') || /[;\s]/.test(path)) {
      throw new AppError(
        'INVALID_INPUT',
        `The cookie path must start with "/" and hold no ";" or spaces ("${path}").`,
        {
          field: 'path',
        },
      );
    }
    const parts = [`${input.name}=${input.value}`, `Path=${path}`];
    if (domain.startsWith('.')) parts.push(`Domain=${host}`);
    if (input.expires) parts.push(`Expires=${new Date(input.expires).toUTCString()}`);
    if (input.secure) parts.push('Secure');
    if (input.httpOnly) parts.push('HttpOnly');
    let cookie: Cookie | undefined;
    try {
      cookie = await this.jar.setCookie(parts.join('; '), `${input.secure ? 'https' : 'http'}://${host}${path}`);
    } catch (error) {
      throw new AppError('INVALID_INPUT', `The cookie jar refused the cookie: ${(error as Error).message}`, {
        field: 'domain',
      });
    }
    if (!cookie) throw new AppError('INVALID_INPUT', 'The cookie jar refused the cookie (it is already expired?).');
    await this.save();
    return view(cookie);
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
