/**
 * A request file → JavaScript that sends it with `fetch` (Node 20+, or a browser when the body reads no file).
 * Strings are written with JSON.stringify, which is valid JavaScript string syntax for any text.
 */
import type { HttpRequestFile, RequestBody } from '../../../../shared/http-request';
import { effectiveHeaders, graphqlPayload, urlWithPathParams, type ExportedCode } from './curl-export';

const str = (text: string) => JSON.stringify(text);

export function exportFetch(request: HttpRequestFile): ExportedCode {
  const warnings: string[] = [];
  const prelude: string[] = [];
  const headers = effectiveHeaders(request).map((header) => [header.name, header.value] as [string, string]);
  let url = urlWithPathParams(request);
  const auth = request.auth;
  switch (auth?.type) {
    case 'basic':
      headers.push(['Authorization', `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`]);
      break;
    case 'bearer':
      headers.push(['Authorization', `Bearer ${auth.token}`]);
      break;
    case 'apikey':
      if (auth.in === 'header') headers.push([auth.name, auth.value]);
      else url += `${url.includes('?') ? '&' : '?'}${encodeURIComponent(auth.name)}=${encodeURIComponent(auth.value)}`;
      break;
    case 'digest':
    case 'oauth2':
    case 'awsv4':
      warnings.push(`fetch cannot sign with ${auth.type} auth by itself; the code sends the request without it.`);
      break;
    case 'inherit':
      warnings.push("The request inherits its folder's or collection's auth, which is not included.");
      break;
  }
  const body = bodyCode(request.body, prelude, warnings);
  if (request.body?.type === 'multipart') {
    // fetch writes the boundary: a Content-Type header would replace it
    const index = headers.findIndex(([name]) => name.toLowerCase() === 'content-type');
    if (index !== -1) headers.splice(index, 1);
  }
  if (request.settings?.verifyTls === false) warnings.push('fetch always verifies TLS certificates.');
  const options: string[] = [`  method: ${str(request.method)},`];
  if (headers.length > 0) {
    options.push('  headers: {', ...headers.map(([name, value]) => `    ${str(name)}: ${str(value)},`), '  },');
  }
  if (body !== undefined) options.push(`  body: ${body},`);
  if (request.settings?.followRedirects === false) options.push(`  redirect: 'manual',`);
  if (request.settings?.timeoutMs !== undefined) {
    options.push(`  signal: AbortSignal.timeout(${request.settings.timeoutMs}),`);
  }
  const code = [
    ...prelude,
    `const response = await fetch(${str(url)}, {`,
    ...options,
    '});',
    'console.log(response.status, await response.text());',
  ].join('\n');
  return { code, warnings };
}

function bodyCode(body: RequestBody | undefined, prelude: string[], warnings: string[]): string | undefined {
  switch (body?.type) {
    case undefined:
    case 'none':
      return undefined;
    case 'json':
    case 'text':
    case 'xml':
    case 'soap':
      return str(body.text);
    case 'graphql':
      return str(graphqlPayload(body));
    case 'form': {
      const fields = body.fields.filter((field) => field.enabled !== false);
      return `new URLSearchParams([${fields.map((field) => `[${str(field.name)}, ${str(field.value)}]`).join(', ')}])`;
    }
    case 'multipart': {
      const parts = body.parts.filter((part) => part.enabled !== false);
      if (parts.some((part) => part.file !== undefined)) prelude.push("import { openAsBlob } from 'node:fs';", '');
      prelude.push('const form = new FormData();');
      for (const part of parts) {
        const type = part.contentType ? `, { type: ${str(part.contentType)} }` : '';
        if (part.file !== undefined) {
          const fileName = part.file.split(/[\\/]/).pop() ?? part.file;
          prelude.push(`form.append(${str(part.name)}, await openAsBlob(${str(part.file)}${type}), ${str(fileName)});`);
        } else if (part.contentType) {
          prelude.push(`form.append(${str(part.name)}, new Blob([${str(part.value ?? '')}]${type}));`);
        } else {
          prelude.push(`form.append(${str(part.name)}, ${str(part.value ?? '')});`);
        }
      }
      prelude.push('');
      return 'form';
    }
    case 'binary':
      prelude.push("import { readFile } from 'node:fs/promises';", '');
      if (body.file.startsWith('{{')) warnings.push('The file path holds a variable: resolve it first.');
      return `await readFile(${str(body.file)})`;
  }
}
