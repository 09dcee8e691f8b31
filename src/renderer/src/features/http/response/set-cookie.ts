/** Set-Cookie headers read into rows for the Cookies tab (RFC 6265 §5.2, the parts a user wants to see). */

export interface ResponseCookie {
  name: string;
  value: string;
  domain: string | null;
  path: string | null;
  /** `Expires` as written, or `Max-Age` as `in N s` (Max-Age wins when both are there, as in §5.3). */
  expires: string | null;
  httpOnly: boolean;
  secure: boolean;
  sameSite: string | null;
  partitioned: boolean;
}

/**
 * One Set-Cookie value as a row; null when it has no `=` in its first part (§5.2 step 2: the browser ignores it).
 * Attribute names are case-insensitive; unknown attributes are skipped.
 */
export function parseSetCookie(header: string): ResponseCookie | null {
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  if (eq < 0) return null;
  const name = pair.slice(0, eq).trim();
  const cookie: ResponseCookie = {
    name,
    value: pair.slice(eq + 1).trim(),
    domain: null,
    path: null,
    expires: null,
    httpOnly: false,
    secure: false,
    sameSite: null,
    partitioned: false,
  };
  let maxAge: string | null = null;
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at < 0 ? '' : attribute.slice(at + 1).trim();
    if (key === 'domain') cookie.domain = value.replace(/^\./, '') || null;
    else if (key === 'path') cookie.path = value || null;
    else if (key === 'expires') cookie.expires = value || null;
    else if (key === 'max-age') maxAge = value;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'samesite') cookie.sameSite = value || null;
    else if (key === 'partitioned') cookie.partitioned = true;
  }
  if (maxAge !== null && /^-?\d+$/.test(maxAge)) {
    cookie.expires = Number(maxAge) <= 0 ? 'now (deleted)' : `in ${maxAge} s`;
  }
  return cookie;
}

/** Every Set-Cookie header of a response, in the order received, as rows (the ones a browser would drop left out). */
export function responseCookies(headers: readonly { name: string; value: string }[]): ResponseCookie[] {
  return headers
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => parseSetCookie(h.value))
    .filter((c): c is ResponseCookie => c !== null);
}

/** `HttpOnly, Secure, SameSite=Lax`: the flags of a row as one cell. */
export function cookieFlags(cookie: ResponseCookie): string {
  const flags: string[] = [];
  if (cookie.httpOnly) flags.push('HttpOnly');
  if (cookie.secure) flags.push('Secure');
  if (cookie.sameSite) flags.push(`SameSite=${cookie.sameSite}`);
  if (cookie.partitioned) flags.push('Partitioned');
  return flags.join(', ');
}
