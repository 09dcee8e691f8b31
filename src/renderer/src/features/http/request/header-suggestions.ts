/** What the headers table offers as you type (a datalist: any other name or value can still be typed). */

/** Request header names people send most, in the case they are usually written. */
export const COMMON_REQUEST_HEADERS = [
  'Accept',
  'Accept-Encoding',
  'Accept-Language',
  'Authorization',
  'Cache-Control',
  'Connection',
  'Content-Disposition',
  'Content-Encoding',
  'Content-Language',
  'Content-Length',
  'Content-Type',
  'Cookie',
  'DNT',
  'Forwarded',
  'From',
  'Host',
  'If-Match',
  'If-Modified-Since',
  'If-None-Match',
  'If-Range',
  'If-Unmodified-Since',
  'Origin',
  'Pragma',
  'Prefer',
  'Range',
  'Referer',
  'TE',
  'Upgrade',
  'User-Agent',
  'Via',
  'X-API-Key',
  'X-Correlation-ID',
  'X-Forwarded-For',
  'X-Forwarded-Host',
  'X-Forwarded-Proto',
  'X-HTTP-Method-Override',
  'X-Request-ID',
  'X-Requested-With',
] as const;

const MEDIA_TYPES = [
  'application/json',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
  'text/html',
  'text/xml',
  'text/csv',
  'application/octet-stream',
  'application/graphql',
  'application/soap+xml',
  'application/problem+json',
  'application/ld+json',
  'application/vnd.api+json',
];

/** Common values of a header, by lower-case name; none for the others. */
const VALUES: Record<string, readonly string[]> = {
  'content-type': MEDIA_TYPES.map((t) => (t.startsWith('text/') ? `${t}; charset=utf-8` : t)),
  accept: [
    '*/*',
    'application/json',
    'application/xml',
    'text/html',
    'text/plain',
    'application/json, text/plain, */*',
  ],
  'accept-encoding': ['gzip, deflate, br', 'gzip', 'identity'],
  'cache-control': ['no-cache', 'no-store', 'max-age=0'],
  connection: ['keep-alive', 'close'],
  authorization: ['Bearer {{token}}', 'Basic '],
  prefer: ['return=representation', 'return=minimal', 'respond-async'],
};

export function headerValueSuggestions(name: string): readonly string[] {
  return VALUES[name.trim().toLowerCase()] ?? [];
}
