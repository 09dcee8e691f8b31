/**
 * An OpenAPI 3.0/3.1 or Swagger 2 document (JSON or YAML) → a collection: a request per operation, in a folder
 * per first tag, URLs as `{{baseUrl}}/users/:id` with the first server in `baseUrl`, path/query/header
 * parameters filled with their examples, and example bodies (the spec's example, else one made from the schema
 * by the mock server's sampler). The document is validated and dereferenced by @readme/openapi-parser, reading
 * only `#/…` references (an import never reads other files or the network).
 */
import { compileErrors, dereference, validate } from '@readme/openapi-parser';
import { AppError } from '../../../../shared/errors';
import type { HttpRequestFile, KeyValue, RequestBody, Variable } from '../../../../shared/http-request';
import { parseSpecText, specVersionOf } from '../../mock/openapi/import-openapi';
import { isObject, type SpecVersion } from '../../mock/openapi/json-schema';
import { createSchemaSampler, type SchemaSampler } from '../../mock/openapi/sample-schema';
import { ImportedCollectionSchema, type ImportedCollection, type ImportedItem } from './imported-collection';
import { SecurityMapper } from './openapi-auth';
import type { ImportResult } from './postman-import';

type Json = Record<string, unknown>;
const OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const LOCAL_ONLY = { external: false, file: false };

export async function importOpenApiCollection(
  text: string,
  fileName: string,
): Promise<ImportResult<ImportedCollection>> {
  const raw = parseSpecText(text, fileName);
  const version = specVersionOf(raw);
  if (version === null) {
    throw new AppError(
      'INVALID_INPUT',
      `${fileName}: not an OpenAPI document (no "openapi: 3.x" or "swagger: 2.0" at the top)`,
    );
  }
  const result = await validate(structuredClone(raw) as never, { resolve: LOCAL_ONLY });
  if (!result.valid) {
    const problems = compileErrors(result)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(1, 4);
    throw new AppError('INVALID_INPUT', `${fileName}: not a valid OpenAPI ${version} document: ${problems.join('; ')}`);
  }
  let document: Json;
  try {
    document = (await dereference(structuredClone(raw) as never, {
      resolve: LOCAL_ONLY,
      dereference: { circular: true },
    })) as never;
  } catch (error) {
    throw new AppError('INVALID_INPUT', `${fileName}: a $ref cannot be resolved (${(error as Error).message})`);
  }
  return buildCollection(document, version);
}

function buildCollection(document: Json, version: SpecVersion): ImportResult<ImportedCollection> {
  const warnings: string[] = [];
  const sampler = createSchemaSampler(version);
  const components = isObject(document.components) ? document.components : {};
  const schemes = version === '2.0' ? document.securityDefinitions : components.securitySchemes;
  const security = new SecurityMapper(isObject(schemes) ? schemes : {}, warnings);
  const collectionAuth = security.authOf(document.security, 'the document');
  const info = isObject(document.info) ? document.info : {};
  const root: ImportedItem[] = [];
  const folders = new Map<string, ImportedItem[]>();
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [template, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue;
    for (const method of OPERATIONS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const where = `${method.toUpperCase()} ${template}`;
      const request = requestOf({ document, version, template, pathItem, method, operation, sampler, where, warnings });
      const auth = security.authOf(operation.security, where);
      if (auth) request.auth = auth;
      const tag = Array.isArray(operation.tags) && typeof operation.tags[0] === 'string' ? operation.tags[0] : null;
      const siblings = tag === null ? root : (folders.get(tag) ?? folders.set(tag, []).get(tag)!);
      request.order = siblings.length;
      siblings.push({ kind: 'request', request });
    }
  }
  const folderItems: ImportedItem[] = [...folders].map(([name, items], index) => ({
    kind: 'folder',
    name,
    settings: { order: index },
    items,
  }));
  for (const item of root)
    if (item.kind === 'request') item.request.order = folderItems.length + (item.request.order ?? 0);
  const variables: Variable[] = [
    { name: 'baseUrl', value: baseUrlOf(document, version) },
    ...security.variables.values(),
  ];
  const docs = typeof info.description === 'string' && info.description !== '' ? info.description : undefined;
  const collection: ImportedCollection = {
    settings: {
      name: typeof info.title === 'string' && info.title.trim() !== '' ? info.title.trim() : 'OpenAPI import',
      variables,
      ...(collectionAuth ? { auth: collectionAuth } : {}),
      ...(docs ? { docs } : {}),
    },
    items: [...folderItems, ...root],
    environments: [],
  };
  return { value: ImportedCollectionSchema.parse(collection), warnings };
}

