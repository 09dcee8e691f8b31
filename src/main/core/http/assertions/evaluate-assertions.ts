/**
 * Declarative assertions (issue 8, item 7): checks written in a request file (`status equals 200`,
 * `jsonpath $.items[0].id exists`, `responseTime lessThan 500`) evaluated against a response. Pure: the sender
 * hands over the response it got and shows the results; one result per enabled assertion, never a throw.
 */
import { JSONPath } from 'jsonpath-plus';
import type { Assertion } from '../../../../shared/http-request';
import {
  VALUE_TYPES,
  describeValue,
  toNumber,
  toRegExp,
  typeOfValue,
  valueContains,
  valuesEqual,
} from './compare-values';

export interface AssertionResponse {
  status: number;
  /** As received, in order; names compared case-insensitively. */
  headers: readonly (readonly [string, string])[];
  /** The body as text, or already parsed JSON. */
  body: unknown;
  timeMs: number;
}

export interface AssertionResult {
  assertion: Assertion;
  passed: boolean;
  /** What the target held (undefined when it was not there: a missing header, a path that matched nothing). */
  actual: unknown;
  /** What was expected and what came, for the user. */
  message: string;
}

/** What a target resolved to, or why it could not be read (a body that is not JSON, a bad path). */
type Target = { label: string; actual: unknown } | { label: string; error: string };

export function evaluateAssertions({
  assertions,
  response,
}: {
  assertions: readonly Assertion[];
  response: AssertionResponse;
}): AssertionResult[] {
  const parsed = lazyJson(response.body);
  return assertions
    .filter((assertion) => assertion.enabled !== false)
    .map((assertion) => {
      const target = readTarget(assertion, response, parsed);
      if ('error' in target) {
        return { assertion, passed: false, actual: undefined, message: `${target.label}: ${target.error}` };
      }
      const { passed, detail } = applyOp(assertion, target.actual);
      return { assertion, passed, actual: target.actual, message: `${target.label}: ${detail}` };
    });
}

function readTarget(assertion: Assertion, response: AssertionResponse, parsed: () => JsonBody): Target {
  switch (assertion.target) {
    case 'status':
      return { label: 'status', actual: response.status };
    case 'responseTime':
      return { label: 'response time (ms)', actual: response.timeMs };
    case 'header': {
      const name = (assertion.name ?? '').toLowerCase();
      const values = response.headers.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value);
      // repeated headers read as one list, the way RFC 9110 §5.3 combines them
      return { label: `header ${assertion.name ?? ''}`, actual: values.length > 0 ? values.join(', ') : undefined };
    }
    case 'body':
      return { label: 'body', actual: response.body };
    case 'jsonpath': {
      const path = assertion.path ?? '$';
      const body = parsed();
      if ('error' in body) return { label: path, error: body.error };
      return readJsonPath(path, body.value);
    }
  }
}

function readJsonPath(path: string, json: unknown): Target {
  const syntaxError = checkPathSyntax(path);
  if (syntaxError) return { label: path, error: `invalid JSONPath: ${syntaxError}` };
  let values: unknown[];
  try {
    // eval: false — filter expressions would run code (CVE-2024-21534, CVE-2025-1302); plain paths need none
    values = JSONPath({ path, json: json as object, eval: false, wrap: true, resultType: 'value' }) as unknown[];
  } catch (error) {
    const text = (error as Error).message;
    const why = /eval/i.test(text)
      ? 'filter and script expressions ([?(…)], (…)) are not supported in assertions; use a post-response script'
      : `invalid JSONPath: ${text}`;
    return { label: path, error: why };
  }
  if (isDefinitePath(path)) return { label: path, actual: values[0] };
  return { label: path, actual: values.length > 0 ? values : undefined };
}

/**
 * The mistakes jsonpath-plus forgives silently (it reads `$.items[` as `$.items`), caught so that a typo fails
 * the assertion instead of checking another place.
 */
