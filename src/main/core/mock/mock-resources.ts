/**
 * A mock's `resources` (issue 7 item 5): tables of saved connections, named by connection name, served as REST
 * collections at `<prefix><path>` (`/api/products`, `/api/products/:id`) by the REST module's resources. The
 * mock's own routes answer first; this handler answers what they do not match, and `<prefix>/_openapi.json`
 * describes the resources. A connection or table that is missing fails the binding with an error naming it.
 */
import { AppError, isAppError } from '../../../shared/errors';
import type { MockDefinition } from '../../../shared/mock-definition';
import type { ConnectionManager } from '../connections/connection-manager';
import type { ConnectionStore } from '../connections/connection-store';
import type { Transaction } from '../connections/driver-adapter';
import { jsonResponse, type MockHandler, type MockRequest } from './mock-http';
import type { ResourceBinder, ResourceBinding } from './mock-service';
import { errorResponse } from './rest/rest-errors';
import { openApiDocument } from './rest/rest-openapi';
import { createRestResource, methodNotAllowed, type RestResource, type RestSession } from './rest/rest-resource';

/** A session for a resource's connection (named in the file), and what to do when the mock is done with it. */
export interface ResourceSession {
  session: RestSession;
  release(): Promise<void>;
}

/**
 * Opens the session of the saved connection `name`; `field` (`shop.yaml: resources[0]`) prefixes its errors.
 * The app shares its connection manager's sessions; the CLI opens its own.
 */
export type ResourceSessionOpener = (name: string, field: string) => Promise<ResourceSession>;

export function createResourceBinder(deps: { store: ConnectionStore; manager: ConnectionManager }): ResourceBinder {
  return createResourceBinderWith(async (name, field) => {
    const connectionId = findConnection(deps.store, name, field);
    const session = await deps.manager.get(connectionId).catch((error: unknown) => {
      throw openFailure(error, field, name);
    });
    // the sessions belong to the connection manager (shared with the app's editors): nothing to close here
    return { session: liveSession(deps.manager, connectionId, session.engine), release: async () => undefined };
  });
}

/** A binder over any way of opening a connection's session (the CLI's `backbench mock`). */
export function createResourceBinderWith(open: ResourceSessionOpener): ResourceBinder {
  return async (definition, fileName) => bindResources(definition, fileName, open);
}

/** The error of a connection that could not be opened, naming the file's field and the connection. */
export function openFailure(error: unknown, field: string, name: string): AppError {
  const message = error instanceof Error ? error.message : String(error);
  return new AppError(
    isAppError(error) ? error.code : 'CONNECTION_REFUSED',
    `${field}.connection: "${name}" could not be opened: ${message}`,
    { connection: name },
  );
}

async function bindResources(
  definition: MockDefinition,
  fileName: string,
  open: ResourceSessionOpener,
): Promise<ResourceBinding> {
  const prefix = definition.prefix ?? '';
  const byPath = new Map<string, RestResource>();
  const resources: RestResource[] = [];
  const opened = new Map<string, ResourceSession>();
  const release = async () => {
    await Promise.all([...opened.values()].map((s) => s.release()));
  };
  try {
    for (const [index, resource] of (definition.resources ?? []).entries()) {
      const field = `${fileName}: resources[${index}]`;
      const key = resource.connection.toLowerCase();
      let entry = opened.get(key);
      if (entry === undefined) {
        entry = await open(resource.connection, field);
        opened.set(key, entry);
      }
      const rest = await bindOne(entry.session, resource, prefix, field);
      if (byPath.has(resource.path)) {
        throw new AppError('INVALID_INPUT', `${field}.path: ${resource.path} is served by an earlier resource.`, {
          file: fileName,
        });
      }
      byPath.set(resource.path, rest);
      resources.push(rest);
    }
  } catch (error) {
    await release();
    throw error;
  }
  const title = definition.name;
  const handler: MockHandler = (request) => route(request, prefix, byPath, () => openApiDocument(resources, { title }));
  return { handler, close: release };
}

async function bindOne(
  session: RestSession,
  resource: NonNullable<MockDefinition['resources']>[number],
  prefix: string,
  field: string,
): Promise<RestResource> {
  try {
    return await createRestResource({
      session,
      schema: resource.schema ?? null,
      table: resource.table,
      path: prefix + resource.path,
      readOnly: resource.readOnly,
    });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'NOT_FOUND') throw error;
    throw new AppError(
      'NOT_FOUND',
      `${field}.table: there is no table "${resource.table}" in the connection "${resource.connection}" (${error.message})`,
      { connection: resource.connection, table: resource.table },
    );
  }
}

function route(
  request: MockRequest,
  prefix: string,
  byPath: ReadonlyMap<string, RestResource>,
  openApi: () => Record<string, unknown>,
) {
  const notFound = () =>
    jsonResponse(404, {
      error: `No route for ${request.method} ${request.path}`,
      method: request.method,
      path: request.path,
    });
  if (prefix !== '' && !request.path.startsWith(`${prefix}/`)) return notFound();
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  let segments: string[];
  try {
    segments = request.path
      .slice(prefix.length)
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
  } catch {
    return errorResponse(400, `The path ${request.path} is not valid percent-encoded text.`);
  }
  if (segments.length === 1 && segments[0] === '_openapi.json') {
    // labelled like a route, so the request log names it instead of "no match"
    return method === 'GET'
      ? { ...jsonResponse(200, openApi()), route: `GET ${prefix}/_openapi.json` }
      : methodNotAllowed(['GET']);
  }
  const resource = segments.length > 0 ? byPath.get(`/${segments[0]!}`) : undefined;
  if (!resource || segments.length > 2) return notFound();
  const item = segments.length === 2;
  const routes = resource.routes.filter((r) => r.path.endsWith('/:id') === item);
  const match = routes.find((r) => r.method === method);
  if (!match) {
    if (item && routes.length === 0) {
      return errorResponse(404, `"${resource.name}" has no item routes (its key is not one column): filter the list.`);
    }
    return methodNotAllowed(routes.map((r) => r.method));
  }
  const answer = match.handler(item ? { ...request, params: { ...request.params, id: segments[1]! } } : request);
  const label = `${match.method} ${match.path}`;
  return Promise.resolve(answer).then((response) => ({ ...response, route: label }));
}

/** The saved connection of that name (exact, else ignoring case); NOT_FOUND naming it and the ones there are. */
function findConnection(store: ConnectionStore, name: string, field: string): string {
  const all = store.list();
  const found = all.find((c) => c.name === name) ?? all.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (found) return found.id;
  const names = all.map((c) => `"${c.name}"`);
  const some = names.length > 10 ? `${names.slice(0, 10).join(', ')}, …` : names.join(', ');
  throw new AppError(
    'NOT_FOUND',
    `${field}.connection: there is no saved connection "${name}"${names.length > 0 ? ` (there are ${some})` : ''}.`,
    { connection: name },
  );
}

/**
 * The connection's session as the manager holds it at each call: a mock outlives a disconnect in the app, and
 * its next request opens the connection again instead of using a closed session.
 */
function liveSession(manager: ConnectionManager, id: string, engine: RestSession['engine']): RestSession {
  return {
    engine,
    execute: async (sql, params, signal, options) => (await manager.get(id)).execute(sql, params, signal, options),
    transaction: async <T>(work: (tx: Transaction) => Promise<T>, signal?: AbortSignal) =>
      (await manager.get(id)).transaction(work, signal),
    introspect: async () => (await manager.get(id)).introspect(),
  };
}
