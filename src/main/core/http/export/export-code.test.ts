import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRequestFile } from '../../../../shared/http-request';
import { exportCurl } from './curl-export';
import { exportFetch } from './fetch-export';
import { shellQuote } from './shell-quote';

const run = promisify(execFile);

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let base: string;
let received: Received[] = [];
const dir = mkdtempSync(join(tmpdir(), 'bb-export-'));
writeFileSync(join(dir, 'photo.png'), 'PNGDATA');

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Runs the exported cURL command in a shell and the exported fetch code in Node; returns what the server got. */
async function sendBoth(request: HttpRequestFile): Promise<[Received, Received]> {
  received = [];
  const curl = exportCurl(request);
  await run('sh', ['-c', curl.code + ' --silent --show-error'], { cwd: dir });
  const fetchCode = exportFetch(request);
  await run(process.execPath, ['--input-type=module', '-e', fetchCode.code], { cwd: dir });
  expect(received).toHaveLength(2);
  return [received[0]!, received[1]!];
}

const TRICKY = `it's "quoted" $HOME \`id\` \\ é\nnext line`;

describe('exported code sends the request it was made from', () => {
  it('JSON body, headers with shell metacharacters and basic auth', async () => {
    const request: HttpRequestFile = {
      name: 'r',
      method: 'PUT',
      url: `${base}/users/:id?tag=a%20b`,
      pathParams: [{ name: 'id', value: '42' }],
      headers: [
        { name: 'X-Tricky', value: "it's $HOME `id`" },
        { name: 'X-Off', value: 'no', enabled: false },
      ],
      body: { type: 'json', text: JSON.stringify({ note: TRICKY }) },
      auth: { type: 'basic', username: 'ada', password: 'p:ss word' },
    };
    for (const got of await sendBoth(request)) {
      expect(got.method).toBe('PUT');
      expect(got.url).toBe('/users/42?tag=a%20b');
      expect(got.headers['x-tricky']).toBe("it's $HOME `id`");
      expect(got.headers['x-off']).toBeUndefined();
      expect(got.headers['content-type']).toBe('application/json');
      expect(got.headers.authorization).toBe(`Basic ${Buffer.from('ada:p:ss word').toString('base64')}`);
      expect(JSON.parse(got.body)).toEqual({ note: TRICKY });
    }
  });

  it('form fields, url-encoded the same way', async () => {
    const request: HttpRequestFile = {
      name: 'r',
      method: 'POST',
      url: `${base}/login`,
      body: {
        type: 'form',
        fields: [
          { name: 'user', value: 'ada@x.io' },
          { name: 'pass', value: 'a b&c=d' },
        ],
      },
    };
    for (const got of await sendBoth(request)) {
      expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(Object.fromEntries(new URLSearchParams(got.body))).toEqual({ user: 'ada@x.io', pass: 'a b&c=d' });
    }
  });

  it('multipart with a text part and a file part', async () => {
    const request: HttpRequestFile = {
      name: 'r',
      method: 'POST',
      url: `${base}/upload`,
      body: {
        type: 'multipart',
        parts: [
          { name: 'title', value: '@Holiday' },
          { name: 'photo', file: 'photo.png', contentType: 'image/png' },
        ],
      },
    };
    for (const got of await sendBoth(request)) {
      expect(got.headers['content-type']).toMatch(/^multipart\/form-data; ?boundary=/);
      expect(got.body).toMatch(/name="title"\r\n\r\n@Holiday\r\n/);
      expect(got.body).toMatch(/name="photo"; filename="photo.png"\r\nContent-Type: image\/png\r\n\r\nPNGDATA\r\n/);
    }
  });

  it('a GraphQL body as JSON with parsed variables', async () => {
    const request: HttpRequestFile = {
      name: 'r',
      method: 'POST',
      url: `${base}/graphql`,
      body: { type: 'graphql', query: 'query U($id: ID!) { user(id: $id) { name } }', variables: '{"id": "7"}' },
    };
    for (const got of await sendBoth(request)) {
      expect(JSON.parse(got.body)).toEqual({
        query: 'query U($id: ID!) { user(id: $id) { name } }',
        variables: { id: '7' },
      });
    }
  });
});

describe('shellQuote', () => {
  it('quotes what a shell would expand and leaves plain words bare', async () => {
    expect(shellQuote('https://x.io/a')).toBe('https://x.io/a');
    expect(shellQuote('')).toBe("''");
    const { stdout } = await run('sh', ['-c', `printf %s ${shellQuote(TRICKY)}`]);
    expect(stdout).toBe(TRICKY);
  });
});

describe('warnings', () => {
  it('says what the code leaves out', () => {
    const request: HttpRequestFile = {
      name: 'r',
      method: 'GET',
      url: 'https://x.io',
      auth: { type: 'oauth2', grant: 'client_credentials', tokenUrl: 'https://x.io/token', clientId: 'c' },
    };
    expect(exportCurl(request).warnings).toEqual([expect.stringContaining('OAuth 2.0')]);
    expect(exportFetch(request).warnings).toEqual([expect.stringContaining('oauth2')]);
  });
});
