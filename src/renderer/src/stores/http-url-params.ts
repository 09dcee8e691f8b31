/**
 * The URL is the truth for the query params table and the path params (issue 8): pure functions that read the
 * query string's `name=value` pairs and `:name` path segments out of the URL as typed (`{{variables}}` kept),
 * and write an edited table back into it. Nothing is decoded or re-encoded beyond what would break the structure
 * (`&`, `=`, `#`), so what the user typed in the URL stays as typed.
 */
import type { HttpRequestFile, KeyValue } from '../../../shared/http-request';

interface UrlSplit {
  /** Everything before the `?` (or the whole URL without a query). */
  head: string;
  /** The text after `?` up to `#`; null when the URL has no `?`. */
  query: string | null;
  /** `#…` or empty. */
  hash: string;
}

function splitUrl(url: string): UrlSplit {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : url.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  if (queryAt === -1) return { head: beforeHash, query: null, hash };
  return { head: beforeHash.slice(0, queryAt), query: beforeHash.slice(queryAt + 1), hash };
}

/**
 * The query string's pairs in order, as typed: `?a=1&b` → a=1, b (empty value). A trailing `&` or a bare `?`
 * reads as one empty row, so a row just added in the table survives the trip through the URL.
 */
export function queryParamsOf(url: string): KeyValue[] {
  const { query } = splitUrl(url);
  if (query === null) return [];
  return query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return eq === -1 ? { name: pair, value: '' } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
}

const escapeName = (name: string) => name.replace(/[&=#]/g, (c) => encodeURIComponent(c));
const escapeValue = (value: string) => value.replace(/[&#]/g, (c) => encodeURIComponent(c));

/** The URL with its query string replaced by `params` (no `?` left when there are none); the hash is kept. */
export function withQueryParams(url: string, params: readonly KeyValue[]): string {
  const { head, hash } = splitUrl(url);
  if (params.length === 0) return head + hash;
  const query = params
    .map(({ name, value }) => (value === '' ? escapeName(name) : `${escapeName(name)}=${escapeValue(value)}`))
    .join('&');
  return `${head}?${query}${hash}`;
}

// the core's rule (resolve-request.ts fillPathParams): a whole path segment `:name`, never the port or the query
const PATH_PARAM = /\/:([A-Za-z_][\w-]*)(?=\/|$)/g;

/** The `:name` segments of the URL's path, in order, each once (`/users/:id/posts/:postId` → id, postId). */
export function pathParamNamesOf(url: string): string[] {
  const { head } = splitUrl(url);
  const schemeEnd = head.indexOf('://');
  const pathStart = head.indexOf('/', schemeEnd === -1 ? 0 : schemeEnd + 3);
  if (pathStart === -1) return [];
  const names: string[] = [];
  for (const match of head.slice(pathStart).matchAll(PATH_PARAM)) {
    if (!names.includes(match[1]!)) names.push(match[1]!);
  }
  return names;
}

/**
 * The path params rows for the URL: one per `:name` segment, in the URL's order; a row that was there keeps its
 * value (and its enabled flag), a new one starts empty, one whose segment went is dropped. The same list comes
 * back when nothing changed; undefined when the URL has none (so a file without path params gets no field).
 */
export function syncPathParams(url: string, current: readonly KeyValue[] | undefined): KeyValue[] | undefined {
  const names = pathParamNamesOf(url);
  if (names.length === 0) return current && current.length === 0 ? (current as KeyValue[]) : undefined;
  const rows = names.map((name) => current?.find((row) => row.name === name) ?? { name, value: '' });
  const same = current?.length === rows.length && rows.every((row, i) => row === current[i]);
  return same ? (current as KeyValue[]) : rows;
}

/** The request with a new URL, its path params following the URL's `:name` segments. */
export function withUrl(request: HttpRequestFile, url: string): HttpRequestFile {
  const pathParams = syncPathParams(url, request.pathParams);
  const { pathParams: _old, ...rest } = request;
  return pathParams === undefined ? { ...rest, url } : { ...rest, url, pathParams };
}
