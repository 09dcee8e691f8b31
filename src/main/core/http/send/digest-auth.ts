/**
 * HTTP Digest auth (RFC 7616; RFC 2617's MD5 servers included): the first request goes without credentials, the
 * server's 401 names realm, nonce, qop and algorithm, and the request is sent once more with the response
 * computed from them. qop `auth` only (`auth-int` would hash the body, which may be a stream).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AuthContribution, AuthTarget } from './auth-schemes';

export interface DigestCredentials {
  username: string;
  password: string;
}

const ALGORITHMS: Record<string, { hash: string; session: boolean }> = {
  md5: { hash: 'md5', session: false },
  'md5-sess': { hash: 'md5', session: true },
  'sha-256': { hash: 'sha256', session: false },
  'sha-256-sess': { hash: 'sha256', session: true },
};

/** The Authorization header answering the first Digest challenge among `wwwAuthenticate`; null when none fits. */
export function answerDigest(
  credentials: DigestCredentials,
  target: AuthTarget,
  wwwAuthenticate: readonly string[],
  cnonce = randomBytes(16).toString('hex'),
): AuthContribution | null {
  const challenge = wwwAuthenticate.map(parseDigestChallenge).find((params) => params !== null);
  if (!challenge?.nonce || challenge.realm === undefined) return null;
  const algorithmName = (challenge.algorithm ?? 'MD5').toLowerCase();
  const algorithm = ALGORITHMS[algorithmName];
  const qops = (challenge.qop ?? '').split(',').map((q) => q.trim().toLowerCase());
  if (!algorithm || (challenge.qop !== undefined && !qops.includes('auth'))) return null;
  const h = (text: string) => createHash(algorithm.hash).update(text, 'utf8').digest('hex');
  const uri = `${target.url.pathname}${target.url.search}`;
  const nc = '00000001';
  let ha1 = h(`${credentials.username}:${challenge.realm}:${credentials.password}`);
  if (algorithm.session) ha1 = h(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = h(`${target.method}:${uri}`);
  const response =
    challenge.qop !== undefined
      ? h(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`)
      : h(`${ha1}:${challenge.nonce}:${ha2}`);
  const parts = [
    `username=${quote(credentials.username)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(uri)}`,
    `algorithm=${challenge.algorithm ?? 'MD5'}`,
    `response=${quote(response)}`,
    ...(challenge.qop !== undefined ? ['qop=auth', `nc=${nc}`, `cnonce=${quote(cnonce)}`] : []),
    ...(challenge.opaque !== undefined ? [`opaque=${quote(challenge.opaque)}`] : []),
  ];
  return { headers: [{ name: 'Authorization', value: `Digest ${parts.join(', ')}` }], query: [] };
}

/** The parameters of a `Digest …` challenge (names lower-cased), or null for another scheme. */
export function parseDigestChallenge(header: string): Record<string, string> | null {
  const match = /^\s*Digest\s+/i.exec(header);
  if (!match) return null;
  const params: Record<string, string> = {};
  const pattern = /([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (const [, name, quoted, token] of header.slice(match[0].length).matchAll(pattern)) {
    const key = name!.toLowerCase();
    // a second scheme in the same header (`…, Basic realm="x"`) must not overwrite the Digest one's
    if (!(key in params)) params[key] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (token ?? '');
  }
  return params;
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}
