/** The body as the editor shows it: text as is, any other value as indented JSON. */
export function bodyText(body: unknown): string {
  if (body === undefined || body === null) return body === null ? 'null' : '';
  return typeof body === 'string' ? body : JSON.stringify(body, null, 2);
}

/**
 * What typed text is stored as: JSON objects and arrays as data (sent as JSON), anything else as text. JSON that
 * holds a template (`{{urlParam 'id'}}`) stays text: the core renders templates in text bodies only, so storing
 * it as data would send the template unrendered.
 */
export function bodyValue(text: string): unknown {
  const trimmed = text.trim();
  if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && !trimmed.includes('{{')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
