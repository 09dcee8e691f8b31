import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { HttpRequestFileSchema, type HttpRequestFile } from '../../../../shared/http-request';
import { exportCurl } from '../export/curl-export';
import { importCurl } from './curl-import';

describe('importCurl', () => {
  it('reads method, URL, headers, a JSON body, basic auth, --compressed, -k and -L', () => {
    const request = importCurl(
      `curl -X PATCH 'https://api.example.com/v1/users/42?expand=roles' \\
        -H 'Content-Type: application/json' -H "X-Trace: a b" \\
        --data-raw '{"name":"Ada"}' -u 'bob:s3cr:et' --compressed -k -L`,
      'Update user',
    );
    expect(HttpRequestFileSchema.parse(request)).toEqual<HttpRequestFile>({
      name: 'Update user',
      method: 'PATCH',
      url: 'https://api.example.com/v1/users/42?expand=roles',
      headers: [
        { name: 'X-Trace', value: 'a b' },
        { name: 'Accept-Encoding', value: 'gzip, deflate, br' },
      ],
      body: { type: 'json', text: '{"name":"Ada"}' },
      auth: { type: 'basic', username: 'bob', password: 's3cr:et' },
      settings: { verifyTls: false },
    });
  });

  it('names the request by method and path and marks a command without -L as not following redirects', () => {
    const request = importCurl('curl https://example.com/health');
    expect(request).toEqual({
      name: 'GET /health',
      method: 'GET',
      url: 'https://example.com/health',
      settings: { followRedirects: false },
    });
  });

  it('reads -d pairs as a form, --json as JSON and an XML content type as XML', () => {
    expect(importCurl(`curl -L https://x.io/login -d 'user=ada%40x.io' -d 'pass=a+b'`).body).toEqual({
      type: 'form',
      fields: [
        { name: 'user', value: 'ada@x.io' },
        { name: 'pass', value: 'a b' },
      ],
    });
    const json = importCurl(`curl -L https://x.io/q --json '{"q":1}'`);
    expect(json.body).toEqual({ type: 'json', text: '{"q":1}' });
    expect(json.headers).toEqual([{ name: 'Accept', value: 'application/json' }]);
    const xml = importCurl(`curl -L https://x.io/soap -H 'Content-Type: text/xml; charset=utf-8' -d '<a/>'`);
    expect(xml.body).toEqual({ type: 'xml', text: '<a/>' });
    expect(xml.headers).toEqual([{ name: 'Content-Type', value: 'text/xml; charset=utf-8' }]);
  });

  it('reads -F parts with files and types, and --data-binary @file as a binary body', () => {
    const upload = importCurl(`curl -L https://x.io/up -F 'title=Holiday' -F 'photo=@./pics/a.png;type=image/png'`);
    expect(upload.method).toBe('POST');
    expect(upload.body).toEqual({
      type: 'multipart',
      parts: [
        { name: 'title', value: 'Holiday' },
        { name: 'photo', file: './pics/a.png', contentType: 'image/png' },
      ],
    });
    const binary = importCurl(`curl -L -X PUT https://x.io/blob -H 'Content-Type: image/png' --data-binary @a.png`);
    expect(binary.body).toEqual({ type: 'binary', file: 'a.png', contentType: 'image/png' });
    expect(binary.headers).toBeUndefined();
    expect(importCurl(`curl -L -T ./dump.sql -H 'Content-Type: application/sql' https://x.io/db`)).toMatchObject({
      method: 'PUT',
      body: { type: 'binary', file: './dump.sql', contentType: 'application/sql' },
    });
  });

  it('reads digest, bearer and AWS SigV4 auth, timeouts and redirect limits', () => {
    expect(importCurl('curl -L --digest -u u:p https://x.io').auth).toEqual({
      type: 'digest',
      username: 'u',
      password: 'p',
    });
    expect(importCurl('curl -L --oauth2-bearer tok123 https://x.io').auth).toEqual({ type: 'bearer', token: 'tok123' });
    const aws = importCurl(
      `curl -L --aws-sigv4 'aws:amz:eu-west-1:s3' -u AK:SK -H 'x-amz-security-token: T' https://x.io`,
    );
    expect(aws.auth).toEqual({
      type: 'awsv4',
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      sessionToken: 'T',
      region: 'eu-west-1',
      service: 's3',
    });
    expect(aws.headers).toBeUndefined();
    expect(importCurl('curl -L --max-redirs 3 -m 2.5 https://x.io').settings).toEqual({
      maxRedirects: 3,
      timeoutMs: 2500,
    });
  });

  it('keeps {{variables}} in the URL as typed', () => {
    expect(importCurl(`curl -g -L '{{baseUrl}}/users/{{id}}' -H 'Authorization: {{token}}'`)).toMatchObject({
      url: '{{baseUrl}}/users/{{id}}',
      headers: [{ name: 'Authorization', value: '{{token}}' }],
    });
  });

  it('rejects text that is not a curl command', () => {
    expect(() => importCurl('wget https://x.io')).toThrow(AppError);
    expect(() => importCurl('wget https://x.io')).toThrow('cURL command: expected text starting with "curl"');
    expect(() => importCurl('curl -H "A: b"')).toThrow(/cURL command: .*URL/);
  });
});

describe('cURL round trip', () => {
  const COMMANDS = [
    `curl -X PATCH 'https://api.example.com/v1/users/42?expand=roles' -H 'Content-Type: application/json' -H "X-Trace: it's" --data-raw '{"name":"O\\u0027Brien"}' -u 'bob:s3cr:et' --compressed -k -L`,
    `curl https://example.com/health`,
    `curl -L https://x.io/login -d 'user=ada%40x.io' -d 'pass=a+b%26c'`,
    `curl -L https://x.io/up -F 'title=@not-a-file' -F 'photo=@./pics/my photo.png;type=image/png'`,
    `curl -L -X PUT https://x.io/blob -H 'Content-Type: image/png' --data-binary @a.png`,
    `curl -L -T ./dump.sql https://x.io/db`,
    `curl -L --digest -u u:p -m 0.25 https://x.io -H 'X-Empty;'`,
    `curl -L --aws-sigv4 'aws:amz:eu-west-1:s3' -u AK:SK -H 'x-amz-security-token: T' 'https://x.io/a?b=$HOME'`,
    `curl -g '{{baseUrl}}/users/[1]' -X DELETE -H $'X-Line: a\\tb'`,
    `curl -L https://x.io/q -H 'Content-Type: text/plain' -d $'multi\\nline \\'quoted\\' text'`,
  ];
  it.each(COMMANDS)('%s → request → cURL → the same request', (command) => {
    const request = importCurl(command, 'r');
    const exported = exportCurl(request);
    expect(exported.warnings).toEqual([]);
    expect(importCurl(exported.code, 'r')).toEqual(request);
  });
});
