/**
 * Any mock as an OpenAPI 3.0 document (issue 7): one operation per route (`/users/:id` → `/users/{id}` with its
 * path parameter), query and header parameters from the responses' rules, one response per status with the
 * body as its example and a schema inferred from it. Templated bodies are kept as text examples. What OpenAPI
 * cannot say (a route for any method, a method it has no field for) is listed in `warnings`.
 */
import type { MockDefinition, MockRoute, MockRouteResponse } from '../../../../shared/mock-definition';
import { isObject } from './json-schema';
import { TEMPLATE_MARK } from './import-openapi';

export interface ExportResult {
  document: Record<string, unknown>;
  warnings: string[];
}

const OPENAPI_METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE']);
/** What a route for any method (`*`) becomes. */
const ANY_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function exportOpenApi(definition: MockDefinition): ExportResult {
  const warnings: string[] = [];
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  definition.routes.forEach((route, index) => {
    const methods = route.method === '*' ? ANY_METHODS : [route.method];
    if (route.method === '*')
      warnings.push(`routes[${index}]: a route for any method is written as ${ANY_METHODS.join(', ')}`);
    const { template, parameters } = toTemplate(route.path);
    for (const method of methods) {
      if (!OPENAPI_METHODS.has(method)) {
        warnings.push(`routes[${index}]: OpenAPI has no ${method} operation; left out`);
        continue;
      }
      const item = (paths[template] ??= {});
      const key = method.toLowerCase();
      if (item[key] !== undefined) {
        warnings.push(`routes[${index}]: ${method} ${template} is already exported by an earlier route; left out`);
        continue;
      }
      item[key] = operationOf(route, method, template, parameters, operationIds);
    }
  });
  const document: Record<string, unknown> = {
    openapi: '3.0.3',
    info: { title: definition.name, version: '1.0.0' },
    servers: [{ url: `http://${definition.host ?? 'localhost'}:${definition.port}${definition.prefix ?? ''}` }],
    paths,
  };
  return { document, warnings };
}

/** `/users/:id/files/*` → `/users/{id}/files/{wildcard}`; a `:name(regex)` keeps its regex as the pattern. */
function toTemplate(path: string): { template: string; parameters: { name: string; pattern?: string }[] } {
  const parameters: { name: string; pattern?: string }[] = [];
  const template = path
    .replace(/:(\w+)(\(((?:\\.|[^)])*)\))?/g, (_, name: string, _group: string | undefined, pattern?: string) => {
      parameters.push({ name, ...(pattern ? { pattern } : {}) });
      return `{${name}}`;
    })
    .replace(/\*/g, () => {
      parameters.push({ name: 'wildcard' });
      return '{wildcard}';
    });
  return { template, parameters };
}

function operationOf(
  route: MockRoute,
  method: string,
  template: string,
  pathParameters: { name: string; pattern?: string }[],
  operationIds: Set<string>,
): Record<string, unknown> {
  const base = `${method.toLowerCase()}_${template.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '')}`.replace(
    /_$/,
    '',
  );
  let operationId = base;
  for (let n = 2; operationIds.has(operationId); n++) operationId = `${base}${n}`;
  operationIds.add(operationId);
  const parameters: Record<string, unknown>[] = pathParameters.map(({ name, pattern }) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string', ...(pattern ? { pattern } : {}) },
  }));
  const seen = new Set(pathParameters.map(({ name }) => `path:${name}`));
  for (const response of route.responses) {
    for (const rule of response.rules ?? []) {
      if ((rule.target !== 'query' && rule.target !== 'header') || rule.name === undefined) continue;
      const name = rule.target === 'header' ? rule.name.toLowerCase() : rule.name;
      if (seen.has(`${rule.target}:${name}`)) continue;
      seen.add(`${rule.target}:${name}`);
      parameters.push({ name, in: rule.target, required: false, schema: { type: 'string' } });
    }
  }
  const responses: Record<string, unknown> = {};
  for (const response of route.responses) {
    const status = String(response.status ?? 200);
    if (responses[status] === undefined) responses[status] = responseOf(response);
  }
  return { operationId, ...(parameters.length > 0 ? { parameters } : {}), responses };
}

function responseOf(response: MockRouteResponse): Record<string, unknown> {
  const status = response.status ?? 200;
  const headers = Object.entries(response.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-type');
  const contentType = Object.entries(response.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1];
  const out: Record<string, unknown> = { description: REASONS[status] ?? `Status ${status}` };
  if (headers.length > 0) {
    out.headers = Object.fromEntries(
      headers.map(([name, value]) => [name, { schema: { type: 'string' }, example: value }]),
    );
  }
  if (response.bodyFile !== undefined) {
    out.description = `${out.description as string} (body from the file ${response.bodyFile})`;
    out.content = { [contentType ?? 'application/octet-stream']: { schema: {} } };
  } else if (response.dataBucket !== undefined) {
    out.description = `${out.description as string} (body from the data bucket ${response.dataBucket})`;
    out.content = { [contentType ?? 'application/json']: { schema: {} } };
  } else if (response.body !== undefined) {
    const example = exampleOf(response.body);
    const mediaType =
      contentType ??
      (typeof example === 'string' && typeof response.body === 'string' && !isJsonText(response.body)
        ? 'text/plain'
        : 'application/json');
    // marked so that importing the document again keeps the template a template
    const template =
      response.templating !== false && typeof example === 'string' && example.includes('{{')
        ? { [TEMPLATE_MARK]: true }
        : {};
    out.content = { [mediaType]: { schema: schemaOf(example), example, ...template } };
  }
  return out;
}

/** A text body that is JSON (and no template) becomes the JSON value; anything else stays as written. */
function exampleOf(body: unknown): unknown {
  if (typeof body !== 'string' || body.includes('{{') || !isJsonText(body)) return body;
  return JSON.parse(body) as unknown;
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return /^\s*[[{"]/.test(text);
  } catch {
    return false;
  }
}

/** The schema a value has (types only, nothing required): it describes the example without narrowing the API. */
export function schemaOf(value: unknown): Record<string, unknown> {
  if (value === null) return {};
  if (Array.isArray(value)) {
    const kinds = new Set(value.map((item) => (Array.isArray(item) ? 'array' : item === null ? 'null' : typeof item)));
    return { type: 'array', items: kinds.size === 1 && !kinds.has('null') ? schemaOf(value[0]) : {} };
  }
  if (isObject(value)) {
    return {
      type: 'object',
      properties: Object.fromEntries(Object.entries(value).map(([key, item]) => [key, schemaOf(item)])),
    };
  }
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  return { type: 'string' };
}
