import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import forge from 'node-forge';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateLocalCertificate } from '../../mock/tls/local-certificate';
import { outgoing, useSender } from '../testing/sender-fixture';
import { useTestServers } from '../testing/test-servers';

const { http, https, tempDir } = useTestServers();
const makeSender = useSender(tempDir);

// servers this file makes itself (a proxy, a TLS server asking for a client certificate, an h2 server)
const own: { server: Server | Http2SecureServer; sockets: Set<Socket> }[] = [];
afterEach(async () => {
  for (const { server, sockets } of own.splice(0)) {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(server: Server | Http2SecureServer): Promise<number> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  own.push({ server, sockets });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** A forward proxy: plain requests (absolute URI) forwarded, CONNECT tunnelled; it notes each. */
async function startProxy(): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const proxy = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const upstream = httpRequest(req.url!, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = req.url!.split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const port = await listen(proxy);
  return { url: `http://127.0.0.1:${port}`, seen };
}

/** A self-signed certificate for TLS client authentication (extKeyUsage clientAuth), its key encrypted. */
function clientCertificate(): { cert: string; key: string } {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const name = [{ name: 'commonName', value: 'backbench test client' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true },
    { name: 'extKeyUsage', clientAuth: true },
  ]);
  const keyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  const encrypted = pair.privateKey
    .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'open sesame' })
    .toString();
  return { cert: forge.pki.certificateToPem(cert), key: encrypted };
}

describe('send settings', () => {
  it('goes through an HTTP proxy: plain http forwarded, https through a CONNECT tunnel', async () => {
    const proxy = await startProxy();
    const plain = await http((_req, res) => res.end('plain'));
    const secure = await https((_req, res) => res.end('secure'));
    const { sender } = await makeSender();
    const first = await sender.send(outgoing(`${plain.url}/via?x=1`, { settings: { proxy: proxy.url } as never }));
    expect(first.body.data).toBe('plain');
    expect(proxy.seen).toContain(`GET ${plain.url}/via?x=1`);
    const second = await sender.send(
      outgoing(`${secure.url}/tunnel`, { settings: { proxy: proxy.url, verifyTls: false } as never }),
    );
    expect(second.body.data).toBe('secure');
    expect(proxy.seen).toContain(`CONNECT ${new URL(secure.url).host}`);
    expect(secure.received[0]!.url).toBe('/tunnel');
  });

  it('names a proxy that is not a URL', async () => {
    const { sender } = await makeSender();
    await expect(
      sender.send(outgoing('http://127.0.0.1:9/', { settings: { proxy: 'not a url' } as never })),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('"not a url"') });
  });

  it('presents a client certificate (files inside the workspace) to a server that requires one', async () => {
    const server = await loadOrCreateLocalCertificate(join(tempDir(), 'server-tls'));
    const client = clientCertificate();
    const workspace = join(tempDir(), 'cert-workspace');
    mkdirSync(join(workspace, 'certs'), { recursive: true });
    writeFileSync(join(workspace, 'certs', 'client.crt'), client.cert);
    writeFileSync(join(workspace, 'certs', 'client.key'), client.key);
    const seen: (string | undefined)[] = [];
    const tls = createHttpsServer(
      { cert: server.cert, key: server.key, ca: [client.cert], requestCert: true, rejectUnauthorized: false },
      (req, res) => {
        const socket = req.socket as TLSSocket;
        seen.push(socket.authorized ? socket.getPeerCertificate().fingerprint256 : undefined);
        res.writeHead(socket.authorized ? 200 : 401).end();
      },
    );
    const port = await listen(tls);
    const { sender } = await makeSender();
    const request = (settings: object) =>
      sender.send(
        outgoing(`https://127.0.0.1:${port}/`, {
          baseDir: workspace,
          filesRoot: workspace,
          settings: { verifyTls: false, ...settings } as never,
        }),
      );
    expect((await request({})).status).toBe(401);
    const withCert = { clientCert: 'certs/client.crt', clientKey: 'certs/client.key' };
    await expect(request({ ...withCert, clientKeyPassphrase: 'wrong' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('passphrase'),
    });
    expect((await request({ ...withCert, clientKeyPassphrase: 'open sesame' })).status).toBe(200);
    expect(seen.at(-1)).toMatch(/^[0-9A-F:]+$/);
    await expect(request({ clientCert: '../../outside.crt' })).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    await expect(request({ clientKey: 'certs/client.key' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('speaks HTTP/2 when asked and the server offers it by ALPN, HTTP/1.1 otherwise', async () => {
    const { cert, key } = await loadOrCreateLocalCertificate(join(tempDir(), 'h2-tls'));
    const h2 = createSecureServer({ cert, key, allowHTTP1: true }, (req, res) => {
      res.end(`over ${req.httpVersion}`);
    });
    const port = await listen(h2);
    const { sender } = await makeSender();
    const url = `https://127.0.0.1:${port}/v`;
    const two = await sender.send(outgoing(url, { settings: { verifyTls: false, http2: true } as never }));
    expect(two).toMatchObject({ status: 200, httpVersion: '2', body: { data: 'over 2.0' } });
    const one = await sender.send(outgoing(url, { settings: { verifyTls: false } as never }));
    expect(one).toMatchObject({ httpVersion: '1.1', body: { data: 'over 1.1' } });
  });
});
