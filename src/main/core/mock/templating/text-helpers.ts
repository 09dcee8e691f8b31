import Handlebars from 'handlebars';
import type { Helper } from './helper-args';
import { numberOrUndefined, param, plain, splitArgs, text } from './helper-args';

/** The text of a block (`{{#base64}}…{{/base64}}`) or of the first argument. */
function blockOrArgument(context: unknown, args: unknown[]): string {
  const { params, options } = splitArgs(args);
  return params.length === 0 ? options.fn(context) : text(params[0]);
}

/** Text helpers beyond case and padding, with Mockoon's names and arguments. */
export const textHelpers: Record<string, Helper> = {
  /** `replace 'a-b-c' '-' '+'` → `a+b-c` (the first occurrence; `replaceAll` for every one). */
  replace(...args) {
    const { params } = splitArgs(args);
    const [input, search, replacement] = [0, 1, 2].map((index) => param(params, index));
    if (typeof input !== 'string' || typeof search !== 'string' || typeof replacement !== 'string') return '';
    return search === '' ? input : input.replace(search, () => replacement);
  },

  replaceAll(...args) {
    const { params } = splitArgs(args);
    const [input, search, replacement] = [0, 1, 2].map((index) => param(params, index));
    if (typeof input !== 'string' || typeof search !== 'string' || typeof replacement !== 'string') return '';
    return search === '' ? input : input.replaceAll(search, () => replacement);
  },

  /** `substr 'hello' 1 3` → `ell`: from an index, for a length (to the end without one). */
  substr(...args) {
    const { params } = splitArgs(args);
    const value = text(params[0]);
    const from = numberOrUndefined(param(params, 1)) ?? 0;
    const length = numberOrUndefined(param(params, 2));
    const start = from < 0 ? Math.max(0, value.length + from) : from;
    return value.slice(start, length === undefined ? undefined : start + Math.max(0, length));
  },

  /** `base64 'text'` or `{{#base64}}…{{/base64}}` → Base64 of the UTF-8 text. */
  base64(...args) {
    return new Handlebars.SafeString(Buffer.from(blockOrArgument(this, args), 'utf8').toString('base64'));
  },

  /** `base64Decode 'dGV4dA=='` or a block → the decoded UTF-8 text. */
  base64Decode(...args) {
    return new Handlebars.SafeString(Buffer.from(blockOrArgument(this, args), 'base64').toString('utf8'));
  },

  /** A line break, for templates that must not contain one literally. */
  newline() {
    return '\n';
  },

  /** `parseInt '42px'` → 42; '' when the text does not start with a number. */
  parseInt(...args) {
    const result = Number.parseInt(text(plain(splitArgs(args).params[0])), 10);
    return Number.isNaN(result) ? '' : result;
  },
};
