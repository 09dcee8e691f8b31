/**
 * An ImportedCollection (a collection read from disk or from an import) → Postman Collection v2.1 JSON. Scripts
 * are written as Postman events (`pm.*` code runs in both) and assertions as `pm.test` code; timeouts and SOAP
 * versions have no Postman counterpart and are named in `warnings`. Secret variables are written without their
 * value.
 */
import type { HttpRequestFile, KeyValue, RequestBody, Scripts, SendSettings } from '../../../../shared/http-request';
import type { ImportedCollection, ImportedItem } from '../import/imported-collection';
import { authToPostman, POSTMAN_SCHEMA_V21, type PostmanEvent } from '../import/postman-format';
import { postmanUrl } from '../import/postman-import';
import { assertionsToPostman } from './postman-assertions';

type Json = Record<string, unknown>;

export interface PostmanExport {
  collection: Json;
  warnings: string[];
}

export function exportPostmanCollection(tree: ImportedCollection): PostmanExport {
  const warnings: string[] = [];
  const { settings } = tree;
  if (settings.headers?.length) warnings.push('Collection headers have no Postman counterpart; left out');
  const collection: Json = {
    info: {
      name: settings.name,
      ...(settings.docs !== undefined ? { description: settings.docs } : {}),
      schema: POSTMAN_SCHEMA_V21,
    },
    item: tree.items.map((item) => itemToPostman(item, warnings)),
    ...authBlock(settings.auth),
    ...eventBlock(settings.scripts),
    ...(settings.variables?.length
      ? {
          variable: settings.variables.map((variable) => ({
            key: variable.name,
            value: variable.secret ? '' : (variable.value ?? ''),
            type: variable.secret ? 'secret' : 'string',
            ...(variable.enabled === false ? { disabled: true } : {}),
          })),
        }
      : {}),
  };
  return { collection, warnings };
}

const authBlock = (auth: HttpRequestFile['auth']) => {
  const block = auth ? authToPostman(auth) : undefined;
  return block ? { auth: block } : {};
};

function eventBlock(scripts: Scripts | undefined): { event?: PostmanEvent[] } {
  const events: PostmanEvent[] = [];
  if (scripts?.preRequest !== undefined) {
    events.push({ listen: 'prerequest', script: { type: 'text/javascript', exec: scripts.preRequest.split('\n') } });
  }
  if (scripts?.postResponse !== undefined) {
    events.push({ listen: 'test', script: { type: 'text/javascript', exec: scripts.postResponse.split('\n') } });
  }
  return events.length > 0 ? { event: events } : {};
}

function sortedItems(items: ImportedItem[]): ImportedItem[] {
  const orderOf = (item: ImportedItem) => (item.kind === 'folder' ? item.settings?.order : item.request.order);
  const nameOf = (item: ImportedItem) => (item.kind === 'folder' ? item.name : item.request.name);
  return [...items].sort(
    (a, b) => (orderOf(a) ?? Infinity) - (orderOf(b) ?? Infinity) || nameOf(a).localeCompare(nameOf(b)),
  );
}

function itemToPostman(item: ImportedItem, warnings: string[]): Json {
  if (item.kind === 'folder') {
    if (item.settings?.headers?.length)
      warnings.push(`folder "${item.name}": headers left out (no Postman counterpart)`);
    return {
      name: item.name,
      item: sortedItems(item.items).map((child) => itemToPostman(child, warnings)),
      ...authBlock(item.settings?.auth),
      ...eventBlock(item.settings?.scripts),
    };
  }
  const request = item.request;
  const label = `request "${request.name}"`;
  let scripts = request.scripts;
  if (request.assertions?.length) {
    const { code, skipped } = assertionsToPostman(request.assertions);
    if (skipped.length > 0)
      warnings.push(`${label}: assertions left out (JSONPath Postman cannot read): ${skipped.join('; ')}`);
    if (code !== '') {
      const tests = scripts?.postResponse ? `${scripts.postResponse}\n${code}` : code;
      scripts = { ...scripts, postResponse: tests };
    }
  }
  if (request.settings?.timeoutMs !== undefined) warnings.push(`${label}: the timeout has no Postman counterpart`);
  const headers = [...(request.headers ?? [])];
  const body = bodyToPostman(request.body, headers, label, warnings);
  const behavior = protocolProfileBehavior(request.settings);
  return {
    name: request.name,
    request: {
      method: request.method,
      header: headers.map(row),
      ...(body ? { body } : {}),
      url: urlToPostman(request),
      ...authBlock(request.auth),
      ...(request.docs !== undefined ? { description: request.docs } : {}),
    },
    ...eventBlock(scripts),
    ...(behavior ? { protocolProfileBehavior: behavior } : {}),
  };
}

const row = (keyValue: KeyValue) => ({
  key: keyValue.name,
  value: keyValue.value,
  ...(keyValue.enabled === false ? { disabled: true } : {}),
});

function urlToPostman(request: HttpRequestFile): Json {
  const { variable: _none, ...parts } = postmanUrl(request.url).toJSON();
  const variable = (request.pathParams ?? []).map(row);
  return { raw: request.url, ...parts, ...(variable.length > 0 ? { variable } : {}) };
}

function protocolProfileBehavior(settings: SendSettings | undefined): Json | undefined {
  if (!settings) return undefined;
  const behavior: Json = {};
  if (settings.followRedirects !== undefined) behavior.followRedirects = settings.followRedirects;
  if (settings.maxRedirects !== undefined) behavior.maxRedirects = settings.maxRedirects;
  if (settings.verifyTls !== undefined) behavior.strictSSL = settings.verifyTls;
  return Object.keys(behavior).length > 0 ? behavior : undefined;
}

function bodyToPostman(body: RequestBody | undefined, headers: KeyValue[], label: string, warnings: string[]) {
  switch (body?.type) {
    case undefined:
    case 'none':
      return undefined;
    case 'json':
    case 'xml':
      return { mode: 'raw', raw: body.text, options: { raw: { language: body.type } } };
    case 'text':
      return { mode: 'raw', raw: body.text, options: { raw: { language: 'text' } } };
    case 'soap':
      if (body.action !== undefined && !headers.some((header) => header.name.toLowerCase() === 'soapaction')) {
        headers.push({ name: 'SOAPAction', value: body.action });
      }
      if (body.version === '1.2') warnings.push(`${label}: sent as SOAP 1.1 XML (Postman has no SOAP version)`);
      return { mode: 'raw', raw: body.text, options: { raw: { language: 'xml' } } };
    case 'form':
      return { mode: 'urlencoded', urlencoded: body.fields.map(row) };
    case 'multipart':
      return {
        mode: 'formdata',
        formdata: body.parts.map((part) => ({
          key: part.name,
          ...(part.file !== undefined ? { type: 'file', src: part.file } : { type: 'text', value: part.value ?? '' }),
          ...(part.contentType !== undefined ? { contentType: part.contentType } : {}),
          ...(part.enabled === false ? { disabled: true } : {}),
        })),
      };
    case 'binary':
      if (body.contentType !== undefined && !headers.some((header) => header.name.toLowerCase() === 'content-type')) {
        headers.push({ name: 'Content-Type', value: body.contentType });
      }
      return { mode: 'file', file: { src: body.file } };
    case 'graphql':
      if (body.operationName !== undefined) warnings.push(`${label}: the GraphQL operation name is left out`);
      return { mode: 'graphql', graphql: { query: body.query, variables: body.variables ?? '' } };
  }
}