function baseUrlOf(document: Json, version: SpecVersion): string {
  if (version === '2.0') {
    if (typeof document.host !== 'string')
      return typeof document.basePath === 'string' ? document.basePath.replace(/\/$/, '') : '';
    const scheme =
      Array.isArray(document.schemes) && typeof document.schemes[0] === 'string' ? document.schemes[0] : 'https';
    const basePath = typeof document.basePath === 'string' ? document.basePath : '';
    return `${scheme}://${document.host}${basePath}`.replace(/\/$/, '');
  }
  const server = Array.isArray(document.servers) && isObject(document.servers[0]) ? document.servers[0] : {};
  const variables = isObject(server.variables) ? server.variables : {};
  const url = typeof server.url === 'string' ? server.url : '';
  return url
    .replace(/\{([^}]+)\}/g, (_, name: string) => {
      const variable = variables[name];
      return isObject(variable) && variable.default !== undefined ? String(variable.default) : '';
    })
    .replace(/\/$/, '');
}

interface OperationContext {
  document: Json;
  version: SpecVersion;
  template: string;
  pathItem: Json;
  method: string;
  operation: Json;
  sampler: SchemaSampler;
  where: string;
  warnings: string[];
}

function requestOf(context: OperationContext): HttpRequestFile {
  const { template, pathItem, method, operation, where } = context;
  // operation parameters override path-level ones of the same name and place
  const parameters = new Map<string, Json>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const parameter of list)
      if (isObject(parameter)) parameters.set(`${String(parameter.in)}:${String(parameter.name)}`, parameter);
  }
  const pathParams: KeyValue[] = [];
  const query: string[] = [];
  const headers: KeyValue[] = [];
  for (const parameter of parameters.values()) {
    const name = String(parameter.name);
    const value = exampleText(parameterExample(parameter, context));
    if (parameter.in === 'path') pathParams.push({ name, value });
    else if (parameter.in === 'header')
      headers.push({ name, value, ...(parameter.required ? {} : { enabled: false }) });
    else if (
      parameter.in === 'query' &&
      (parameter.required || parameter.example !== undefined || hasSchemaExample(parameter))
    ) {
      query.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
    }
  }
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => `:${name}`);
  const body = bodyOf(context, [...parameters.values()]);
  const summary = typeof operation.summary === 'string' ? operation.summary.trim() : '';
  const operationId = typeof operation.operationId === 'string' ? operation.operationId : '';
  const description = typeof operation.description === 'string' ? operation.description : '';
  return {
    name: (summary || operationId || where).slice(0, 200),
    method: method.toUpperCase(),
    url: `{{baseUrl}}${path.startsWith('/') ? path : `/${path}`}${query.length > 0 ? `?${query.join('&')}` : ''}`,
    ...(pathParams.length > 0 ? { pathParams } : {}),
    ...(headers.length > 0 ? { headers } : {}),
    ...(body ? { body } : {}),
    ...(description ? { docs: description } : {}),
  };
}

const hasSchemaExample = (parameter: Json) =>
  (isObject(parameter.schema) && (parameter.schema.example !== undefined || parameter.schema.default !== undefined)) ||
  parameter.default !== undefined;

