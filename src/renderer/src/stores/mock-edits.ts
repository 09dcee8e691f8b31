/**
 * Pure edits of a mock definition (issue 7): the route list, a route made from a logged request, and REST
 * resources for tables. Each returns a new definition; the store saves it.
 */
import type { MockDefinition, MockResource, MockRoute, MockRouteResponse } from '../../../shared/mock-definition';
import type { MockRequestDetail } from '../../../shared/contract/mock.contract';

/** The largest body "create route from this request" copies into the file (bigger ones are cut off by the log anyway). */
const MAX_COPIED_BODY = 64 * 1024;

export function newRoute(routes: readonly MockRoute[]): MockRoute {
  // a path no route has yet, so the new one is never shadowed by an existing twin
  const taken = new Set(routes.map((r) => `${r.method} ${r.path}`));
  let path = '/new-route';
  for (let n = 2; taken.has(`GET ${path}`); n++) path = `/new-route-${n}`;
  return { method: 'GET', path, responses: [{ status: 200, body: '' }] };
}

export function addRoute(definition: MockDefinition, route: MockRoute = newRoute(definition.routes)): MockDefinition {
  return { ...definition, routes: [...definition.routes, route] };
}

export function deleteRoute(definition: MockDefinition, index: number): MockDefinition {
  return { ...definition, routes: definition.routes.filter((_, i) => i !== index) };
}

/** A copy right after the original (matched after it, so it changes nothing until edited). */
export function duplicateRoute(definition: MockDefinition, index: number): MockDefinition {
  const route = definition.routes[index];
  if (!route) return definition;
  const copy = structuredClone(route);
  return {
    ...definition,
    routes: [...definition.routes.slice(0, index + 1), copy, ...definition.routes.slice(index + 1)],
  };
}

/** Moves a route up (-1) or down (+1): routes match in order, so order matters. */
export function moveRoute(definition: MockDefinition, index: number, by: -1 | 1): MockDefinition {
  const to = index + by;
  if (to < 0 || to >= definition.routes.length || !definition.routes[index]) return definition;
  const routes = [...definition.routes];
  [routes[index], routes[to]] = [routes[to]!, routes[index]!];
  return { ...definition, routes };
}

export function updateRoute(
  definition: MockDefinition,
  index: number,
  patch: (route: MockRoute) => MockRoute,
): MockDefinition {
  return { ...definition, routes: definition.routes.map((r, i) => (i === index ? patch(r) : r)) };
}

export function updateResponse(
  definition: MockDefinition,
  routeIndex: number,
  responseIndex: number,
  patch: (response: MockRouteResponse) => MockRouteResponse,
): MockDefinition {
  return updateRoute(definition, routeIndex, (route) => ({
    ...route,
    responses: route.responses.map((r, i) => (i === responseIndex ? patch(r) : r)),
  }));
}

/** Makes `responseIndex` the route's only default response (or none, when it already was). */
export function toggleDefaultResponse(definition: MockDefinition, routeIndex: number, responseIndex: number) {
  return updateRoute(definition, routeIndex, (route) => {
    const was = route.responses[responseIndex]?.default === true;
    return {
      ...route,
      responses: route.responses.map((r, i) => {
        const { default: _omit, ...rest } = r;
        return i === responseIndex && !was ? { ...rest, default: true } : rest;
      }),
    };
  });
}

/** The path as the mock's routes write it: the request's path without the mock's prefix. */
export function routePathOf(requestPath: string, prefix: string | undefined): string {
  const path = requestPath.split('?')[0] || '/';
  if (prefix && (path === prefix || path.startsWith(`${prefix}/`))) return path.slice(prefix.length) || '/';
  return path;
}

function headerValue(headers: MockRequestDetail['response']['headers'], name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  if (!entry) return undefined;
  return Array.isArray(entry[1]) ? entry[1].join(', ') : entry[1];
}

/**
 * A route answering what a logged request got: its method and path, the status and body it was answered with
 * (a JSON body kept as data so the file stays readable), or 200 with an empty body when no route matched it.
 */
export function routeFromRequest(detail: MockRequestDetail, prefix: string | undefined): MockRoute {
  const method = detail.method.toUpperCase();
  const path = routePathOf(detail.path, prefix);
  if (detail.route === null || detail.status === 0) {
    return { method, path, responses: [{ status: 200, body: '' }] };
  }
  const contentType = headerValue(detail.response.headers, 'content-type');
  const text = detail.response.body.slice(0, MAX_COPIED_BODY);
  let body: unknown = text;
  if (contentType?.includes('json') && !detail.response.truncated) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = text;
    }
  }
  const response: MockRouteResponse = { status: detail.status, body };
  if (contentType && !contentType.includes('json')) response.headers = { 'Content-Type': contentType };
  return { method, path, responses: [response] };
}

/** `/order-items` for "Order Items": one path segment a resource may have. */
export function resourcePathFor(table: string): string {
  const slug = table
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_.~-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `/${slug || 'items'}`;
}

/**
 * Adds a REST resource for each table the mock does not serve yet (same connection, schema and table), each at
 * a path no other resource uses.
 */
export function addResources(
  definition: MockDefinition,
  connection: string,
  tables: readonly { schema: string | null; table: string }[],
): { definition: MockDefinition; added: number } {
  const resources: MockResource[] = [...(definition.resources ?? [])];
  const paths = new Set(resources.map((r) => r.path));
  let added = 0;
  for (const { schema, table } of tables) {
    const served = resources.some(
      (r) => r.connection === connection && r.table === table && (r.schema ?? null) === (schema ?? null),
    );
    if (served) continue;
    const base = resourcePathFor(table);
    let path = base;
    for (let n = 2; paths.has(path); n++) path = `${base}-${n}`;
    paths.add(path);
    resources.push({ path, connection, ...(schema ? { schema } : {}), table });
    added++;
  }
  return { definition: { ...definition, resources }, added };
}
