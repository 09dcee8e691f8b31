/**
 * An OpenAPI 3.0 / 3.1 or Swagger 2 document (JSON or YAML) as a mock (issue 7): validated and dereferenced by
 * @readme/openapi-parser, one route per operation (`/users/{id}` → `/users/:id`), the servers' (or
 * `basePath`'s) path as the prefix, one response per documented status with the 2xx one first. Bodies are the
 * spec's examples, else made from the response schema (sample-schema.ts). Any other status is served when the
 * request asks for it with `Prefer: code=404` (as Prism does).
 */
import { dereference, validate } from '@readme/openapi-parser';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../../../shared/errors';
import type { MockDefinition, MockRoute, MockRouteResponse } from '../../../../shared/mock-definition';
import { isObject, type SpecVersion } from './json-schema';
import { requestRules, withValidation } from './request-validation';
import { createSchemaSampler, type SchemaSampler } from './sample-schema';

export interface ImportResult {
  definition: MockDefinition;
  /** What could not be carried over exactly (a body that does not meet its schema, a skipped operation…). */
  warnings: string[];
}

const OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const DEFAULT_PORT = 3000;
/** Only `#/…` pointers are followed: importing a document never reads another file or the network. */
const LOCAL_ONLY = { external: false, file: false };

/** On a media type object: its example is a Backbench template (exportOpenApi writes it), not literal text. */
export const TEMPLATE_MARK = 'x-backbench-template';

/** Parses JSON or YAML text into a value; INVALID_INPUT naming the file when it is neither. */
export function parseSpecText(text: string, fileName: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new AppError('INVALID_INPUT', `${fileName}: not JSON or YAML (${(error as Error).message.split('\n')[0]})`, {
      file: fileName,
    });
  }
}

/** The spec's version when `document` is an OpenAPI or Swagger document, else null. */
export function specVersionOf(document: unknown): SpecVersion | null {
  if (!isObject(document)) return null;
  if (typeof document.swagger === 'string' && document.swagger.startsWith('2.')) return '2.0';
  if (typeof document.openapi === 'string' && document.openapi.startsWith('3.1')) return '3.1';
  if (typeof document.openapi === 'string' && document.openapi.startsWith('3.')) return '3.0';
  return null;
}

/**
 * One validation error as one line: its message without the rule's keyword ("REQUIRED …"), and the spec's line it
 * marks. The code frame itself numbers lines of the spec re-printed as JSON, which are not the file's lines.
 */
function problemLine(message: string): string {
  const [first = '', ...frame] = message.split('\n');
  const text = first.replace(/^[A-Z_]+ /, '').trim();
  const marked = frame.find((line) => line.trimStart().startsWith('>'));
  const at = marked
    ?.replace(/^\s*>\s*\d+\s*\|/, '')
    .trim()
    .replace(/,$/, '');
  return at && at !== '{' && at !== '[' ? `${text} (at ${at})` : text;
}

/**
 * A mock from an OpenAPI or Swagger document given as text (`fileName` names it in messages). Throws
 * INVALID_INPUT naming the file and the spec's first problems when it does not validate.
 */
export async function importOpenApi({
  text,
  fileName,
  validateRequests = false,
}: {
  text: string;
  fileName: string;
  /** Answer 400 to a request without its required body (or one not matching its schema), query values or headers. */
  validateRequests?: boolean;
}): Promise<ImportResult> {
  const raw = parseSpecText(text, fileName);
  const version = specVersionOf(raw);
  if (version === null) {
    throw new AppError(
      'INVALID_INPUT',
      `${fileName}: not an OpenAPI document (no "openapi: 3.x" or "swagger: 2.0" at the top)`,
      { file: fileName },
    );
  }
  const result = await validate(structuredClone(raw) as never, { resolve: LOCAL_ONLY });
  if (!result.valid) {
    const problems = result.errors.slice(0, 3).map((error) => problemLine(error.message));
    throw new AppError(
      'INVALID_INPUT',
      `${fileName}: not a valid ${specName(version)} document: ${problems.join('; ')}`,
      {
        file: fileName,
      },
    );
  }
  let document: Record<string, unknown>;
  try {
    document = (await dereference(structuredClone(raw) as never, {
      resolve: LOCAL_ONLY,
      dereference: { circular: true },
    })) as never;
  } catch (error) {
    throw new AppError('INVALID_INPUT', `${fileName}: a $ref cannot be resolved (${(error as Error).message})`, {
      file: fileName,
    });
  }
  const imported = buildMock(document, version, validateRequests);
  const external = externalRefs(document);
  if (external.length > 0) {
    imported.warnings.push(`$refs to other files or URLs are not followed (${external.slice(0, 3).join(', ')})`);
  }
  return imported;
}

