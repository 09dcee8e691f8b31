import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatFromExtension,
  JsonNumberText,
  openRecordSource,
  type ImportFormat,
  type SourceRecord,
} from './record-source';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bb-records-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(text: string | Buffer, format: ImportFormat) {
  const file = join(dir, `f.${format}`);
  writeFileSync(file, text);
  const source = openRecordSource(file, format, `f.${format}`);
  const header = await source.header();
  const records: SourceRecord[] = [];
  try {
    for await (const batch of source.batches()) records.push(...batch);
  } finally {
    source.close();
  }
  return { header, records };
}

describe('CSV and TSV records', () => {
  it('reads an empty unquoted field as NULL and "" as the empty string (COPY convention)', async () => {
    const { header, records } = await read('a,b,c\n,"",x\n"",,\n', 'csv');
    expect(header).toEqual(['a', 'b', 'c']);
    expect(records.map((r) => r.values)).toEqual([
      [null, '', 'x'],
      ['', null, null],
    ]);
  });

  it('numbers each record by the line it starts on, across quoted line breaks and CRLF', async () => {
    const { records } = await read('id,note\r\n1,"two\r\nlines"\r\n2,x\r\n3,"a\nb\nc"\r\n4,y\r\n', 'csv');
    expect(records.map((r) => [r.line, r.values[0]])).toEqual([
      [2, '1'],
      [4, '2'],
      [5, '3'],
      [8, '4'],
    ]);
  });

  it('reads TSV and skips a byte order mark', async () => {
    const { header, records } = await read(Buffer.from('\uFEFFa\tb\n1\t"x\ty"\n', 'utf8'), 'tsv');
    expect(header).toEqual(['a', 'b']);
    expect(records[0]!.values).toEqual(['1', 'x\ty']);
  });

  it('names the line of a record with the wrong number of fields, and of a stray quote', async () => {
    await expect(read('a,b\n1,2\n3\n', 'csv')).rejects.toThrow(/^f\.csv line 3: /);
    await expect(read('a,b\n1,"x"y\n', 'csv')).rejects.toThrow(/^f\.csv line 2: /);
    await expect(read('', 'csv')).rejects.toThrow(/the file is empty/);
  });
});

describe('JSON and NDJSON records', () => {
  it('keeps integers past 2^53 and long decimals as their text, and names the line each row starts on', async () => {
    const { header, records } = await read(
      '[\n  {"a": 9007199254740993, "b": 1.5},\n  {"a": 1,\n   "b": 0.10000000000000000001}\n]\n',
      'json',
    );
    expect(header).toBeNull();
    expect(records.map((r) => r.line)).toEqual([2, 3]);
    expect(records[0]!.values).toEqual([new JsonNumberText('9007199254740993'), 1.5]);
    expect(records[1]!.values).toEqual([1, new JsonNumberText('0.10000000000000000001')]);
  });

  it('reads one object per NDJSON line and names a bad line', async () => {
    const { records } = await read('{"a": 1}\n\n{"a": "x"}\n', 'ndjson');
    expect(records.map((r) => [r.line, r.keys, r.values])).toEqual([
      [1, ['a'], [1]],
      [3, ['a'], ['x']],
    ]);
    await expect(read('{"a": 1}\n{"a": }\n', 'ndjson')).rejects.toThrow(/^f\.ndjson line 2: invalid JSON/);
    await expect(read('[1, 2]', 'json')).rejects.toThrow(/^f\.json line 1: each row must be a JSON object/);
    await expect(read('{"a": 1}', 'json')).rejects.toThrow(/needs an array of row objects/);
  });
});

it('tells the format from the extension', () => {
  expect(['x.csv', 'x.TSV', 'x.json', 'x.ndjson', 'x.jsonl', 'x.txt'].map(formatFromExtension)).toEqual([
    'csv',
    'tsv',
    'json',
    'ndjson',
    'ndjson',
    null,
  ]);
});