function checkPathSyntax(path: string): string | undefined {
  if (!path.startsWith('$')) return 'a path starts with $ (for example $.items[0].id)';
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      if (depth === 0) return `a quote outside brackets at position ${i + 1}`;
      quote = c;
    } else if (c === '[') depth++;
    else if (c === ']') {
      if (--depth < 0) return `a ] without its [ at position ${i + 1}`;
    }
  }
  if (quote) return 'a quote is not closed';
  if (depth > 0) return 'a [ is not closed';
  if (path.endsWith('.') && !path.endsWith('..')) return 'the path ends with a dot';
  return undefined;
}

/** A path naming one place (`$.a.b[0]`) reads as that value; a wildcard, slice, union or `..` as a list. */
function isDefinitePath(path: string): boolean {
  if (path.includes('..')) return false;
  let segments: string[];
  try {
    segments = JSONPath.toPathArray(path);
  } catch {
    return false;
  }
  return segments.every((segment) => segment !== '*' && !/[:,]|^[?(@^~]/.test(segment));
}

type JsonBody = { value: unknown } | { error: string };

function lazyJson(body: unknown): () => JsonBody {
  let cached: JsonBody | undefined;
  return () => {
    if (cached) return cached;
    if (typeof body !== 'string') return (cached = { value: body });
    try {
      cached = { value: JSON.parse(body) as unknown };
    } catch {
      cached = { error: `the body is not JSON (starts with ${describeValue(body, 40)})` };
    }
    return cached;
  };
}

function applyOp(assertion: Assertion, actual: unknown): { passed: boolean; detail: string } {
  const expected = assertion.value;
  const got = `got ${describeValue(actual)}`;
  switch (assertion.op) {
    case 'equals':
      return { passed: valuesEqual(actual, expected), detail: `expected ${describeValue(expected)}, ${got}` };
    case 'notEquals':
      return {
        passed: actual !== undefined && !valuesEqual(actual, expected),
        detail: `expected anything but ${describeValue(expected)}, ${got}`,
      };
    case 'contains': {
      const contains = valueContains(actual, expected);
      if (contains === undefined) {
        return {
          passed: false,
          detail: `expected a text, list or object containing ${describeValue(expected)}, ${got}`,
        };
      }
      return { passed: contains, detail: `expected to contain ${describeValue(expected)}, ${got}` };
    }
    case 'exists':
      return {
        passed: actual !== undefined,
        detail: actual !== undefined ? `exists (${got})` : 'expected to exist, got nothing',
      };
    case 'notExists':
      return { passed: actual === undefined, detail: `expected not to exist, ${got}` };
    case 'type': {
      if (typeof expected !== 'string' || !(VALUE_TYPES as readonly string[]).includes(expected)) {
        return {
          passed: false,
          detail: `the expected type must be one of ${VALUE_TYPES.join(', ')}; got ${describeValue(expected)}`,
        };
      }
      const type = typeOfValue(actual);
      return { passed: type === expected, detail: `expected type ${expected}, got ${type} (${describeValue(actual)})` };
    }
    case 'lessThan':
    case 'greaterThan': {
      const word = assertion.op === 'lessThan' ? 'less than' : 'greater than';
      const a = toNumber(actual);
      const b = toNumber(expected);
      if (b === undefined)
        return { passed: false, detail: `the expected value must be a number, got ${describeValue(expected)}` };
      if (a === undefined) return { passed: false, detail: `expected a number ${word} ${b}, ${got}` };
      return { passed: assertion.op === 'lessThan' ? a < b : a > b, detail: `expected ${word} ${b}, ${got}` };
    }
    case 'matches': {
      const regex = toRegExp(expected);
      if ('error' in regex) return { passed: false, detail: regex.error };
      if (actual === undefined) return { passed: false, detail: `expected to match ${String(regex)}, got nothing` };
      const text = typeof actual === 'string' ? actual : JSON.stringify(actual);
      regex.lastIndex = 0;
      return { passed: regex.test(text), detail: `expected to match ${String(regex)}, ${got}` };
    }
  }
}
