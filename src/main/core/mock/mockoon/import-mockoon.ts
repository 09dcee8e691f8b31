/**
 * A Mockoon environment (its JSON file) as a mock (issue 7): routes with their method and endpoint, responses
 * with status, headers (the environment's merged under each response's), inline or file bodies, latency, rules
 * and the route's response mode; the environment's port, hostname, prefix, latency, CORS, proxy and TLS.
 * Templates are kept, since the templating module speaks Mockoon's helpers; a template it cannot compile (a
 * helper it does not have) is served as written, with a warning. Data buckets, data bucket bodies and CRUD routes
 * over a bucket are kept. Whatever has no counterpart here (WebSocket routes, callbacks, some rule targets) is
 * left out and listed in `warnings`.
 */
import { basename, extname, isAbsolute, posix, relative, resolve } from 'node:path';
import { AppError } from '../../../../shared/errors';
import {
  MockDefinitionSchema,
  type MockDefinition,
  type MockRoute,
  type MockRouteResponse,
  type MockRule,
} from '../../../../shared/mock-definition';
import { contentTypeOf } from '../body-file';
import { formatPath } from '../mock-file';
import { compileTemplate } from '../templating/compile-template';
import { caseInsensitive } from './case-insensitive-regex';

export interface MockoonImportResult {
  definition: MockDefinition;
  warnings: string[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The environment in `value`: a Mockoon environment file, or the first environment of Mockoon's older export
 * format (`{ source: 'mockoon:…', data: [{ type: 'environment', item }] }`). Null when it is neither.
 */
export function mockoonEnvironmentOf(value: unknown): Json | null {
  if (!isObject(value)) return null;
  if (typeof value.source === 'string' && value.source.startsWith('mockoon') && Array.isArray(value.data)) {
    const entry = value.data.find((item) => isObject(item) && item.type === 'environment');
    return isObject(entry) && isObject(entry.item) ? mockoonEnvironmentOf(entry.item) : null;
  }
  if (!Array.isArray(value.routes)) return null;
  const shaped =
    'lastMigration' in value ||
    'endpointPrefix' in value ||
    value.routes.some((route) => isObject(route) && 'endpoint' in route && Array.isArray(route.responses));
  return shaped ? value : null;
}

/**
 * A mock from a Mockoon environment's JSON value. `fileName` names it in messages; `root` is the environment
 * file's folder, against which absolute body file paths are made relative. Throws INVALID_INPUT when `value`
 * is not an environment or what it says cannot be a mock (a bad port, status or regex).
 */
export function importMockoon(
  value: unknown,
  { fileName, root }: { fileName: string; root?: string },
): MockoonImportResult {
  const environment = mockoonEnvironmentOf(value);
  if (environment === null) {
    throw new AppError('INVALID_INPUT', `${fileName}: not a Mockoon environment (no routes with endpoints)`, {
      file: fileName,
    });
  }
  const warnings: string[] = [];
  const globalHeaders = headersOf(environment.headers);
  const data = bucketsOf(environment.data, warnings);
  const bucketIds = new Set(data.flatMap((bucket) => (bucket.id === undefined ? [] : [bucket.id])));
  const routes: MockRoute[] = [];
  (environment.routes as unknown[]).forEach((route, index) => {
    if (!isObject(route)) return;
    const method = typeof route.method === 'string' && route.method !== '' ? `${route.method.toUpperCase()} ` : '';
    const where = `routes[${index}] ${method}/${String(route.endpoint ?? '')}`;
    const type = route.type ?? 'http';
    if (type !== 'http' && type !== 'crud') {
      warnings.push(`${where}: ${String(type)} routes are not supported; left out`);
      return;
    }
    const converted = routeOf(route, globalHeaders, where, { root, bucketIds }, warnings);
    if (converted) routes.push(converted);
  });
  // Mockoon's CORS option answers every preflight 200 with its CORS headers and the environment's, after the
  // routes (a route of the environment that takes OPTIONS answers first); other responses get only their headers
  if (environment.cors === true) routes.push(preflightRoute(globalHeaders, warnings));
  const proxy = proxyOf(environment, warnings);
  const tls = isObject(environment.tlsOptions) && environment.tlsOptions.enabled === true;
  if (tls) warnings.push("HTTPS uses a certificate made for localhost, not the environment's own");
  const prefix =
    typeof environment.endpointPrefix === 'string' ? environment.endpointPrefix.replace(/^\/+|\/+$/g, '') : '';
  const raw: Json = {
    name: typeof environment.name === 'string' && environment.name !== '' ? environment.name : 'Mockoon mock',
    port: environment.port ?? 3000,
    ...(typeof environment.hostname === 'string' && environment.hostname !== '' ? { host: environment.hostname } : {}),
    ...(prefix !== '' ? { prefix: `/${prefix}` } : {}),
    // Express, under Mockoon, matches paths whatever their case
    caseSensitive: false,
    ...(typeof environment.latency === 'number' && environment.latency > 0 ? { latency: environment.latency } : {}),
    routes,
    ...(proxy ? { proxy } : {}),
    ...(tls ? { https: true } : {}),
    ...(data.length > 0 ? { data } : {}),
  };
  const parsed = MockDefinitionSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('INVALID_INPUT', `${fileName}: ${formatPath(issue.path)}: ${issue.message}`, { file: fileName });
  }
  return { definition: parsed.data, warnings };
}

/** Mockoon's data buckets: name, short id and text (a template); the uuid, volatile, is left out. */
function bucketsOf(value: unknown, warnings: string[]): { name: string; id?: string; value: string }[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).flatMap((bucket, index) => {
    const name = typeof bucket.name === 'string' && bucket.name !== '' ? bucket.name : `bucket ${index + 1}`;
    const text = typeof bucket.value === 'string' ? bucket.value : '';
    const id = typeof bucket.id === 'string' && bucket.id !== '' ? { id: bucket.id } : {};
    if (text.includes('{{')) {
      return [{ name, ...id, value: checkTemplate(text, `data bucket "${name}"`, warnings) }];
    }
    return [{ name, ...id, value: text }];
  });
}

