import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPackedCsv } from './csv-pack';
import { unpackRecords, type PackedRecords } from './packed-rows';
import { NumberMark } from './csv-numbers';
import { PackedRows } from './packed-rows';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bb-packed-rows-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function batchesOf(text: string): Promise<{ width: number; batches: PackedRecords[] }> {
  const file = join(dir, 'f.csv');
  writeFileSync(file, text);
  const reader = openPackedCsv(file, ',', 'f.csv', true);
  try {
    const width = (await reader.header()).length;
    const batches: PackedRecords[] = [];
    for (let batch = await reader.next(); batch !== null; batch = await reader.next()) batches.push(batch);
    return { width, batches };
  } finally {
    reader.close();
  }
}

/** Every value of every record as PackedRows reads it, fields in any order, next to unpackRecords' records. */
function readBoth(width: number, batches: PackedRecords[], use: Uint8Array) {
  const byRows: unknown[][] = [];
  const byRecords: unknown[][] = [];
  const lines: number[][] = [];
  for (const batch of batches) {
    const rows = new PackedRows(batch, width, use);
    for (let r = 0; r < rows.count; r++) {
      // backwards: a value is found where it lies, not by reading the ones before it
      const values: unknown[] = new Array(width);
      for (let f = width - 1; f >= 0; f--) values[f] = rows.value(r, f);
      byRows.push(values);
      lines.push([rows.line(r)]);
    }
    for (const record of unpackRecords(batch, width, 0, batch.lines.length, use)) byRecords.push(record.values);
  }
  return { byRows, byRecords, lines };
}

it.each([
  ['ASCII (values sliced from one decoded string)', 'x'],
  ['with multi-byte characters (each value decoded alone)', 'é'],
])('reads each value of a batch as unpackRecords does: %s', async (_, letter) => {
  const rows = ['n,r,t'];
  for (let i = 0; i < 20_000; i++) {
    const text = i % 7 === 0 ? '' : i % 7 === 1 ? '""' : i % 7 === 2 ? `"${letter}\n${i}"` : `${letter}${i}`;
    rows.push(`${i % 5 === 0 ? '' : i},${i % 3 === 0 ? 'abc' : `${i}.5`},${text}`);
  }
  const { width, batches } = await batchesOf(`${rows.join('\n')}\n`);
  expect(batches.length).toBeGreaterThan(1);
  const { byRows, byRecords, lines } = readBoth(
    width,
    batches,
    Uint8Array.from([NumberMark.Integer, NumberMark.Real, 255]),
  );
  expect(byRows).toHaveLength(20_000);
  expect(byRows).toEqual(byRecords);
  expect(byRows[0]).toEqual([null, 'abc', null]);
  expect(byRows[1]).toEqual([1, 1.5, '']);
  expect(byRows[2]).toEqual([2, 2.5, `${letter}\n2`]);
  expect(byRows[4]).toEqual([4, 4.5, `${letter}4`]);
  // record 2 spans two lines
  expect(lines.slice(0, 4)).toEqual([[2], [3], [4], [6]]);
});
