import type { Helper } from './helper-args';
import { numberOrUndefined, splitArgs } from './helper-args';

/**
 * Folds the numeric arguments left to right, skipping the ones that are not numbers, as Mockoon does (`divide`
 * also skips zero). No arguments give ''.
 */
function fold(step: (total: number, value: number) => number, skipZero = false): Helper {
  return (...args) => {
    const numbers = splitArgs(args)
      .params.map(numberOrUndefined)
      .filter((value): value is number => value !== undefined && !(skipZero && value === 0));
    const [first, ...rest] = numbers;
    return first === undefined ? '' : rest.reduce(step, first);
  };
}

function rounding(round: (value: number) => number): Helper {
  return (...args) => {
    const value = numberOrUndefined(splitArgs(args).params[0]);
    return value === undefined ? '' : round(value);
  };
}

/** Arithmetic on numbers or numeric text: `add (urlParam 'page') 1`, `toFixed (float 1 9) 2`. */
export const mathHelpers: Record<string, Helper> = {
  add: fold((a, b) => a + b),
  subtract: fold((a, b) => a - b),
  multiply: fold((a, b) => a * b),
  divide: fold((a, b) => a / b, true),
  modulo: fold((a, b) => a % b, true),
  /** `round 2.5` → 3; '' for what is not a number. */
  round: rounding(Math.round),
  floor: rounding(Math.floor),
  ceil: rounding(Math.ceil),
  /** `toFixed 3.14159 2` → `3.14`; non-numbers count as 0. */
  toFixed(...args) {
    const { params } = splitArgs(args);
    const digits = Math.min(100, Math.max(0, Math.trunc(numberOrUndefined(params[1]) ?? 0)));
    return (numberOrUndefined(params[0]) ?? 0).toFixed(digits);
  },
};
