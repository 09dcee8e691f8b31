import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import aws4 from 'aws4';
import { describe, expect, it } from 'vitest';
import { outgoing, useSender } from '../testing/sender-fixture';
import { useTestServers } from '../testing/test-servers';
import { signAwsV4 } from './sigv4-auth';

const { http, tempDir } = useTestServers();
const makeSender = useSender(tempDir);

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/**
 * The server's check: the signature recomputed by aws4 (an independent implementation) from what arrived, and
 * the signed payload hash compared with the body's own (aws4 takes the hash from x-amz-content-sha256; given the
 * body it would sign a Content-Length too).
 */
function recompute(req: IncomingMessage, body: Buffer, service: string, region: string) {
  const payloadHash = req.headers['x-amz-content-sha256'];
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== createHash('sha256').update(body).digest('hex')) {
    return 'the payload hash does not match the body';
  }
  const authorization = req.headers.authorization ?? '';
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = String(req.headers[name]);
  const signed = aws4.sign(
    {
      host: req.headers.host,
      method: req.method,
      path: req.url,
      headers,
      service,
      region,
    },
    // the session token is among the signed headers already
    CREDENTIALS,
  ) as { headers: Record<string, string> };
  return signed.headers.Authorization;
}

describe('AWS SigV4', () => {
  it('adds Authorization with the credential scope, X-Amz-Date of the signing time and the payload hash', async () => {
    const added = await signAwsV4(
      { type: 'awsv4', ...CREDENTIALS, region: 'us-east-1', service: 'service' },
      {
        method: 'GET',
        url: new URL('https://example.amazonaws.com/?Param2=value2&Param1=value1'),
        headers: [],
        body: null,
      },
      new Date('2015-08-30T12:36:00Z'),
    );
    expect(added.headers.find((header) => header.name === 'Authorization')?.value).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20150830\/us-east-1\/service\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(added.headers).toContainEqual({ name: 'X-Amz-Date', value: '20150830T123600Z' });
    // SHA-256 of the empty body
    expect(added.headers).toContainEqual({
      name: 'X-Amz-Content-Sha256',
      value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
  });

  it('signs method, path, query, headers and a JSON body as the server recomputes them with aws4', async () => {
    const server = await http((req, res, body) => {
      const expected = recompute(req, body, 'execute-api', 'eu-west-1');
      res.writeHead(req.headers.authorization === expected ? 200 : 403).end(expected);
    });
    const { sender } = await makeSender();
    const response = await sender.send(
      outgoing(`${server.url}/prod/items/a%20b?z=1&a=two%20words&a=3`, {
        method: 'POST',
        headers: [{ name: 'X-Custom', value: 'yes' }],
        body: { type: 'json', text: '{"name":"ada"}' },
        auth: { type: 'awsv4', ...CREDENTIALS, sessionToken: 'session-1', region: 'eu-west-1', service: 'execute-api' },
      }),
    );
    const received = server.received[0]!;
    expect(response.status, received.headers.authorization).toBe(200);
    expect(received.headers['x-amz-security-token']).toBe('session-1');
    expect(received.headers.authorization).toContain('/eu-west-1/execute-api/aws4_request');
    expect(received.headers.authorization).toMatch(/SignedHeaders=[^,]*content-type[^,]*x-custom/);
  });

  it('sends a file body unsigned (UNSIGNED-PAYLOAD), still accepted by the recomputation', async () => {
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(tempDir(), 'sigv4-files');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'blob.bin'), Buffer.from([1, 2, 3]));
    const server = await http((req, res, body) => {
      const expected = recompute(req, body, 's3', 'us-east-1');
      res.writeHead(req.headers.authorization === expected ? 200 : 403).end();
    });
    const { sender } = await makeSender();
    const response = await sender.send(
      outgoing(`${server.url}/bucket/key.bin`, {
        method: 'PUT',
        baseDir: dir,
        body: { type: 'binary', file: 'blob.bin' },
        auth: { type: 'awsv4', ...CREDENTIALS, region: 'us-east-1', service: 's3' },
      }),
    );
    expect(server.received[0]!.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(response.status).toBe(200);
  });
});
