import { describe, expect, it } from 'vitest';
import { createClient } from '../../../shared/client';
import { createDispatcher } from '../../../shared/dispatcher';
import { isPackedRows, unpackRows, unpackValue, type PackedKind, type PackedRows } from '../../../shared/packed-rows';
import type { RpcResponse } from '../../../shared/rpc';
import { decodeRpcBinary, encodeRpcResponse, joinParts } from '../../../shared/rpc-wire';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { concatPacked, PackedWriter, slicePacked } from './packed-chunk';

/** Packs rows cell by cell: strings as text, null as NULL, everything else as a JSON cell. */
function pack(kinds: PackedKind[], rows: unknown[][]): PackedRows {
  const writer = new PackedWriter(kinds, 16, 2);
  for (const row of rows) {
    writer.beginRow(row.length);
    for (const cell of row) {
      if (cell === null) writer.null();
      else if (typeof cell === 'string') writer.text(cell);
      else writer.json(cell);
    }
    writer.endRow();
  }
  const chunk = writer.take();
  return { $packed: 1, kinds, count: chunk.count, bytes: chunk.bytes };
}

describe('packed rows', () => {
  it('turns each cell into its value by the column kind', () => {
    const kinds: PackedKind[] = ['t', 'n', 'i', 'i', 'f', 'f', 'b', 'b'];
    const packed = pack(kinds, [
      ['a', '42', '9007199254740991', '9007199254740993', '1.5', 'NaN', 't', 'f'],
      ['', '-0.25', '-7', '-9223372036854775808', '-Infinity', 'Infinity', 'f', 't'],
    ]);
    expect(unpackRows(packed)).toEqual([
      ['a', 42, 9007199254740991, '9007199254740993', 1.5, 'NaN', true, false],
      ['', -0.25, -7, '-9223372036854775808', '-Infinity', 'Infinity', false, true],
    ]);
  });

  it('keeps NULL apart from the empty text, and carries JSON cells whole', () => {
    const blob = { $blob: 'AP8Q', size: 3, truncated: false };
    const long = { $text: 'x'.repeat(10), size: 70_000, truncated: true };
    const packed = pack(['t', 't', 't', 't'], [[null, '', blob, long]]);
    expect(unpackRows(packed)).toEqual([[null, '', blob, long]]);
  });

  it('decodes UTF-8 whether the page is ASCII or not, lengths past 127 bytes included', () => {
    const ascii = 'y'.repeat(300);
    const mixed = ['naïve', '🌍✓', 'é'.repeat(200), ascii];
    expect(unpackRows(pack(['t', 't', 't', 't'], [mixed, [ascii, 'b', 'c', 'd']]))).toEqual([
      mixed,
      [ascii, 'b', 'c', 'd'],
    ]);
    // a cell of 50,089 bytes has the length bytes C3 A9 ("é" in UTF-8): the page no longer decodes one to one
    const big = 'z'.repeat(50_089);
    expect(unpackRows(pack(['t', 't'], [[big, 'after']]))).toEqual([[big, 'after']]);
  });

  it('refuses bytes that are not the rows they claim', () => {
    const packed = pack(['t'], [['a'], ['b']]);
    expect(() => unpackRows({ ...packed, count: 3 })).toThrow(/row 2 of 3 is missing/);
    expect(() => unpackRows({ ...packed, count: 1 })).toThrow(/bytes follow the last row/);
    const broken = packed.bytes.slice();
    broken[10] = 0x7f;
    expect(() => unpackRows({ ...packed, bytes: broken })).toThrow(/Malformed packed rows/);
  });

  it('unpacks only a value whose rows are packed', () => {
    const packed = pack(['n'], [['1'], ['2']]);
    expect(unpackValue({ handle: 'h', rows: packed, done: true })).toEqual({
      handle: 'h',
      rows: [[1], [2]],
      done: true,
    });
    const plain = { rows: [[1]] };
    expect(unpackValue(plain)).toBe(plain);
    expect(unpackValue(null)).toBeNull();
    expect(isPackedRows({ $packed: 1, bytes: 'x' })).toBe(false);
  });
});

