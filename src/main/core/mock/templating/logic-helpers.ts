import type { Helper } from './helper-args';
import { numberOrUndefined, plain, splitArgs } from './helper-args';

function compare(test: (a: number, b: number) => boolean): Helper {
  return (...args) => {
    const { params } = splitArgs(args);
    const a = numberOrUndefined(params[0]);
    const b = numberOrUndefined(params[1]);
    return a !== undefined && b !== undefined && test(a, b);
  };
}

/** Truthy as Handlebars' `if` sees it: an empty array is false too. */
function truthy(value: unknown): boolean {
  const raw = plain(value);
  return Array.isArray(raw) ? raw.length > 0 : Boolean(raw);
}

/** Conditions for `if`, `unless` and `switch`: `{{#if (and (eq (urlParam 'id') '1') (gt (int) 5))}}`. */
export const logicHelpers: Record<string, Helper> = {
  /** Strict equality, as Mockoon's: `eq (urlParam 'id') '42'` (the parameter is text, so compare to text). */
  eq(...args) {
    const { params } = splitArgs(args);
    return params.length >= 2 && plain(params[0]) === plain(params[1]);
  },
  gt: compare((a, b) => a > b),
  gte: compare((a, b) => a >= b),
  lt: compare((a, b) => a < b),
  lte: compare((a, b) => a <= b),
  and(...args) {
    const { params } = splitArgs(args);
    return params.length > 0 && params.every(truthy);
  },
  or(...args) {
    return splitArgs(args).params.some(truthy);
  },
  not(...args) {
    return !truthy(splitArgs(args).params[0]);
  },
};
