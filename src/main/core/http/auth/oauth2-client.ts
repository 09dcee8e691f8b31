/**
 * OAuth 2.0 token requests (RFC 6749): client credentials (§4.4), refresh (§6) and the authorization code grant
 * (§4.1) with PKCE S256 (RFC 7636) through the system browser and a loopback redirect (RFC 8252). The client
 * authenticates with HTTP Basic (§2.3.1, each part form-encoded first) unless the auth says `clientAuth: body`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'undici';
import { AppError } from '../../../../shared/errors';
import type { Auth } from '../../../../shared/http-request';
import { listenForRedirect } from './loopback-redirect';

export type OAuth2Auth = Extract<Auth, { type: 'oauth2' }>;

/** A token as the store keeps it. */
export interface OAuth2Token {
  accessToken: string;
  tokenType: string;
  /** Epoch ms; null when the server gave no `expires_in`. */
  expiresAt: number | null;
  refreshToken?: string;
  scope?: string;
}

/** Opens a URL in the user's browser (the host's port: Electron's shell, the web page, the CLI's terminal). */
export type OpenUrl = (url: string) => Promise<void> | void;

const TOKEN_TIMEOUT_MS = 30_000;

export async function clientCredentials(auth: OAuth2Auth, now: number): Promise<OAuth2Token> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (auth.scope) form.set('scope', auth.scope);
  return tokenRequest(auth, form, now);
}

export async function refreshToken(auth: OAuth2Auth, refresh: string, now: number): Promise<OAuth2Token> {
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refresh });
  if (auth.scope) form.set('scope', auth.scope);
  const token = await tokenRequest(auth, form, now);
  // a server may keep the refresh token without sending it again (§6)
  return { ...token, refreshToken: token.refreshToken ?? refresh };
}

/** The browser opens the authorization URL; the code comes back to a loopback port and is exchanged. */
export async function authorizationCode(
  auth: OAuth2Auth,
  open: OpenUrl,
  now: () => number,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<OAuth2Token> {
  if (!auth.authorizationUrl) {
    throw new AppError('INVALID_INPUT', 'The authorization code grant needs an authorization URL; fill it in.', {
      field: 'auth.authorizationUrl',
    });
  }
  const authorizeUrl = parseUrl(auth.authorizationUrl, 'authorization URL');
  const state = base64url(randomBytes(16));
  const pkce = auth.pkce !== false;
  const verifier = base64url(randomBytes(32));
  const redirect = await listenForRedirect(state, options);
  try {
    authorizeUrl.searchParams.set('response_type', 'code');
    authorizeUrl.searchParams.set('client_id', auth.clientId);
    authorizeUrl.searchParams.set('redirect_uri', redirect.redirectUri);
    authorizeUrl.searchParams.set('state', state);
    if (auth.scope) authorizeUrl.searchParams.set('scope', auth.scope);
    if (pkce) {
      authorizeUrl.searchParams.set('code_challenge', pkceChallenge(verifier));
      authorizeUrl.searchParams.set('code_challenge_method', 'S256');
    }
    await open(authorizeUrl.href);
    const code = await redirect.code;
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect.redirectUri });
    if (pkce) form.set('code_verifier', verifier);
    return await tokenRequest(auth, form, now());
  } finally {
    redirect.close();
  }
}

/** BASE64URL(SHA256(verifier)), RFC 7636 §4.2. */
export function pkceChallenge(verifier: string): string {
  return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}

async function tokenRequest(auth: OAuth2Auth, form: URLSearchParams, now: number): Promise<OAuth2Token> {
  const url = parseUrl(auth.tokenUrl, 'token URL');
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (auth.clientSecret !== undefined && auth.clientSecret !== '' && auth.clientAuth !== 'body') {
    const pair = `${formEncode(auth.clientId)}:${formEncode(auth.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
  } else {
    // in the body: a client that chose so, and a public client (no secret), which names itself (§3.2.1, §4.1.3)
    form.set('client_id', auth.clientId);
    if (auth.clientSecret) form.set('client_secret', auth.clientSecret);
  }
  let status: number;
  let text: string;
  try {
    const response = await request(url, {
      method: 'POST',
      headers,
      body: form.toString(),
      headersTimeout: TOKEN_TIMEOUT_MS,
      bodyTimeout: TOKEN_TIMEOUT_MS,
    });
    status = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    throw new AppError(
      'CONNECTION_REFUSED',
      `The token URL ${url.origin} could not be reached: ${(error as Error).message}`,
      {
        tokenUrl: url.href,
      },
    );
  }
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // a form-encoded answer (some older servers, GitHub) is read as such
    body = Object.fromEntries(new URLSearchParams(text));
  }
  if (status < 200 || status >= 300 || typeof body.access_token !== 'string') {
    const error = typeof body.error === 'string' ? body.error : `HTTP ${status}`;
    const description = typeof body.error_description === 'string' ? ` (${body.error_description})` : '';
    throw new AppError(
      'AUTH_FAILED',
      `The token URL refused to give a token: ${error}${description}. Check the client id, secret and scope.`,
      { tokenUrl: url.href, status, error },
    );
  }
  const expiresIn = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    tokenType: typeof body.token_type === 'string' ? body.token_type : 'Bearer',
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : null,
    ...(typeof body.refresh_token === 'string' ? { refreshToken: body.refresh_token } : {}),
    ...(typeof body.scope === 'string' ? { scope: body.scope } : auth.scope ? { scope: auth.scope } : {}),
  };
}

function parseUrl(text: string, what: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // reported below
  }
  throw new AppError('INVALID_INPUT', `The ${what} "${text}" is not an http(s) URL; write it as https://host/path.`, {
    url: text,
  });
}

/** application/x-www-form-urlencoded, as §2.3.1 wants for the Basic pair. */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}
