import { parse as parseWhole } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvFailure } from './csv-pack';
import { openCsvFeeder, PlainRows } from './csv-plain-rows';
import { packingCsvParser } from './csv-parse-feed';
import { PackSink } from './pack-sink';
import { unpackRecords } from './packed-rows';

type Outcome = { records: unknown[][] } | { error: string };

/**
 * The file read as an import reads it (openCsvFeeder), fed in chunks of `sizes(i)` bytes: each record as its
 * line and values (the header first), or the error as an import names it.
 */
async function readInChunks(input: Buffer, delimiter: string, sizes: (i: number) => number): Promise<Outcome> {
  const sink = new PackSink(false);
  let width = -1;
  const feed = openCsvFeeder(delimiter, sink, (fields) => {
    sink.record();
    if (width < 0) width = fields;
  });
  try {
    for (let at = 0, i = 0; at < input.length; i++) {
      const size = sizes(i);
      await feed(input.subarray(at, at + size));
      at += size;
    }
    await feed(null);
  } catch (error) {
    return { error: csvFailure(error, 'f.csv', 0).message };
  }
  const batch = sink.take();
  return {
    records: unpackRecords(batch, Math.max(width, 0), 0, batch.lines.length).map((r) => [r.line, ...r.values]),
  };
}

/** What csv-parse makes of the whole file at once (NULL for an empty unquoted field), with the import's lines. */
function readWhole(input: Buffer, delimiter: string): Outcome {
  try {
    const rows = parseWhole(input, {
      delimiter,
      bom: true,
      cast: (value, context) => (value === '' && !context.quoting ? null : value),
    }) as (string | null)[][];
    let line = 1;
    return {
      records: rows.map((values) => {
        const record = [line, ...values];
        // a record's line: the one after the last record's, and after the line breaks inside its values
        line += 1 + values.reduce((n, v) => n + (v?.split('\n').length ?? 1) - 1, 0);
        return record;
      }),
    };
  } catch (error) {
    return { error: csvFailure(error, 'f.csv', 0).message };
  }
}

/** A small deterministic generator (mulberry32), so a failing file can be made again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLAIN = ['', 'abc', '12', '-3.5', 'é漢字🙂', 'a b', '9007199254740993', 'x'.repeat(300)];
const QUOTED = ['""', '"a,b"', '"x""y"', '"two\nlines"', '"cr\r\nlf"', '"tab\there"', '"é,漢"', '""""'];
/** Line breaks that are not the file's record delimiter, unquoted: lines to csv-parse, not record ends. */
const BREAKS = ['a\rb', 'a\nb', 'a\r\nb'];
/** What csv-parse refuses: a quote inside an unquoted value, text after a closing quote, no closing quote. */
const BAD = ['x"y', '"x"y', '"open', '"x" '];

