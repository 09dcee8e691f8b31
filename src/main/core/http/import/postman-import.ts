/**
 * Postman Collection v2.0/v2.1 JSON → an ImportedCollection, and a Postman environment → an EnvironmentFile.
 * URLs are split and joined by postman-collection's own Url (so `{{vars}}`, `:params` and odd hosts read as
 * Postman reads them). Scripts are kept as written (the sandbox runs `pm.*`); disabled rows stay, marked
 * `enabled: false`. What has no Backbench counterpart is left out and named in `warnings`.
 */
/// <reference types="postman-collection/types" />
import postmanCollection from 'postman-collection';
import { AppError } from '../../../../shared/errors';
import {
  EnvironmentFileSchema,
  type Auth,
  type EnvironmentFile,
  type HttpRequestFile,
  type KeyValue,
  type MultipartPart,
  type RequestBody,
  type Scripts,
  type SendSettings,
  type Variable,
} from '../../../../shared/http-request';
import { IMPLIED_CONTENT_TYPE, mediaTypeOf, textBodyTypeOf } from './content-type';
import { ImportedCollectionSchema, type ImportedCollection, type ImportedItem } from './imported-collection';
import {
  asText,
  authFromPostman,
  descriptionText,
  type PostmanAuth,
  type PostmanEvent,
  type PostmanRow,
} from './postman-format';

export interface ImportResult<T> {
  value: T;
  /** What was left out, each naming the item. */
  warnings: string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(message: string): never {
  throw new AppError('INVALID_INPUT', `Postman collection: ${message}`);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('INVALID_INPUT', `${what}: not JSON (${(error as Error).message})`);
  }
}

