import { describe, expect, it } from 'vitest';
import { JsonPrettyStream, looksLikeMinifiedJson } from './json-pretty';

/** Formats `text` fed in pieces of `size` bytes. */
function pretty(text: string, size = 1 << 20): string {
  const stream = new JsonPrettyStream();
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(stream.push(bytes.subarray(i, i + size)));
  parts.push(stream.end());
  return Buffer.concat(parts).toString();
}

const sample = {
  id: 7,
  name: 'Ada "the first" \\ Lovelace, {not: [a bracket]}',
  tags: ['x', 'y', ''],
  empty: {},
  none: [],
  nested: [{ a: null, b: true, c: false, d: -1.5e-7 }, [[]], [{}]],
  unicode: 'é → 😀',
};

describe('JsonPrettyStream', () => {
  it('gives what JSON.stringify(value, null, 2) gives, plus a final newline', () => {
    const text = JSON.stringify(sample);
    expect(pretty(text)).toBe(`${JSON.stringify(sample, null, 2)}\n`);
  });

  it('gives the same bytes however the input is cut (every chunk boundary, escapes and UTF-8 split)', () => {
    const text = JSON.stringify(sample);
    const whole = pretty(text);
    for (const size of [1, 2, 3, 7]) expect(pretty(text, size)).toBe(whole);
  });

  it('copies numbers, literals and strings verbatim, escapes included', () => {
    const text = '{"big":1e400,"one":1.0,"neg":-0,"s":"\\u00e9\\"\\\\","arr":[ 1 , 2 ]}';
    expect(pretty(text)).toBe(
      '{\n  "big": 1e400,\n  "one": 1.0,\n  "neg": -0,\n  "s": "\\u00e9\\"\\\\",\n  "arr": [\n    1,\n    2\n  ]\n}\n',
    );
  });

  it('re-indents JSON that had whitespace', () => {
    expect(pretty('  {\n\t"a" :\r\n [ ] }  ')).toBe('{\n  "a": []\n}\n');
  });

  it.each([
    ['{"a":1]', /Unexpected "\]" at byte 6/],
    ['{"a":1} x', /Text after the JSON value at byte 8/],
    ['{"a":', /ends before its value is complete/],
    ['"text"', /Not a JSON object or array at byte 0/],
  ])('refuses %s with the place it went wrong', (text, message) => {
    expect(() => pretty(text)).toThrow(message);
  });
});

describe('looksLikeMinifiedJson', () => {
  it('is true for an object or array with a long first line only', () => {
    const long = JSON.stringify({ items: Array.from({ length: 300 }, (_, i) => ({ i })) });
    expect(looksLikeMinifiedJson(Buffer.from(long))).toBe(true);
    expect(looksLikeMinifiedJson(Buffer.from(`  \n${long}`))).toBe(true);
    expect(looksLikeMinifiedJson(Buffer.from(JSON.stringify(JSON.parse(long), null, 2)))).toBe(false);
    expect(looksLikeMinifiedJson(Buffer.from(`x${long}`))).toBe(false);
  });
});