function parameterExample(parameter: Json, { sampler }: OperationContext): unknown {
  if (parameter.example !== undefined) return parameter.example;
  if (isObject(parameter.examples)) {
    const first = Object.values(parameter.examples)[0];
    if (isObject(first) && first.value !== undefined) return first.value;
  }
  // Swagger 2 puts the schema on the parameter itself
  const schema = isObject(parameter.schema) ? parameter.schema : parameter;
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  return sampler.sample(schema).value;
}

function exampleText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(exampleText).join(',');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The body from a media type object (3.x) or a Swagger 2 body/formData parameter set. */
function bodyOf(context: OperationContext, parameters: Json[]): RequestBody | undefined {
  const { operation, version, warnings, where } = context;
  let content: Json = {};
  if (version === '2.0') {
    const consumes = (Array.isArray(operation.consumes) ? operation.consumes : context.document.consumes) as unknown;
    const types = Array.isArray(consumes) ? consumes.map(String) : ['application/json'];
    const bodyParameter = parameters.find((parameter) => parameter.in === 'body');
    const formFields = parameters.filter((parameter) => parameter.in === 'formData');
    if (bodyParameter) {
      content = {
        [types.find((type) => type.includes('json')) ?? types[0] ?? 'application/json']: {
          schema: bodyParameter.schema,
          example: bodyParameter['x-example'],
        },
      };
    } else if (formFields.length > 0) {
      const multipart = formFields.some((field) => field.type === 'file') || types.includes('multipart/form-data');
      const properties = Object.fromEntries(formFields.map((field) => [String(field.name), field]));
      content = {
        [multipart ? 'multipart/form-data' : 'application/x-www-form-urlencoded']: {
          schema: { type: 'object', properties },
        },
      };
    }
  } else if (isObject(operation.requestBody) && isObject(operation.requestBody.content)) {
    content = operation.requestBody.content;
  }
  const types = Object.keys(content);
  if (types.length === 0) return undefined;
  const pick =
    types.find((type) => /json/i.test(type)) ??
    types.find((type) => type === 'application/x-www-form-urlencoded') ??
    types.find((type) => type === 'multipart/form-data') ??
    types.find((type) => /xml/i.test(type)) ??
    types.find((type) => type.startsWith('text/')) ??
    types[0]!;
  const media = isObject(content[pick]) ? content[pick] : {};
  const schema = isObject(media.schema) ? media.schema : {};
  const example = mediaExample(media, schema, context);
  if (/json/i.test(pick)) return { type: 'json', text: JSON.stringify(example ?? {}, null, 2) };
  if (pick === 'application/x-www-form-urlencoded' || pick === 'multipart/form-data') {
    const fields = isObject(example) ? Object.entries(example) : [];
    const properties = isObject(schema.properties) ? schema.properties : {};
    if (pick === 'application/x-www-form-urlencoded') {
      return { type: 'form', fields: fields.map(([name, value]) => ({ name, value: exampleText(value) })) };
    }
    return {
      type: 'multipart',
      parts: fields.map(([name, value]) => {
        const property = isObject(properties[name]) ? properties[name] : {};
        // a file field gets a placeholder path the user replaces
        const isFile =
          property.type === 'file' || property.format === 'binary' || property.contentMediaType !== undefined;
        return isFile ? { name, file: `./${name}` } : { name, value: exampleText(value) };
      }),
    };
  }
  if (/xml/i.test(pick)) return { type: 'xml', text: typeof example === 'string' ? example : '' };
  if (pick.startsWith('text/')) return { type: 'text', text: exampleText(example) };
  warnings.push(`${where}: a ${pick} body cannot be made from the spec; choose a file to send`);
  return undefined;
}

function mediaExample(media: Json, schema: Json, { sampler }: OperationContext): unknown {
  if (media.example !== undefined) return media.example;
  if (isObject(media.examples)) {
    const first = Object.values(media.examples)[0];
    if (isObject(first) && first.value !== undefined) return first.value;
  }
  if (schema.example !== undefined) return schema.example;
  return sampler.sample(schema).value;
}
