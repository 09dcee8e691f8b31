import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../shared/domain';
import { columnValueReader, toColumnValue, ValueMismatch, type ValueKind } from './column-types';

const CELLS = [
  '7',
  '+007',
  '-12',
  '-0',
  ' 42 ',
  '123456789012345',
  '1234567890123456',
  '9007199254740993',
  '',
  '1.5',
  '-0.25',
  '1e3',
  '.5',
  'nan',
  'Infinity',
  '1e400',
  '12abc',
  '0x10',
  'true',
  null,
];

describe('column values', () => {
  it('binds SQLite integers of up to 15 characters and finite reals as numbers; longer ones keep their text', () => {
    expect(toColumnValue('integer', 'sqlite', '123456789012345')).toBe(123456789012345);
    expect(toColumnValue('integer', 'sqlite', '1234567890123456')).toBe('1234567890123456');
    expect(toColumnValue('integer', 'sqlite', ' +007 ')).toBe(7);
    expect(toColumnValue('real', 'sqlite', '0.1')).toBe(0.1);
    expect(toColumnValue('real', 'sqlite', 'nan')).toBe('nan');
    expect(toColumnValue('real', 'sqlite', '1e400')).toBe('1e400');
    expect(toColumnValue('decimal', 'sqlite', '1.50')).toBe('1.50');
    // the other engines get the text as before
    expect(toColumnValue('integer', 'postgres', '7')).toBe('7');
    expect(toColumnValue('real', 'mysql', '1.5')).toBe('1.5');
  });

  it('reads every cell as toColumnValue does, whatever the kind and engine', () => {
    const kinds: ValueKind[] = ['integer', 'real', 'decimal', 'boolean', 'date', 'text', 'any'];
    const engines: Engine[] = ['sqlite', 'postgres', 'mysql'];
    for (const engine of engines) {
      for (const kind of kinds) {
        const read = columnValueReader(kind, engine, false);
        for (const cell of CELLS) {
          const expected = toColumnValue(kind, engine, cell);
          const actual = read(cell);
          if (expected instanceof ValueMismatch) expect(actual).toEqual(expected);
          else expect([kind, engine, cell, actual]).toEqual([kind, engine, cell, expected]);
        }
      }
    }
  });
});