/** A CSV or TSV file of a few dozen lines: mostly plain values, some quoted, now and then a defect. */
function makeFile(seed: number): { input: Buffer; delimiter: string } {
  const next = random(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;
  const delimiter = next() < 0.7 ? ',' : '\t';
  const newline = pick(['\n', '\n', '\r\n', '\r']);
  const width = 1 + Math.floor(next() * 4);
  const defect = next() < 0.35;
  const lines: string[] = [];
  lines.push(Array.from({ length: width }, (_, i) => (next() < 0.15 ? `"h${i}"` : `h${i}`)).join(delimiter));
  const count = 5 + Math.floor(next() * 60);
  for (let r = 0; r < count; r++) {
    // most lines plain (Papa Parse's), the others with a quoted value or a stray line break (csv-parse's)
    const fields = Array.from({ length: width }, () => pick(PLAIN));
    if (next() < 0.25) fields[Math.floor(next() * width)] = next() < 0.75 ? pick(QUOTED) : pick(BREAKS);
    if (defect && next() < 0.03) {
      const kind = next();
      if (kind < 0.5) fields[Math.floor(next() * width)] = pick(BAD);
      else if (kind < 0.75) fields.push('extra');
      else fields.pop();
    }
    lines.push(fields.join(delimiter));
  }
  const text = lines.join(newline) + (next() < 0.7 ? newline : '');
  return { input: Buffer.from((next() < 0.15 ? '\uFEFF' : '') + text, 'utf8'), delimiter };
}

describe('CSV lines shared between Papa Parse and csv-parse', () => {
  it('reads what csv-parse reads of the whole file — values, NULL and "", lines, errors — however it is cut', async () => {
    // chunks of every small size cut values, UTF-8 sequences, quotes and CRLF anywhere; a first chunk of the
    // whole header line or more lets Papa Parse read the lines after it
    const cuts: ((input: Buffer) => (i: number) => number)[] = [
      () => () => 1 << 20,
      ...[1, 2, 3, 5, 8, 64].map((size) => (input: Buffer) => {
        const first = Math.max(input.indexOf(10), input.indexOf(13)) + 2;
        return (i: number) => (i === 0 ? first : size);
      }),
    ];
    for (let seed = 1; seed <= 300; seed++) {
      const { input, delimiter } = makeFile(seed);
      const expected = readWhole(input, delimiter);
      for (const [c, cut] of cuts.entries()) {
        const outcome = await readInChunks(input, delimiter, cut(input));
        expect(outcome, `file ${seed}, cut ${c}`).toEqual(expected);
      }
    }
  });

  it('reads a line with quotes through csv-parse: a last `""` is the empty string, a last empty value NULL', async () => {
    const input = Buffer.from('a,b,c\n1,2,3\n4,,""\n5,6,\n7,"8\n9",x\n');
    const outcome = await readInChunks(input, ',', () => 1 << 20);
    expect(outcome).toEqual({
      records: [
        [1, 'a', 'b', 'c'],
        [2, '1', '2', '3'],
        [3, '4', null, ''],
        [4, '5', '6', null],
        [5, '7', '8\n9', 'x'],
      ],
    });
  });

  it('names the line of a bad line after plain ones, counting the line breaks csv-parse read before', async () => {
    const input = Buffer.from('a,b\n1,"x\ny"\n2,z\n3\n');
    expect(await readInChunks(input, ',', () => 1 << 20)).toEqual({
      error: 'f.csv line 5: Invalid Record Length: expect 2, got 1 on line 5.',
    });
    // a closing quote followed by text: Papa Parse ends that line elsewhere, csv-parse names it
    const stray = Buffer.from(`a,b\n${'1,2\n'.repeat(50)}3,"x"y\n4,"w"\n5,6\n`);
    expect(await readInChunks(stray, ',', () => 1 << 20)).toEqual({
      error:
        'f.csv line 52: Invalid Closing Quote: got "y" at line 52 instead of delimiter, record delimiter, trimable character (if activated) or comment.',
    });
  });

  it('reads the lines without quotes itself and leaves csv-parse a file whose lines are mostly quoted', () => {
    // as openCsvFeeder drives them: csv-parse alone once PlainRows says so
    const reader = () => {
      const sink = new PackSink(false);
      const csv = packingCsvParser({ delimiter: ',', bom: true, record_delimiter: '\n' }, sink, () => sink.record())!;
      const plainRows = new PlainRows(csv, ',', '\n', sink);
      let alone = false;
      const feed = (chunk: Buffer | null): boolean => {
        if (alone) csv.parse(chunk);
        else alone = plainRows.feed(chunk);
        return alone;
      };
      return { sink, rows: { feed } };
    };
    const plain = reader();
    // mostly plain: Papa Parse goes on with the next chunk
    expect(plain.rows.feed(Buffer.from(`a,b\n${'1,2\n'.repeat(20)}"3",4\n5,`))).toBe(false);
    expect(plain.rows.feed(Buffer.from('6\n'))).toBe(false);
    expect(plain.rows.feed(null)).toBe(true);
    expect(plain.sink.take().lines).toHaveLength(23);
    // every value quoted: csv-parse reads this chunk's lines and every later one alone
    const quoted = reader();
    expect(quoted.rows.feed(Buffer.from(`"a","b"\n${'"1","2"\n'.repeat(40)}"3",`))).toBe(true);
    expect(quoted.rows.feed(Buffer.from('"4"\n'))).toBe(true);
    quoted.rows.feed(null);
    expect(quoted.sink.take().lines).toHaveLength(42);
    // a line longer than a megabyte is not carried from chunk to chunk: csv-parse reads it, and on alone
    const long = reader();
    const value = 'é,"\n'.repeat(300_000);
    const input = Buffer.from(`a,b\n1,2\n"${value.replaceAll('"', '""')}",3\n4,5\n`);
    const taken: boolean[] = [];
    for (let at = 0; at < input.length; at += 128 * 1024)
      taken.push(long.rows.feed(input.subarray(at, at + 128 * 1024)));
    // not before the carried part of the line is past a megabyte (a chunk is 128 KiB)
    expect(taken.indexOf(true)).toBe(8);
    long.rows.feed(null);
    const batch = long.sink.take();
    expect(unpackRecords(batch, 2, 0, batch.lines.length).map((r) => [r.line, ...r.values])).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
      [3, value, '3'],
      [300_004, '4', '5'],
    ]);
  });
});
