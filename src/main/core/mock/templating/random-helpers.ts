import type { Faker } from '@faker-js/faker';
import Handlebars from 'handlebars';
import type { Helper, HelperOptions } from './helper-args';
import { helperError, numberOrUndefined, param, plain, splitArgs, text } from './helper-args';
import { scopeOf } from './render-scope';

/**
 * Finds `module.method` on a Faker instance (`person.firstName`). Only Faker's own modules and their public
 * functions are reachable: never `constructor`, a `_private` member or anything on Object.prototype, so a
 * template cannot climb to `Function`.
 */
function fakerMethod(faker: Faker, name: string, options: HelperOptions): (...args: unknown[]) => unknown {
  const match = /^([a-z]+)\.([a-z][a-z0-9]*)$/i.exec(name);
  const hint = "e.g. faker 'person.firstName' or faker 'number.int' min=1 max=9";
  if (match === null) throw helperError('faker', options, `"${name}" is not a Faker method name (${hint})`);
  const [, moduleName = '', methodName = ''] = match;
  const module: unknown = Object.hasOwn(faker, moduleName)
    ? (faker as unknown as Record<string, unknown>)[moduleName]
    : undefined;
  const method: unknown =
    typeof module === 'object' && module !== null && methodName !== 'constructor' && !(methodName in Object.prototype)
      ? (module as Record<string, unknown>)[methodName]
      : undefined;
  if (moduleName === 'fakerCore' || typeof method !== 'function') {
    throw helperError('faker', options, `"${name}" is not a Faker method (${hint})`);
  }
  return (...args) => (method as (...a: unknown[]) => unknown).apply(module, args);
}

/** Faker's arguments from a template: `'{"min":1}'` JSON text becomes an object; `min=1 max=9` one more. */
function fakerArgs(params: unknown[], options: HelperOptions): unknown[] {
  const args = params.map((value) => {
    const raw = plain(value);
    if (typeof raw === 'string' && raw.startsWith('{') && raw.endsWith('}')) {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        throw helperError('faker', options, `argument ${raw} is not valid JSON`);
      }
    }
    return raw;
  });
  if (Object.keys(options.hash).length > 0) args.push({ ...options.hash });
  return args;
}

/** Random values, all drawn from the template's Faker so a seeded Faker gives the same output every time. */
export const randomHelpers: Record<string, Helper> = {
  /** `faker 'person.firstName'`, `faker 'number.int' min=1 max=9`, `faker 'string.alpha' 10`. */
  faker(...args) {
    const { params, options } = splitArgs(args);
    const name = text(param(params, 0));
    const method = fakerMethod(scopeOf(options).faker, name, options);
    const fakerArguments = fakerArgs(params.slice(1), options);
    let value: unknown;
    try {
      value = method(...fakerArguments);
    } catch (error) {
      throw helperError('faker', options, `${name}: ${(error as Error).message}`);
    }
    return value instanceof Date ? value.toISOString() : value;
  },

  uuid(...args) {
    return scopeOf(splitArgs(args).options).uuid();
  },

  guid(...args) {
    return scopeOf(splitArgs(args).options).uuid();
  },

  /** `int` (any), `int 10` (from 10), `int 10 20` (10 to 20, both included). */
  int(...args) {
    const { params, options } = splitArgs(args);
    const min = numberOrUndefined(param(params, 0));
    const max = numberOrUndefined(param(params, 1));
    return scopeOf(options).faker.number.int({ min, max });
  },

  /** `float`, `float 1.5`, `float 1.5 9.5`. */
  float(...args) {
    const { params, options } = splitArgs(args);
    const min = numberOrUndefined(param(params, 0));
    const max = numberOrUndefined(param(params, 1));
    return scopeOf(options).faker.number.float({ min, max });
  },

  boolean(...args) {
    return scopeOf(splitArgs(args).options).faker.datatype.boolean();
  },

  /** One item: `oneOf (array 'a' 'b')`, `oneOf 'a' 'b' 'c'`; `oneOf (array …) true` gives it as JSON. */
  oneOf(...args) {
    const { params, options } = splitArgs(args);
    if (params.length === 0) return '';
    const first = plain(params[0]);
    const items = Array.isArray(first) ? first : params.map(plain);
    const stringify = Array.isArray(first) && param(params, 1, false) === true;
    if (items.length === 0) return '';
    const item = scopeOf(options).faker.helpers.arrayElement(items);
    return stringify ? new Handlebars.SafeString(JSON.stringify(item)) : item;
  },

  /** `someOf (array 'a' 'b' 'c') 1 2` → between 1 and 2 of the items; a 4th argument `true` gives JSON. */
  someOf(...args) {
    const { params, options } = splitArgs(args);
    const items = plain(params[0]);
    if (!Array.isArray(items)) throw helperError('someOf', options, 'the first argument must be an array');
    const min = numberOrUndefined(param(params, 1)) ?? 1;
    const max = numberOrUndefined(param(params, 2)) ?? min;
    const picked = scopeOf(options).faker.helpers.arrayElements(items, { min, max: Math.max(min, max) });
    return param(params, 3, false) === true ? new Handlebars.SafeString(JSON.stringify(picked)) : picked;
  },
};
