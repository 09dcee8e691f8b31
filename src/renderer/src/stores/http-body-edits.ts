/** Edits of a request's body in the editor (issue 8): switching the type, and the XML formatter. Pure. */
import type { BodyType, MultipartPart, RequestBody } from '../../../shared/http-request';

type TextBodyType = 'json' | 'text' | 'xml';
const TEXT_TYPES: readonly BodyType[] = ['json', 'text', 'xml'];

/** The text a body holds (json, text, xml, soap), else empty. */
export function bodyTextOf(body: RequestBody | undefined): string {
  return body && 'text' in body ? body.text : '';
}

/**
 * The body switched to `type`. The text carries over between JSON, text and XML, so a wrong pick loses nothing;
 * the other types start empty (GraphQL and SOAP from `blank` when their editors register one).
 */
export function bodyOfType(body: RequestBody | undefined, type: BodyType): RequestBody {
  if (body?.type === type) return body;
  if (TEXT_TYPES.includes(type)) return { type: type as TextBodyType, text: bodyTextOf(body) };
  switch (type) {
    case 'form':
      return { type, fields: [] };
    case 'multipart':
      return { type, parts: [] };
    case 'binary':
      return { type, file: '' };
    case 'graphql':
      return { type, query: '' };
    case 'soap':
      return { type, text: bodyTextOf(body) };
    default:
      return { type: 'none' };
  }
}

/** A multipart part switched between a text value and a file (the schema wants exactly one of them). */
export function setPartKind(part: MultipartPart, kind: 'text' | 'file'): MultipartPart {
  const { value, file, ...rest } = part;
  return kind === 'file' ? { ...rest, file: file ?? '' } : { ...rest, value: value ?? '' };
}

/**
 * The body as sent and saved: form fields and multipart parts without a name are left out (the last row is the
 * one being typed), as blank header rows are.
 */
export function withoutBlankRows(body: RequestBody | undefined): RequestBody | undefined {
  if (body?.type === 'form') return { ...body, fields: body.fields.filter((f) => f.name.trim() !== '') };
  if (body?.type === 'multipart') return { ...body, parts: body.parts.filter((p) => p.name.trim() !== '') };
  return body;
}

// tags, comments, CDATA, processing instructions and declarations, and the text between them
const XML_TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<\/?[^>]+>|[^<]+/g;

/**
 * Indents well-formed XML two spaces a level, one element per line; an element holding only text stays on one
 * line (`<id>7</id>`), and text is kept as written apart from the whitespace between tags. Callers check
 * well-formedness first (the editor uses DOMParser), so this never has to guess at broken markup.
 */
export function formatXml(xml: string): string {
  const lines: string[] = [];
  let depth = 0;
  const tokens = xml.match(XML_TOKEN) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.startsWith('<')) {
      if (token.trim() !== '') lines.push('  '.repeat(depth) + token.trim());
      continue;
    }
    const closing = token.startsWith('</');
    const opening = !closing && !token.startsWith('<?') && !token.startsWith('<!') && !token.endsWith('/>');
    // <a>text</a> on one line
    const text = tokens[i + 1];
    const close = tokens[i + 2];
    if (opening && text !== undefined && !text.startsWith('<') && close?.startsWith('</')) {
      lines.push('  '.repeat(depth) + token + text.trim() + close);
      i += 2;
      continue;
    }
    if (closing) depth = Math.max(0, depth - 1);
    lines.push('  '.repeat(depth) + token);
    if (opening) depth++;
  }
  return lines.join('\n');
}
