import { safeStorage } from 'electron';
import { AppError } from '../../shared/errors';
import { FileKeySecretStore } from '../core/secrets/file-key-secret-store';
import type { SecretStore } from '../core/secrets/secret-store';
import { SAFE_STORAGE_PREFIX as PREFIX, withKeychainNotice } from '../core/secrets/keychain-notice';

/**
 * Secrets encrypted with the OS keychain through Electron's safeStorage ("safe1:" + base64). Values written by
 * the file-key store (before the keychain was available) still decrypt through it, so nothing is lost when
 * availability changes between runs.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly kind = 'electron-safe-storage';

  constructor(private readonly fallback: FileKeySecretStore) {}

  encrypt(plain: string): string {
    return PREFIX + safeStorage.encryptString(plain).toString('base64');
  }

  decrypt(cipher: string): string {
    if (!cipher.startsWith(PREFIX)) return this.fallback.decrypt(cipher);
    try {
      return safeStorage.decryptString(Buffer.from(cipher.slice(PREFIX.length), 'base64'));
    } catch {
      throw new AppError(
        'INTERNAL',
        'A stored password could not be decrypted with the system keychain (it may have been reset). Edit the connection and enter the password again.',
        { reason: 'keychain-decrypt-failed' },
      );
    }
  }
}

/**
 * The desktop's secret store: safeStorage when the OS keychain is really there; otherwise (Linux without a
 * keyring, where safeStorage would use a hard-coded key) the 0600 key file in the data dir, with a warning.
 */
export function createDesktopSecretStore(dataDir: string, warn: (message: string) => void = console.warn): SecretStore {
  const fileStore = FileKeySecretStore.inDataDir(dataDir);
  const weakLinuxBackend = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (safeStorage.isEncryptionAvailable() && !weakLinuxBackend) return new SafeStorageSecretStore(fileStore);
  warn(
    'Backbench: the system keychain is not available; saved passwords are encrypted with a key file in the data ' +
      `folder (${fileStore.keyPath}, readable only by you) instead.`,
  );
  return withKeychainNotice(
    fileStore,
    'unlock or set up the system keyring and restart Backbench, or edit the connection and enter the password again.',
  );
}
