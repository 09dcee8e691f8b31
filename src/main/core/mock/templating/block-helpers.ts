import Handlebars from 'handlebars';
import type { Helper } from './helper-args';
import { helperError, numberOrUndefined, param, plain, splitArgs } from './helper-args';
import { scopeOf } from './render-scope';

/** A `repeat` count from a query parameter could ask for millions of items; past this it is an error. */
export const MAX_REPEAT = 10_000;

/** Nested repeats multiply: one response may hold at most this many repeated items in all. */
export const MAX_REPEATED_PER_RENDER = 100_000;

/** Block helpers that shape the output: `repeat` and `switch` / `case` / `default`. */
export const blockHelpers: Record<string, Helper> = {
  /**
   * `{{#repeat 5}}…{{/repeat}}` or `{{#repeat 2 10}}` (a random count, both included). Items are separated by
   * a comma and a line break unless `comma=false`, as in Mockoon; inside, `@index`, `@total`, `@first`, `@last`.
   */
  repeat(...args) {
    const { params, options } = splitArgs(args);
    const min = numberOrUndefined(param(params, 0));
    const max = numberOrUndefined(param(params, 1));
    if (min === undefined || (params.length > 1 && max === undefined)) {
      throw helperError('repeat', options, 'needs a count (repeat 5) or a range (repeat 2 10) of numbers');
    }
    const scope = scopeOf(options);
    const count = max === undefined ? min : scope.faker.number.int({ min, max: Math.max(min, max) });
    if (!Number.isInteger(count) || count < 0 || count > MAX_REPEAT) {
      throw helperError('repeat', options, `count ${count} must be a whole number from 0 to ${MAX_REPEAT}`);
    }
    scope.repeated += count;
    if (scope.repeated > MAX_REPEATED_PER_RENDER) {
      throw helperError('repeat', options, `more than ${MAX_REPEATED_PER_RENDER} repeated items in one response`);
    }
    const comma = options.hash.comma !== false;
    let content = '';
    for (let i = 0; i < count; i++) {
      const data = Handlebars.createFrame(options.data ?? {}) as Record<string, unknown>;
      Object.assign(data, { index: i, total: count, first: i === 0, last: i === count - 1 });
      content += options.fn(this, { data });
      if (comma) {
        // trim what the block's own whitespace left and put exactly one comma between items
        content = content.trimEnd();
        if (i < count - 1 && !content.endsWith(',')) content += ',';
        else if (i === count - 1 && content.endsWith(',')) content = content.slice(0, -1);
        content += '\n';
      }
    }
    return content;
  },

  /** `{{#switch (queryParam 'type')}}{{#case 'a'}}…{{/case}}{{#default}}…{{/default}}{{/switch}}`. */
  switch(...args) {
    const { params, options } = splitArgs(args);
    const data = Handlebars.createFrame(options.data ?? {}) as Record<string, unknown>;
    data.switchValue = param(params, 0);
    data.switchFound = false;
    return options.fn(this, { data });
  },

  /** The first `case` whose value equals (===) the switch value renders; the rest are skipped. */
  case(...args) {
    const { params, options } = splitArgs(args);
    const data = options.data;
    if (data === undefined || !('switchFound' in data)) throw helperError('case', options, 'must be inside switch');
    if (data.switchFound === true || plain(params[0]) !== data.switchValue) return '';
    data.switchFound = true;
    return options.fn(this);
  },

  /** Renders when no `case` before it matched. */
  default(...args) {
    const { options } = splitArgs(args);
    const data = options.data;
    if (data === undefined || !('switchFound' in data)) {
      throw helperError('default', options, 'must be inside switch');
    }
    if (data.switchFound === true) return '';
    data.switchFound = true;
    return options.fn(this);
  },
};
