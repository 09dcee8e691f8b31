/**
 * Turns a mock definition into what the server runs: the route table, each response's rules compiled, and a
 * `render` step per response that builds its headers and body. Everything that can be prepared is prepared
 * here, once per load (or reload), never per request.
 *
 * Templating plugs in through `compileBody` (the templating module's `compileTemplate`): it compiles inline
 * bodies, header values and body file paths at load, and text body files when first read (again when they
 * change). Without it, or for a response with `templating: false`, the body is sent as written.
 */
import { AppError } from '../../../shared/errors';
import { readBodyFile } from './body-file';
import type { CompiledBucket, DataBuckets } from './data-buckets';
import { crudActionOf, idTemplateOf, runCrud } from './data-crud';
import {
  DEFAULT_MOCK_HOST,
  type Latency,
  type MockDefinition,
  type MockFault,
  type MockRouteResponse,
  type ResponseMode,
} from '../../../shared/mock-definition';
import type { MockRequest, MockResponse } from './mock-http';
import { wireHeaders } from './mock-wire';
import { bodyForLog } from './request-log';
import { compileProxy, type ProxyTarget } from './proxy/forward-request';
import { compileRule, type RuleSet } from './response-rules';
import { buildRouteTable, type RouteTable } from './route-table';

/** What outlives one request, given to every render: kept by the server across reloads. */
export interface RenderState {
  /** The mock's base URL with its prefix (`http://127.0.0.1:3000/api`); absent while stopped. */
  baseUrl?: string;
  /** Variables every request of the mock shares (templates' `setGlobalVar`). */
  globals: Map<string, unknown>;
  /** The mock's data buckets (`data` helpers, `dataBucket` bodies, CRUD routes). */
  data?: DataBuckets;
}

/** A template compiled once at load. `render` may throw (a helper that fails): the request is then answered 500. */
export interface CompiledBody {
  render(request: MockRequest, state: RenderState): string;
}

/**
 * Compiles a template (`name` says where it is: `routes[0].responses[1].body`); throws when it cannot compile.
 * The templating module's `compileTemplate` has this shape.
 */
export type BodyCompiler = (source: string, options: { root: string; name: string }) => CompiledBody;

type RenderText = (request: MockRequest, state: RenderState) => string;

export interface CompiledResponse extends RuleSet {
  index: number;
  latency: Latency | undefined;
  fault: Required<MockFault> | undefined;
  /** Headers and body for one request (status included); rejects when a template or a body file fails. */
  render(request: MockRequest, state: RenderState): Promise<MockResponse>;
  /**
   * The same, made without waiting: absent for a body file (read per request). Throws when a template fails.
   * A response without templates returns one answer made at load (headers as writeHead's list included).
   */
  renderNow: ((request: MockRequest, state: RenderState) => MockResponse) | undefined;
}

export interface CompiledRoute {
  index: number;
  /** `GET /users/:id` (prefix included): names the route in the log and keys its sequential counter. */
  key: string;
  mode: ResponseMode;
  responses: CompiledResponse[];
  /** Every response answers without waiting (no latency, no body file): the server can answer in one go. */
  immediate: boolean;
}

export interface CompiledMock {
  definition: MockDefinition;
  name: string;
  host: string;
  port: number;
  cors: boolean;
  latency: Latency | undefined;
  /** No latency for the whole mock. */
  immediate: boolean;
  table: RouteTable<CompiledRoute>;
  https: boolean;
  /** Where what no route or resource answers goes; undefined: answered 404 (or by the fallback). */
  proxy: ProxyTarget | undefined;
  /** Paths the REST resources answer (prefix included), so the proxy leaves them to the fallback. */
  resourcePaths: string[];
  /** The data buckets, their templates compiled (rendered on first use, see data-buckets.ts). */
  buckets: CompiledBucket[];
}

export interface CompileOptions {
  /** The mock's folder: body files are read from it and may not leave it. */
  root: string;
  compileBody?: BodyCompiler;
  /** What messages call the mock's file (`shop.yaml`); messages start with it when given. */
  fileName?: string;
}

