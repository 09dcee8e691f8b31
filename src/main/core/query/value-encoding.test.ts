import { describe, expect, it } from 'vitest';
import {
  encodeRow,
  encodeRowInPlace,
  isoDateTime,
  PREVIEW_VALUES,
  TEXT_PREVIEW_CHARS,
  WHOLE_VALUES,
  type ValueWindow,
} from './value-encoding';

describe('encodeRowInPlace', () => {
  const long = 'x'.repeat(TEXT_PREVIEW_CHARS + 1);
  const cells = () => [
    1,
    -0.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    'short',
    long,
    null,
    undefined,
    true,
    9007199254740993n,
    12n,
    Buffer.from('abc'),
    { a: 1 },
  ];
  const windows: ValueWindow[] = [PREVIEW_VALUES, WHOLE_VALUES, { offset: 2, textChars: 3, blobBytes: 1 }];

  it('gives the cells encodeRow gives, in the same array', () => {
    for (const window of windows) {
      const row = cells();
      expect(encodeRowInPlace(row, window)).toBe(row);
      expect(row).toEqual(encodeRow(cells(), window));
    }
  });
});

describe('isoDateTime', () => {
  it('turns the plain shape into ISO 8601 as the general rule does', () => {
    expect(isoDateTime('2026-01-01 00:00:01')).toBe('2026-01-01T00:00:01');
    expect(isoDateTime('2026-01-01 00:00:01.500')).toBe('2026-01-01T00:00:01.5');
    expect(isoDateTime('2026-01-01 00:00:01+01')).toBe('2026-01-01T00:00:01+01:00');
    expect(isoDateTime('12026-01-01 00:00:01')).toBe('12026-01-01T00:00:01');
    expect(isoDateTime('0001-01-01 00:00:00 BC')).toBe('0001-01-01T00:00:00 BC');
    expect(isoDateTime('infinity')).toBe('infinity');
  });
});
