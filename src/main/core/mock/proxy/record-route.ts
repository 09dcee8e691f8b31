/**
 * Turns a logged exchange into a route that gives the same answer (issue 7: "create a route from this request",
 * and recording what a proxy forwarded). The route matches the method and the path (the query is not part of
 * a route); its one response keeps the status, the headers that shape how a client reads the body, and the
 * body: as JSON when the content type is JSON (or absent) and the text parses, otherwise as text.
 */
import { AppError } from '../../../../shared/errors';
import type { MockRoute } from '../../../../shared/mock-definition';
import type { MockLogEntry } from '../request-log';

/** Response headers a recorded route keeps; the others describe one exchange (date, length, server…). */
export const RECORDED_HEADERS = [
  'content-type',
  'content-disposition',
  'content-language',
  'cache-control',
  'location',
];

export interface RouteFromLogOptions {
  /** The mock's prefix (`/api`): taken off the path, since the mock puts it before every route's path. */
  prefix?: string;
}

/**
 * The route for a logged exchange. INVALID_INPUT when it cannot be one: nothing was answered, the path is
 * outside the prefix, or the log kept only part of the body or a note of a binary one.
 */
export function routeFromLogEntry(
  entry: Pick<MockLogEntry, 'method' | 'path' | 'status' | 'response'>,
  options: RouteFromLogOptions = {},
): MockRoute {
  const where = `${entry.method} ${entry.path}`;
  if (entry.status < 100 || entry.status > 599) {
    throw new AppError('INVALID_INPUT', `${where} got no answer, so there is nothing to make a route of.`, {
      status: entry.status,
    });
  }
  const prefix = options.prefix ?? '';
  let path = entry.path;
  if (prefix) {
    if (path !== prefix && !path.startsWith(`${prefix}/`)) {
      throw new AppError(
        'INVALID_INPUT',
        `${where} is outside the mock's prefix ${prefix}, so no route of this mock can answer it.`,
        { path, prefix },
      );
    }
    path = path.slice(prefix.length) || '/';
  }
  const body = entry.response.body;
  if (/^\(\d+ bytes of binary data\)$/.test(body)) {
    throw new AppError('INVALID_INPUT', `The answer to ${where} is binary; a route body is text or JSON.`);
  }
  const cut = /… \((\d+) (characters|bytes)\)$/.exec(body);
  if (cut && Number(cut[1]) > body.length - cut[0].length) {
    throw new AppError(
      'INVALID_INPUT',
      `The log kept only the start of the answer to ${where}; make the route by hand.`,
    );
  }
  const headers: Record<string, string> = {};
  for (const name of RECORDED_HEADERS) {
    const value = entry.response.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const response: MockRoute['responses'][number] = { status: entry.status };
  if (Object.keys(headers).length > 0) response.headers = headers;
  if (body !== '') response.body = bodyValue(body, headers['content-type']);
  return { method: entry.method, path: escapeRoutePath(path), responses: [response] };
}

function bodyValue(text: string, contentType: string | undefined): unknown {
  const type = (contentType ?? '').toLowerCase();
  if (type !== '' && !/^application\/([\w.-]+\+)?json\b/.test(type)) return text;
  try {
    const value: unknown = JSON.parse(text);
    // a JSON string is kept as text: as a route body, text is sent as is, without its quotes
    return typeof value === 'string' ? text : value;
  } catch {
    return text;
  }
}

/** A literal path in find-my-way syntax: `:` starts a parameter unless doubled. */
function escapeRoutePath(path: string): string {
  return path.replace(/:/g, '::');
}
