/**
 * The HTTP client's YAML files — requests, collection and folder settings, environments — parsed with messages
 * naming file and field, and written with a fixed key order (the order of the schemas in shared/http-request.ts)
 * and only the fields the value sets, so a file written by the app loads and saves back byte for byte.
 */
import {
  CollectionSettingsSchema,
  EnvironmentFileSchema,
  FolderSettingsSchema,
  HttpRequestFileSchema,
  type Assertion,
  type Auth,
  type CollectionSettings,
  type EnvironmentFile,
  type FolderSettings,
  type HttpRequestFile,
  type KeyValue,
  type MultipartPart,
  type RequestBody,
  type SendSettings,
  type Variable,
} from '../../../../shared/http-request';
import { parseYamlFile, pickKeys, stringifyYaml } from '../../workspace/yaml-file';

export const parseRequestYaml = (text: string, fileName: string) =>
  parseYamlFile(text, fileName, HttpRequestFileSchema);
export const parseCollectionYaml = (text: string, fileName: string) =>
  parseYamlFile(text, fileName, CollectionSettingsSchema);
export const parseFolderYaml = (text: string, fileName: string) => parseYamlFile(text, fileName, FolderSettingsSchema);
export const parseEnvironmentYaml = (text: string, fileName: string) =>
  parseYamlFile(text, fileName, EnvironmentFileSchema);

const REQUEST_KEYS = [
  'name',
  'method',
  'url',
  'pathParams',
  'headers',
  'body',
  'auth',
  'settings',
  'assertions',
  'scripts',
  'order',
  'docs',
] as const satisfies readonly (keyof HttpRequestFile)[];
const KEY_VALUE_KEYS = ['name', 'value', 'enabled'] as const satisfies readonly (keyof KeyValue)[];
const PART_KEYS = [
  'name',
  'value',
  'file',
  'contentType',
  'enabled',
] as const satisfies readonly (keyof MultipartPart)[];
const SETTINGS_KEYS = [
  'timeoutMs',
  'followRedirects',
  'maxRedirects',
  'verifyTls',
  'proxy',
  'clientCert',
  'clientKey',
  'clientKeyPassphrase',
  'http2',
] as const satisfies readonly (keyof SendSettings)[];
const SCRIPT_KEYS = ['preRequest', 'postResponse'] as const;
const ASSERTION_KEYS = [
  'target',
  'name',
  'path',
  'op',
  'value',
  'enabled',
] as const satisfies readonly (keyof Assertion)[];
const VARIABLE_KEYS = ['name', 'value', 'secret', 'enabled'] as const satisfies readonly (keyof Variable)[];
const BODY_KEYS = [
  'type',
  'text',
  'query',
  'variables',
  'operationName',
  'action',
  'version',
  'fields',
  'parts',
  'file',
  'contentType',
] as const;
const AUTH_KEYS = [
  'type',
  'username',
  'password',
  'token',
  'name',
  'value',
  'in',
  'grant',
  'tokenUrl',
  'authorizationUrl',
  'clientId',
  'clientSecret',
  'scope',
  'pkce',
  'clientAuth',
  'accessKeyId',
  'secretAccessKey',
  'sessionToken',
  'region',
  'service',
] as const;

const rows = (list: readonly KeyValue[] | undefined) => list?.map((row) => pickKeys(row, KEY_VALUE_KEYS));

function orderBody(body: RequestBody): Record<string, unknown> {
  const ordered = pickKeys(body as Record<string, unknown>, BODY_KEYS);
  if (body.type === 'form') ordered.fields = rows(body.fields);
  if (body.type === 'multipart') ordered.parts = body.parts.map((part) => pickKeys(part, PART_KEYS));
  return ordered;
}

const orderAuth = (auth: Auth) => pickKeys(auth as Record<string, unknown>, AUTH_KEYS);

function orderInherited(value: Pick<CollectionSettings, 'auth' | 'headers' | 'scripts' | 'settings'>) {
  return {
    ...(value.auth ? { auth: orderAuth(value.auth) } : {}),
    ...(value.headers ? { headers: rows(value.headers) } : {}),
    ...(value.scripts ? { scripts: pickKeys(value.scripts, SCRIPT_KEYS) } : {}),
    ...(value.settings ? { settings: pickKeys(value.settings, SETTINGS_KEYS) } : {}),
  };
}

export function stringifyRequest(request: HttpRequestFile): string {
  const ordered = pickKeys(request, REQUEST_KEYS);
  if (request.pathParams) ordered.pathParams = rows(request.pathParams);
  if (request.headers) ordered.headers = rows(request.headers);
  if (request.body) ordered.body = orderBody(request.body);
  if (request.auth) ordered.auth = orderAuth(request.auth);
  if (request.settings) ordered.settings = pickKeys(request.settings, SETTINGS_KEYS);
  if (request.assertions) ordered.assertions = request.assertions.map((a) => pickKeys(a, ASSERTION_KEYS));
  if (request.scripts) ordered.scripts = pickKeys(request.scripts, SCRIPT_KEYS);
  return stringifyYaml(ordered);
}

export function stringifyCollection(collection: CollectionSettings): string {
  return stringifyYaml({
    name: collection.name,
    ...(collection.variables ? { variables: collection.variables.map((v) => pickKeys(v, VARIABLE_KEYS)) } : {}),
    ...orderInherited(collection),
    ...(collection.docs !== undefined ? { docs: collection.docs } : {}),
  });
}

export function stringifyFolder(folder: FolderSettings): string {
  return stringifyYaml({
    ...pickKeys(folder, ['name', 'order'] as const),
    ...orderInherited(folder),
  });
}

export function stringifyEnvironment(environment: EnvironmentFile): string {
  return stringifyYaml({
    name: environment.name,
    variables: environment.variables.map((v) => pickKeys(v, VARIABLE_KEYS)),
  });
}
