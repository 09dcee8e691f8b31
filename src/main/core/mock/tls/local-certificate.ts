/**
 * The certificate a mock serves HTTPS with (issue 7, item 8): made on first use for localhost, 127.0.0.1 and
 * ::1, kept in a folder the caller chooses (the app's data dir) and reused by every later start, so a client
 * told to trust it once keeps trusting it. The key is made by node:crypto; node-forge only writes the X.509
 * structure around it. The key file is 0600.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import { AppError } from '../../../../shared/errors';

export const CERT_FILE = 'mock-localhost.crt';
export const KEY_FILE = 'mock-localhost.key';
const VALID_DAYS = 825; // the longest validity macOS and iOS accept for a TLS server certificate
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

export interface LocalCertificate {
  /** PEM */
  cert: string;
  /** PEM (PKCS#8) */
  key: string;
  certPath: string;
  keyPath: string;
  /** Whether it was made by this call (false: read from the folder). */
  created: boolean;
}

// two mocks starting at once share one certificate rather than racing to write two
const pending = new Map<string, Promise<LocalCertificate>>();

/** Reads the folder's certificate, or makes one when there is none, it is expiring, or it does not match its key. */
export function loadOrCreateLocalCertificate(dir: string): Promise<LocalCertificate> {
  const known = pending.get(dir);
  if (known) return known;
  const loading = loadOrCreate(dir).finally(() => pending.delete(dir));
  pending.set(dir, loading);
  return loading;
}

async function loadOrCreate(dir: string): Promise<LocalCertificate> {
  const certPath = join(dir, CERT_FILE);
  const keyPath = join(dir, KEY_FILE);
  const existing = await readPair(certPath, keyPath);
  if (existing) return { ...existing, certPath, keyPath, created: false };
  const made = makeCertificate(new Date());
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeAtomic(keyPath, made.key, 0o600);
    await writeAtomic(certPath, made.cert, 0o644);
  } catch (error) {
    throw new AppError('IO_ERROR', `The HTTPS certificate could not be saved in ${dir}: ${(error as Error).message}`, {
      dir,
    });
  }
  return { ...made, certPath, keyPath, created: true };
}

async function readPair(certPath: string, keyPath: string): Promise<{ cert: string; key: string } | null> {
  let cert: string;
  let key: string;
  try {
    [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
  } catch {
    return null;
  }
  try {
    const parsed = new X509Certificate(cert);
    if (Date.parse(parsed.validTo) - Date.now() < RENEW_BEFORE_MS) return null;
    if (!parsed.checkPrivateKey(createPrivateKey(key))) return null;
  } catch {
    return null; // damaged files: make a new pair
  }
  return { cert, key };
}

/** A self-signed RSA-2048 / SHA-256 certificate for localhost, valid from a day before `now`. */
export function makeCertificate(now: Date): { cert: string; key: string } {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey);
  // positive (leading bit clear) and unique enough that a browser never confuses two of them
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + VALID_DAYS * 24 * 3600 * 1000);
  const name = [
    { name: 'commonName', value: 'localhost' },
    { name: 'organizationName', value: 'Backbench mock server' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    // self-signed and its own authority, so a client can trust it by passing it as `ca`
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(pair.privateKey), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: pair.privateKey };
}

async function writeAtomic(path: string, text: string, mode: number): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, text, { mode });
  await rename(temp, path);
}
