/** Binary bodies as hex dump rows: `00000010  48 65 6c 6c 6f …  |Hello…|`. */

export const HEX_ROW_BYTES = 16;

export interface HexRow {
  /** The first byte's offset, 8 hex digits. */
  offset: string;
  /** Two hex digits per byte, a space between, an extra space after the eighth. */
  hex: string;
  /** Printable ASCII as itself, every other byte as `.`. */
  ascii: string;
}

/** Rows for `bytes[from, to)`; `to` is cut to the end of the bytes. */
export function hexRows(bytes: Uint8Array, from = 0, to = bytes.length): HexRow[] {
  const end = Math.min(to, bytes.length);
  const rows: HexRow[] = [];
  for (let start = from; start < end; start += HEX_ROW_BYTES) {
    const hex: string[] = [];
    let ascii = '';
    for (let i = start; i < start + HEX_ROW_BYTES; i++) {
      if (i < end) {
        const b = bytes[i]!;
        hex.push(b.toString(16).padStart(2, '0'));
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else hex.push('  ');
      if (i - start === 7) hex.push('');
    }
    rows.push({ offset: start.toString(16).padStart(8, '0'), hex: hex.join(' ').trimEnd(), ascii });
  }
  return rows;
}

/** The bytes of a base64 string (an inline body the core could not read as UTF-8). */
export function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
