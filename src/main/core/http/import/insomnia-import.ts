/**
 * An Insomnia v5 export (`type: collection.insomnia.rest/5.0`, YAML) → a collection: the `collection` tree keeps
 * its folders (ordered by Insomnia's sortKey), the base environment's data become collection variables and each
 * sub-environment an environment. Insomnia's `{{ _.name }}` references become `{{name}}`; template tags
 * (`{% … %}`) are kept as written and named in `warnings`.
 */
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../../../shared/errors';
import type {
  Auth,
  EnvironmentFile,
  HttpRequestFile,
  KeyValue,
  MultipartPart,
  RequestBody,
  Scripts,
  Variable,
} from '../../../../shared/http-request';
import { IMPLIED_CONTENT_TYPE, mediaTypeOf, textBodyTypeOf } from './content-type';
import { ImportedCollectionSchema, type ImportedCollection, type ImportedItem } from './imported-collection';
import type { ImportResult } from './postman-import';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(message: string): never {
  throw new AppError('INVALID_INPUT', `Insomnia export: ${message}`);
}

/** `{{ _.baseUrl }}` / `{{baseUrl}}` → `{{baseUrl}}`. */
const text = (value: unknown): string =>
  (value === undefined || value === null ? '' : typeof value === 'string' ? value : String(value)).replace(
    /\{\{\s*(?:_\.)?([\w.$-]+)\s*\}\}/g,
    '{{$1}}',
  );

export function importInsomnia(source: string): ImportResult<ImportedCollection> {
  let document: unknown;
  try {
    document = parseYaml(source, { maxAliasCount: 100 });
  } catch (error) {
    fail(`not YAML (${(error as Error).message.split('\n')[0]})`);
  }
  if (!isObject(document)) fail('expected a YAML mapping');
  const type = String(document.type ?? '');
  if (!type.startsWith('collection.insomnia.rest/5')) {
    fail(
      document._type === 'export'
        ? 'this is a v4 (JSON) export; export the collection from Insomnia 10 or later (v5 YAML)'
        : `type "${type}" is not collection.insomnia.rest/5.x`,
    );
  }
  const warnings: string[] = [];
  const name = text(document.name).trim() || 'Insomnia import';
  const { variables, environments } = environmentsOf(document.environments);
  if (/\{%/.test(source))
    warnings.push('Insomnia template tags ({% … %}) are kept as text; replace them with variables');
  const collection: ImportedCollection = {
    settings: {
      name,
      ...(variables.length > 0 ? { variables } : {}),
      ...(isObject(document.meta) && typeof document.meta.description === 'string' && document.meta.description
        ? { docs: document.meta.description }
        : {}),
    },
    items: itemsOf(document.collection, [], warnings),
    environments,
  };
  return { value: ImportedCollectionSchema.parse(collection), warnings };
}

function sortKey(item: Json): number {
  return isObject(item.meta) && typeof item.meta.sortKey === 'number' ? item.meta.sortKey : 0;
}

function itemsOf(items: unknown, path: string[], warnings: string[]): ImportedItem[] {
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) fail(`${path.length ? `folder "${path.join(' / ')}": ` : ''}"children" is not a list`);
  const sorted = items.map((item: unknown, index) => {
    if (!isObject(item)) fail(`item ${index + 1}${path.length ? ` of "${path.join(' / ')}"` : ''} is not a mapping`);
    return item;
  });
  sorted.sort((a, b) => sortKey(a) - sortKey(b));
  return sorted.map((item, order): ImportedItem => {
    const name = text(item.name).trim() || `Item ${order + 1}`;
    const label = `"${[...path, name].join(' / ')}"`;
    if (Array.isArray(item.children)) {
      const auth = authOf(item.authentication, `folder ${label}`, warnings);
      const headers = rowsOf(item.headers);
      const scripts = scriptsOf(item.scripts);
      return {
        kind: 'folder',
        name,
        settings: {
          order,
          ...(auth ? { auth } : {}),
          ...(headers.length > 0 ? { headers } : {}),
          ...(scripts ? { scripts } : {}),
        },
        items: itemsOf(item.children, [...path, name], warnings),
      };
    }
    if (item.method === undefined && item.url === undefined) {
      fail(`item ${label} is neither a request (no method or url) nor a folder (no children)`);
    }
    return { kind: 'request', request: requestOf(item, name, label, order, warnings) };
  });
}

