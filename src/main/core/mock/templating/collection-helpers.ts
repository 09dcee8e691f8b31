import { format, isValid } from 'date-fns';
import Handlebars from 'handlebars';
import type { Helper, HelperOptions } from './helper-args';
import { param, plain, splitArgs, text } from './helper-args';
import { scopeOf } from './render-scope';
import { jsonPathValue } from './request-path';
import { valueAtPath } from './value-path';

/**
 * Mockoon's helpers for JSON values, arrays, JWTs and base64url, with its names, arguments and results
 * (`@mockoon/commons-server` templating-helpers): what an imported environment's templates call.
 */

type Condition = unknown;

/** Mockoon's `filter`/`find` conditions: values equal, objects match key by key, arrays are alternatives. */
function matches(item: unknown, conditions: Condition[]): boolean {
  const check = (payload: unknown, condition: Condition): boolean => {
    const wanted = plain(condition);
    if (typeof wanted === 'object' && wanted !== null && !Array.isArray(wanted)) {
      if (typeof payload !== 'object' || payload === null) return false;
      return Object.keys(wanted).every((key) =>
        check(
          Object.hasOwn(payload, key) ? (payload as Record<string, unknown>)[key] : undefined,
          plain((wanted as Record<string, unknown>)[key]),
        ),
      );
    }
    return payload === wanted;
  };
  const all = (list: Condition[]): boolean => list.every((sub) => (Array.isArray(sub) ? some(sub) : check(item, sub)));
  const some = (list: Condition[]): boolean => list.some((sub) => (Array.isArray(sub) ? all(sub) : check(item, sub)));
  return some(conditions);
}

function blockOrArg(args: unknown[]): string {
  const { params, options } = splitArgs(args);
  return params.length === 0 ? options.fn(options) : text(params[0]);
}

function jwtPart(index: number): Helper {
  return (...args) => {
    const { params } = splitArgs(args);
    const token = param(params, 0);
    const key = param(params, 1);
    if (typeof token !== 'string') return undefined;
    try {
      const part = JSON.parse(
        Buffer.from(token.replace(/^Bearer /, '').split('.')[index] ?? '', 'base64').toString('utf8'),
      ) as unknown;
      if (key === undefined) return part;
      return typeof part === 'object' && part !== null && Object.hasOwn(part, String(key))
        ? (part as Record<string, unknown>)[String(key)]
        : undefined;
    } catch {
      return undefined;
    }
  };
}

function sorter(values: unknown[], order: unknown, read: (item: unknown) => unknown): unknown[] {
  const first = read(values[0]);
  const compare =
    typeof first === 'string'
      ? (a: unknown, b: unknown) => String(read(a)).localeCompare(String(read(b)))
      : (a: unknown, b: unknown) => Number(read(a)) - Number(read(b));
  const sorted = [...values].sort(compare);
  return text(order).toLowerCase() === 'desc' ? sorted.reverse() : sorted;
}

