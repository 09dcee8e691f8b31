/**
 * A HAR 1.2 file (a browser's "Save all as HAR", a proxy's capture) → a collection: `log.entries` become requests,
 * in a folder per host, in capture order. Headers a client computes itself (HTTP/2 pseudo-headers,
 * Content-Length, Host, Connection) are left out; so is a Content-Type the body type already implies.
 */
import { AppError } from '../../../../shared/errors';
import type { HttpRequestFile, KeyValue, RequestBody } from '../../../../shared/http-request';
import { IMPLIED_CONTENT_TYPE, decodeFormComponent, mediaTypeOf, textBodyTypeOf } from './content-type';
import { ImportedCollectionSchema, type ImportedCollection, type ImportedItem } from './imported-collection';
import type { ImportResult } from './postman-import';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const COMPUTED_HEADERS = new Set(['content-length', 'host', 'connection', 'transfer-encoding']);

function fail(message: string): never {
  throw new AppError('INVALID_INPUT', `HAR: ${message}`);
}

const rowsOf = (value: unknown) =>
  (Array.isArray(value) ? value : []).filter(isObject).map((row) => ({
    name: typeof row.name === 'string' ? row.name : '',
    value: typeof row.value === 'string' ? row.value : row.value === undefined ? '' : String(row.value),
    fileName: typeof row.fileName === 'string' ? row.fileName : undefined,
    contentType: typeof row.contentType === 'string' ? row.contentType : undefined,
  }));

export function importHar(text: string): ImportResult<ImportedCollection> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    fail(`not JSON (${(error as Error).message})`);
  }
  const log = isObject(document) ? document.log : undefined;
  if (!isObject(log) || !Array.isArray(log.entries)) fail('no log.entries list (is this a HAR file?)');
  const warnings: string[] = [];
  const byHost = new Map<string, ImportedItem[]>();
  log.entries.forEach((entry: unknown, index) => {
    const request = isObject(entry) ? entry.request : undefined;
    if (!isObject(request) || typeof request.url !== 'string' || request.url === '') {
      fail(`entry ${index + 1} has no request URL`);
    }
    let host: string;
    try {
      const url = new URL(request.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        warnings.push(`entry ${index + 1}: ${url.protocol} URL left out`);
        return;
      }
      host = url.host;
    } catch {
      fail(`entry ${index + 1}: "${request.url}" is not a URL`);
    }
    const siblings = byHost.get(host) ?? byHost.set(host, []).get(host)!;
    siblings.push({ kind: 'request', request: requestOf(request, siblings.length) });
  });
  const pages = Array.isArray(log.pages) ? log.pages.filter(isObject) : [];
  const title =
    typeof pages[0]?.title === 'string' && pages[0].title.trim() !== '' ? pages[0].title.trim() : 'HAR import';
  const collection: ImportedCollection = {
    settings: { name: title.slice(0, 200) },
    items: [...byHost].map(([name, items], order) => ({ kind: 'folder', name, settings: { order }, items })),
    environments: [],
  };
  return { value: ImportedCollectionSchema.parse(collection), warnings };
}

function requestOf(request: Json, order: number): HttpRequestFile {
  const url = request.url as string;
  const method = typeof request.method === 'string' && request.method !== '' ? request.method : 'GET';
  const headers: KeyValue[] = rowsOf(request.headers)
    .filter((row) => row.name !== '' && !row.name.startsWith(':') && !COMPUTED_HEADERS.has(row.name.toLowerCase()))
    .map(({ name, value }) => ({ name, value }));
  const cookies = rowsOf(request.cookies).filter((row) => row.name !== '');
  if (cookies.length > 0 && !headers.some((header) => header.name.toLowerCase() === 'cookie')) {
    headers.push({ name: 'Cookie', value: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') });
  }
  const body = isObject(request.postData) ? bodyOf(request.postData, headers) : undefined;
  const path = new URL(url).pathname;
  return {
    name: `${method} ${path}`.slice(0, 200),
    method,
    url,
    ...(headers.length > 0 ? { headers } : {}),
    ...(body ? { body } : {}),
    order,
  };
}

function bodyOf(postData: Json, headers: KeyValue[]): RequestBody | undefined {
  const mimeType = typeof postData.mimeType === 'string' ? postData.mimeType : '';
  const text = typeof postData.text === 'string' ? postData.text : '';
  const params = rowsOf(postData.params);
  const mediaType = mediaTypeOf(mimeType);
  const contentTypeIndex = headers.findIndex((header) => header.name.toLowerCase() === 'content-type');
  let body: RequestBody;
  if (mediaType === 'multipart/form-data') {
    // the captured boundary would not match the one the sender writes
    if (contentTypeIndex !== -1) headers.splice(contentTypeIndex, 1);
    return {
      type: 'multipart',
      parts: params.map((param) =>
        param.fileName
          ? { name: param.name, file: param.fileName, ...(param.contentType ? { contentType: param.contentType } : {}) }
          : { name: param.name, value: param.value },
      ),
    };
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    const fields =
      params.length > 0
        ? params.map(({ name, value }) => ({ name: decodeFormComponent(name), value: decodeFormComponent(value) }))
        : text
            .split('&')
            .filter((pair) => pair !== '')
            .map((pair) => {
              const at = pair.includes('=') ? pair.indexOf('=') : pair.length;
              return { name: decodeFormComponent(pair.slice(0, at)), value: decodeFormComponent(pair.slice(at + 1)) };
            });
    body = { type: 'form', fields };
  } else if (text === '' && mediaType === '') {
    return undefined;
  } else {
    body = { type: textBodyTypeOf(mediaType) ?? 'text', text };
  }
  if (contentTypeIndex === -1 && mimeType !== '' && mediaType !== IMPLIED_CONTENT_TYPE[body.type]) {
    headers.push({ name: 'Content-Type', value: mimeType });
  }
  const index = headers.findIndex((header) => header.name.toLowerCase() === 'content-type');
  if (index !== -1 && headers[index]!.value.trim().toLowerCase() === IMPLIED_CONTENT_TYPE[body.type]) {
    headers.splice(index, 1);
  }
  return body;
}