function rowsOf(rows: unknown): KeyValue[] {
  return (Array.isArray(rows) ? rows : [])
    .filter(isObject)
    .filter((row) => typeof row.name === 'string' && row.name !== '')
    .map((row) => ({
      name: text(row.name),
      value: text(row.value),
      ...(row.disabled === true ? { enabled: false } : {}),
    }));
}

function requestOf(item: Json, name: string, label: string, order: number, warnings: string[]): HttpRequestFile {
  let url = text(item.url);
  const query = rowsOf(item.parameters);
  const enabledQuery = query.filter((row) => row.enabled !== false);
  if (enabledQuery.length > 0) {
    url += (url.includes('?') ? '&' : '?') + enabledQuery.map((row) => `${row.name}=${row.value}`).join('&');
  }
  if (enabledQuery.length < query.length) {
    const off = query.filter((row) => row.enabled === false).map((row) => `"${row.name}"`);
    warnings.push(`request ${label}: disabled query parameters ${off.join(', ')} left out`);
  }
  const pathParams = rowsOf(item.pathParameters).map(({ name: key, value }) => ({ name: key, value }));
  const headers = rowsOf(item.headers);
  const body = bodyOf(item.body, headers, label, warnings);
  const auth = authOf(item.authentication, `request ${label}`, warnings);
  const scripts = scriptsOf(item.scripts);
  const settings = isObject(item.settings) ? item.settings : {};
  const follow = settings.followRedirects === 'on' ? true : settings.followRedirects === 'off' ? false : undefined;
  const docs = isObject(item.meta) && typeof item.meta.description === 'string' ? item.meta.description : '';
  return {
    name,
    method: text(item.method).trim() || 'GET',
    url,
    ...(pathParams.length > 0 ? { pathParams } : {}),
    ...(headers.length > 0 ? { headers } : {}),
    ...(body ? { body } : {}),
    ...(auth ? { auth } : {}),
    ...(follow !== undefined ? { settings: { followRedirects: follow } } : {}),
    ...(scripts ? { scripts } : {}),
    order,
    ...(docs ? { docs } : {}),
  };
}

function bodyOf(raw: unknown, headers: KeyValue[], label: string, warnings: string[]): RequestBody | undefined {
  if (!isObject(raw)) return undefined;
  const mimeType = typeof raw.mimeType === 'string' ? raw.mimeType : '';
  const mediaType = mediaTypeOf(mimeType);
  const contentTypeIndex = headers.findIndex((header) => header.name.toLowerCase() === 'content-type');
  const params = (Array.isArray(raw.params) ? raw.params : []).filter(isObject);
  let body: RequestBody;
  if (mediaType === 'multipart/form-data') {
    if (contentTypeIndex !== -1 && mediaTypeOf(headers[contentTypeIndex]!.value) === 'multipart/form-data') {
      headers.splice(contentTypeIndex, 1);
    }
    return {
      type: 'multipart',
      parts: params.flatMap((param): MultipartPart[] => {
        const common = param.disabled === true ? { enabled: false } : {};
        if (param.type !== 'file') return [{ name: text(param.name), value: text(param.value), ...common }];
        if (typeof param.fileName !== 'string' || param.fileName === '') {
          warnings.push(`request ${label}: file part "${text(param.name)}" names no file; left out`);
          return [];
        }
        return [{ name: text(param.name), file: param.fileName, ...common }];
      }),
    };
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    body = { type: 'form', fields: rowsOf(params) };
  } else if (mediaType === 'application/graphql') {
    // Insomnia keeps `{ query, variables }` as JSON text
    let payload: Json = {};
    try {
      const parsed: unknown = JSON.parse(typeof raw.text === 'string' ? raw.text : '{}');
      if (isObject(parsed)) payload = parsed;
    } catch {
      payload = { query: raw.text };
    }
    const variables = payload.variables === undefined ? '' : JSON.stringify(payload.variables, null, 2);
    body = {
      type: 'graphql',
      query: text(payload.query),
      ...(variables && variables !== '{}' ? { variables: text(variables) } : {}),
      ...(typeof payload.operationName === 'string' ? { operationName: payload.operationName } : {}),
    };
  } else if (typeof raw.fileName === 'string' && raw.fileName !== '') {
    if (contentTypeIndex !== -1) headers.splice(contentTypeIndex, 1);
    return { type: 'binary', file: raw.fileName, ...(mimeType ? { contentType: mimeType } : {}) };
  } else if (typeof raw.text === 'string') {
    body = { type: textBodyTypeOf(mediaType) ?? 'text', text: text(raw.text) };
    if (contentTypeIndex === -1 && mimeType && IMPLIED_CONTENT_TYPE[body.type] !== mediaType) {
      headers.push({ name: 'Content-Type', value: mimeType });
    }
  } else {
    return undefined;
  }
  const index = headers.findIndex((header) => header.name.toLowerCase() === 'content-type');
  if (index !== -1 && headers[index]!.value.trim().toLowerCase() === IMPLIED_CONTENT_TYPE[body.type]) {
    headers.splice(index, 1);
  }
  return body;
}

