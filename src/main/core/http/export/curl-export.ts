/**
 * A request file → a cURL command that sends the same request, one option a line. `{{variables}}` are written as
 * they are (resolve them first to get a runnable command). What curl cannot do (OAuth 2.0 flows) comes back as a
 * warning, and the command leaves it out.
 */
import type { HttpRequestFile, KeyValue, RequestBody } from '../../../../shared/http-request';
import { COMPRESSED_ACCEPT_ENCODING } from '../import/curl-import';
import { IMPLIED_CONTENT_TYPE, findHeader } from '../import/content-type';
import { shellQuote } from './shell-quote';

export interface ExportedCode {
  code: string;
  /** What the code leaves out, one sentence each. */
  warnings: string[];
}

const enabled = (rows: KeyValue[] | undefined) => (rows ?? []).filter((row) => row.enabled !== false);

/** Fills `:name` path segments from `pathParams`. */
export function urlWithPathParams(request: HttpRequestFile): string {
  let url = request.url;
  for (const param of enabled(request.pathParams)) {
    url = url.replace(new RegExp(`:${param.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=/|\\?|#|$)`), param.value);
  }
  return url;
}

/** The request's enabled headers plus the Content-Type its body type implies when none is given. */
export function effectiveHeaders(request: HttpRequestFile): KeyValue[] {
  const headers = enabled(request.headers).map(({ name, value }) => ({ name, value }));
  const implied = request.body ? IMPLIED_CONTENT_TYPE[request.body.type] : undefined;
  if (implied && !findHeader(headers, 'content-type')) headers.push({ name: 'Content-Type', value: implied });
  if (request.body?.type === 'binary' && !findHeader(headers, 'content-type')) {
    headers.push({ name: 'Content-Type', value: request.body.contentType ?? 'application/octet-stream' });
  }
  return headers;
}

export function exportCurl(request: HttpRequestFile): ExportedCode {
  const warnings: string[] = [];
  const args: string[][] = [];
  const body = request.body;
  const impliedMethod = body && body.type !== 'none' ? 'POST' : 'GET';
  if (request.method !== impliedMethod) args.push(['-X', request.method]);
  for (const header of effectiveHeaders(request)) {
    if (header.name.toLowerCase() === 'accept-encoding' && header.value === COMPRESSED_ACCEPT_ENCODING) {
      args.push(['--compressed']);
    } else {
      args.push(['-H', header.value === '' ? `${header.name};` : `${header.name}: ${header.value}`]);
    }
  }
  args.push(...authArgs(request, warnings));
  args.push(...bodyArgs(body, warnings));
  const settings = request.settings ?? {};
  if (settings.followRedirects !== false) args.push(['-L']);
  if (settings.followRedirects !== false && settings.maxRedirects !== undefined) {
    args.push(['--max-redirs', String(settings.maxRedirects)]);
  }
  if (settings.verifyTls === false) args.push(['-k']);
  if (settings.timeoutMs !== undefined) args.push(['--max-time', String(settings.timeoutMs / 1000)]);
  const url = urlWithPathParams(request);
  // curl reads {a,b} and [1-3] in a URL as globs; `{{variables}}` would be expanded
  if (/[{}[\]]/.test(url)) args.push(['-g']);
  const lines = [`curl ${shellQuote(url)}`, ...args.map((arg) => arg.map(shellQuote).join(' '))];
  return { code: lines.join(' \\\n  '), warnings };
}

function authArgs(request: HttpRequestFile, warnings: string[]): string[][] {
  const auth = request.auth;
  switch (auth?.type) {
    case 'basic':
      return [['-u', `${auth.username}:${auth.password}`]];
    case 'digest':
      return [['--digest'], ['-u', `${auth.username}:${auth.password}`]];
    case 'bearer':
      return [['--oauth2-bearer', auth.token]];
    case 'apikey':
      if (auth.in === 'header') return [['-H', `${auth.name}: ${auth.value}`]];
      warnings.push(`The API key goes in the query: add ${auth.name}=… to the URL.`);
      return [];
    case 'awsv4':
      return [
        ['--aws-sigv4', `aws:amz:${auth.region}:${auth.service}`],
        ['-u', `${auth.accessKeyId}:${auth.secretAccessKey}`],
        ...(auth.sessionToken ? [['-H', `x-amz-security-token: ${auth.sessionToken}`]] : []),
      ];
    case 'oauth2':
      warnings.push('curl cannot fetch an OAuth 2.0 token: get one and add -H "Authorization: Bearer <token>".');
      return [];
    case 'inherit':
      warnings.push("The request inherits its folder's or collection's auth, which is not included.");
      return [];
    default:
      return [];
  }
}

function bodyArgs(body: RequestBody | undefined, warnings: string[]): string[][] {
  switch (body?.type) {
    case undefined:
    case 'none':
      return [];
    case 'json':
    case 'text':
    case 'xml':
      return [['--data-raw', body.text]];
    case 'soap':
      if (body.action !== undefined) warnings.push('The SOAP action header is not included.');
      return [['--data-raw', body.text]];
    case 'graphql':
      return [['--data-raw', graphqlPayload(body)]];
    case 'form':
      return enabled(body.fields).map((field) => ['--data-urlencode', `${field.name}=${field.value}`]);
    case 'multipart':
      return body.parts
        .filter((part) => part.enabled !== false)
        .map((part) => {
          // `-F name=@file` reads a file; a text value starting with @ or < goes through --form-string
          const type = part.contentType ? `;type=${part.contentType}` : '';
          if (part.file !== undefined) return ['-F', `${part.name}=@${part.file}${type}`];
          return part.contentType || !/^[@<]/.test(part.value ?? '')
            ? ['-F', `${part.name}=${part.value ?? ''}${type}`]
            : ['--form-string', `${part.name}=${part.value ?? ''}`];
        });
    case 'binary':
      return [['--data-binary', `@${body.file}`]];
  }
}

/** The JSON a GraphQL body is POSTed as; `variables` is JSON text, sent as a value when it parses. */
export function graphqlPayload(body: Extract<RequestBody, { type: 'graphql' }>): string {
  let variables: unknown;
  if (body.variables !== undefined && body.variables.trim() !== '') {
    try {
      variables = JSON.parse(body.variables);
    } catch {
      variables = body.variables;
    }
  }
  return JSON.stringify({
    query: body.query,
    ...(variables !== undefined ? { variables } : {}),
    ...(body.operationName !== undefined ? { operationName: body.operationName } : {}),
  });
}
