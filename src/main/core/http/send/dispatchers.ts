/**
 * The undici dispatchers a send goes through, one per distinct connection setup (TLS verification, proxy,
 * client certificate, HTTP/2), each kept for the sender's life so its connections and TLS sessions are reused.
 * A client certificate's files are read when its dispatcher is made; a changed file (another mtime) makes a new
 * one. At most MAX_POOLS are kept; the oldest is closed past that.
 */
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import { AppError } from '../../../../shared/errors';
import { timedConnector } from './exchange-timing';
import { checkFile } from './request-body';
import type { ResolvedSettings } from './send-types';

const MAX_POOLS = 16;

export interface DispatcherPlace {
  baseDir: string;
  filesRoot?: string;
}

export class DispatcherPool {
  private readonly pools = new Map<string, Dispatcher>();

  /** The pooled dispatcher of settings that name no certificate, without an await; undefined when not made yet. */
  pooled(settings: ResolvedSettings): Dispatcher | undefined {
    if (settings.clientCert || settings.clientKey) return undefined;
    return this.pools.get(poolKey(settings, null));
  }

  async for(settings: ResolvedSettings, place: DispatcherPlace): Promise<Dispatcher> {
    // most requests name no certificate: no files to check, no await
    const cert = settings.clientCert || settings.clientKey ? await clientCertificate(settings, place) : null;
    const key = poolKey(settings, cert?.id ?? null);
    let dispatcher = this.pools.get(key);
    if (!dispatcher) {
      dispatcher = make(settings, cert);
      this.pools.set(key, dispatcher);
      if (this.pools.size > MAX_POOLS) {
        const [oldestKey, oldest] = this.pools.entries().next().value as [string, Dispatcher];
        this.pools.delete(oldestKey);
        void oldest.close();
      }
    }
    return dispatcher;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((dispatcher) => dispatcher.close()));
    this.pools.clear();
  }
}

function poolKey(settings: ResolvedSettings, certId: string | null): string {
  // asked for on every send: two fixed-width flags then the proxy, no JSON; a certificate's setup as JSON after 'c'
  const plain = `${settings.verifyTls ? 1 : 0}${settings.http2 === true ? 1 : 0}${settings.proxy || ''}`;
  return certId === null ? plain : `c${JSON.stringify([plain, certId])}`;
}

interface ClientCertificate {
  cert: Buffer;
  key?: Buffer;
  passphrase?: string;
  /** Paths, mtimes and a hash of the passphrase: what makes this setup distinct. */
  id: string;
}

async function clientCertificate(
  settings: ResolvedSettings,
  place: DispatcherPlace,
): Promise<ClientCertificate | null> {
  if (!settings.clientCert) {
    if (settings.clientKey) {
      throw new AppError(
        'INVALID_INPUT',
        'A client key was given without its certificate; choose the certificate too.',
        {
          field: 'settings.clientCert',
        },
      );
    }
    return null;
  }
  const certFile = await checkFile(settings.clientCert, place.baseDir, place.filesRoot, 'client certificate');
  const keyFile = settings.clientKey
    ? await checkFile(settings.clientKey, place.baseDir, place.filesRoot, 'client key')
    : null;
  const passphrase = settings.clientKeyPassphrase || undefined;
  const cert = await readFile(certFile.path);
  const key = keyFile ? await readFile(keyFile.path) : cert;
  try {
    new X509Certificate(cert);
  } catch (error) {
    throw new AppError('INVALID_INPUT', `The client certificate "${settings.clientCert}" is not a PEM certificate.`, {
      field: 'settings.clientCert',
      cause: (error as Error).message,
    });
  }
  try {
    // read now, so a wrong passphrase is named here rather than as a failed handshake
    createPrivateKey({ key, ...(passphrase !== undefined ? { passphrase } : {}) });
  } catch (error) {
    throw new AppError(
      'INVALID_INPUT',
      `The client key${keyFile ? ` "${settings.clientKey}"` : ''} could not be read: ${(error as Error).message}. ` +
        'Check the file and its passphrase.',
      { field: 'settings.clientKey' },
    );
  }
  return {
    cert,
    ...(keyFile ? { key } : {}),
    ...(passphrase !== undefined ? { passphrase } : {}),
    id: JSON.stringify([
      certFile.path,
      certFile.mtimeMs,
      keyFile?.path ?? null,
      keyFile?.mtimeMs ?? null,
      passphrase === undefined ? null : createHash('sha256').update(passphrase).digest('hex'),
    ]),
  };
}

function make(settings: ResolvedSettings, cert: ClientCertificate | null): Dispatcher {
  const tls = {
    rejectUnauthorized: settings.verifyTls,
    allowH2: settings.http2 === true,
    ...(cert ? { cert: cert.cert, key: cert.key ?? cert.cert, passphrase: cert.passphrase } : {}),
  };
  if (settings.proxy) {
    let proxy: URL;
    try {
      proxy = new URL(settings.proxy);
    } catch {
      throw new AppError('INVALID_INPUT', `The proxy "${settings.proxy}" is not a URL; write it as http://host:port.`, {
        field: 'settings.proxy',
      });
    }
    if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
      throw new AppError('INVALID_INPUT', `The proxy must be an http(s) URL (got ${proxy.protocol}).`, {
        field: 'settings.proxy',
      });
    }
    // plain http is forwarded as an absolute-URI request (what curl does); https goes through a CONNECT tunnel
    return new ProxyAgent({ uri: proxy.href, proxyTunnel: false, allowH2: settings.http2 === true, requestTls: tls });
  }
  return new Agent({ allowH2: settings.http2 === true, connect: timedConnector(tls) });
}
