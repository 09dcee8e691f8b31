/**
 * Auth as a pluggable step: each scheme is a function (async allowed) from the resolved auth and the request it
 * signs to what it adds. OAuth 2.0 (a token fetched or taken from a cache) and SigV4 (a signature over method,
 * URL and headers) fit this shape; Digest answers the server's 401 challenge through the second, optional hook
 * (AUTH_CHALLENGES), run once before a single retry. OAuth 2.0 needs the token store, so the sender adds it to
 * both tables (auth/oauth2-scheme.ts); SigV4 is auth/sigv4-auth.ts.
 */
import { AppError } from '../../../../shared/errors';
import type { Auth } from '../../../../shared/http-request';
import { signAwsV4 } from '../auth/sigv4-auth';
import { answerDigest } from './digest-auth';
import type { HeaderEntry } from './send-types';

export type SendableAuth = Exclude<Auth, { type: 'inherit' }>;

/** What an auth scheme adds: headers (sent only to the request's own origin) and query parameters. */
export interface AuthContribution {
  headers: HeaderEntry[];
  query: HeaderEntry[];
}

/** The request as a scheme sees it (a signer needs method, URL and headers). */
export interface AuthTarget {
  method: string;
  url: URL;
  headers: readonly HeaderEntry[];
  /** The body as sent when it is text; null for none; undefined for a stream (a file, a multipart form). */
  body?: string | null;
  /** The send's cancel and timeout: a scheme that waits (an OAuth 2.0 sign-in in the browser) stops with it. */
  signal?: AbortSignal;
}

export type AuthScheme<T extends SendableAuth = SendableAuth> = (
  auth: T,
  target: AuthTarget,
) => AuthContribution | Promise<AuthContribution>;

export type SchemeTable = { [K in SendableAuth['type']]?: AuthScheme<Extract<SendableAuth, { type: K }>> };

const NOTHING: AuthContribution = { headers: [], query: [] };

export const AUTH_SCHEMES: SchemeTable = {
  none: () => NOTHING,
  basic: (auth) => ({
    headers: [
      {
        name: 'Authorization',
        value: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`,
      },
    ],
    query: [],
  }),
  bearer: (auth) => ({ headers: [{ name: 'Authorization', value: `Bearer ${auth.token}` }], query: [] }),
  apikey: (auth) => {
    const entry = { name: auth.name, value: auth.value };
    return auth.in === 'query' ? { headers: [], query: [entry] } : { headers: [entry], query: [] };
  },
  // nothing up front: the credentials answer the server's challenge (AUTH_CHALLENGES)
  digest: () => NOTHING,
  awsv4: (auth, target) => signAwsV4(auth, target),
};

/**
 * Schemes that answer a 401: given the `WWW-Authenticate` values, what to add for one retry (null: the challenge
 * is not one this scheme answers, and the 401 is the response).
 */
export type AuthChallenge<T extends SendableAuth = SendableAuth> = (
  auth: T,
  target: AuthTarget,
  wwwAuthenticate: readonly string[],
) => AuthContribution | null | Promise<AuthContribution | null>;

export type ChallengeTable = { [K in SendableAuth['type']]?: AuthChallenge<Extract<SendableAuth, { type: K }>> };

export const AUTH_CHALLENGES: ChallengeTable = {
  digest: (auth, target, wwwAuthenticate) => answerDigest(auth, target, wwwAuthenticate),
};

/** The challenge hook of the auth's scheme, if it has one. */
export function challengeOf(
  auth: SendableAuth | undefined,
  challenges: ChallengeTable = AUTH_CHALLENGES,
): AuthChallenge | undefined {
  return auth ? (challenges[auth.type] as AuthChallenge | undefined) : undefined;
}

/** Runs the auth's scheme; NOT_SUPPORTED naming the type when none is plugged in yet. */
export async function applyAuth(
  auth: SendableAuth | undefined,
  target: AuthTarget,
  schemes: SchemeTable = AUTH_SCHEMES,
): Promise<AuthContribution> {
  if (!auth) return NOTHING;
  const scheme = schemes[auth.type] as AuthScheme | undefined;
  if (!scheme) {
    throw new AppError('NOT_SUPPORTED', `${AUTH_NAMES[auth.type]} auth is not supported yet; choose another type.`, {
      auth: auth.type,
    });
  }
  return scheme(auth, target);
}

const AUTH_NAMES: Record<SendableAuth['type'], string> = {
  none: 'No',
  basic: 'Basic',
  bearer: 'Bearer',
  apikey: 'API key',
  digest: 'Digest',
  oauth2: 'OAuth 2.0',
  awsv4: 'AWS Signature v4',
};
