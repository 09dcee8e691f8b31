import { createHash, randomBytes } from 'node:crypto';

/** A fresh secret: 32 random bytes as hex (URL- and header-safe). */
export function randomSecret(): string {
  return randomBytes(32).toString('hex');
}

/** SHA-256 of a secret, hex. Secrets are looked up by their hash, so a lookup's timing says nothing about them. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * Codes that work once and only for a while: start links and download tickets. Only hashes are kept; the
 * oldest codes are dropped when more than `max` are live (a user pressing Enter a thousand times, a page asking
 * for tickets in a loop) so the map stays small.
 */
export class OneTimeCodes<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 100,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new code for `value`. */
  mint(value: T): string {
    this.sweep();
    const code = randomSecret();
    this.entries.set(hashSecret(code), { value, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return code;
  }

  /** The code's value, once: a used, expired or unknown code gives undefined. */
  take(code: unknown): T | undefined {
    if (typeof code !== 'string' || code.length === 0 || code.length > 256) return undefined;
    const key = hashSecret(code);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    return entry.expiresAt > this.now() ? entry.value : undefined;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
