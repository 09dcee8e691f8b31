/**
 * A value of the request's body or query by a template's path, as Mockoon's `getValueFromPath` reads it: a path
 * that starts with `$` is JSONPath (`$.items[*].id`, `$..price`; one match is the value itself, several an
 * array), any other the dotted paths of value-path.ts.
 */
import { JSONPath } from 'jsonpath-plus';
import { valueAtPath } from './value-path';

export function requestValueAtPath(data: unknown, path: string, fallback: unknown): unknown {
  if (!path.startsWith('$')) return valueAtPath(data, path, fallback);
  return jsonPathValue(data, path, fallback);
}

/** JSONPath on any value (the `jsonPath` helper): the match, an array of several, or `fallback` for none. */
export function jsonPathValue(data: unknown, path: string, fallback: unknown): unknown {
  if (typeof data !== 'object' || data === null || path === '') return data;
  try {
    // 'safe': filters (`?(@.price > 10)`) run in jsonpath-plus's own evaluator, never as JavaScript
    const found = JSONPath({ json: data, path, wrap: false, eval: 'safe' }) as unknown;
    return found === undefined ? fallback : found;
  } catch {
    return fallback;
  }
}
