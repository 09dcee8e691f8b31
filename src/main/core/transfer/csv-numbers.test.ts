import { describe, expect, it } from 'vitest';
import { columnValueReader } from './column-types';
import { NumberMark, readNumber } from './csv-numbers';

const integer = columnValueReader('integer', 'sqlite', false);
const real = columnValueReader('real', 'sqlite', false);

/** Whatever the worker reads from a field's bytes, the SQLite readers make the same number of its text. */
function expectAsReaders(text: string): void {
  // read where it lies among other bytes, as the parse worker reads a line's values
  const bytes = Buffer.from(`9,${text},9`);
  const out = new Float64Array(1);
  const mark = readNumber(bytes, 2, bytes.length - 4, out, 0);
  if (mark >= NumberMark.Real) expect(Object.is(real(text), out[0]), `REAL ${JSON.stringify(text)}`).toBe(true);
  if (mark === NumberMark.Integer)
    expect(Object.is(integer(text), out[0]), `INTEGER ${JSON.stringify(text)}`).toBe(true);
  // the INTEGER reader's numbers are all found (the worker leaves none of the plain ones to the text)
  const asInteger = integer(text);
  if (typeof asInteger === 'number' && /^[+-]?\d+$/.test(text)) expect(mark, text).toBe(NumberMark.Integer);
}

describe('numbers read by the parse worker', () => {
  it('marks plain integers and decimals, with the number the readers make of their text', () => {
    const cases: [string, NumberMark, number][] = [
      ['7', NumberMark.Integer, 7],
      ['+007', NumberMark.Integer, 7],
      ['-0', NumberMark.Integer, -0],
      ['123456789012345', NumberMark.Integer, 123456789012345],
      ['-123456789012345', NumberMark.Real, -123456789012345],
      ['1.25', NumberMark.Real, 1.25],
      ['-0.0', NumberMark.Real, -0],
      ['.5', NumberMark.Real, 0.5],
      ['1.', NumberMark.Real, 1],
      ['0.1', NumberMark.Real, 0.1],
    ];
    for (const [text, mark, value] of cases) {
      const out = new Float64Array(1);
      expect(readNumber(Buffer.from(text), 0, text.length, out, 0), text).toBe(mark);
      expect(Object.is(out[0], value), text).toBe(true);
    }
  });

  it('leaves to the readers whatever is not plainly a number', () => {
    for (const text of [
      '1234567890123456',
      '1e3',
      ' 42',
      '42 ',
      '1.2.3',
      '+',
      '-',
      '.',
      '-.',
      '0x10',
      'nan',
      '1,5',
      '--1',
    ]) {
      expect(readNumber(Buffer.from(text), 0, text.length, new Float64Array(1), 0), text).toBe(NumberMark.None);
    }
  });

  it('agrees with the SQLite readers on many numbers', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
    for (let i = 0; i < 20_000; i++) {
      const sign = ['', '-', '+'][Math.floor(random() * 3)]!;
      const whole = digits(Math.floor(random() * 17));
      const fraction = random() < 0.5 ? '' : `.${digits(Math.floor(random() * 17))}`;
      expectAsReaders(`${sign}${whole}${fraction}`);
    }
    for (const text of ['9007199254740993', '999999999999999', '0.000000000000001', '99999999999999.9', '5e-324']) {
      expectAsReaders(text);
    }
  });
});
