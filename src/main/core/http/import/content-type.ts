/**
 * The Content-Type each body type is sent with when no header names one (what the sender adds). Importers drop a
 * header equal to it so a request does not carry what its body type already says, and exporters add it back.
 */
import type { BodyType, KeyValue } from '../../../../shared/http-request';

export const IMPLIED_CONTENT_TYPE: Partial<Record<BodyType, string>> = {
  json: 'application/json',
  text: 'text/plain',
  xml: 'application/xml',
  form: 'application/x-www-form-urlencoded',
  graphql: 'application/json',
};

export function findHeader(headers: KeyValue[] | undefined, name: string): KeyValue | undefined {
  const lower = name.toLowerCase();
  return headers?.find((header) => header.enabled !== false && header.name.toLowerCase() === lower);
}

/** The media type of a Content-Type value, lower case, without parameters. */
export function mediaTypeOf(value: string | undefined): string {
  return (value ?? '').split(';')[0]!.trim().toLowerCase();
}

/** A body type for text sent with this media type. */
export function textBodyTypeOf(mediaType: string): 'json' | 'xml' | 'text' | null {
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return 'json';
  if (mediaType === 'application/xml' || mediaType === 'text/xml' || mediaType.endsWith('+xml')) return 'xml';
  if (mediaType.startsWith('text/')) return 'text';
  return null;
}

/** Decodes one `application/x-www-form-urlencoded` component; text that is not valid encoding stays as written. */
export function decodeFormComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