/** Throws INVALID_INPUT naming the field (`routes[1].path: …`) when a path or template cannot compile. */
export function compileMock(definition: MockDefinition, options: CompileOptions): CompiledMock {
  const prefix = definition.prefix ?? '';
  const specs: { method: string; path: string; route: CompiledRoute; routeIndex: number }[] = [];
  definition.routes.forEach((route, routeIndex) => {
    const path = prefix + route.path;
    const crud = route.crud === true ? crudOptions(route.crudKey ?? 'id', options) : undefined;
    const responses = route.responses.map((response, index) =>
      compileResponse(response, index, `routes[${routeIndex}].responses[${index}]`, options, crud),
    );
    const compiled: CompiledRoute = {
      index: routeIndex,
      key: `${route.method} ${path}`,
      mode: route.responseMode ?? 'first',
      responses,
      immediate: responses.every((response) => noWait(response.latency) && response.renderNow !== undefined),
    };
    if (crud === undefined) {
      specs.push({ method: route.method, path, route: compiled, routeIndex });
    } else {
      // Mockoon's CRUD route answers its path and the path of one item
      const itemPath = `${path.replace(/\/+$/, '')}/:id`;
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        specs.push({ method, path, route: { ...compiled, key: `${method} ${path}` }, routeIndex });
      }
      for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
        specs.push({ method, path: itemPath, route: { ...compiled, key: `${method} ${itemPath}` }, routeIndex });
      }
    }
  });
  const buckets = (definition.data ?? []).map((bucket, index): CompiledBucket => {
    const text = compileText(bucket.value, `data[${index}].value`, options);
    return {
      name: bucket.name,
      id: bucket.id,
      source: bucket.value,
      render: (request, state) => textOf(text, request, state as RenderState),
    };
  });
  let table: RouteTable<CompiledRoute>;
  try {
    table = buildRouteTable(specs, { caseSensitive: definition.caseSensitive ?? true });
  } catch (error) {
    if (!options.fileName || !(error instanceof AppError)) throw error;
    throw new AppError(error.code, `${options.fileName}: ${error.message}`, {
      ...error.details,
      file: options.fileName,
    });
  }
  return {
    definition,
    name: definition.name,
    host: definition.host ?? DEFAULT_MOCK_HOST,
    port: definition.port,
    cors: definition.cors ?? false,
    latency: definition.latency,
    immediate: noWait(definition.latency),
    table,
    https: definition.https ?? false,
    proxy: definition.proxy ? compileProxy(definition.proxy, prefix) : undefined,
    resourcePaths: (definition.resources ?? []).map((resource) => prefix + resource.path),
    buckets,
  };
}

function compileResponse(
  response: MockRouteResponse,
  index: number,
  where: string,
  options: CompileOptions,
  crud: CrudOptions | undefined,
): CompiledResponse {
  const status = response.status ?? 200;
  // `templating: false` sends the body as written; headers and the body file's path are still templates
  const templating = response.templating ?? true;
  const compile = (source: string, field: string) => compileText(source, `${where}.${field}`, options);
  const headerRenders = Object.entries(response.headers ?? {}).map(
    ([name, value]) => [name.toLowerCase(), compile(value, `headers.${name}`)] as const,
  );
  const renderHeaders = (request: MockRequest, state: RenderState) => {
    const headers: Record<string, string> = {};
    for (const [name, text] of headerRenders) headers[name] = textOf(text, request, state);
    return headers;
  };
  let render: CompiledResponse['render'];
  let renderNow: CompiledResponse['renderNow'];
  if (response.dataBucket !== undefined) {
    const bucket = response.dataBucket;
    renderNow = (request, state) => {
      const headers = renderHeaders(request, state);
      if (crud !== undefined) return crudResponse(bucket, crud, headers, request, state);
      const value = state.data?.read(bucket, request, state).value;
      // as Mockoon: the value as JSON, text as it is; the bucket's template was rendered when it was made
      const body = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
      headers['content-type'] ??=
        typeof value === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
      return { status, headers, body };
    };
    const now = renderNow;
    render = async (request, state) => now(request, state);
  } else if (response.bodyFile !== undefined) {
    const renderPath = compile(response.bodyFile, 'bodyFile');
    // a text file is compiled when first read and again when its text changes, never per request
    const fileTemplates = new Map<string, { text: string; body: CompiledBody }>();
    render = async (request, state) => {
      const headers = renderHeaders(request, state);
      const file = await readBodyFile(options.root, textOf(renderPath, request, state));
      headers['content-type'] ??= file.contentType;
      if (!options.compileBody || !file.isText || !templating) return { status, headers, body: file.bytes };
      const text = file.bytes.toString('utf8');
      let template = fileTemplates.get(file.file);
      if (template?.text !== text) {
        template = { text, body: options.compileBody(text, { root: options.root, name: response.bodyFile! }) };
        fileTemplates.set(file.file, template);
      }
      return { status, headers, body: template.body.render(request, state) };
    };
  } else {
    const source =
      response.body === undefined
        ? ''
        : typeof response.body === 'string'
          ? response.body
          : JSON.stringify(response.body);
    const contentType =
      response.body === undefined
        ? undefined
        : typeof response.body !== 'string' || looksLikeJson(source)
          ? 'application/json; charset=utf-8'
          : 'text/plain; charset=utf-8';
    const body = typeof response.body === 'string' && templating ? compile(source, 'body') : source;
    // headers without a template are made once and shared (frozen: nothing may change them per request)
    let fixedHeaders: Readonly<Record<string, string>> | null = null;
    if (headerRenders.every(([, text]) => typeof text === 'string')) {
      const headers: Record<string, string> = {};
      for (const [name, text] of headerRenders) headers[name] = text as string;
      if (contentType !== undefined) headers['content-type'] ??= contentType;
      fixedHeaders = Object.freeze(headers);
    }
    const headersFor = (request: MockRequest, state: RenderState) => {
      if (fixedHeaders) return fixedHeaders;
      const headers = renderHeaders(request, state);
      if (contentType !== undefined) headers['content-type'] ??= contentType;
      return headers;
    };
    const fixed = fixedHeaders && typeof body === 'string' ? fixedResponse(status, fixedHeaders, body) : null;
    renderNow = fixed
      ? () => fixed
      : (request, state) => ({
          status,
          headers: headersFor(request, state),
          body: textOf(body, request, state),
        });
    const now = renderNow;
    render = async (request, state) => now(request, state);
  }
  return {
    index,
    rules: (response.rules ?? []).map(compileRule),
    operator: response.rulesOperator ?? 'AND',
    isDefault: response.default ?? false,
    latency: response.latency,
    fault: response.fault && {
      type: response.fault.type,
      rate: response.fault.rate ?? 1,
      status: response.fault.status ?? 500,
    },
    render,
    renderNow,
  };
}