describe('packed chunks on the host', () => {
  function chunkOf(from: number, to: number) {
    const writer = new PackedWriter(['n'], 8, 1);
    for (let i = from; i < to; i++) {
      writer.beginRow(1);
      writer.text(String(i));
      writer.endRow();
    }
    return writer.take();
  }
  const values = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => [from + i]);
  const rowsOf = (chunk: ReturnType<typeof chunkOf>) =>
    unpackRows({ $packed: 1, kinds: chunk.kinds, count: chunk.count, bytes: chunk.bytes });

  it('slices rows out of a chunk and joins the slices of one chunk without copying', () => {
    const chunk = chunkOf(0, 30);
    const a = slicePacked(chunk, 5, 12);
    const b = slicePacked(chunk, 12, 20);
    expect(rowsOf(a)).toEqual(values(5, 12));
    const joined = concatPacked([a, b]);
    expect(joined.bytes.buffer).toBe(chunk.bytes.buffer);
    expect(rowsOf(joined)).toEqual(values(5, 20));
    expect(joined.starts[joined.count]).toBe(joined.bytes.length);
  });

  it('copies parts from different chunks into one', () => {
    const joined = concatPacked([slicePacked(chunkOf(0, 10), 8, 10), chunkOf(10, 13)]);
    expect(rowsOf(joined)).toEqual(values(8, 13));
    // a row of one cell: 5 (header) + 2 (count) + 4 (length) + its digits
    expect(slicePacked(joined, 1, 4).starts).toEqual(Uint32Array.from([0, 12, 25, 38]));
  });
});

describe('the RPC wire form', () => {
  const packed = pack(
    ['n', 't'],
    [
      ['1', 'one'],
      ['2', 'two'],
    ],
  );

  it('sends a value with packed rows as a binary body that decodes to the same response', () => {
    const response: RpcResponse = { id: 7, ok: true, value: { handle: 'h', offset: 0, rows: packed, done: false } };
    const encoded = encodeRpcResponse(response);
    if (!('binary' in encoded)) throw new Error('expected a binary body');
    // the rows are sent as they are, not copied
    expect(encoded.binary[1]).toBe(packed.bytes);
    const decoded = decodeRpcBinary(joinParts(encoded.binary, encoded.byteLength));
    expect(decoded).toMatchObject({ id: 7, ok: true, value: { handle: 'h', offset: 0, done: false } });
    expect(unpackValue((decoded as { value: unknown }).value)).toEqual({
      handle: 'h',
      offset: 0,
      done: false,
      rows: [
        [1, 'one'],
        [2, 'two'],
      ],
    });
  });

  it('sends every other response as JSON', () => {
    expect(encodeRpcResponse({ ok: true, value: { rows: [[1]] } })).toEqual({
      json: '{"ok":true,"value":{"rows":[[1]]}}',
    });
    expect(encodeRpcResponse({ ok: false, error: { code: 'INTERNAL', message: 'x' } })).toEqual({
      json: '{"ok":false,"error":{"code":"INTERNAL","message":"x"}}',
    });
  });

  it('refuses a binary body that is cut short or does not hold its rows', () => {
    const encoded = encodeRpcResponse({ ok: true, value: { rows: packed } });
    if (!('binary' in encoded)) throw new Error('expected a binary body');
    const body = joinParts(encoded.binary, encoded.byteLength);
    expect(() => decodeRpcBinary(body.subarray(0, 3))).toThrow(/truncated/);
    expect(() => decodeRpcBinary(body.subarray(0, body.byteLength - 1))).toThrow(/does not hold the rows/);
  });

  it('gives a typed client rows, whichever form they travelled in', async () => {
    const contract = { t: { page: { input: { safeParse: (i: unknown) => ({ success: true, data: i }) } } } };
    const dispatch = createDispatcher({ t: { page: async () => ({ rows: packed }) } } as never, {}, contract as never);
    const client = createClient(createMemoryTransport(dispatch), contract as never) as unknown as {
      t: { page(input: unknown): Promise<{ rows: unknown }> };
    };
    expect((await client.t.page({})).rows).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
  });
});
