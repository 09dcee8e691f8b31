/**
 * A cURL command (pasted into the URL bar, or a "Copy as cURL" from a browser) → a request file. The command is
 * tokenized and its options read by curlconverter's parser (a Bash grammar and curl's own option table), so
 * quoting, `$'…'` strings, line continuations and option spellings (`-XPOST`, `--data-raw`, `-u`) behave as in a
 * shell; this file only maps curl's options onto the request file.
 */
import { parse } from 'curlconverter/dist/src/parse.js';
import type { Request as CurlRequest } from 'curlconverter/dist/src/parse.js';
import { AppError } from '../../../../shared/errors';
import {
  HttpRequestFileSchema,
  type Auth,
  type HttpRequestFile,
  type KeyValue,
  type RequestBody,
  type SendSettings,
} from '../../../../shared/http-request';
import { IMPLIED_CONTENT_TYPE, decodeFormComponent, mediaTypeOf, textBodyTypeOf } from './content-type';

/** `--compressed` asks for these and decompresses; the request keeps them as a header. */
export const COMPRESSED_ACCEPT_ENCODING = 'gzip, deflate, br';

/** Parses one curl command into a request named `name` (default: method and path). INVALID_INPUT if it is not one. */
export function importCurl(command: string, name?: string): HttpRequestFile {
  const text = command.trim();
  if (!/^curl(\s|$)/.test(text)) {
    throw new AppError('INVALID_INPUT', 'cURL command: expected text starting with "curl"');
  }
  let parsed: CurlRequest[];
  try {
    parsed = parse(text);
  } catch (error) {
    throw new AppError('INVALID_INPUT', `cURL command: ${(error as Error).message}`);
  }
  const curl = parsed[0];
  const target = curl?.urls[0];
  if (!curl || !target) throw new AppError('INVALID_INPUT', 'cURL command: no URL given');
  if (parsed.length > 1 || curl.urls.length > 1) {
    throw new AppError('INVALID_INPUT', 'cURL command: give one command with one URL (found several)');
  }

  const url = urlOf(String(target.originalUrl), String(target.url));
  const method = String(target.method);
  const headers: KeyValue[] = curl.headers.headers.map(([key, value]) => ({
    name: String(key),
    value: value === null ? '' : String(value),
  }));
  if (curl.compressed && !headers.some((header) => header.name.toLowerCase() === 'accept-encoding')) {
    headers.push({ name: 'Accept-Encoding', value: COMPRESSED_ACCEPT_ENCODING });
  }
  const body = bodyOf(curl, target.uploadFile ? String(target.uploadFile) : undefined, headers);
  const auth = authOf(curl, target.auth?.map(String) as [string, string] | undefined, headers);
  const settings = settingsOf(curl);

  const request: HttpRequestFile = {
    name: name ?? defaultName(method, url),
    method,
    url,
    ...(headers.length > 0 ? { headers } : {}),
    ...(body ? { body } : {}),
    ...(auth ? { auth } : {}),
    ...(settings ? { settings } : {}),
  };
  return HttpRequestFileSchema.parse(request);
}

/** The URL as typed; curl adds `http://` to a URL without a scheme, which would break a leading `{{baseUrl}}`. */
function urlOf(original: string, resolved: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(original)) return resolved;
  return original.startsWith('{{') ? resolved.replace(/^http:\/\//, '') : resolved;
}

function defaultName(method: string, url: string): string {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split('?')[0] ?? '';
  return `${method} ${path || '/'}`;
}

/** The Content-Type header's value; `remove` takes the header out (a binary body keeps the type itself). */
function contentTypeOf(headers: KeyValue[], remove = false): string | undefined {
  const index = headers.findIndex((header) => header.name.toLowerCase() === 'content-type');
  if (index === -1) return undefined;
  const value = (remove ? headers.splice(index, 1)[0]! : headers[index]!).value;
  // a binary body without a type is sent as application/octet-stream
  return remove && value.trim().toLowerCase() === 'application/octet-stream' ? undefined : value;
}

/** Removes the Content-Type header equal to what `type` implies (the sender adds it). */
function dropImpliedContentType(headers: KeyValue[], type: RequestBody['type']): void {
  const implied = IMPLIED_CONTENT_TYPE[type];
  const index = headers.findIndex((header) => header.name.toLowerCase() === 'content-type');
  if (index !== -1 && implied !== undefined && headers[index]!.value.trim().toLowerCase() === implied) {
    headers.splice(index, 1);
  }
}

