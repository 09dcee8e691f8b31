import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { SecretStore } from './secret-store';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX = 'v1:';

/**
 * AES-256-GCM with a random key kept in `<dataDir>/secret.key` (mode 0600). Used where no OS keychain is at
 * hand (browser host, CLI). Cipher text: "v1:" + base64(iv | tag | ciphertext); the version prefix lets a
 * later format coexist with stored v1 values.
 */
export class FileKeySecretStore implements SecretStore {
  readonly kind = 'file-key';
  private readonly key: Buffer;

  constructor(readonly keyPath: string) {
    this.key = loadOrCreateKey(keyPath);
  }

  static inDataDir(dataDir: string): FileKeySecretStore {
    return new FileKeySecretStore(join(dataDir, 'secret.key'));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(cipherText: string): string {
    if (!cipherText.startsWith(PREFIX)) {
      throw new AppError(
        'INTERNAL',
        'A stored password is in an unknown format. Edit the connection and enter the password again.',
        {
          reason: 'unknown-secret-format',
        },
      );
    }
    const raw = Buffer.from(cipherText.slice(PREFIX.length), 'base64');
    try {
      if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('too short');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      // GCM authentication failed: the key file was replaced or the stored value altered
      throw new AppError(
        'INTERNAL',
        `A stored password could not be decrypted: the key file ${this.keyPath} changed since it was saved. Edit the connection and enter the password again.`,
        { reason: 'secret-key-changed', keyPath: this.keyPath },
      );
    }
  }
}

function loadOrCreateKey(keyPath: string): Buffer {
  mkdirSync(dirname(keyPath), { recursive: true });
  let fd: number;
  try {
    // 'wx': never overwrite a key another process just created
    fd = openSync(keyPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readExistingKey(keyPath);
  }
  const key = randomBytes(KEY_BYTES);
  try {
    writeSync(fd, key.toString('base64'));
  } finally {
    closeSync(fd);
  }
  return key;
}

function readExistingKey(keyPath: string): Buffer {
  if (process.platform !== 'win32' && (statSync(keyPath).mode & 0o077) !== 0) chmodSync(keyPath, 0o600);
  const key = Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new AppError(
      'INTERNAL',
      `The key file ${keyPath} is damaged (expected ${KEY_BYTES} bytes). Move it away and restart; then re-enter saved passwords.`,
      { keyPath },
    );
  }
  return key;
}
