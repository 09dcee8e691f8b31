import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../app-db/app-database';
import { FileKeySecretStore } from '../../secrets/file-key-secret-store';
import { BodyStore } from '../send/body-store';
import { HttpSender } from '../send/http-sender';
import { outgoing } from '../testing/sender-fixture';
import { useTestServers } from '../testing/test-servers';
import { SecretVariables } from '../variables/secret-variables';
import type { OAuth2Auth } from './oauth2-client';
import { OAuth2Tokens } from './oauth2-tokens';

const { http, tempDir } = useTestServers();
const closing: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

/**
 * A small authorization server (RFC 6749): /authorize redirects back with a code, /token gives tokens for
 * client credentials, a code (its PKCE verifier checked against the challenge) or a refresh token, and /api
 * accepts only the newest access token.
 */
async function startAuthServer(options: { expiresIn?: number } = {}) {
  const codes = new Map<string, { challenge?: string; redirectUri: string }>();
  const grants: Record<string, string>[] = [];
  const clientAuth: string[] = [];
  let valid = new Set<string>();
  let issued = 0;
  const issue = (refresh: boolean) => {
    const token = `at-${++issued}-${randomBytes(4).toString('hex')}`;
    valid.add(token);
    return {
      access_token: token,
      token_type: 'bearer',
      expires_in: options.expiresIn ?? 3600,
      ...(refresh ? { refresh_token: `rt-${issued}` } : {}),
    };
  };
  const server = await http((req, res, body) => {
    const url = new URL(req.url!, 'http://x');
    const json = (status: number, value: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (url.pathname === '/authorize') {
      const code = `code-${randomBytes(4).toString('hex')}`;
      const redirectUri = url.searchParams.get('redirect_uri')!;
      codes.set(code, { challenge: url.searchParams.get('code_challenge') ?? undefined, redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state')!);
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (url.pathname === '/token') {
      const form = Object.fromEntries(new URLSearchParams(body.toString()));
      grants.push(form);
      const basic = req.headers.authorization?.replace(/^Basic /, '');
      const [id, secret] = basic
        ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
        : [form.client_id, form.client_secret];
      clientAuth.push(basic ? 'basic' : 'body');
      if (id !== 'app' || (secret !== 's3cr:t' && secret !== undefined)) {
        json(401, { error: 'invalid_client' });
        return;
      }
      if (form.grant_type === 'client_credentials') return json(200, { ...issue(false), scope: form.scope });
      if (form.grant_type === 'refresh_token') {
        return form.refresh_token?.startsWith('rt-') ? json(200, issue(true)) : json(400, { error: 'invalid_grant' });
      }
      if (form.grant_type === 'authorization_code') {
        const code = codes.get(form.code!);
        codes.delete(form.code!);
        const verified =
          code?.challenge === undefined ||
          createHash('sha256')
            .update(form.code_verifier ?? '')
            .digest('base64url') === code.challenge;
        if (!code || !verified || code.redirectUri !== form.redirect_uri) {
          return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
        }
        return json(200, issue(true));
      }
      return json(400, { error: 'unsupported_grant_type' });
    }
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    res.writeHead(token && valid.has(token) ? 200 : 401).end();
  });
  return {
    url: server.url,
    grants,
    clientAuth,
    /** Revokes every token given so far. */
    revokeAll: () => (valid = new Set()),
  };
}

async function makeTokens(now: () => number = Date.now) {
  const dataDir = join(tempDir(), `oauth-${randomBytes(4).toString('hex')}`);
  const app = await openAppDatabase({ dataDir, now: () => new Date() });
  closing.push(() => app.close());
  const secrets = new SecretVariables(app.db, FileKeySecretStore.inDataDir(dataDir));
  const opened: string[] = [];
  // the "browser": follows the authorization server's redirect to the loopback listener
  const open = async (url: string) => {
    opened.push(url);
    await fetch(url);
  };
  const tokens = new OAuth2Tokens({ secrets, open, now });
  const sender = new HttpSender({ bodies: new BodyStore(dataDir), oauth2: tokens });
  closing.push(() => sender.close());
  return { tokens, sender, secrets, opened, app };
}

const clientCredentials = (url: string, rest: Partial<OAuth2Auth> = {}): OAuth2Auth => ({
  type: 'oauth2',
  grant: 'client_credentials',
  tokenUrl: `${url}/token`,
  clientId: 'app',
  clientSecret: 's3cr:t',
  scope: 'read write',
  ...rest,
});

describe('OAuth 2.0', () => {
  it('client credentials: Basic client auth (or body), scope sent, token cached in memory and encrypted', async () => {
    const server = await startAuthServer();
    const { sender, secrets, app } = await makeTokens();
    const auth = clientCredentials(server.url);
    expect((await sender.send(outgoing(`${server.url}/api`, { auth }))).status).toBe(200);
    expect((await sender.send(outgoing(`${server.url}/api`, { auth }))).status).toBe(200);
    expect(server.grants).toEqual([{ grant_type: 'client_credentials', scope: 'read write' }]);
    expect(server.clientAuth).toEqual(['basic']);
    expect(secrets.names('oauth2.tokens')).toHaveLength(1);
    const raw = app.db.prepare("SELECT value FROM settings WHERE key LIKE 'http.secret%'").all() as { value: string }[];
    expect(raw.map((row) => row.value).join()).not.toContain('at-1');

    const body = clientCredentials(server.url, { clientAuth: 'body', scope: 'other' });
    expect((await sender.send(outgoing(`${server.url}/api`, { auth: body }))).status).toBe(200);
    expect(server.clientAuth).toEqual(['basic', 'body']);
    expect(server.grants[1]).toMatchObject({ client_id: 'app', client_secret: 's3cr:t', scope: 'other' });
  });

  it('keeps tokens across a restart (the app database), and Clear forgets them', async () => {
    const server = await startAuthServer();
    const first = await makeTokens();
    const auth = clientCredentials(server.url);
    const got = await first.tokens.token(auth);
    expect(got.fromCache).toBe(false);
    const again = new OAuth2Tokens({ secrets: first.secrets, open: () => undefined, now: Date.now });
    expect((await again.token(auth)).token.accessToken).toBe(got.token.accessToken);
    expect(again.clear({ tokenUrl: 'http://elsewhere/token' })).toBe(0);
    expect(again.clear()).toBe(1);
    expect(first.secrets.names('oauth2.tokens')).toEqual([]);
  });

  it('an expired token is refreshed with its refresh token (kept when the server sends none)', async () => {
    const server = await startAuthServer({ expiresIn: 60 });
    let clock = Date.now();
    const { tokens } = await makeTokens(() => clock);
    const auth: OAuth2Auth = {
      type: 'oauth2',
      grant: 'authorization_code',
      authorizationUrl: `${server.url}/authorize`,
      tokenUrl: `${server.url}/token`,
      clientId: 'app',
    };
    const first = await tokens.token(auth);
    expect(first.token.refreshToken).toBe('rt-1');
    clock += 61_000;
    const refreshed = await tokens.token(auth);
    expect(server.grants.at(-1)).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'rt-1' });
    expect(refreshed.token.accessToken).not.toBe(first.token.accessToken);
    expect(tokens.summary(refreshed.token, false)).toMatchObject({ tokenType: 'bearer', hasRefreshToken: true });
  });

  it('authorization code with PKCE S256: the browser opens, the code comes back to a loopback port', async () => {
    const server = await startAuthServer();
    const { sender, opened } = await makeTokens();
    const auth: OAuth2Auth = {
      type: 'oauth2',
      grant: 'authorization_code',
      authorizationUrl: `${server.url}/authorize?audience=api`,
      tokenUrl: `${server.url}/token`,
      clientId: 'app',
      scope: 'openid',
    };
    expect((await sender.send(outgoing(`${server.url}/api`, { auth }))).status).toBe(200);
    const authorize = new URL(opened[0]!);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      audience: 'api',
      response_type: 'code',
      client_id: 'app',
      scope: 'openid',
      code_challenge_method: 'S256',
    });
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(server.grants[0]).toMatchObject({ grant_type: 'authorization_code', client_id: 'app' });
    expect(server.grants[0]!.code_verifier).toMatch(/^[\w-]{43}$/);
  });

  it('a 401 after a cached token retries once with a fresh token', async () => {
    const server = await startAuthServer();
    const { sender } = await makeTokens();
    const auth = clientCredentials(server.url);
    await sender.send(outgoing(`${server.url}/api`, { auth }));
    server.revokeAll();
    expect((await sender.send(outgoing(`${server.url}/api`, { auth }))).status).toBe(200);
    expect(server.grants).toHaveLength(2);
    // a client the token URL refuses gets a clear error
    const wrong = clientCredentials(server.url, { clientSecret: 'nope', scope: 'admin' });
    await expect(sender.send(outgoing(`${server.url}/api`, { auth: wrong }))).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringContaining('invalid_client'),
    });
  });

  it('cancelling a send that waits for the sign-in stops the wait', async () => {
    const server = await startAuthServer();
    const dataDir = join(tempDir(), 'oauth-cancel');
    const opened: string[] = [];
    // a browser the user never signs in with
    const tokens = new OAuth2Tokens({ open: (url) => void opened.push(url), now: Date.now });
    const sender = new HttpSender({ bodies: new BodyStore(dataDir), oauth2: tokens });
    closing.push(() => sender.close());
    const auth: OAuth2Auth = {
      type: 'oauth2',
      grant: 'authorization_code',
      authorizationUrl: `${server.url}/authorize`,
      tokenUrl: `${server.url}/token`,
      clientId: 'app',
    };
    const cancel = new AbortController();
    const sending = sender.send(outgoing(`${server.url}/api`, { auth }), cancel.signal);
    await expect.poll(() => opened.length).toBe(1);
    cancel.abort();
    await expect(sending).rejects.toMatchObject({ code: 'REQUEST_CANCELLED' });
    // the loopback listener is gone
    const redirect = new URL(opened[0]!).searchParams.get('redirect_uri')!;
    await expect(fetch(redirect)).rejects.toThrow();
  });
});