/** Mockoon's proxy mode: what no route answers goes to `proxyHost`, with `proxyReqHeaders` set on the way. */
function proxyOf(environment: Json, warnings: string[]): Json | null {
  if (environment.proxyMode !== true) return null;
  if (typeof environment.proxyHost !== 'string' || environment.proxyHost === '') {
    warnings.push('proxy mode is on without a proxy host; not imported');
    return null;
  }
  const headers = headersOf(environment.proxyReqHeaders);
  if (Object.keys(headersOf(environment.proxyResHeaders)).length > 0) {
    warnings.push('headers added to proxied responses are not imported');
  }
  return {
    target: environment.proxyHost.replace(/\/+$/, ''),
    ...(environment.proxyRemovePrefix === true ? { removePrefix: true } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
  };
}

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS',
  'access-control-allow-headers': 'Content-Type, Origin, Accept, Authorization, Content-Length, X-Requested-With',
};

function preflightRoute(globalHeaders: Record<string, string>, warnings: string[]): MockRoute {
  const headers = withCharset({ ...CORS_HEADERS, ...globalHeaders });
  for (const [name, value] of Object.entries(headers)) {
    headers[name] = checkTemplate(value, `CORS preflight header ${name}`, warnings);
  }
  return { method: 'OPTIONS', path: '/*', responses: [{ headers }] };
}

/** Mockoon (Express) adds the charset to a text content type; the mock sends the header as written. */
function withCharset(headers: Record<string, string>): Record<string, string> {
  const type = headers['content-type'];
  if (
    type !== undefined &&
    /^(text\/|application\/(.+\+)?(json|xml|javascript)\b)/i.test(type) &&
    !/charset=/i.test(type)
  ) {
    return { ...headers, 'content-type': `${type}; charset=utf-8` };
  }
  return headers;
}

/** Header names (lower case) a Mockoon header list gives more than once. */
function repeatedNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names = value.flatMap((header) =>
    isObject(header) && typeof header.key === 'string' && header.key !== '' ? [header.key.toLowerCase()] : [],
  );
  return [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
}

function headersOf(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!Array.isArray(value)) return headers;
  for (const header of value) {
    if (isObject(header) && typeof header.key === 'string' && header.key !== '') {
      headers[header.key.toLowerCase()] = String(header.value ?? '');
    }
  }
  return headers;
}

