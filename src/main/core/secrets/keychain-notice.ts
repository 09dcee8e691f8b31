import { AppError } from '../../../shared/errors';
import type { SecretStore } from './secret-store';

/** Marks a password encrypted with the OS keychain (Electron safeStorage): `safe1:` + base64. */
export const SAFE_STORAGE_PREFIX = 'safe1:';

/**
 * A store for where the keychain cannot be used (the CLI and browser host, or the desktop when the keychain
 * went away): it encrypts with `inner`, and for a keychain-encrypted password says so, rather than the
 * inner store's "unknown format". No Electron import, so every host can use it.
 */
export function withKeychainNotice(inner: SecretStore, whatToDo: string): SecretStore {
  return {
    kind: inner.kind,
    encrypt: (plain) => inner.encrypt(plain),
    decrypt(cipher) {
      if (!cipher.startsWith(SAFE_STORAGE_PREFIX)) return inner.decrypt(cipher);
      throw new AppError(
        'PERMISSION_DENIED',
        `This password was saved by the desktop app in the system keychain, which is not available here: ${whatToDo}`,
        { reason: 'keychain-unavailable' },
      );
    },
  };
}
