/**
 * A value of the request's body or query by a template's path, as Mockoon's `getValueFromPath` reads it: a path
 * that starts with `$` is JSONPath (`$.items[*].id`, `$..price`; one match is the value itself, several an
 * array), any other the dotted paths of value-path.ts.
 */
import { JSONPath } from 'jsonpath-plus';
import { valueAtPath } from './value-path';

export function requestValueAtPath(data: unknown, path: string, fallback: unknown): unknown {
  if (!path.startsWith('$')) return valueAtPath(data, path, fallback);
  if (typeof data !== 'object' || data === null) return data;
  let found: unknown;
  try {
    // 'safe': filters (`?(@.price > 10)`) run in jsonpath-plus's own evaluator, never as JavaScript
    found = JSONPath({ json: data, path, wrap: false, eval: 'safe' }) as unknown;
  } catch {
    return fallback;
  }
  return found === undefined ? fallback : found;
}