/**
 * A CRUD request over a bucket: its action is the method's on the list or item path. Status and body are the
 * action's, as in Mockoon (the response's own status is not used); the content type is JSON.
 */
function crudResponse(
  bucket: string,
  crud: CrudOptions,
  headers: Record<string, string>,
  request: MockRequest,
  state: RenderState,
): MockResponse {
  const read = state.data?.read(bucket, request, state);
  if (read === undefined || !read.found) {
    return { status: 404, headers, body: '' };
  }
  const action = crudActionOf(request.method, Object.hasOwn(request.params, 'id'));
  if (action === undefined) return { status: 404, headers, body: '' };
  const makeId = () => {
    const text = state.data?.source(bucket);
    const template = text === undefined ? null : crud.idTemplate(text);
    try {
      return template?.render(request, state);
    } catch {
      // as Mockoon: a key template that fails gives way to the highest key + 1
      return undefined;
    }
  };
  const result = runCrud(action, read.value, request, crud.key, makeId);
  if (result.next) state.data!.write(bucket, result.next.value);
  return {
    status: result.status,
    headers: { ...headers, ...result.headers, 'content-type': 'application/json; charset=utf-8' },
    body: result.body === undefined ? '' : JSON.stringify(result.body),
  };
}

interface CrudOptions {
  /** The items' key (`crudKey`, default `id`; a dotted path for a nested one). */
  key: string;
  /** The key's template in a bucket's text (Mockoon 9 makes new keys with it), compiled once per text. */
  idTemplate(bucketText: string): CompiledBody | null;
}

function crudOptions(key: string, options: CompileOptions): CrudOptions {
  const compiled = new Map<string, CompiledBody | null>();
  return {
    key,
    idTemplate(bucketText) {
      let body = compiled.get(bucketText);
      if (body === undefined) {
        const template = idTemplateOf(bucketText, key);
        body = null;
        if (template !== null && options.compileBody) {
          try {
            body = options.compileBody(template, { root: options.root, name: `the "${key}" template of a bucket` });
          } catch {
            // the bucket's own template compiled, so this cannot fail but for a cut expression: no template then
          }
        }
        compiled.set(bucketText, body);
      }
      return body;
    },
  };
}

/** A latency that never waits. */
function noWait(latency: Latency | undefined): boolean {
  return latency === undefined || latency === 0 || (typeof latency === 'object' && latency.max <= 0);
}

/** A response that is the same for every request, with the list writeHead takes made once (invalid headers: none). */
function fixedResponse(status: number, headers: Readonly<Record<string, string>>, body: string): MockResponse {
  const response: MockResponse = { status, headers, body };
  const wire = wireHeaders(headers, Buffer.byteLength(body));
  if (wire) response.wire = Object.freeze(wire);
  response.logged = Object.freeze({ headers, body: bodyForLog(body) });
  return Object.freeze(response);
}

/** A template compiled once at load, or the text itself when it has no tag (static routes pay nothing for it). */
function compileText(source: string, where: string, options: CompileOptions): RenderText | string {
  if (!options.compileBody || !source.includes('{{')) return source;
  let compiled: CompiledBody;
  try {
    compiled = options.compileBody(source, { root: options.root, name: where });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // the templating module's messages already start with the name they were given
    const text = message.startsWith(where) ? message : `${where}: the template does not compile: ${message}`;
    throw new AppError('INVALID_INPUT', options.fileName ? `${options.fileName}: ${text}` : text, {
      ...(options.fileName ? { file: options.fileName } : {}),
      issues: [{ path: where, message }],
    });
  }
  return (request, state) => compiled.render(request, state);
}

function textOf(text: RenderText | string, request: MockRequest, state: RenderState): string {
  return typeof text === 'string' ? text : text(request, state);
}

function looksLikeJson(text: string): boolean {
  if (!/^\s*[[{]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
