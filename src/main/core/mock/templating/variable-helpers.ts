import type { Helper, HelperOptions } from './helper-args';
import { helperError, param, splitArgs, text } from './helper-args';
import { SCOPE_KEY, scopeOf } from './render-scope';
import { valueAtPath } from './value-path';

/** Names a variable may not take: they would reach an object's prototype or the render's own scope. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', SCOPE_KEY, 'root', '_parent']);

function variableName(helper: string, options: HelperOptions, value: unknown): string {
  const name = text(value);
  if (name === '') throw helperError(helper, options, 'needs a variable name');
  if (RESERVED.has(name)) throw helperError(helper, options, `"${name}" cannot be used as a variable name`);
  return name;
}

/**
 * Variables. `setVar` stores in the current data frame, as Mockoon does: visible after it in the same block and
 * in blocks opened later (also as `@name`), not outside the block that set it. Global variables live in the
 * mock's state and outlast the request.
 */
export const variableHelpers: Record<string, Helper> = {
  /** `{{setVar 'total' (add 1 2)}}`; renders nothing. */
  setVar(...args) {
    const { params, options } = splitArgs(args);
    const name = variableName('setVar', options, param(params, 0));
    if (options.data !== undefined) options.data[name] = param(params, 1);
    return '';
  },

  /** `{{getVar 'total'}}`, or a path inside it: `{{getVar 'user' 'address.city'}}`. */
  getVar(...args) {
    const { params, options } = splitArgs(args);
    const name = variableName('getVar', options, param(params, 0));
    const data = options.data ?? {};
    const value = Object.hasOwn(data, name) ? data[name] : undefined;
    return valueAtPath(value, text(param(params, 1)), '') ?? '';
  },

  /** `{{setGlobalVar 'counter' 5}}`: kept by the mock across requests (and across hot reloads). */
  setGlobalVar(...args) {
    const { params, options } = splitArgs(args);
    const name = variableName('setGlobalVar', options, param(params, 0));
    const { globals } = scopeOf(options).state;
    if (globals === undefined) throw helperError('setGlobalVar', options, 'this template has no global variables');
    globals.set(name, param(params, 1));
    return '';
  },

  /** `{{getGlobalVar 'counter'}}`, `{{getGlobalVar 'user' 'name' 'anonymous'}}`. */
  getGlobalVar(...args) {
    const { params, options } = splitArgs(args);
    const name = variableName('getGlobalVar', options, param(params, 0));
    const fallback = param(params, 2, '');
    const value = scopeOf(options).state.globals?.get(name);
    return value === undefined ? fallback : valueAtPath(value, text(param(params, 1)), fallback);
  },
};