/** The `$ref`s left in a dereferenced document (external ones), each once. */
function externalRefs(document: unknown): string[] {
  const found = new Set<string>();
  const seen = new Set<object>();
  const visit = (value: unknown) => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (!Array.isArray(value) && typeof (value as { $ref?: unknown }).$ref === 'string') {
      found.add((value as { $ref: string }).$ref);
    }
    for (const item of Object.values(value)) visit(item);
  };
  visit(document);
  return [...found];
}

function specName(version: SpecVersion): string {
  return version === '2.0' ? 'Swagger 2.0' : `OpenAPI ${version}`;
}

function buildMock(document: Record<string, unknown>, version: SpecVersion, validateRequests: boolean): ImportResult {
  const warnings: string[] = [];
  const sampler = createSchemaSampler(version);
  const info = isObject(document.info) ? document.info : {};
  const server = serverOf(document, version);
  const routes: MockRoute[] = [];
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [template, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of OPERATIONS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const where = `${method.toUpperCase()} ${template}`;
      let responses = responsesOf(operation, document, version, sampler, where, warnings);
      if (validateRequests)
        responses = withValidation(responses, requestRules(operation, item, version, where, warnings));
      routes.push({ method: method.toUpperCase(), path: toRoutePath(template), responses });
    }
  }
  const definition: MockDefinition = {
    name: typeof info.title === 'string' && info.title.trim() !== '' ? info.title : 'OpenAPI mock',
    port: server.port ?? DEFAULT_PORT,
    ...(server.prefix ? { prefix: server.prefix } : {}),
    routes,
  };
  return { definition, warnings };
}

/** `/users/{id}/files/{file-name}` → `/users/:id/files/:file_name` (find-my-way names are word characters). */
export function toRoutePath(template: string): string {
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => `:${name.replace(/\W/g, '_')}`);
  return path.startsWith('/') ? path : `/${path}`;
}

function serverOf(document: Record<string, unknown>, version: SpecVersion): { prefix?: string; port?: number } {
  let url: string | undefined;
  if (version === '2.0') {
    url = typeof document.basePath === 'string' ? document.basePath : undefined;
  } else if (Array.isArray(document.servers) && isObject(document.servers[0])) {
    const server = document.servers[0];
    url = typeof server.url === 'string' ? server.url : undefined;
    const variables = isObject(server.variables) ? server.variables : {};
    url = url?.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const variable = variables[name];
      return isObject(variable) && typeof variable.default === 'string' ? variable.default : '';
    });
  }
  if (!url) return {};
  let pathname = url;
  let port: number | undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    try {
      const parsed = new URL(url);
      pathname = parsed.pathname;
      if (parsed.port && /^(localhost|127\.0\.0\.1)$/.test(parsed.hostname)) port = Number(parsed.port);
    } catch {
      return {};
    }
  }
  const prefix = decodeURI(pathname).replace(/\/+$/, '');
  return { ...(prefix.startsWith('/') && prefix.length > 1 ? { prefix } : {}), ...(port ? { port } : {}) };
}

