import Handlebars from 'handlebars';
import type { Helper } from './helper-args';
import { isOptions, numberOrUndefined, param, plain, splitArgs, text } from './helper-args';

/** JSON.stringify that unwraps SafeStrings produced by other helpers. */
function toJson(value: unknown, indent?: number): string {
  return (
    JSON.stringify(
      plain(value),
      (_key, item: unknown) => (item instanceof Handlebars.SafeString ? item.toString() : item),
      indent,
    ) ?? ''
  );
}

/** Building and reading arrays, objects and text. Names and arguments follow Mockoon's. */
export const valueHelpers: Record<string, Helper> = {
  /** `array 'a' 'b' 'c'` → an array, for `oneOf`, `someOf`, `join`, `each`… */
  array(...args) {
    return splitArgs(args).params.map(plain);
  },

  /**
   * `object name='Ann' age=30` → an object (render it with `json` or `stringify`). Its keys come in Handlebars'
   * hash order, last pair first (`{ age, name }`), as Mockoon gives them.
   */
  object(...args) {
    const entries = Object.entries(splitArgs(args).options.hash);
    return Object.fromEntries(entries.map(([key, value]) => [key, plain(value)]));
  },

  /** Length of an array or a text; 0 otherwise. */
  len(...args) {
    const value = plain(splitArgs(args).params[0]);
    return typeof value === 'string' || Array.isArray(value) ? value.length : 0;
  },

  /** Joins texts (`concat 'user-' @index`), or arrays when the first argument is one. */
  concat(...args) {
    const params = splitArgs(args).params.map(plain);
    if (Array.isArray(params[0])) return params.flatMap((item) => item);
    return params.map((item) => (item === undefined || item === null ? '' : String(item))).join('');
  },

  /** `split 'a b c'` (on spaces) or `split 'a,b' ','` → an array. */
  split(...args) {
    const { params } = splitArgs(args);
    const value = param(params, 0);
    if (typeof value !== 'string' || value === '') return [];
    const separator = param(params, 1, ' ');
    return value.split(typeof separator === 'string' && separator !== '' ? separator : ' ');
  },

  /** `join (array 'a' 'b') '-'`; the separator defaults to ', '. */
  join(...args) {
    const { params } = splitArgs(args);
    const list = plain(params[0]);
    if (!Array.isArray(list)) return list === undefined || isOptions(list) ? '' : list;
    const separator = param(params, 1);
    return list.map(plain).join(typeof separator === 'string' ? separator : ', ');
  },

  /** `reverse (array 1 2 3)` → a reversed copy; '' for what is not an array. */
  reverse(...args) {
    const list = plain(splitArgs(args).params[0]);
    return Array.isArray(list) ? [...list].reverse() : '';
  },

  /** `slice (array 1 2 3 4) 1 3` → `[2, 3]`, as Array.prototype.slice; '' for what is not an array. */
  slice(...args) {
    const { params } = splitArgs(args);
    const list = plain(params[0]);
    if (!Array.isArray(list)) return '';
    return list.slice(numberOrUndefined(param(params, 1)) ?? 0, numberOrUndefined(param(params, 2)));
  },

  /** `includes 'hello world' 'world'` → true (on text, as Mockoon's). */
  includes(...args) {
    const { params } = splitArgs(args);
    return text(params[0]).includes(text(params[1]));
  },

  /** `indexOf 'hello' 'l'` → 2; an optional third argument starts the search there. */
  indexOf(...args) {
    const { params } = splitArgs(args);
    const from = numberOrUndefined(param(params, 2));
    return text(params[0]).indexOf(text(params[1]), from);
  },

  lowercase(...args) {
    return text(splitArgs(args).params[0]).toLowerCase();
  },

  uppercase(...args) {
    return text(splitArgs(args).params[0]).toUpperCase();
  },

  /** `padStart (urlParam 'id') 5 '0'` → `00042`; pads with spaces by default. */
  padStart(...args) {
    const { params } = splitArgs(args);
    return text(params[0]).padStart(numberOrUndefined(params[1]) ?? 0, text(param(params, 2, ' ')) || ' ');
  },

  padEnd(...args) {
    const { params } = splitArgs(args);
    return text(params[0]).padEnd(numberOrUndefined(params[1]) ?? 0, text(param(params, 2, ' ')) || ' ');
  },

  /** Objects and arrays as indented JSON (Mockoon's `stringify`); other values as they are. */
  stringify(...args) {
    const value = plain(splitArgs(args).params[0]);
    return typeof value === 'object' && value !== null ? new Handlebars.SafeString(toJson(value, 2)) : value;
  },

  /**
   * Any value as compact JSON, strings quoted and escaped: `"name": {{json (queryParam 'name')}}` stays valid
   * JSON whatever the client sent. Not in Mockoon.
   */
  json(...args) {
    const { params } = splitArgs(args);
    return new Handlebars.SafeString(toJson(param(params, 0, null)));
  },
};
