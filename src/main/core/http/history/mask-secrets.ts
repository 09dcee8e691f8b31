/**
 * What the HTTP history must not keep in clear: credentials in headers (Authorization, cookies, API keys),
 * secret-looking query parameters, auth fields of the request as edited, and the values of secret variables
 * wherever they were substituted. A `{{variable}}` reference is not a secret (its value lives elsewhere).
 */
import type { Auth, HttpRequestFile, KeyValue } from '../../../../shared/http-request';
import { MASKED } from '../../../../shared/http-history';

/** Header names whose values are credentials. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$|token|secret|passw|api[-_]?key|session/i;
/** Query parameter names whose values are credentials. */
const SECRET_PARAM = /token|secret|passw|api[-_]?key|signature|^sig$|^auth|^key$|^code$/i;
/** Auth fields that hold a credential. */
const SECRET_AUTH_FIELDS = ['password', 'token', 'value', 'clientSecret', 'secretAccessKey', 'sessionToken'];
/** Shorter secret values are not searched for: masking every "1" of a text would ruin it and hide nothing. */
const MIN_SECRET_LENGTH = 4;

const isReference = (value: string) => /^\s*\{\{[^{}]+\}\}\s*$/.test(value);

export const isSecretHeader = (name: string) => SECRET_HEADER.test(name);

/** A header's value with its credential masked: the scheme of Authorization and cookie names stay readable. */
export function maskHeaderValue(name: string, value: string): string {
  if (!isSecretHeader(name) || value === '') return value;
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    const scheme = /^([A-Za-z0-9-]+)\s+\S/.exec(value);
    return scheme ? `${scheme[1]} ${MASKED}` : MASKED;
  }
  if (lower === 'cookie') return value.replace(/=([^;]*)/g, `=${MASKED}`);
  if (lower === 'set-cookie') return value.replace(/^([^=;]*)=([^;]*)/, `$1=${MASKED}`);
  return MASKED;
}

/** A URL with the values of secret-looking query parameters masked; a text that is no URL is returned as is. */
export function maskUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const hash = url.indexOf('#', query);
  const end = hash < 0 ? url.length : hash;
  const params = url
    .slice(query + 1, end)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = safeDecode(pair.slice(0, eq));
      return SECRET_PARAM.test(name) && pair.length > eq + 1 ? `${pair.slice(0, eq)}=${MASKED}` : pair;
    });
  return `${url.slice(0, query + 1)}${params.join('&')}${url.slice(end)}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Replaces every occurrence of a secret value (longest first, so one inside another is still masked whole). */
export function maskValues(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secretsToMask(secrets)) masked = masked.split(secret).join(MASKED);
  return masked;
}

function secretsToMask(secrets: readonly string[]): string[] {
  return [...new Set(secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
}

/** The request as edited, with literal credentials masked (auth fields, secret headers) and secret values replaced. */
export function maskRequestFile(request: HttpRequestFile, secrets: readonly string[]): HttpRequestFile {
  const text = (value: string) => maskValues(value, secrets);
  const masked: HttpRequestFile = { ...request, url: maskUrl(text(request.url)) };
  if (request.headers) masked.headers = request.headers.map((row) => maskRow(row, secrets));
  if (request.auth) masked.auth = maskAuth(request.auth, secrets);
  return masked;
}

function maskRow(row: KeyValue, secrets: readonly string[]): KeyValue {
  if (isReference(row.value)) return row;
  return { ...row, value: maskHeaderValue(row.name, maskValues(row.value, secrets)) };
}

function maskAuth(auth: Auth, secrets: readonly string[]): Auth {
  const copy: Record<string, unknown> = { ...auth };
  for (const [field, value] of Object.entries(copy)) {
    if (typeof value !== 'string' || field === 'type') continue;
    if (SECRET_AUTH_FIELDS.includes(field) && !isReference(value) && value !== '') copy[field] = MASKED;
    else copy[field] = maskValues(value, secrets);
  }
  return copy as Auth;
}