export function importPostmanCollection(text: string): ImportResult<ImportedCollection> {
  const document = parseJson(text, 'Postman collection');
  if (!isObject(document)) fail('expected a JSON object');
  // an export from the Postman API wraps the collection in { collection: … }
  const root = isObject(document.collection) && !('info' in document) ? document.collection : document;
  const info = root.info;
  if (!isObject(info)) {
    if (Array.isArray(root.requests)) fail('this is a v1 collection; export it from Postman as Collection v2.1');
    fail('no "info" object (is this a Postman collection?)');
  }
  const schema = asText(info.schema);
  if (schema && !/\/v2\.[01]\.\d+\//.test(schema)) fail(`schema ${schema} is not v2.0 or v2.1`);
  const name = asText(info.name).trim() || 'Imported collection';
  const warnings: string[] = [];
  const scripts = scriptsOf(root.event, `collection "${name}"`, warnings);
  const auth = authOf(root.auth, `collection "${name}"`, warnings);
  const variables = variablesOf(root.variable);
  const docs = descriptionText(info.description);
  const collection: ImportedCollection = {
    settings: {
      name,
      ...(variables.length > 0 ? { variables } : {}),
      ...(auth && auth.type !== 'inherit' ? { auth } : {}),
      ...(scripts ? { scripts } : {}),
      ...(docs ? { docs } : {}),
    },
    items: itemsOf(root.item, [], warnings),
    environments: [],
  };
  return { value: ImportedCollectionSchema.parse(collection), warnings };
}

function itemsOf(items: unknown, path: string[], warnings: string[]): ImportedItem[] {
  if (items === undefined) return [];
  if (!Array.isArray(items)) fail(`${where(path)}"item" is not a list`);
  return items.map((item: unknown, index) => {
    if (!isObject(item)) fail(`${where(path)}item ${index + 1} is not an object`);
    const name = asText(item.name).trim() || `Item ${index + 1}`;
    const label = `"${[...path, name].join(' / ')}"`;
    if (Array.isArray(item.item)) {
      const scripts = scriptsOf(item.event, `folder ${label}`, warnings);
      const auth = authOf(item.auth, `folder ${label}`, warnings);
      return {
        kind: 'folder',
        name,
        settings: { order: index, ...(auth ? { auth } : {}), ...(scripts ? { scripts } : {}) },
        items: itemsOf(item.item, [...path, name], warnings),
      };
    }
    if (item.request === undefined) fail(`item ${label} has no request`);
    return { kind: 'request', request: requestOf(item, name, label, index, warnings) };
  });
}

// a CommonJS module: Node's ESM loader (the built app) cannot take its classes as named imports
const { Url } = postmanCollection;

/** The few members of postman-collection's Url used here (its bundled typings declare them loosely). */
interface PostmanUrl {
  toString(): string;
  toJSON(): Json;
  variables: { toJSON(): PostmanRow[] };
  query: { toJSON(): PostmanRow[] };
}

export function postmanUrl(url: unknown): PostmanUrl {
  return new Url(url as string) as unknown as PostmanUrl;
}

const where = (path: string[]) => (path.length > 0 ? `folder "${path.join(' / ')}": ` : '');

function requestOf(item: Json, name: string, label: string, order: number, warnings: string[]): HttpRequestFile {
  // a request may be given as a bare URL string
  const request: Json =
    typeof item.request === 'string'
      ? { url: item.request }
      : isObject(item.request)
        ? item.request
        : fail(`item ${label}: "request" is not an object`);
  const parsedUrl = postmanUrl(request.url ?? '');
  const pathParams = rowsOf(parsedUrl.variables.toJSON());
  const { variable: _values, ...urlParts } = parsedUrl.toJSON();
  // without its variables' values, Url#toString keeps `:id` as typed instead of filling it in
  const url = postmanUrl(urlParts);
  const disabledQuery = parsedUrl.query.toJSON().filter((row) => row.disabled);
  if (disabledQuery.length > 0) {
    warnings.push(
      `item ${label}: disabled query parameters ${disabledQuery.map((row) => `"${row.key}"`).join(', ')} left out`,
    );
  }
  const headers = rowsOf(Array.isArray(request.header) ? (request.header as PostmanRow[]) : []);
  const body = bodyOf(request.body, headers, label, warnings);
  const auth = authOf(request.auth, `item ${label}`, warnings);
  const scripts = scriptsOf(item.event, `item ${label}`, warnings);
  const settings = settingsOf(item.protocolProfileBehavior);
  const docs = descriptionText(request.description) ?? descriptionText(item.description);
  return {
    name,
    method: asText(request.method).trim() || 'GET',
    url: url.toString(),
    ...(pathParams.length > 0 ? { pathParams } : {}),
    ...(headers.length > 0 ? { headers } : {}),
    ...(body ? { body } : {}),
    ...(auth ? { auth } : {}),
    ...(settings ? { settings } : {}),
    ...(scripts ? { scripts } : {}),
    order,
    ...(docs ? { docs } : {}),
  };
}

function rowsOf(rows: PostmanRow[]): KeyValue[] {
  return rows
    .filter((row) => typeof row.key === 'string' && row.key !== '')
    .map((row) => ({ name: row.key!, value: asText(row.value), ...(row.disabled ? { enabled: false } : {}) }));
}

const RAW_LANGUAGE_TYPES: Record<string, string> = { html: 'text/html', javascript: 'application/javascript' };

function bodyOf(raw: unknown, headers: KeyValue[], label: string, warnings: string[]): RequestBody | undefined {
  if (!isObject(raw) || raw.disabled === true || raw.mode === undefined) return undefined;
  const contentTypeIndex = headers.findIndex(
    (header) => header.name.toLowerCase() === 'content-type' && header.enabled !== false,
  );
  const contentType = contentTypeIndex === -1 ? undefined : headers[contentTypeIndex]!.value;
  let body: RequestBody;
  switch (raw.mode) {
    case 'raw': {
      const options = isObject(raw.options) && isObject(raw.options.raw) ? raw.options.raw : {};
      const language = asText(options.language);
      const type =
        language === 'json'
          ? 'json'
          : language === 'xml'
            ? 'xml'
            : (textBodyTypeOf(mediaTypeOf(contentType)) ?? 'text');
      body = { type, text: asText(raw.raw) };
      // Postman sends these languages with their own type; a text body would go as text/plain
      const languageType = RAW_LANGUAGE_TYPES[language];
      if (type === 'text' && languageType && contentTypeIndex === -1) {
        headers.push({ name: 'Content-Type', value: languageType });
      }
      break;
    }
    case 'urlencoded':
      body = { type: 'form', fields: rowsOf(Array.isArray(raw.urlencoded) ? raw.urlencoded : []) };
      break;
    case 'formdata': {
      const rows = Array.isArray(raw.formdata) ? (raw.formdata as PostmanRow[]) : [];
      const parts = rows.flatMap((row): MultipartPart[] => {
        if (!row.key) return [];
        const common = {
          ...(row.contentType ? { contentType: row.contentType } : {}),
          ...(row.disabled ? { enabled: false } : {}),
        };
        if (row.type !== 'file') return [{ name: row.key, value: asText(row.value), ...common }];
        const src = Array.isArray(row.src) ? row.src[0] : row.src;
        if (typeof src !== 'string' || src === '') {
          warnings.push(`item ${label}: file part "${row.key}" names no file; left out`);
          return [];
        }
        if (Array.isArray(row.src) && row.src.length > 1) {
          warnings.push(`item ${label}: file part "${row.key}" names several files; only the first is kept`);
        }
        return [{ name: row.key, file: src, ...common }];
      });
      body = { type: 'multipart', parts };
      if (contentTypeIndex !== -1 && mediaTypeOf(contentType) === 'multipart/form-data') {
        headers.splice(contentTypeIndex, 1);
      }
      return body;
    }
    case 'file': {
      const src = isObject(raw.file) ? raw.file.src : undefined;
      if (typeof src !== 'string' || src === '') {
        warnings.push(`item ${label}: the file body names no file; left out`);
        return undefined;
      }
      if (contentTypeIndex !== -1) headers.splice(contentTypeIndex, 1);
      return { type: 'binary', file: src, ...(contentType ? { contentType } : {}) };
    }
    case 'graphql': {
      const graphql = isObject(raw.graphql) ? raw.graphql : {};
      const variables = asText(graphql.variables);
      body = { type: 'graphql', query: asText(graphql.query), ...(variables.trim() ? { variables } : {}) };
      break;
    }
    default:
      fail(`item ${label}: body mode "${asText(raw.mode)}" is not raw, urlencoded, formdata, file or graphql`);
  }
  const implied = IMPLIED_CONTENT_TYPE[body.type];
  if (contentTypeIndex !== -1 && contentType?.trim().toLowerCase() === implied) {
    headers.splice(contentTypeIndex, 1);
  }
  return body;
}

function authOf(raw: unknown, label: string, warnings: string[]): Auth | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) fail(`${label}: "auth" is not an object`);
  const auth = authFromPostman(raw as PostmanAuth);
  if (auth === undefined) return undefined;
  if (typeof auth === 'string') {
    warnings.push(`${label}: ${auth}; left out`);
    return { type: 'none' };
  }
  return auth;
}

