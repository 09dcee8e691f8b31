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

async function readFile(text: string | Buffer, format: ImportFormat, parallel = false) {
  const file = join(dir, `f.${format}`);
  writeFileSync(file, text);
  const source = openRecordSource(file, format, `f.${format}`, { parallel });
  const header = await source.header();
  const records: SourceRecord[] = [];
  try {
    for await (const batch of source.batches()) records.push(...batch);
  } finally {
    source.close();
  }
  return { header, records };
}

// in this thread (a preview) and in the parse worker (an import): the same records, lines and errors
describe.each([
  ['in this thread', false],
  ['in a worker thread', true],
])('CSV and TSV records %s', (_, parallel) => {
  const read = (text: string | Buffer, format: ImportFormat) => readFile(text, format, parallel);

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

  it('reads a file of many batches: every record, its line, NULL and "" apart, the values in their columns', async () => {
    const rows: string[] = ['id,a,b'];
    for (let i = 1; i <= 30_000; i++) {
      // a long value (copied another way than short ones) with a line break inside
      if (i % 1000 === 0) rows.push(`${i},"${'w'.repeat(i % 90)}\n${'é'.repeat(i % 7)}",""`);
      else rows.push(`${i},${i % 3 === 0 ? '' : `v${i}`},${'ü'.repeat(i % 5)}`);
    }
    const { records } = await read(`${rows.join('\n')}\n`, 'csv');
    expect(records).toHaveLength(30_000);
    let line = 2;
    for (const [index, record] of records.entries()) {
      const i = index + 1;
      expect(record.line).toBe(line);
      expect(record.values).toEqual(
        i % 1000 === 0
          ? [String(i), `${'w'.repeat(i % 90)}\n${'é'.repeat(i % 7)}`, '']
          : [String(i), i % 3 === 0 ? null : `v${i}`, i % 5 === 0 ? null : 'ü'.repeat(i % 5)],
      );
      line += i % 1000 === 0 ? 2 : 1;
    }
  });

  it('stops at a bad record far into the file, naming its line', async () => {
    const rows = ['a,b', ...Array.from({ length: 20_000 }, (_, i) => `${i},"q${i}"`), '1,"x"y', '2,z'];
    await expect(read(`${rows.join('\n')}\n`, 'csv')).rejects.toThrow(/^f\.csv line 20002: /);
  });

  it('can be closed before the end', async () => {
    const file = join(dir, 'long.csv');
    writeFileSync(file, `a\n${Array.from({ length: 50_000 }, (_, i) => i).join('\n')}\n`);
    const source = openRecordSource(file, 'csv', 'long.csv', { parallel });
    const batches = source.batches();
    const first = await batches.next();
    expect(first.done).toBe(false);
    source.close();
    await batches.return(undefined);
    expect((first.value as { line: number }[])[0]!.line).toBe(2);
  });
});

it('reads numbers in the parse worker for the fields that take them, the text everywhere else', async () => {
  const file = join(dir, 'numbers.csv');
  const cells = ['7', '-0', '1.25', ' 3', '1e3', '', '""', 'x', '1234567890123456'];
  const rows = ['i,r,t'];
  // many batches: a record cut between two reads keeps its numbers
  for (let n = 0; n < 30_000; n++) rows.push([0, 1, 2].map((c) => cells[(n + c) % cells.length]).join(','));
  writeFileSync(file, `${rows.join('\n')}\n`);
  const source = openRecordSource(file, 'csv', 'numbers.csv', { parallel: true, numbers: true });
  await source.header();
  // i: an INTEGER column's reader, r: a REAL one's, t: text
  source.useNumbers!(Uint8Array.from([2, 1, 255]));
  const records: SourceRecord[] = [];
  try {
    for await (const batch of source.batches()) records.push(...batch);
  } finally {
    source.close();
  }
  const asText = (cell: string) => (cell === '' ? null : cell === '""' ? '' : cell);
  const integers: Record<string, number> = { '7': 7, '-0': -0 };
  // 16 digits and more, spaces, exponents: left as text, which the column's reader reads as before
  const reals: Record<string, number> = { ...integers, '1.25': 1.25 };
  expect(records).toHaveLength(30_000);
  records.forEach((record, n) => {
    const [i, r, t] = [0, 1, 2].map((c) => cells[(n + c) % cells.length]!);
    expect(record.values).toEqual([integers[i!] ?? asText(i!), reals[r!] ?? asText(r!), asText(t!)]);
  });
});

describe('JSON and NDJSON records', () => {
  it('keeps integers past 2^53 and long decimals as their text, and names the line each row starts on', async () => {
    const { header, records } = await readFile(
      '[\n  {"a": 9007199254740993, "b": 1.5},\n  {"a": 1,\n   "b": 0.10000000000000000001}\n]\n',
      'json',
    );
    expect(header).toBeNull();
    expect(records.map((r) => r.line)).toEqual([2, 3]);
    expect(records[0]!.values).toEqual([new JsonNumberText('9007199254740993'), 1.5]);
    expect(records[1]!.values).toEqual([1, new JsonNumberText('0.10000000000000000001')]);
  });

  it('reads one object per NDJSON line and names a bad line', async () => {
    const { records } = await readFile('{"a": 1}\n\n{"a": "x"}\n', 'ndjson');
    expect(records.map((r) => [r.line, r.keys, r.values])).toEqual([
      [1, ['a'], [1]],
      [3, ['a'], ['x']],
    ]);
    await expect(readFile('{"a": 1}\n{"a": }\n', 'ndjson')).rejects.toThrow(/^f\.ndjson line 2: invalid JSON/);
    await expect(readFile('[1, 2]', 'json')).rejects.toThrow(/^f\.json line 1: each row must be a JSON object/);
    await expect(readFile('{"a": 1}', 'json')).rejects.toThrow(/needs an array of row objects/);
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
