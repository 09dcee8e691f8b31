/** Edits of a request's assertions in the Tests section (issue 8): pure, so the table's rules are tested. */
import type { Assertion, AssertionOp, AssertionTarget } from '../../../shared/http-request';

/** Ops that read no value. */
const VALUELESS: readonly AssertionOp[] = ['exists', 'notExists'];

/** A new row: `status equals 200` (a valid assertion, so the request can be sent at once). */
export function newAssertion(): Assertion {
  return { target: 'status', op: 'equals', value: 200 };
}

/**
 * The assertion with another target: a header one gets a name and a jsonpath one a path (the schema requires
 * them), the other field is dropped.
 */
export function setAssertionTarget(assertion: Assertion, target: AssertionTarget): Assertion {
  const { name, path, ...rest } = assertion;
  if (target === 'header') return { ...rest, target, name: name ?? '' };
  if (target === 'jsonpath') return { ...rest, target, path: path ?? '$.' };
  return { ...rest, target };
}

/** The assertion with another op: exists/notExists drop the value, the others get one (empty text) if missing. */
export function setAssertionOp(assertion: Assertion, op: AssertionOp): Assertion {
  const { value, ...rest } = assertion;
  if (VALUELESS.includes(op)) return { ...rest, op };
  return { ...rest, op, value: value ?? '' };
}

export const needsValue = (op: AssertionOp): boolean => !VALUELESS.includes(op);

/** The value as the table shows it: text as typed, anything else as JSON (`200`, `true`, `["a"]`). */
export function assertionValueText(value: unknown): string {
  if (value === undefined) return '';
  // a text that would read back as a number or true/false (`"200"`) keeps its quotes
  if (typeof value === 'string') return parseAssertionValue(value) === value ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

/**
 * The value typed in the table: a number, true/false, null, an array or an object when it reads as JSON, else
 * the text (so `200` is the number 200 and `application/json` stays text). A JSON string literal (`"200"`) is the
 * text inside it.
 */
export function parseAssertionValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '' || !/^(-?\d|true$|false$|null$|\[|\{|")/.test(trimmed)) return text;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return text;
  }
}
