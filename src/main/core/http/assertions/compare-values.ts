/**
 * The comparisons behind declarative assertions. Values come from two sides that type them differently: a
 * header or a body is text, a value written in a request file is a YAML number, boolean or string. So equality
 * treats `42` and `"42"`, `true` and `"true"` as the same value, and deep-compares arrays and objects.
 */

export const VALUE_TYPES = ['string', 'number', 'boolean', 'object', 'array', 'null'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** The JSON type of a value: `array` and `null` apart from `object`; `undefined` when there is no value. */
export function typeOfValue(value: unknown): ValueType | 'undefined' | 'other' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    case 'undefined':
      return 'undefined';
    default:
      return 'other';
  }
}

/** A finite number from a number or a numeric text (`" 42 "`, `"4.5e3"`), else undefined. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function scalarEquals(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a);
    const y = toNumber(b);
    // only a number against a numeric text: `"" == 0`, `null == 0` and `true == 1` stay unequal
    return x !== undefined && y !== undefined && x === y;
  }
  if (typeof a === 'boolean' && typeof b === 'string') return String(a) === b.trim();
  if (typeof b === 'boolean' && typeof a === 'string') return String(b) === a.trim();
  return false;
}

/** Deep equality with the number/text and boolean/text leniency above; object key order does not matter. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => valuesEqual(item, b[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && valuesEqual(a[key], b[key]));
  }
  return scalarEquals(a, b);
}

/**
 * Whether `haystack` contains `needle`: a substring of a text (a number needle is searched as text), an element
 * of an array (deep-equal), or a subset of an object's properties. Undefined when the haystack is none of those.
 */
export function valueContains(haystack: unknown, needle: unknown): boolean | undefined {
  if (typeof haystack === 'string') {
    return haystack.includes(typeof needle === 'string' ? needle : JSON.stringify(needle));
  }
  if (Array.isArray(haystack)) return haystack.some((item) => valuesEqual(item, needle));
  if (isPlainObject(haystack)) {
    if (!isPlainObject(needle)) return undefined;
    return Object.entries(needle).every(
      ([key, value]) => Object.hasOwn(haystack, key) && valuesEqual(haystack[key], value),
    );
  }
  return undefined;
}

/**
 * A regular expression from an assertion's value: `/pattern/flags` or a bare pattern. Returns the error text
 * instead of throwing when the pattern is not valid.
 */
export function toRegExp(value: unknown): RegExp | { error: string } {
  if (value instanceof RegExp) return value;
  if (typeof value !== 'string') return { error: 'expected a regular expression as text' };
  const literal = /^\/(.*)\/([dgimsuvy]*)$/s.exec(value);
  try {
    return literal ? new RegExp(literal[1] ?? '', literal[2]) : new RegExp(value);
  } catch (error) {
    return { error: `invalid regular expression ${JSON.stringify(value)}: ${(error as Error).message}` };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short rendering of a value for a message: JSON, cut at `max` characters; `nothing` when absent. */
export function describeValue(value: unknown, max = 200): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