function scriptsOf(events: unknown, label: string, warnings: string[]): Scripts | undefined {
  if (!Array.isArray(events)) return undefined;
  const scripts: Scripts = {};
  for (const event of events as PostmanEvent[]) {
    const exec = event.script?.exec;
    const code = Array.isArray(exec) ? exec.join('\n') : asText(exec);
    if (code.trim() === '') continue;
    if (event.disabled) warnings.push(`${label}: a disabled ${asText(event.listen)} script was left out`);
    else if (event.listen === 'prerequest') scripts.preRequest = code;
    else if (event.listen === 'test') scripts.postResponse = code;
  }
  return Object.keys(scripts).length > 0 ? scripts : undefined;
}

function settingsOf(raw: unknown): SendSettings | undefined {
  if (!isObject(raw)) return undefined;
  const settings: SendSettings = {};
  if (typeof raw.followRedirects === 'boolean') settings.followRedirects = raw.followRedirects;
  if (typeof raw.maxRedirects === 'number') settings.maxRedirects = raw.maxRedirects;
  if (typeof raw.strictSSL === 'boolean') settings.verifyTls = raw.strictSSL;
  return Object.keys(settings).length > 0 ? settings : undefined;
}

function variablesOf(rows: unknown): Variable[] {
  if (!Array.isArray(rows)) return [];
  return (rows as PostmanRow[])
    .filter((row) => typeof row.key === 'string' && row.key !== '')
    .map((row) => ({
      name: row.key!,
      value: asText(row.value),
      ...(row.type === 'secret' ? { secret: true } : {}),
      ...(row.disabled || row.enabled === false ? { enabled: false } : {}),
    }));
}

/** A Postman environment export (`{ name, values: [{ key, value, type, enabled }] }`). */
export function importPostmanEnvironment(text: string): EnvironmentFile {
  const document = parseJson(text, 'Postman environment');
  const root = isObject(document) && isObject(document.environment) ? document.environment : document;
  if (!isObject(root) || !Array.isArray(root.values)) {
    throw new AppError('INVALID_INPUT', 'Postman environment: no "values" list (is this a Postman environment?)');
  }
  const name = asText(root.name).trim();
  if (!name) throw new AppError('INVALID_INPUT', 'Postman environment: no "name"');
  return EnvironmentFileSchema.parse({ name, variables: variablesOf(root.values) });
}
