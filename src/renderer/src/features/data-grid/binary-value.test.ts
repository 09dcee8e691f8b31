import { describe, expect, it } from 'vitest';
import { base64ToHex, binaryOf, binaryParamText, binaryText, byteSize, bytesToBase64, parseHex } from './binary-value';
import { inputText, parseInput } from './cell-input';

describe('binary values', () => {
  it('reads hex with or without a prefix and with separators between bytes', () => {
    expect(parseHex('0x0001ff')).toEqual({ ok: true, base64: 'AAH/', size: 3 });
    expect(parseHex('\\x0001FF')).toEqual({ ok: true, base64: 'AAH/', size: 3 });
    expect(parseHex('00 01:ff')).toEqual({ ok: true, base64: 'AAH/', size: 3 });
    expect(parseHex('')).toEqual({ ok: true, base64: '', size: 0 });
  });

  it('names what is wrong with bad hex', () => {
    expect(parseHex('0x0g')).toEqual({ ok: false, message: expect.stringContaining('"g" is not a hex digit') });
    expect(parseHex('abc')).toEqual({ ok: false, message: expect.stringContaining('3 hex digits') });
  });

  it('round-trips bytes through base64 and hex, also past the argument limit of fromCharCode', () => {
    const big = new Uint8Array(100_000).map((_, i) => i % 256);
    const base64 = bytesToBase64(big);
    const hex = base64ToHex(base64);
    expect(hex.length).toBe(2 + 200_000);
    const back = parseHex(hex);
    expect(back.ok && back.base64).toBe(base64);
  });

  it('shows a value read or staged as hex, and nothing for one read only in part', () => {
    expect(binaryOf({ $blob: 'AAH/', size: 3, truncated: false })).toEqual({
      base64: 'AAH/',
      size: 3,
      truncated: false,
    });
    expect(binaryText({ $blob: 'AAH/', size: 3, truncated: false })).toBe('0x0001ff');
    expect(binaryText({ $base64: 'AAH/' })).toBe('0x0001ff');
    expect(binaryText({ $blob: 'AAH/', size: 9000, truncated: true })).toBe('');
    expect(binaryOf('text')).toBeNull();
    expect(byteSize(1)).toBe('1 byte');
    expect(byteSize(2048)).toBe('2.0 KiB');
  });

  it('a binary cell takes hex text as a $base64 value', () => {
    expect(parseInput('binary', '0x0001ff')).toEqual({ ok: true, value: { $base64: 'AAH/' } });
    expect(parseInput('binary', 'zz').ok).toBe(false);
    expect(inputText({ $blob: 'AAH/', size: 3, truncated: false })).toBe('0x0001ff');
  });

  it('shows a bound binary parameter by its size and first bytes', () => {
    expect(binaryParamText('AAH/')).toBe('<binary, 3 bytes: 0x0001ff>');
    expect(binaryParamText('')).toBe('<binary, 0 bytes: empty>');
    expect(binaryParamText(bytesToBase64(new Uint8Array(20).fill(171)), 2)).toBe('<binary, 20 bytes: 0xabab…>');
  });
});
