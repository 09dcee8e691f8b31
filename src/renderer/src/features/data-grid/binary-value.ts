/**
 * Binary cell values in the renderer: typed as hex text (`0x01ff`, `\x01ff`, `01 ff`, `01:ff`) or read from a
 * file, carried as the contract's `{ $base64 }` (docs/values.md: a BLOB is read as `{ $blob: base64, size,
 * truncated }`).
 */

export type ParsedHex = { ok: true; base64: string; size: number } | { ok: false; message: string };

/** Hex text as base64 bytes; separators (spaces, colons, dashes) between bytes are allowed. */
export function parseHex(text: string): ParsedHex {
  const body = text.trim().replace(/^(0x|\\x)/i, '');
  const digits = body.replace(/[\s:-]/g, '');
  const bad = /[^0-9a-f]/i.exec(digits);
  if (bad) return { ok: false, message: `"${bad[0]}" is not a hex digit (write bytes as hex, like 0x01ff).` };
  if (digits.length % 2 !== 0)
    return { ok: false, message: `${digits.length} hex digits is not a whole number of bytes (two digits a byte).` };
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return { ok: true, base64: bytesToBase64(bytes), size: bytes.length };
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // in chunks: String.fromCharCode(...) with a whole large file would exceed the argument limit
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function base64ToHex(base64: string): string {
  const binary = atob(base64);
  let hex = '';
  for (let i = 0; i < binary.length; i++) hex += binary.charCodeAt(i).toString(16).padStart(2, '0');
  return `0x${hex}`;
}

/** A binary value as read (`$blob`) or staged (`$base64`), else null. */
export function binaryOf(value: unknown): { base64: string; size: number; truncated: boolean } | null {
  if (value === null || typeof value !== 'object') return null;
  const v = value as { $blob?: unknown; $base64?: unknown; size?: unknown; truncated?: unknown };
  if (typeof v.$blob === 'string')
    return {
      base64: v.$blob,
      size: typeof v.size === 'number' ? v.size : atob(v.$blob).length,
      truncated: v.truncated === true,
    };
  if (typeof v.$base64 === 'string') return { base64: v.$base64, size: atob(v.$base64).length, truncated: false };
  return null;
}

/** The hex text an editor starts with for a binary value; empty when only part of it was read. */
export function binaryText(value: unknown): string {
  const binary = binaryOf(value);
  return binary && !binary.truncated ? base64ToHex(binary.base64) : '';
}

/** "3 bytes", "1.5 KiB": the size of a binary value as a field's hint shows it. */
export function byteSize(size: number): string {
  if (size < 1024) return size === 1 ? '1 byte' : `${size} bytes`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / 1024 / 1024).toFixed(1)} MiB`;
}

/** A bound binary parameter as Review SQL shows it: its size and its first bytes as hex. */
export function binaryParamText(base64: string, shown = 16): string {
  const size = atob(base64).length;
  const hex = base64ToHex(base64);
  const head = size > shown ? `${hex.slice(0, 2 + shown * 2)}…` : hex;
  return `<binary, ${byteSize(size)}: ${size === 0 ? 'empty' : head}>`;
}