function routeOf(
  route: Json,
  globalHeaders: Record<string, string>,
  where: string,
  context: ResponseContext,
  warnings: string[],
): MockRoute | null {
  const method = typeof route.method === 'string' ? route.method.toUpperCase() : '';
  const responses = Array.isArray(route.responses) ? route.responses.filter(isObject) : [];
  if (responses.length === 0) {
    warnings.push(`${where}: no responses; left out`);
    return null;
  }
  let mode: MockRoute['responseMode'];
  let rulesOn = true;
  if (route.responseMode === 'RANDOM' || route.randomResponse === true) mode = 'random';
  else if (route.responseMode === 'SEQUENTIAL' || route.sequentialResponse === true) mode = 'sequential';
  else if (route.responseMode === 'DISABLE_RULES') rulesOn = false;
  else if (route.responseMode === 'FALLBACK') {
    warnings.push(`${where}: the FALLBACK mode (on to the next route) is not supported; the default response answers`);
  }
  const converted = responses.map((response, index) =>
    responseOf(response, globalHeaders, rulesOn, `${where} response ${index + 1}`, context, warnings),
  );
  if (route.type === 'crud' && !converted.some((response) => response.dataBucket !== undefined)) {
    warnings.push(`${where}: the CRUD route names no data bucket; its responses answer as written`);
  }
  // a CRUD route finds items by the first response's key, as Mockoon's
  const crudKey = typeof responses[0]?.crudKey === 'string' ? responses[0].crudKey : 'id';
  return {
    method: method === 'ALL' || method === '' ? '*' : method,
    path: `/${String(route.endpoint ?? '').replace(/^\/+/, '')}`,
    ...(route.type === 'crud' ? { crud: true, ...(crudKey !== 'id' && crudKey !== '' ? { crudKey } : {}) } : {}),
    responses: converted,
    ...(mode ? { responseMode: mode } : {}),
  };
}

interface ResponseContext {
  /** The environment file's folder. */
  root: string | undefined;
  /** The ids of the environment's data buckets. */
  bucketIds: ReadonlySet<string>;
}

function responseOf(
  response: Json,
  globalHeaders: Record<string, string>,
  rulesOn: boolean,
  where: string,
  { root, bucketIds }: ResponseContext,
  warnings: string[],
): MockRouteResponse {
  const templating = response.disableTemplating !== true;
  const text = (value: string, field: string) =>
    templating ? checkTemplate(value, `${where} ${field}`, warnings) : escape(value);
  const out: MockRouteResponse = {};
  if (typeof response.statusCode === 'number' && response.statusCode !== 200) out.status = response.statusCode;
  if (response.default === true) out.default = true;
  const own = headersOf(response.headers);
  for (const name of repeatedNames(response.headers)) {
    // Mockoon sends each Set-Cookie; a mock's header has one value
    warnings.push(`${where}: the header ${name} is given more than once; only the last is sent`);
  }
  let headers = { ...globalHeaders, ...own };
  const bodyType = response.bodyType ?? 'INLINE';
  const filePath = bodyType === 'FILE' && typeof response.filePath === 'string' ? response.filePath : '';
  const bodyFile = filePath === '' ? null : bodyFileOf(filePath, root);
  if (bodyFile !== null && own['content-type'] === undefined && knownType(filePath)) {
    // Mockoon sends a file with its own type unless the response (not the environment) names one
    delete headers['content-type'];
  }
  if (bodyFile !== null && response.sendFileAsBody !== true) {
    headers['content-disposition'] = `attachment; filename="${encodeURIComponent(basename(filePath))}"`;
  }
  if (out.status === 204 || out.status === 304) {
    // Express drops the content headers of a response that has no body
    delete headers['content-type'];
  }
  headers = withCharset(headers);
  if (Object.keys(headers).length > 0) {
    out.headers = Object.fromEntries(
      // Mockoon templates headers even when the response's templating is off
      Object.entries(headers).map(([name, value]) => [name, checkTemplate(value, `${where} header ${name}`, warnings)]),
    );
  }
  if (typeof response.latency === 'number' && response.latency > 0) out.latency = response.latency;
  if (bodyFile !== null) {
    out.bodyFile = bodyFile;
    if (!templating) out.templating = false;
  } else if (filePath !== '') {
    warnings.push(`${where}: the body file ${filePath} is outside the environment's folder; refused, no body`);
  } else if (bodyType === 'DATABUCKET') {
    const id = typeof response.databucketID === 'string' ? response.databucketID : '';
    if (bucketIds.has(id)) out.dataBucket = id;
    else warnings.push(`${where}: the data bucket "${id}" does not exist; no body`);
  } else if (typeof response.body === 'string' && response.body !== '') {
    out.body = text(response.body, 'body');
  }
  if (rulesOn && Array.isArray(response.rules)) {
    const rules = response.rules.filter(isObject).flatMap((rule) => ruleOf(rule, where, warnings));
    if (rules.length > 0) {
      out.rules = rules;
      if (response.rulesOperator === 'OR') out.rulesOperator = 'OR';
    }
  }
  if (response.fallbackTo404 === true) warnings.push(`${where}: "fallback to 404" is not supported`);
  if (Array.isArray(response.callbacks) && response.callbacks.length > 0)
    warnings.push(`${where}: callbacks are not imported`);
  return out;
}

