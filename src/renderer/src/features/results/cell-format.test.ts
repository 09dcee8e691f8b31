import { describe, expect, it } from 'vitest';
import {
  cellKind,
  formatBytes,
  gridText,
  hexDump,
  isNumericType,
  plainText,
  prettyJson,
  toJson,
  toTsv,
} from './cell-format';

describe('cell formatting', () => {
  it('tells NULL from an empty string', () => {
    expect(cellKind(null)).toBe('null');
    expect(cellKind('')).toBe('empty');
    expect(gridText(null)).toBe('NULL');
    expect(gridText('')).toBe('');
  });

  it('renders BLOBs, JSON and long text compactly', () => {
    expect(gridText({ $blob: 'AAEC', size: 1234, truncated: false })).toBe('BLOB 1.2 kB');
    expect(gridText({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(gridText('a\nb')).toBe('a ⏎ b');
    expect(gridText('x'.repeat(1000))).toHaveLength(301);
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(2_500_000)).toBe('2.5 MB');
  });

  it('writes TSV with Excel-style quoting and NULL as empty', () => {
    expect(
      toTsv(
        [
          [1, null, 'a\tb'],
          ['say "hi"', '', true],
        ],
        ['id', 'x', 'y'],
      ),
    ).toBe('id\tx\ty\n1\t\t"a\tb"\n"say ""hi"""\t\ttrue');
    expect(plainText({ $blob: 'AAEC', size: 3, truncated: false })).toBe('AAEC');
  });

  it('writes JSON objects keyed by column, suffixing duplicate names', () => {
    expect(JSON.parse(toJson([[1, 2, null]], ['id', 'id', 'n']))).toEqual([{ id: 1, id_2: 2, n: null }]);
  });

  it('pretty-prints JSON text and dumps BLOB bytes as hex', () => {
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson('hello')).toBeNull();
    expect(hexDump(btoa('AB\u0001'))).toBe(`00000000  41 42 01${' '.repeat(39)}  AB.`);
  });
});

describe('isNumericType', () => {
  it('knows number types sent as text, and not their look-alikes', () => {
    for (const t of [
      'numeric',
      'NUMERIC(20,6)',
      'bigint',
      'decimal(10,2)',
      'int unsigned',
      'double precision',
      'money',
      'int8',
    ])
      expect(isNumericType(t)).toBe(true);
    for (const t of ['interval', 'integer[]', 'text', 'point', 'inet', null, undefined, 'timestamp'])
      expect(isNumericType(t)).toBe(false);
  });
});

describe('prettyJson', () => {
  it('lays out JSON text like JSON.stringify, keeping numbers past 2^53 exact', () => {
    const text = '{"id": 9007199254740993, "tags": [], "o": {}, "s": "a\\"b,{c}", "n": [1, 2.50, -3e2]}';
    expect(prettyJson(text)).toBe(
      '{\n  "id": 9007199254740993,\n  "tags": [],\n  "o": {},\n  "s": "a\\"b,{c}",\n  "n": [\n    1,\n    2.50,\n    -3e2\n  ]\n}',
    );
    const plain = '{"a":[1,{"b":null}],"c":true}';
    expect(prettyJson(plain)).toBe(JSON.stringify(JSON.parse(plain), null, 2));
    expect(prettyJson('[1, 2')).toBeNull();
  });
});