function authOf(raw: unknown, label: string, warnings: string[]): Auth | undefined {
  if (!isObject(raw) || raw.type === undefined) return undefined;
  if (raw.disabled === true) return { type: 'none' };
  const p = (key: string) => text(raw[key]);
  switch (raw.type) {
    case 'none':
      return { type: 'none' };
    case 'basic':
      return { type: 'basic', username: p('username'), password: p('password') };
    case 'digest':
      return { type: 'digest', username: p('username'), password: p('password') };
    case 'bearer':
      return { type: 'bearer', token: p('token') };
    case 'apikey':
      if (raw.addTo === 'cookie') break;
      return {
        type: 'apikey',
        name: p('key') || 'X-API-Key',
        value: p('value'),
        in: raw.addTo === 'queryParams' ? 'query' : 'header',
      };
    case 'iam':
      return {
        type: 'awsv4',
        accessKeyId: p('accessKeyId') || '{{awsAccessKeyId}}',
        secretAccessKey: p('secretAccessKey') || '{{awsSecretAccessKey}}',
        ...(p('sessionToken') ? { sessionToken: p('sessionToken') } : {}),
        region: p('region') || 'us-east-1',
        service: p('service') || 'execute-api',
      };
    case 'oauth2':
      if (raw.grantType !== 'client_credentials' && raw.grantType !== 'authorization_code') break;
      return {
        type: 'oauth2',
        grant: raw.grantType,
        tokenUrl: p('accessTokenUrl') || '{{tokenUrl}}',
        ...(raw.grantType === 'authorization_code' && p('authorizationUrl')
          ? { authorizationUrl: p('authorizationUrl') }
          : {}),
        clientId: p('clientId') || '{{clientId}}',
        ...(p('clientSecret') ? { clientSecret: p('clientSecret') } : {}),
        ...(p('scope') ? { scope: p('scope') } : {}),
        ...(raw.grantType === 'authorization_code' && raw.usePkce !== true ? { pkce: false } : {}),
      };
  }
  const detail =
    raw.type === 'oauth2'
      ? `oauth2 grant "${String(raw.grantType)}"`
      : `${String(raw.type)} auth${raw.type === 'apikey' ? ' in a cookie' : ''}`;
  warnings.push(`${label}: ${detail} is not supported; left out`);
  return { type: 'none' };
}

function scriptsOf(raw: unknown): Scripts | undefined {
  if (!isObject(raw)) return undefined;
  const scripts: Scripts = {};
  if (typeof raw.preRequest === 'string' && raw.preRequest.trim() !== '') scripts.preRequest = raw.preRequest;
  if (typeof raw.afterResponse === 'string' && raw.afterResponse.trim() !== '')
    scripts.postResponse = raw.afterResponse;
  return Object.keys(scripts).length > 0 ? scripts : undefined;
}

/** Nested environment data (`{ api: { host } }`, read as `_.api.host`) flattened to `api.host`. */
function variablesOf(data: unknown, prefix = ''): Variable[] {
  if (!isObject(data)) return [];
  return Object.entries(data).flatMap(([key, value]) =>
    isObject(value)
      ? variablesOf(value, `${prefix}${key}.`)
      : [{ name: `${prefix}${key}`, value: text(Array.isArray(value) ? JSON.stringify(value) : value) }],
  );
}

function environmentsOf(raw: unknown): { variables: Variable[]; environments: EnvironmentFile[] } {
  if (!isObject(raw)) return { variables: [], environments: [] };
  const environments = (Array.isArray(raw.subEnvironments) ? raw.subEnvironments : [])
    .filter(isObject)
    .sort((a, b) => sortKey(a) - sortKey(b))
    .map((environment, index) => ({
      name: text(environment.name).trim() || `Environment ${index + 1}`,
      variables: variablesOf(environment.data),
    }));
  return { variables: variablesOf(raw.data), environments };
}
