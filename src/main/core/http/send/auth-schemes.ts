/**
 * Auth as a pluggable step: each scheme is a function from the resolved auth to what it adds to the request.
 * Schemes that need a round trip (Digest's challenge, OAuth 2.0's token endpoint, SigV4's signature over the
 * body) plug in here as async functions of the same shape, with the request they sign.
 */
import { AppError } from '../../../../shared/errors';
import type { Auth } from '../../../../shared/http-request';
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
}

export type AuthScheme<T extends SendableAuth = SendableAuth> = (
  auth: T,
  target: AuthTarget,
) => AuthContribution | Promise<AuthContribution>;

type SchemeTable = { [K in SendableAuth['type']]?: AuthScheme<Extract<SendableAuth, { type: K }>> };

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
};

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
