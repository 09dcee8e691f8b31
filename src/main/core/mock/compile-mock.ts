/**
 * Turns a mock definition into what the server runs: the route table, each response's rules compiled, and a
 * `render` step per response that builds its headers and body. Everything that can be prepared is prepared
 * here, once per load (or reload), never per request.
 *
 * Templating plugs in through `compileBody` (the templating module's `compileTemplate`): it compiles inline
 * bodies, header values and body file paths at load, and text body files when first read (again when they
 * change). Without it, text is sent as written.
 */
import { AppError } from '../../../shared/errors';
import { readBodyFile } from './body-file';
import {
  DEFAULT_MOCK_HOST,
  type Latency,
  type MockDefinition,
  type MockFault,
  type MockRouteResponse,
  type ResponseMode,
} from './mock-definition';
import type { MockRequest, MockResponse } from './mock-http';
import { compileRule, type RuleSet } from './response-rules';
import { buildRouteTable, type RouteTable } from './route-table';

/** Compiles a template once; the result renders it for one request. Throws on a template that cannot compile. */
export type BodyCompiler = (source: string, options: { root: string }) => (request: MockRequest) => string;

export interface CompiledResponse extends RuleSet {
  index: number;
  latency: Latency | undefined;
  fault: Required<MockFault> | undefined;
  /** Headers and body for one request (status included); rejects when a template or a body file fails. */
  render(request: MockRequest): Promise<MockResponse>;
}

export interface CompiledRoute {
  index: number;
  /** `GET /users/:id` (prefix included): names the route in the log and keys its sequential counter. */
  key: string;
  mode: ResponseMode;
  responses: CompiledResponse[];
}

export interface CompiledMock {
  definition: MockDefinition;
  name: string;
  host: string;
  port: number;
  cors: boolean;
  latency: Latency | undefined;
  table: RouteTable<CompiledRoute>;
}

export interface CompileOptions {
  /** The mock's folder: body files are read from it and may not leave it. */
  root: string;
  compileBody?: BodyCompiler;
}

/** Throws INVALID_INPUT naming the field (`routes[1].path: …`) when a path or template cannot compile. */
export function compileMock(definition: MockDefinition, options: CompileOptions): CompiledMock {
  const prefix = definition.prefix ?? '';
  const routes = definition.routes.map((route, routeIndex): CompiledRoute => {
    const path = prefix + route.path;
    return {
      index: routeIndex,
      key: `${route.method} ${path}`,
      mode: route.responseMode ?? 'first',
      responses: route.responses.map((response, index) =>
        compileResponse(response, index, `routes[${routeIndex}].responses[${index}]`, options),
      ),
    };
  });
  const table = buildRouteTable(
    definition.routes.map((route, index) => ({
      method: route.method,
      path: prefix + route.path,
      route: routes[index]!,
    })),
  );
  return {
    definition,
    name: definition.name,
    host: definition.host ?? DEFAULT_MOCK_HOST,
    port: definition.port,
    cors: definition.cors ?? false,
    latency: definition.latency,
    table,
  };
}

function compileResponse(
  response: MockRouteResponse,
  index: number,
  where: string,
  options: CompileOptions,
): CompiledResponse {
  const status = response.status ?? 200;
  const compile = (source: string, field: string) => compileText(source, `${where}.${field}`, options);
  const headerRenders = Object.entries(response.headers ?? {}).map(
    ([name, value]) => [name.toLowerCase(), compile(value, `headers.${name}`)] as const,
  );
  const renderHeaders = (request: MockRequest) => {
    const headers: Record<string, string> = {};
    for (const [name, render] of headerRenders) headers[name] = render(request);
    return headers;
  };
  let render: (request: MockRequest) => Promise<MockResponse>;
  if (response.bodyFile !== undefined) {
    const renderPath = compile(response.bodyFile, 'bodyFile');
    const fileTemplates = new Map<string, { text: string; render: (request: MockRequest) => string }>();
    render = async (request) => {
      const headers = renderHeaders(request);
      const file = await readBodyFile(options.root, renderPath(request));
      headers['content-type'] ??= file.contentType;
      if (!options.compileBody || !file.isText) return { status, headers, body: file.bytes };
      const text = file.bytes.toString('utf8');
      let template = fileTemplates.get(file.file);
      if (template?.text !== text) {
        template = { text, render: options.compileBody(text, { root: options.root }) };
        fileTemplates.set(file.file, template);
      }
      return { status, headers, body: template.render(request) };
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
    const renderBody = typeof response.body === 'string' ? compile(source, 'body') : () => source;
    render = async (request) => {
      const headers = renderHeaders(request);
      if (contentType !== undefined) headers['content-type'] ??= contentType;
      return { status, headers, body: renderBody(request) };
    };
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
  };
}

function compileText(source: string, where: string, options: CompileOptions): (request: MockRequest) => string {
  if (!options.compileBody) return () => source;
  try {
    return options.compileBody(source, { root: options.root });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('INVALID_INPUT', `${where}: the template does not compile: ${message}`, {
      issues: [{ path: where, message }],
    });
  }
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
