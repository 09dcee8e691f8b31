/**
 * The document's own policy inside the frame: nothing is fetched (no scripts, frames, fonts, network images),
 * inline styles and data: images still show. With `sandbox=""` the frame also runs no script, submits no form,
 * opens no popup and has an opaque origin; the app's CSP (frame-src 'self') keeps it from navigating away.
 */
export const PREVIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** The body with the policy as the first thing the parser reads (after a doctype, so standards mode is kept). */
export function previewDocument(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">`;
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  return doctype ? doctype[0] + meta + html.slice(doctype[0].length) : meta + html;
}