export const collectionHelpers: Record<string, Helper> = {
  /** `base64url 'text'` or `{{#base64url}}…{{/base64url}}`. */
  base64url(...args) {
    return new Handlebars.SafeString(Buffer.from(blockOrArg(args), 'utf8').toString('base64url'));
  },

  base64urlDecode(...args) {
    return new Handlebars.SafeString(Buffer.from(blockOrArg(args), 'base64url').toString('utf8'));
  },

  /** `jsonParse (body)` → the value the JSON text describes; nothing when it is not JSON. */
  jsonParse(...args) {
    const value = param(splitArgs(args).params, 0);
    if (typeof value !== 'string') return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  },

  /** `jsonPath (bodyRaw) '$.items[*].id' 'default'`. */
  jsonPath(...args) {
    const { params } = splitArgs(args);
    if (params.length < 2) return undefined;
    return jsonPathValue(plain(params[0]), text(params[1]), param(params, 2, ''));
  },

  /** `objectPath (bodyRaw) 'user.name' 'default'` (own properties only). */
  objectPath(...args) {
    const { params } = splitArgs(args);
    if (params.length < 2) return undefined;
    const data = plain(params[0]);
    const path = text(params[1]);
    if (typeof data !== 'object' || data === null || path === '') return data;
    return valueAtPath(data, path, param(params, 2, ''));
  },

  /** `objectMerge a b …` → one object, later keys winning; arrays and other values are skipped. */
  objectMerge(...args) {
    const { params } = splitArgs(args);
    if (params.length === 0) return '';
    const merged: Record<string, unknown> = {};
    for (const value of params.map(plain)) {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) Object.assign(merged, value);
    }
    return merged;
  },

  /** `sort (array 3 1 2) 'desc'` → numbers or texts in order; an array of objects as it is. */
  sort(...args) {
    const { params } = splitArgs(args);
    const values = plain(params[0]);
    if (!Array.isArray(values)) return '';
    if (values.length === 0 || typeof values[0] === 'object') return values;
    return sorter(values, param(params, 1, 'asc'), (item) => item);
  },

  /** `sortBy (bodyRaw 'items') 'price' 'desc'` → objects ordered by a key. */
  sortBy(...args) {
    const { params } = splitArgs(args);
    const values = plain(params[0]);
    if (!Array.isArray(values)) return '';
    const first: unknown = values[0];
    if (typeof first !== 'object' || first === null) return values;
    const key = text(param(params, 1, ''));
    if (key === '' || !Object.hasOwn(first, key) || !(first as Record<string, unknown>)[key]) return values;
    const read = (item: unknown) =>
      typeof item === 'object' && item !== null && Object.hasOwn(item, key)
        ? (item as Record<string, unknown>)[key]
        : undefined;
    return sorter(values, param(params, 2, 'asc'), read);
  },

  /** `filter (bodyRaw 'items') (object type='book')` → the items that match any condition. */
  filter(...args) {
    const { params } = splitArgs(args);
    if (params.length === 0) return '';
    const [values, ...conditions] = params.map(plain);
    if (!Array.isArray(values)) return '';
    if (values.length === 0 || conditions.length === 0) return values;
    return values.filter((item) => matches(item, conditions));
  },

  /** `find (bodyRaw 'items') (object id=2)` → the first item that matches. */
  find(...args) {
    const { params } = splitArgs(args);
    if (params.length === 0) return '';
    const [values, ...conditions] = params.map(plain);
    if (!Array.isArray(values)) return '';
    if (values.length === 0 || conditions.length === 0) return undefined;
    return values.find((item) => matches(item, conditions));
  },

  /** `isValidDate (body 'birthday')` → whether it reads as a date. */
  isValidDate(...args) {
    const { params } = splitArgs(args);
    if (params.length === 0) return false;
    const value = plain(params[0]);
    if (!(value instanceof Date) && typeof value !== 'number' && typeof value !== 'string') return false;
    return isValid(value instanceof Date ? value : new Date(value));
  },

  /** `time '09:00' '17:00' 'HH:mm'` → a random time of day between the two (default the whole day). */
  time(...args) {
    const { params, options } = splitArgs(args);
    let from = '00:00:00';
    let to = '23:59:00';
    let pattern = 'HH:mm';
    if (params.length >= 2 && typeof params[0] === 'string' && typeof params[1] === 'string') {
      from = params[0];
      to = params[1];
      if (params.length === 3 && typeof params[2] === 'string') pattern = params[2];
    }
    const { faker } = scopeOf(options as HelperOptions);
    const date = faker.date.between({ from: `1970-01-01T${from}`, to: `1970-01-01T${to}` });
    return format(date, pattern, { useAdditionalWeekYearTokens: true, useAdditionalDayOfYearTokens: true });
  },

  /** `jwtPayload (header 'Authorization') 'sub'` → the payload of a JWT (`Bearer ` removed), or one claim. */
  jwtPayload: jwtPart(1),
  jwtHeader: jwtPart(0),
};
