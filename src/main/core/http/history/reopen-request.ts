/**
 * Re-opening a recorded request in a tab. The history shows the request as edited with its literal credentials
 * masked (`••••••`); re-sending that would send the mask. So the recorder also keeps the request as edited,
 * encrypted by the app's secret store (safeStorage on the desktop, the 0600 key file elsewhere — as secret
 * variables are), and re-open restores it. An entry without it (kept before, or a store that could not encrypt or
 * no longer decrypts) has every masked field emptied and named, so the tab asks for it to be typed again.
 */
import { MASKED, type HttpHistoryReopened } from '../../../../shared/http-history';
import type { HttpRequestFile, KeyValue } from '../../../../shared/http-request';
import type { SecretStore } from '../../secrets/secret-store';

/** The request as edited, encrypted, when masking changed it (else null: the masked copy is the request). */
export function sealRequest(
  original: HttpRequestFile,
  masked: HttpRequestFile,
  secrets: SecretStore | undefined,
): string | null {
  const text = JSON.stringify(original);
  if (!secrets || text === JSON.stringify(masked)) return null;
  return secrets.encrypt(text);
}

/** The request to open: the sealed original when it decrypts, else the masked one with the masks taken out. */
export function reopenRequest(
  masked: HttpRequestFile,
  sealed: string | null,
  secrets: SecretStore | undefined,
): HttpHistoryReopened {
  if (sealed !== null && secrets) {
    try {
      return { request: JSON.parse(secrets.decrypt(sealed)) as HttpRequestFile, restored: true, cleared: [] };
    } catch {
      // a replaced key file or another machine's safeStorage: fall through to emptying the masked fields
    }
  }
  const { request, cleared } = withoutMasks(masked);
  return { request, restored: cleared.length === 0, cleared };
}

/** Every field holding the mask emptied (a URL's masked query value too), named in `cleared`. */
export function withoutMasks(request: HttpRequestFile): { request: HttpRequestFile; cleared: string[] } {
  const cleared: string[] = [];
  const strip = (text: string, field: string) => {
    if (!text.includes(MASKED)) return text;
    cleared.push(field);
    return text.split(MASKED).join('');
  };
  const rows = (list: KeyValue[] | undefined, what: string) =>
    list?.map((row) => ({ ...row, value: strip(row.value, `${what} ${row.name}`) }));
  const out: HttpRequestFile = { ...request, url: strip(request.url, 'URL') };
  if (request.headers) out.headers = rows(request.headers, 'header');
  if (request.auth) {
    const auth: Record<string, unknown> = { ...request.auth };
    for (const [field, value] of Object.entries(auth)) {
      if (typeof value === 'string' && field !== 'type') auth[field] = strip(value, `auth ${field}`);
    }
    out.auth = auth as HttpRequestFile['auth'];
  }
  return { request: out, cleared };
}

/** Every string inside `value` (objects and arrays walked) passed through `mask`. */
export function maskDeep<T>(value: T, mask: (text: string) => string): T {
  if (typeof value === 'string') return mask(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => maskDeep(item, mask)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskDeep(item, mask)])) as T;
}
