/**
 * A response's JSON turned into a mock route (issue 8, item 11): the method and path of the request, the status,
 * the Content-Type and the body as data, so the mock file stays readable. Pure, for the store and its tests.
 */
import type { HttpResponse } from '../../../../../shared/contract/http.contract';
import { HTTP_METHODS, type MockRoute } from '../../../../../shared/mock-definition';

const ROUTE_METHODS: ReadonlySet<string> = new Set(HTTP_METHODS);

/** The response's body as JSON data, or null when it is not JSON (or kept on disk, or binary). */
export function jsonBodyOf(response: HttpResponse): { value: unknown } | null {
  const { body } = response;
  if (body.handle !== null || body.encoding !== 'utf8' || body.data === null || body.data.trim() === '') return null;
  const type = response.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
  if (type !== '' && !/\bjson\b|\+json\b/i.test(type)) return null;
  try {
    return { value: JSON.parse(body.data) as unknown };
  } catch {
    return null;
  }
}

/**
 * The route, or a sentence saying why there is none. The path is the one the request reached first (before
 * redirects), without the mock's `prefix` when it starts with it (the mock puts the prefix before every route).
 */
export function routeFromResponse(
  input: { method: string; response: HttpResponse },
  prefix: string | undefined,
): { route: MockRoute } | { problem: string } {
  const method = input.method.toUpperCase();
  if (!ROUTE_METHODS.has(method)) return { problem: `A mock route cannot answer the method ${method}.` };
  const json = jsonBodyOf(input.response);
  if (!json) return { problem: 'The response has no JSON body (a body kept on disk is not copied).' };
  const url = input.response.redirects[0]?.url ?? input.response.url;
  let path: string;
  try {
    path = decodeURI(new URL(url).pathname);
  } catch {
    return { problem: `The request's URL ${url} has no path a route can match.` };
  }
  const cut = prefix?.replace(/\/+$/, '') ?? '';
  if (cut && (path === cut || path.startsWith(`${cut}/`))) path = path.slice(cut.length) || '/';
  const contentType = input.response.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  return {
    route: {
      method,
      // find-my-way syntax: a literal `:` is doubled, or it would start a parameter
      path: path.replace(/:/g, '::'),
      responses: [
        {
          status: input.response.status,
          ...(contentType ? { headers: { 'Content-Type': contentType } } : {}),
          body: json.value,
        },
      ],
    },
  };
}
