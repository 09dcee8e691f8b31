/**
 * Encrypts secrets (passwords) at rest. Electron provides one over safeStorage; elsewhere a 0600 key file in
 * the data dir is used (file-key-secret-store.ts).
 */
export interface SecretStore {
  readonly kind: string;
  encrypt(plain: string): string;
  decrypt(cipher: string): string;
}
