/** Which views a response body offers, from its content type and its bytes (no React). */
import { isJsonContentType } from '../../../stores/http-format';

export type BodyViewKind = 'pretty' | 'xml' | 'html' | 'image' | 'hex' | 'raw';

export const BODY_VIEW_LABELS: Record<BodyViewKind, string> = {
  pretty: 'Pretty',
  xml: 'XML',
  html: 'Preview',
  image: 'Image',
  hex: 'Hex',
  raw: 'Raw',
};

/** `Image/PNG; charset=x` → `image/png`. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function isXmlMediaType(type: string): boolean {
  return type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml');
}

/** Image types an `<img>` shows; SVG included (an `<img>` never runs its scripts). */
export function isImageMediaType(type: string): boolean {
  return /^image\/(png|jpeg|jpg|gif|webp|avif|bmp|x-icon|vnd\.microsoft\.icon|svg\+xml)$/.test(type);
}

/** JSON without a JSON content type (`text/plain` APIs): an object or array that parses. */
function looksLikeJson(text: string): boolean {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The views of an inline body, the first one shown by default: JSON → Pretty, XML → XML, HTML → Preview, an image
 * → Image, other bytes → Hex; Raw for any text, Hex for anything.
 */
export function bodyViews(contentType: string | null, encoding: 'utf8' | 'base64', text: string): BodyViewKind[] {
  const type = mediaType(contentType);
  if (encoding === 'base64') return isImageMediaType(type) ? ['image', 'hex'] : ['hex'];
  if (type === 'image/svg+xml') return ['image', 'xml', 'raw', 'hex'];
  if (isJsonContentType(contentType) || looksLikeJson(text)) return ['pretty', 'raw', 'hex'];
  if (isXmlMediaType(type)) return ['xml', 'raw', 'hex'];
  if (type === 'text/html' || type === 'application/xhtml+xml') return ['html', 'raw', 'hex'];
  return ['raw', 'hex'];
}

/** A file name for Save body: `body.json`, `body.png`… from the media type. */
export function bodyFileName(contentType: string | null, encoding: 'utf8' | 'base64'): string {
  const type = mediaType(contentType);
  const known: Record<string, string> = {
    'application/json': 'json',
    'text/html': 'html',
    'text/plain': 'txt',
    'text/csv': 'csv',
    'application/pdf': 'pdf',
    'image/svg+xml': 'svg',
    'image/jpeg': 'jpg',
  };
  let extension = known[type];
  if (!extension && type.endsWith('+json')) extension = 'json';
  if (!extension && isXmlMediaType(type)) extension = 'xml';
  if (!extension && type.startsWith('image/')) extension = type.slice(6).replace(/^x-/, '');
  if (!extension || !/^[a-z0-9]{1,8}$/.test(extension)) extension = encoding === 'base64' ? 'bin' : 'txt';
  return `response.${extension}`;
}
