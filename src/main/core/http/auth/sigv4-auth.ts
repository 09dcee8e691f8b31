/**
 * AWS Signature Version 4 (`awsv4` auth), signed by @smithy/signature-v4 — the signer the AWS SDK itself uses.
 * What is signed: method, path (escaped as AWS wants for every service but S3), query, Host, the request's own
 * headers and the body type's Content-Type, and the payload's SHA-256. A body that is a file or a multipart
 * form (a stream) is sent with `x-amz-content-sha256: UNSIGNED-PAYLOAD`, which S3 accepts; other services
 * want the hash, so for them send a text body.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Auth } from '../../../../shared/http-request';
import type { AuthContribution, AuthTarget } from '../send/auth-schemes';

export type AwsV4Auth = Extract<Auth, { type: 'awsv4' }>;

/** The headers SigV4 adds: Authorization, X-Amz-Date, X-Amz-Content-Sha256 and X-Amz-Security-Token. */
export async function signAwsV4(
  auth: AwsV4Auth,
  target: AuthTarget,
  now: Date = new Date(),
): Promise<AuthContribution> {
  const { url } = target;
  const headers: Record<string, string> = { host: url.host };
  for (const { name, value } of target.headers) headers[name.toLowerCase()] = value;
  const payload = target.body;
  if (payload === undefined && headers['x-amz-content-sha256'] === undefined) {
    headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  }
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const known = query[name];
    query[name] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
  }
  const signer = new SignatureV4({
    service: auth.service,
    region: auth.region,
    credentials: {
      accessKeyId: auth.accessKeyId,
      secretAccessKey: auth.secretAccessKey,
      ...(auth.sessionToken ? { sessionToken: auth.sessionToken } : {}),
    },
    sha256: Sha256,
    // S3 keys are signed as they are; every other service wants each path segment escaped again
    uriEscapePath: auth.service !== 's3',
  });
  const signed = await signer.sign(
    {
      method: target.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path: url.pathname,
      query,
      headers,
      body: payload ?? undefined,
    },
    { signingDate: now },
  );
  const added: AuthContribution = { headers: [], query: [] };
  for (const [name, value] of Object.entries(signed.headers)) {
    if (name === 'host' || headers[name] === value) continue;
    added.headers.push({ name: canonicalName(name), value });
  }
  // a header the signer needs that the request names in another case is sent as signed
  if (headers['x-amz-content-sha256'] === 'UNSIGNED-PAYLOAD' && !target.headers.some(isSha256Header)) {
    added.headers.push({ name: 'X-Amz-Content-Sha256', value: 'UNSIGNED-PAYLOAD' });
  }
  return added;
}

const isSha256Header = (header: { name: string }) => header.name.toLowerCase() === 'x-amz-content-sha256';

function canonicalName(name: string): string {
  if (name === 'authorization') return 'Authorization';
  return name.replace(/(^|-)([a-z])/g, (_all, dash: string, letter: string) => dash + letter.toUpperCase());
}