/** Whether the mock server knows the type of a file by its extension (a templated extension: no). */
function knownType(file: string): boolean {
  return !extname(file).includes('{') && contentTypeOf(file) !== 'application/octet-stream';
}

/** A body file as a path inside the mock's folder (Mockoon's paths are relative to the environment file). */
function bodyFileOf(filePath: string, root: string | undefined): string | null {
  let file = filePath;
  if (isAbsolute(file)) {
    if (root === undefined) return null;
    file = relative(root, file);
  }
  file = posix.normalize(file.replace(/\\/g, '/'));
  if (file.startsWith('../') || file === '..' || isAbsolute(file) || /^[A-Za-z]:/.test(file)) return null;
  return file;
}

/** The template when it compiles here; else the text served as written, with a warning naming the problem. */
function checkTemplate(source: string, where: string, warnings: string[]): string {
  if (!source.includes('{{')) return source;
  try {
    // compiled only to learn whether it can be: rendering happens in the server, against the mock's folder
    compileTemplate(source, { root: resolve('.'), name: where });
    return source;
  } catch (error) {
    const message = (error as Error).message;
    const helper = /unknown helper "([^"]+)"/.exec(message)?.[1];
    warnings.push(
      helper
        ? `${where}: the helper "${helper}" is not supported; the template is served as written`
        : `${where}: the template does not compile (${message}); it is served as written`,
    );
    return escape(source);
  }
}

/** Text that stays text: `{{` escaped for Handlebars. */
function escape(source: string): string {
  return source.replaceAll('{{', '\\{{');
}

const TARGETS: Record<string, MockRule['target']> = {
  header: 'header',
  query: 'query',
  params: 'param',
  cookie: 'cookie',
  body: 'body',
  data_bucket: 'data',
};

/**
 * Where a rule looks: a body path, a bucket and a path in it (Mockoon's `data_bucket` modifier is `<id or
 * name>.<path>`), or a name.
 */
function placeOf(
  target: MockRule['target'],
  path: string,
  name: string | null,
): Pick<MockRule, 'target' | 'name' | 'path'> {
  if (name !== null) return { target, name };
  if (target === 'body') return { target, ...(path !== '' ? { path } : {}) };
  const [bucket = '', ...rest] = path.split('.');
  return { target, name: bucket, ...(rest.length > 0 ? { path: rest.join('.') } : {}) };
}

/** A Mockoon rule as ours; none (with a warning) when ours cannot say the same. */
function ruleOf(rule: Json, where: string, warnings: string[]): MockRule[] {
  if (rule.enabled === false) return [];
  const target = TARGETS[String(rule.target)];
  const modifier = typeof rule.modifier === 'string' ? rule.modifier : '';
  const value = rule.value === undefined || rule.value === null ? '' : String(rule.value);
  const operator = String(rule.operator ?? 'equals');
  const skip = (why: string) => {
    warnings.push(
      `${where}: a rule on ${String(rule.target)} (${operator}${rule.invert === true ? ', inverted' : ''}) ${why}; left out`,
    );
    return [];
  };
  if (target === undefined) return skip('has no counterpart here');
  if (target !== 'body' && modifier === '') return skip('names no field');
  const pathLike = target === 'body' || target === 'data';
  if (pathLike && modifier.startsWith('$') && /[*?@[\]]/.test(modifier.slice(1).replace(/\[\d+\]/g, ''))) {
    return skip('uses a JSONPath filter');
  }
  const place = placeOf(target, modifier.replace(/^\$\.?/, ''), pathLike ? null : modifier);
  if (place.name === '') return skip('names no data bucket');
  // Mockoon's invert turns the whole rule over, an absent value included
  const not = rule.invert === true ? { not: true } : {};
  switch (operator) {
    case 'equals':
      return [{ ...place, ...not, op: 'equals', value }];
    case 'regex':
    case 'regex_i': {
      const pattern = operator === 'regex_i' ? caseInsensitive(value) : value;
      try {
        new RegExp(pattern);
      } catch {
        return skip(`has a regex JavaScript cannot read (${value})`);
      }
      return [{ ...place, ...not, op: 'regex', value: pattern }];
    }
    case 'null':
      // Mockoon's null: absent, JSON null or empty text
      return [{ ...place, ...not, op: 'blank' }];
    case 'empty_array':
      return [{ ...place, ...not, op: 'emptyArray' }];
    case 'array_includes':
      return [{ ...place, ...not, op: 'includes', value }];
    default:
      return skip('is not supported');
  }
}
