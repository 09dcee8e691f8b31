/**
 * OAuth 2.0 tokens for the send path: cached per (token URL, client id, scope) in memory and, encrypted, in the
 * app database (the secret store secret variables use), so a restart does not sign in again. An expired token is
 * refreshed with its refresh token, else fetched again; a 401 after a cached token retries once with a fresh one
 * (the `challenge` hook). Two sends needing the same token at once share one token request.
 */
import type { AuthContribution } from '../send/auth-schemes';
import type { SecretVariables } from '../variables/secret-variables';
import {
  authorizationCode,
  clientCredentials,
  refreshToken,
  type OAuth2Auth,
  type OAuth2Token,
  type OpenUrl,
} from './oauth2-client';

const SCOPE = 'oauth2.tokens';
/** A token this close to its expiry is treated as expired (a request in flight must not outlive it). */
const EXPIRY_SKEW_MS = 30_000;

export interface TokenSummary {
  tokenType: string;
  /** ISO time; null when the server gave no lifetime. */
  expiresAt: string | null;
  scope?: string;
  hasRefreshToken: boolean;
  /** Whether it came from the cache rather than a token request just now. */
  fromCache: boolean;
  /** The token's first characters, enough to recognize it. */
  preview: string;
}

export interface OAuth2TokensDeps {
  secrets?: SecretVariables;
  open: OpenUrl;
  now: () => number;
}

export class OAuth2Tokens {
  private readonly memory = new Map<string, OAuth2Token>();
  private readonly pending = new Map<string, Promise<OAuth2Token>>();
  /** Sends whose token came from the cache (a 401 then earns one retry with a fresh token). */
  private readonly usedCache = new WeakSet<OAuth2Auth>();

  constructor(private readonly deps: OAuth2TokensDeps) {}

  /** The cached token if still valid, else a refreshed or new one; `fresh` skips the cache. */
  async token(
    auth: OAuth2Auth,
    options: { fresh?: boolean; signal?: AbortSignal } = {},
  ): Promise<{ token: OAuth2Token; fromCache: boolean }> {
    const key = keyOf(auth);
    const cached = options.fresh ? null : this.cached(auth);
    if (cached && !this.expired(cached)) return { token: cached, fromCache: true };
    let running = this.pending.get(key);
    if (!running) {
      running = this.obtain(auth, cached, options.signal).finally(() => this.pending.delete(key));
      this.pending.set(key, running);
    }
    return { token: await running, fromCache: false };
  }

  /** The cached token (valid or not), without any request. */
  cached(auth: OAuth2Auth): OAuth2Token | null {
    const key = keyOf(auth);
    const inMemory = this.memory.get(key);
    if (inMemory) return inMemory;
    const stored = this.deps.secrets?.get(SCOPE, key);
    if (!stored) return null;
    try {
      const token = JSON.parse(stored) as OAuth2Token;
      this.memory.set(key, token);
      return token;
    } catch {
      return null;
    }
  }

  summary(token: OAuth2Token, fromCache: boolean): TokenSummary {
    return {
      tokenType: token.tokenType,
      expiresAt: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(),
      ...(token.scope ? { scope: token.scope } : {}),
      hasRefreshToken: token.refreshToken !== undefined,
      fromCache,
      preview: `${token.accessToken.slice(0, 6)}…`,
    };
  }

  /** Forgets every token, or those of one token URL (and client id). Returns how many went. */
  clear(filter: { tokenUrl?: string; clientId?: string } = {}): number {
    const keys = new Set([...this.memory.keys(), ...(this.deps.secrets?.names(SCOPE) ?? [])]);
    let removed = 0;
    for (const key of keys) {
      const [tokenUrl, clientId] = JSON.parse(key) as [string, string, string];
      if (filter.tokenUrl !== undefined && filter.tokenUrl !== tokenUrl) continue;
      if (filter.clientId !== undefined && filter.clientId !== clientId) continue;
      this.memory.delete(key);
      this.deps.secrets?.set(SCOPE, key, null);
      removed++;
    }
    return removed;
  }

  /** The auth scheme: an Authorization header with the token. */
  async apply(auth: OAuth2Auth, signal?: AbortSignal): Promise<AuthContribution> {
    const { token, fromCache } = await this.token(auth, { signal });
    if (fromCache) this.usedCache.add(auth);
    return headerOf(token);
  }

  /** After a 401: a fresh token when the one sent came from the cache (it may have been revoked), else nothing. */
  async challenge(auth: OAuth2Auth): Promise<AuthContribution | null> {
    if (!this.usedCache.has(auth)) return null;
    this.usedCache.delete(auth);
    const { token } = await this.token(auth, { fresh: true });
    return headerOf(token);
  }

  private async obtain(auth: OAuth2Auth, previous: OAuth2Token | null, signal?: AbortSignal): Promise<OAuth2Token> {
    let token: OAuth2Token | null = null;
    if (previous?.refreshToken) {
      // a refused refresh (revoked, expired) falls back to the grant itself
      token = await refreshToken(auth, previous.refreshToken, this.deps.now()).catch(() => null);
    }
    token ??=
      auth.grant === 'client_credentials'
        ? await clientCredentials(auth, this.deps.now())
        : await authorizationCode(auth, this.deps.open, this.deps.now, { signal });
    const key = keyOf(auth);
    this.memory.set(key, token);
    this.deps.secrets?.set(SCOPE, key, JSON.stringify(token));
    return token;
  }

  private expired(token: OAuth2Token): boolean {
    return token.expiresAt !== null && token.expiresAt - EXPIRY_SKEW_MS <= this.deps.now();
  }
}

function keyOf(auth: OAuth2Auth): string {
  return JSON.stringify([auth.tokenUrl, auth.clientId, auth.scope ?? '']);
}

function headerOf(token: OAuth2Token): AuthContribution {
  // `bearer` as some servers spell it; RFC 6750 writes the scheme Bearer
  const type = token.tokenType.toLowerCase() === 'bearer' ? 'Bearer' : token.tokenType;
  return { headers: [{ name: 'Authorization', value: `${type} ${token.accessToken}` }], query: [] };
}
