/**
 * `scheme://host[:port]` of a URL, or null when it has no host (data:, about:, blob:, javascript:, garbage).
 *
 * Not `URL.origin`: Node's URL only knows the web's special schemes, so for `app://backbench/…` `origin` is the
 * string "null" — the same as for data: and about:blank. Comparing origins would then match the app's own
 * scheme (the protocol handler would refuse every request) and trust any opaque page (the IPC sender check
 * would let a data: or about:blank frame through).
 */
export function urlOrigin(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** A predicate for "this URL belongs to the page we loaded" (the app scheme, or the dev server in development). */
export function sameOriginAs(trustedUrl: string): (url: string) => boolean {
  const trusted = urlOrigin(trustedUrl);
  if (trusted === null) throw new Error(`The start URL ${trustedUrl} has no origin to trust.`);
  return (url) => urlOrigin(url) === trusted;
}
