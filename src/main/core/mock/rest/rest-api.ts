import { AppError, isAppError } from '../../../../shared/errors';
import { readAll } from '../../data/read-all';
import { jsonResponse, type MockHandler, type MockRequest } from '../mock-http';
import { errorResponse } from './rest-errors';
import type { PageLimits } from './rest-list-query';
import { openApiDocument } from './rest-openapi';
import { createRestResource, methodNotAllowed, type RestResource, type RestSession } from './rest-resource';
import type { SqlitePointReads } from './rest-sqlite-reads';

export interface RestApiOptions {
  session: RestSession;
  /** The tables to serve; default every table and view of the schema. */
  tables?: readonly string[];
  /** null: the connection's default schema (SQLite: main). */
  schema?: string | null;
  /** Every resource answers only GET. */
  readOnly?: boolean;
  /** A path every resource is under (`/api`); default none. */
  prefix?: string;
  limits?: Partial<PageLimits>;
  /** The OpenAPI document's title. */
  title?: string;
  /** SQLite: `GET /<table>/:id` read on this connection of the same file (see rest-sqlite-reads.ts). */
  pointReads?: SqlitePointReads | null;
}

/** Several tables as REST resources under one prefix, with `GET /` listing them and `GET /_openapi.json`. */
export interface RestApi {
  resources: RestResource[];
  /** Answers every request under the prefix: `/`, `/_openapi.json`, `/<table>`, `/<table>/<id>`. */
  handle: MockHandler;
  /** The OpenAPI 3 document; `serverUrl` is where the API is reached (default: none given). */
  openApi(serverUrl?: string): Record<string, unknown>;
}

/** The tables and views of the schema, in name order (SQLite's own tables left out). */
export async function listTables(session: RestSession, schema: string | null = null): Promise<string[]> {
  if (session.engine === 'sqlite') {
    const rows = await readAll(
      session,
      `SELECT name FROM main.sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
      [],
    );
    return rows.map((r) => String(r[0]));
  }
  if (!session.introspect) throw new AppError('INTERNAL', 'Listing tables needs a session that reads the schema.');
  const tree = await session.introspect();
  const name = schema ?? tree.defaultSchema;
  const found = tree.schemas.find((s) => s.name === name);
  if (!found) throw new AppError('NOT_FOUND', `There is no schema "${name}" in the database.`, { schema: name });
  return found.tables.map((t) => t.name).sort();
}

/**
 * Builds a resource for each table (an unknown one is NOT_FOUND naming it, before anything is served) and the
 * handler that routes to them. The routing is a plain lookup by the first path segment; a router that mounts
 * `resource.routes` instead gets the same handlers.
 */
export async function createRestApi(options: RestApiOptions): Promise<RestApi> {
  const prefix = (options.prefix ?? '').replace(/\/+$/, '');
  const names = options.tables ? [...options.tables] : await listTables(options.session, options.schema ?? null);
  // the session's statements end the point reads' shared read transaction first (see rest-sqlite-reads.ts)
  const session = options.pointReads ? options.pointReads.wrap(options.session) : options.session;
  const resources: RestResource[] = [];
  for (const table of names) {
    try {
      resources.push(
        await createRestResource({
          session,
          schema: options.schema ?? null,
          table,
          path: `${prefix}/${encodeURIComponent(table)}`,
          readOnly: options.readOnly,
          limits: options.limits,
          pointReads: options.pointReads,
        }),
      );
    } catch (error) {
      throw isAppError(error) && error.code === 'NOT_FOUND' ? await unknownTable(options, table) : error;
    }
  }
  // each resource's handlers by method, for the collection and its items: looked up, not searched, per request
  const byName = new Map(resources.map((r) => [r.name, routeTable(r)]));
  const title = options.title ?? 'Backbench REST API';
  const openApi = (serverUrl?: string) => openApiDocument(resources, { title, serverUrl });

  const handle: MockHandler = (request: MockRequest) => {
    if (prefix !== '' && request.path !== prefix && !request.path.startsWith(`${prefix}/`)) {
      return errorResponse(404, `Nothing is served at ${request.path}.`);
    }
    // HEAD is GET without the body (the HTTP server leaves the body out)
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const segments = pathSegments(request.path.slice(prefix.length));
    if (segments === null) return errorResponse(400, `The path ${request.path} is not valid percent-encoded text.`);
    if (segments.length === 0) {
      if (method !== 'GET') return methodNotAllowed(['GET']);
      return jsonResponse(200, {
        resources: resources.map((r) => ({
          name: r.name,
          path: r.path,
          readOnly: !r.table.writable,
          items: r.hasItems ? `${r.path}/{id}` : null,
        })),
        openapi: `${prefix}/_openapi.json`,
      });
    }
    if (segments.length === 1 && segments[0] === '_openapi.json') {
      if (method !== 'GET') return methodNotAllowed(['GET']);
      // no server URL: paths hold the prefix, and the document holds wherever the API is reached from
      return jsonResponse(200, openApi());
    }
    const routes = byName.get(segments[0]!);
    if (!routes || segments.length > 2) return errorResponse(404, `Nothing is served at ${request.path}.`);
    const item = segments.length === 2;
    const handlers = item ? routes.item : routes.collection;
    const handler = handlers.get(method);
    if (!handler) {
      if (item && handlers.size === 0) {
        return errorResponse(
          404,
          `"${routes.name}" has no item routes (its key is not one column): filter the collection instead.`,
        );
      }
      return methodNotAllowed([...handlers.keys()]);
    }
    return handler(item ? { ...request, params: { ...request.params, id: segments[1]! } } : request);
  };
  return { resources, handle, openApi };
}

interface RouteTable {
  name: string;
  collection: Map<string, MockHandler>;
  item: Map<string, MockHandler>;
}

function routeTable(resource: RestResource): RouteTable {
  const collection = new Map<string, MockHandler>();
  const item = new Map<string, MockHandler>();
  for (const route of resource.routes) {
    const handlers = route.path.endsWith('/:id') ? item : collection;
    if (!handlers.has(route.method)) handlers.set(route.method, route.handler);
  }
  return { name: resource.name, collection, item };
}

/** The path's non-empty segments, decoded; null when one is not valid percent-encoded text. */
function pathSegments(path: string): string[] | null {
  const segments: string[] = [];
  for (const part of path.split('/')) {
    if (part === '') continue;
    if (!part.includes('%')) segments.push(part);
    else {
      try {
        segments.push(decodeURIComponent(part));
      } catch {
        return null;
      }
    }
  }
  return segments;
}

/** NOT_FOUND for a table to serve that the schema does not have, with the names it does have. */
async function unknownTable(options: RestApiOptions, table: string): Promise<AppError> {
  const names = await listTables(options.session, options.schema ?? null);
  const where = options.schema ? `schema "${options.schema}"` : 'the database';
  const some = names.length > 20 ? `${names.slice(0, 20).join(', ')}, …` : names.join(', ');
  return new AppError(
    'NOT_FOUND',
    `There is no table or view "${table}" in ${where}${names.length > 0 ? ` (it has ${some})` : ' (it has none)'}.`,
    { table },
  );
}