function responsesOf(
  operation: Record<string, unknown>,
  document: Record<string, unknown>,
  version: SpecVersion,
  sampler: SchemaSampler,
  where: string,
  warnings: string[],
): MockRouteResponse[] {
  const documented = isObject(operation.responses) ? Object.entries(operation.responses) : [];
  const produces = version === '2.0' ? mediaTypesOf(operation.produces ?? document.produces) : [];
  const entries = documented
    .filter(([, response]) => isObject(response))
    .map(([code, response]) => ({
      status: statusOf(code, documented.length),
      response: response as Record<string, unknown>,
    }))
    .sort((a, b) => rank(a.status) - rank(b.status));
  if (entries.length === 0) {
    warnings.push(`${where}: no responses documented; answers 200 without a body`);
    return [{ status: 200 }];
  }
  return entries.map(({ status, response }, index) => {
    const out: MockRouteResponse = { status };
    const body = version === '2.0' ? body2(response, produces, sampler) : body3(response, sampler);
    const headers: Record<string, string> = {};
    if (body) {
      headers['content-type'] = body.mediaType;
      out.body = body.value;
      if (body.problem) warnings.push(`${where} ${status}: the body made does not meet the schema (${body.problem})`);
    }
    for (const [name, header] of Object.entries(isObject(response.headers) ? response.headers : {})) {
      if (!isObject(header) || name.toLowerCase() === 'content-type') continue;
      const schema = version === '2.0' ? header : header.schema;
      const value = header.example !== undefined ? header.example : sampler.sample(schema).value;
      headers[name.toLowerCase()] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    if (Object.keys(headers).length > 0) out.headers = headers;
    // the first (2xx) response answers by default; the others when the request asks for their status
    if (index > 0)
      out.rules = [{ target: 'header', name: 'prefer', op: 'regex', value: `(^|[,;\\s])code=${status}\\b` }];
    return out;
  });
}

/** `2XX` → 200; `default` → 500, or 200 when it is the only response. */
function statusOf(code: string, count: number): number {
  if (/^[1-5]\d\d$/.test(code)) return Number(code);
  if (/^[1-5]XX$/i.test(code)) return Number(code[0]) * 100;
  return count === 1 ? 200 : 500;
}

/** 2xx first, then by status. */
function rank(status: number): number {
  return status >= 200 && status < 300 ? status - 1000 : status;
}

function mediaTypesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((type): type is string => typeof type === 'string') : [];
}

function isJson(mediaType: string): boolean {
  return /^application\/(.+\+)?json\b/i.test(mediaType) || mediaType === '*/*';
}

interface ChosenBody {
  mediaType: string;
  value: unknown;
  problem: string | null;
}

/** The body of an OpenAPI 3 response: a JSON media type preferred; its example, first example, or a sample. */
function body3(response: Record<string, unknown>, sampler: SchemaSampler): ChosenBody | null {
  const content = isObject(response.content) ? Object.entries(response.content) : [];
  const chosen = content.find(([type]) => isJson(type)) ?? content[0];
  if (!chosen || !isObject(chosen[1])) return null;
  const [type, media] = chosen;
  const mediaType = type === '*/*' ? 'application/json' : type;
  if (media.example !== undefined) {
    const template = media[TEMPLATE_MARK] === true && typeof media.example === 'string';
    return { mediaType, value: template ? media.example : bodyValue(media.example, mediaType), problem: null };
  }
  if (isObject(media.examples)) {
    const first = Object.values(media.examples).find((example) => isObject(example) && example.value !== undefined);
    if (isObject(first)) return { mediaType, value: bodyValue(first.value, mediaType), problem: null };
  }
  if (media.schema === undefined) return null;
  const sample = sampler.sample(media.schema);
  return { mediaType, value: bodyValue(sample.value, mediaType), problem: sample.problem };
}

/** The body of a Swagger 2 response: `examples` by media type, else a sample of `schema`. */
function body2(response: Record<string, unknown>, produces: string[], sampler: SchemaSampler): ChosenBody | null {
  const examples = isObject(response.examples) ? Object.entries(response.examples) : [];
  const example = examples.find(([type]) => isJson(type)) ?? examples[0];
  if (example) return { mediaType: example[0], value: bodyValue(example[1], example[0]), problem: null };
  if (response.schema === undefined) return null;
  const mediaType = produces.find(isJson) ?? produces[0] ?? 'application/json';
  const sample = sampler.sample(response.schema);
  return { mediaType, value: bodyValue(sample.value, mediaType), problem: sample.problem };
}

/**
 * JSON media types keep the value (the mock sends it as JSON); others send text. Text bodies are templates in a
 * mock, so a `{{` of the spec's is escaped to stay as written.
 */
function bodyValue(value: unknown, mediaType: string): unknown {
  if (isJson(mediaType) && typeof value !== 'string') return value;
  const text = isJson(mediaType) || typeof value !== 'string' ? JSON.stringify(value) : value;
  return text.replaceAll('{{', '\\{{');
}
