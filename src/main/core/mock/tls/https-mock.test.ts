import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useMockServers } from '../testing/mock-server-fixture';
import { CERT_FILE, KEY_FILE } from './local-certificate';

const { serve, root } = useMockServers();

const yaml =
  'name: Secure\nport: 0\nhttps: true\nroutes: [{ method: GET, path: /hello, responses: [{ body: over tls }] }]\n';

/** A GET that trusts only `ca`; resolves with the body and the fingerprint of the certificate the server sent. */
function secureGet(url: string, ca: string): Promise<{ status: number; text: string; fingerprint: string }> {
  return new Promise((resolveGet, rejectGet) => {
    const req = httpsRequest(url, { ca, agent: false }, (res) => {
      const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolveGet({ status: res.statusCode ?? 0, text, fingerprint }));
      res.on('error', rejectGet);
    });
    req.on('error', rejectGet);
    req.end();
  });
}

describe('HTTPS', () => {
  it('serves over TLS with a certificate made for localhost on first use and reused after a restart', async () => {
    const tlsDir = join(root(), 'data');
    const first = await serve(yaml, { tlsDir });
    expect(first.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const cert = readFileSync(join(tlsDir, CERT_FILE), 'utf8');
    expect(statSync(join(tlsDir, KEY_FILE)).mode & 0o777).toBe(0o600);
    const parsed = new X509Certificate(cert);
    expect(parsed.subjectAltName).toContain('DNS:localhost');
    expect(parsed.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(parsed.checkIP('127.0.0.1')).toBe('127.0.0.1');

    const answer = await secureGet(`${first.url}/hello`, cert);
    expect(answer).toMatchObject({ status: 200, text: 'over tls', fingerprint: parsed.fingerprint256 });
    // a client that does not trust the certificate is refused
    await expect(secureGet(`${first.url}/hello`, '')).rejects.toThrow(/self.signed|unable to verify|certificate/i);

    await first.server.stop();
    const second = await serve(yaml, { tlsDir });
    expect(readFileSync(join(tlsDir, CERT_FILE), 'utf8')).toBe(cert);
    expect((await secureGet(`${second.url}/hello`, cert)).fingerprint).toBe(parsed.fingerprint256);
  });

  it('makes a new certificate when the saved one is damaged', async () => {
    const tlsDir = join(root(), 'data');
    const first = await serve(yaml, { tlsDir });
    await first.server.stop();
    writeFileSync(join(tlsDir, CERT_FILE), 'not a certificate');
    const second = await serve(yaml, { tlsDir });
    const cert = readFileSync(join(tlsDir, CERT_FILE), 'utf8');
    expect(cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect((await secureGet(`${second.url}/hello`, cert)).text).toBe('over tls');
  });

  it('says a reload that turns HTTPS off or on needs a restart', async () => {
    const { server } = await serve(yaml, { tlsDir: join(root(), 'data') });
    const plain = { ...server.definition(), https: false };
    expect(server.reload(plain)).toEqual({ restartNeeded: true });
    expect(server.reload(plain)).toEqual({ restartNeeded: false });
  });

  it('says where the certificate could not be saved', async () => {
    writeFileSync(join(root(), 'a-file'), 'x');
    const tlsDir = join(root(), 'a-file', 'data');
    await expect(serve(yaml, { tlsDir })).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(new RegExp(`^The HTTPS certificate could not be saved in ${tlsDir}: `)),
    });
  });

  it('refuses to start without a folder for the certificate, naming the mock', async () => {
    await expect(serve(yaml)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Mock "Secure" asks for HTTPS, but no folder was given to keep its certificate in.',
    });
  });
});
