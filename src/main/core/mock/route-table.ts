/**
 * Route matching through find-my-way (the router behind fastify), built once when a mock loads. Paths use its
 * syntax: `/users/:id`, `/files/*`, `/img/:name(^\\d+).png`. When two routes claim the same method and path,
 * the one listed first answers (as in Mockoon) and the later one is reported in `shadowed`. With
 * `caseSensitive: false` paths match whatever their letter case; parameters keep the case the request gave.
 */
import { METHODS } from 'node:http';
import Router from 'find-my-way';
import { AppError } from '../../../shared/errors';

export interface RouteMatch<T> {
  route: T;
  /** Path parameters, decoded; a wildcard's value is under `*`. */
  params: Record<string, string>;
}

export interface RouteTable<T> {
  /** The route for a method and a path (no query string); HEAD falls back to GET. */
  match(method: string, path: string): RouteMatch<T> | null;
  /** Routes that never answer because an earlier one claims the same method and path: [later, earlier]. */
  shadowed: readonly { index: number; by: number; method: string }[];
}

export interface RouteSpec<T> {
  /** An HTTP method or `*`. */
  method: string;
  /** The full path, prefix included. */
  path: string;
  route: T;
  /** The route's index in the mock, when it differs from the spec's (a CRUD route gives several specs). */
  routeIndex?: number;
}

type HTTPMethod = Router.HTTPMethod;

/** Builds the table; throws INVALID_INPUT naming `routes[i].path` when the router refuses a path. */
export function buildRouteTable<T>(
  specs: readonly RouteSpec<T>[],
  { caseSensitive = true }: { caseSensitive?: boolean } = {},
): RouteTable<T> {
  const router = Router({ ignoreTrailingSlash: true, maxParamLength: 2048, caseSensitive });
  // the router lowers both sides when case does not count; the owner and exact maps must do the same
  const fold = caseSensitive ? (path: string) => path : (path: string) => path.toLowerCase();
  const owner = new Map<string, number>();
  // paths without parameters, wildcards, regexes or escapes: an exact path is found in a map, without the router
  const exact = new Map<string, Map<string, T>>();
  const shadowed: { index: number; by: number; method: string }[] = [];
  specs.forEach((spec, index) => {
    const methods = spec.method === '*' ? METHODS : [spec.method];
    for (const method of methods) {
      if (router.hasRoute(method as HTTPMethod, spec.path)) {
        // `*` routes fill the methods nobody else claimed; an explicit duplicate is worth a warning
        const by = owner.get(`${method} ${fold(spec.path)}`) ?? -1;
        if (spec.method !== '*') shadowed.push({ index, by, method });
        continue;
      }
      try {
        router.on(method as HTTPMethod, spec.path, () => undefined, { index });
      } catch (error) {
        const message = (error as Error).message;
        // a method newer than the router's list (Node adds some) is left out of `*`, not an error
        if (spec.method === '*' && /is not an http method/.test(message)) continue;
        if (/already declared/.test(message)) {
          // same shape, other parameter names (`/a/:id` after `/a/:name`): the earlier one answers
          if (spec.method !== '*') shadowed.push({ index, by: -1, method });
          continue;
        }
        const where = `routes[${spec.routeIndex ?? index}].path`;
        throw new AppError('INVALID_INPUT', `${where}: ${message}`, {
          issues: [{ path: where, message }],
        });
      }
      owner.set(`${method} ${fold(spec.path)}`, index);
      if (!/[:*(%?]/.test(spec.path)) {
        let paths = exact.get(method);
        if (!paths) exact.set(method, (paths = new Map()));
        paths.set(fold(spec.path), spec.route);
      }
    }
  });
  router.compile();

  const find = (method: string, path: string): RouteMatch<T> | null => {
    const known = exact.get(method)?.get(fold(path));
    if (known !== undefined) return { route: known, params: {} };
    const found = router.find(method as HTTPMethod, path);
    if (!found) return null;
    const params: Record<string, string> = {};
    const given = found.params;
    for (const name in given) if (given[name] !== undefined) params[name] = given[name]!;
    return { route: specs[(found.store as { index: number }).index]!.route, params };
  };
  return {
    match(method, path) {
      return find(method, path) ?? (method === 'HEAD' ? find('GET', path) : null);
    },
    shadowed,
  };
}
