import { describe, expect, it } from 'vitest';
import type { ResultColumn, Row } from '../../../shared/domain';
import { encodeBlob, WHOLE_VALUES } from './value-encoding';
import { createRowWriter, type RowFormat } from './row-writer';

const cols = (...names: string[]): ResultColumn[] => names.map((name) => ({ name, dataType: null }));

function writeAll(format: RowFormat, columns: ResultColumn[], batches: Row[][]): string {
  const writer = createRowWriter(format, columns);
  return writer.head + batches.map((b) => writer.rows(b)).join('') + writer.end();
}

const blob = encodeBlob(Buffer.from([0, 255, 16]), WHOLE_VALUES);

describe('row writer: CSV', () => {
  it('writes a header and RFC 4180 records: quotes, commas, line breaks; NULL empty', () => {
    const text = writeAll('csv', cols('id', 'name', 'note'), [
      [
        [1, 'Ada', 'likes "quotes", and commas'],
        [2, 'Bob', null],
      ],
      [[3, 'Zoë', 'line\nbreak']],
    ]);
    expect(text).toBe('id,name,note\n1,Ada,"likes ""quotes"", and commas"\n2,Bob,\n3,Zoë,"line\nbreak"\n');
  });

  it('writes booleans as true/false, JSON values as JSON text and BLOBs as base64 of every byte', () => {
    const text = writeAll('csv', cols('flag', 'doc', 'bytes', 'big'), [
      [[true, { a: [1, 2] }, blob, '9007199254740993']],
      [[false, [1], null, '-1.50']],
    ]);
    expect(text).toBe('flag,doc,bytes,big\ntrue,"{""a"":[1,2]}",AP8Q,9007199254740993\nfalse,[1],,-1.50\n');
  });

  it('writes just the header for no rows', () => {
    expect(writeAll('csv', cols('a', 'b'), [[]])).toBe('a,b\n');
  });
});

describe('row writer: JSON', () => {
  it('writes an array of row objects, one per line, across batches', () => {
    const text = writeAll('json', cols('id', 'name'), [[[1, 'a']], [], [[2, null]]]);
    expect(text).toBe('[\n  {"id":1,"name":"a"},\n  {"id":2,"name":null}\n]\n');
    expect(JSON.parse(text)).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: null },
    ]);
  });

  it('keeps every value: repeated names get a suffix, BLOBs are { $base64 }, strings stay strings', () => {
    const text = writeAll('json', cols('id', 'id', 'id', 'bytes', 'doc', 'big'), [
      [[1, 2, 3, blob, { a: { b: [true, null] } }, '9007199254740993']],
    ]);
    expect(JSON.parse(text)).toEqual([
      { id: 1, id_2: 2, id_3: 3, bytes: { $base64: 'AP8Q' }, doc: { a: { b: [true, null] } }, big: '9007199254740993' },
    ]);
  });

  it('makes a column named __proto__ an ordinary key', () => {
    const [row] = JSON.parse(writeAll('json', cols('__proto__', 'constructor'), [[[1, 'x']]])) as object[];
    expect(Object.keys(row!)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe(1);
  });

  it('escapes keys and text as JSON', () => {
    const text = writeAll('json', cols('a"b', 'line\nkey'), [[['tab\there', '\u2028']]]);
    expect(JSON.parse(text)).toEqual([{ 'a"b': 'tab\there', 'line\nkey': '\u2028' }]);
  });

  it('writes [] for no rows, and {} rows for no columns', () => {
    expect(writeAll('json', cols('a'), [])).toBe('[]\n');
    expect(JSON.parse(writeAll('json', [], [[[]]]))).toEqual([{}]);
  });
});

describe('row writer: NULL and the empty string (PostgreSQL COPY convention)', () => {
  it('writes NULL as an empty unquoted field and the empty string as "" in CSV and TSV', () => {
    expect(writeAll('csv', cols('a', 'b', 'c'), [[[null, '', 'x']]])).toBe('a,b,c\n,"",x\n');
    expect(writeAll('tsv', cols('a', 'b', 'c'), [[[null, '', 'tab\there']]])).toBe('a\tb\tc\n\t""\t"tab\there"\n');
  });
});

describe('row writer: NDJSON', () => {
  it('writes one row object per line, no array', () => {
    expect(writeAll('ndjson', cols('id', 'name'), [[[1, 'a']], [[2, null]]])).toBe(
      '{"id":1,"name":"a"}\n{"id":2,"name":null}\n',
    );
  });
});

describe('row writer: SQL INSERTs', () => {
  const target = (engine: 'sqlite' | 'postgres' | 'mysql') => ({ engine, table: { schema: null, table: 'my table' } });
  const columns: ResultColumn[] = [
    { name: 'id', dataType: 'bigint' },
    { name: 'note', dataType: 'text' },
    { name: 'bytes', dataType: 'bytea' },
  ];

  it('writes one INSERT per row, escaped by the engine dialect, big integers bare', () => {
    const rows: Row[] = [['9007199254740993', "it's", blob]];
    const writer = (engine: 'sqlite' | 'postgres' | 'mysql') => createRowWriter('sql', columns, target(engine));
    expect(writer('postgres').rows(rows)).toBe(
      `insert into "my table" ("id", "note", "bytes") values (9007199254740993, 'it''s', '\\x00ff10'::bytea);\n`,
    );
    expect(writer('mysql').rows([['1', 'a\\b', null]])).toBe(
      "insert into `my table` (`id`, `note`, `bytes`) values (1, 'a\\\\b', NULL);\n",
    );
  });

  it('needs the engine and the table', () => {
    expect(() => createRowWriter('sql', columns)).toThrow(/engine and the table/);
  });
});