function bodyOf(curl: CurlRequest, uploadFile: string | undefined, headers: KeyValue[]): RequestBody | undefined {
  if (curl.multipartUploads) {
    // curl writes the boundary itself; a typed multipart Content-Type without one would break the body
    const index = headers.findIndex((header) => header.name.toLowerCase() === 'content-type');
    if (index !== -1 && mediaTypeOf(headers[index]!.value) === 'multipart/form-data') headers.splice(index, 1);
    return {
      type: 'multipart',
      parts: curl.multipartUploads.map((part) => ({
        name: String(part.name),
        ...('contentFile' in part ? { file: String(part.contentFile) } : { value: String(part.content) }),
        ...(part.contentType ? { contentType: String(part.contentType) } : {}),
      })),
    };
  }
  if (uploadFile !== undefined) {
    // -T file: PUT with the file as the body
    const contentType = contentTypeOf(headers, true);
    return { type: 'binary', file: uploadFile, ...(contentType ? { contentType } : {}) };
  }
  const pieces = curl.dataArray;
  if (!pieces || pieces.length === 0) return undefined;
  const contentType = contentTypeOf(headers);
  const mediaType = mediaTypeOf(contentType);
  const onlyPiece = pieces.length === 1 ? pieces[0] : undefined;
  if (onlyPiece !== undefined && !('tokens' in onlyPiece) && onlyPiece.filetype !== 'urlencode') {
    // `--data-binary @file`, `-d @file`: the file is the body
    const fileType = contentTypeOf(headers, true);
    return { type: 'binary', file: String(onlyPiece.filename), ...(fileType ? { contentType: fileType } : {}) };
  }
  const data = String(curl.data ?? '');
  let body: RequestBody;
  const textType = textBodyTypeOf(mediaType);
  if (textType) {
    body = { type: textType, text: data };
  } else if (mediaType === '' || mediaType === 'application/x-www-form-urlencoded') {
    // `-d '{"a":1}'` without a header is sent as a form by curl, but every API reading it means JSON
    body = looksLikeJson(data) ? { type: 'json', text: data } : formOrText(data);
  } else {
    body = { type: 'text', text: data };
  }
  dropImpliedContentType(headers, body.type);
  return body;
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

function formOrText(data: string): RequestBody {
  const pairs = data.split('&');
  if (!pairs.every((pair) => /^[^=]+=/.test(pair))) return { type: 'text', text: data };
  return {
    type: 'form',
    fields: pairs.map((pair) => {
      const at = pair.indexOf('=');
      return { name: decodeFormComponent(pair.slice(0, at)), value: decodeFormComponent(pair.slice(at + 1)) };
    }),
  };
}

function authOf(curl: CurlRequest, user: [string, string] | undefined, headers: KeyValue[]): Auth | undefined {
  if (curl.oauth2Bearer) return { type: 'bearer', token: String(curl.oauth2Bearer) };
  if (curl.authType === 'aws-sigv4' && user) {
    // --aws-sigv4 'aws:amz:<region>:<service>'
    const [, , region, service] = String(curl.awsSigV4 ?? '').split(':');
    if (!region || !service)
      throw new AppError('INVALID_INPUT', 'cURL command: --aws-sigv4 needs aws:amz:<region>:<service>');
    const tokenIndex = headers.findIndex((header) => header.name.toLowerCase() === 'x-amz-security-token');
    const sessionToken = tokenIndex === -1 ? undefined : headers.splice(tokenIndex, 1)[0]!.value;
    return {
      type: 'awsv4',
      accessKeyId: user[0],
      secretAccessKey: user[1],
      ...(sessionToken ? { sessionToken } : {}),
      region,
      service,
    };
  }
  if (!user) return undefined;
  if (curl.authType === 'digest') return { type: 'digest', username: user[0], password: user[1] };
  return { type: 'basic', username: user[0], password: user[1] };
}

function settingsOf(curl: CurlRequest): SendSettings | undefined {
  const settings: SendSettings = {};
  if (curl.insecure) settings.verifyTls = false;
  // curl follows no redirect without -L; the app follows by default, so only its absence is written down
  if (!curl.followRedirects) settings.followRedirects = false;
  if (curl.followRedirects && curl.maxRedirects) settings.maxRedirects = Number(String(curl.maxRedirects));
  if (curl.timeout) settings.timeoutMs = Math.round(Number(String(curl.timeout)) * 1000);
  return Object.keys(settings).length > 0 ? settings : undefined;
}
