/**
 * Numbers read from a CSV field's bytes in the parse worker, so the thread that writes the rows makes no string
 * and runs no check for them (a third of its time went to that). Only what the SQLite readers of column-types.ts
 * would make of the field's text is given, and which reader would: the writer takes the number for an INTEGER
 * or REAL column when the mark allows it, and reads the text as before otherwise — anything unusual (spaces,
 * 16 digits and more, words) is left to the text, so errors and values stay the readers' own.
 */
export const NumberMark = {
  /** Not read as a number here: the value's text decides. */
  None: 0,
  /** A number as the REAL reader makes it (NUMBER_TEXT of column-types.ts, finite). */
  Real: 1,
  /** A number as both the INTEGER reader (sign and at most 15 characters of digits) and the REAL one make it. */
  Integer: 2,
} as const;
export type NumberMark = (typeof NumberMark)[keyof typeof NumberMark];

/** 10^0 … 10^15, each exact as a double. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * Reads the `length` bytes of `buf` from `from`; the number goes to `out[at]` when the mark is not None. Read here:
 * an optional sign and at most 15 digits with at most one decimal point (NUMBER_TEXT without an exponent) — the
 * digits make an integer below 2^53 and 10^k is exact for k ≤ 22, so one division gives the correctly rounded
 * double, as Number() of the text does. Anything else is left to the readers.
 */
export function readNumber(buf: Uint8Array, from: number, length: number, out: Float64Array, at: number): NumberMark {
  const first = buf[from]!;
  let i = first === 45 || first === 43 ? 1 : 0;
  let n = 0;
  let digits = 0;
  let point = -1;
  for (; i < length; i++) {
    const digit = buf[from + i]! - 48;
    if (digit >= 0 && digit <= 9) {
      n = n * 10 + digit;
      digits++;
    } else if (digit === -2 && point < 0) point = i;
    else return NumberMark.None;
  }
  if (digits === 0 || digits > 15) return NumberMark.None;
  if (point < 0) {
    out[at] = first === 45 ? -n : n;
    // smallInteger of column-types.ts: 15 characters at most, the sign counted
    return length <= 15 ? NumberMark.Integer : NumberMark.Real;
  }
  const value = n / POWERS_OF_TEN[length - 1 - point]!;
  out[at] = first === 45 ? -value : value;
  return NumberMark.Real;
}
