/**
 * Which response of a route answers a request (issue 7): rules on the request combined with AND/OR, and the
 * route's mode. Pure functions; regexes and JSON schemas are compiled once, when the mock loads.
 *
 * Modes (as Mockoon's): `first` — the first response whose rules all (AND) or any (OR) hold; a response without
 * rules is never chosen by rules; when none holds, the default response (`default: true`, else the first).
 * `sequential` — each request takes the next response in turn, rules ignored. `random` — any response, rules
 * ignored.
 */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { MockRequest } from './mock-http';
import type { MockRule, ResponseMode } from '../../../shared/mock-definition';

/** A rule ready to run: its regex or schema compiled. */
export interface CompiledRule {
  target: MockRule['target'];
  name: string | undefined;
  /** The body or bucket path split into keys (`a.b[0]` → ['a', 'b', '0']); empty: the whole value. */
  bodyPath: string[];
  test: (actual: unknown) => boolean;
}

/** What the choice needs to know of each response. */
export interface RuleSet {
  rules: readonly CompiledRule[];
  operator: 'AND' | 'OR';
  isDefault: boolean;
}

/** Counters that outlive a reload: the next index of each sequential route, by route key. */
export type SequenceState = Map<string, number>;

export function compileRule(rule: MockRule): CompiledRule {
  const test = compileTest(rule);
  return {
    target: rule.target,
    name: rule.name,
    bodyPath: splitBodyPath(rule.path ?? ''),
    test: rule.not === true ? (actual) => !test(actual) : test,
  };
}

function compileTest(rule: MockRule): (actual: unknown) => boolean {
  // a query name or header given twice holds a list: the rule holds when one of its values does
  const lists = rule.target === 'query' || rule.target === 'header';
  const anyValue = (actual: unknown, test: (one: unknown) => boolean) =>
    lists && Array.isArray(actual) ? actual.some(test) : test(actual);
  switch (rule.op) {
    case 'exists':
      return (actual) => actual !== undefined;
    case 'equals':
      return (actual) => anyValue(actual, (one) => valueEquals(one, rule.value));
    case 'regex': {
      const pattern = new RegExp(rule.value as string);
      return (actual) => anyValue(actual, (one) => one !== undefined && pattern.test(asText(one)));
    }
    case 'schema': {
      const schema = z.fromJSONSchema(rule.value as Parameters<typeof z.fromJSONSchema>[0]);
      return (actual) => actual !== undefined && schema.safeParse(actual).success;
    }
    case 'blank':
      // Mockoon's `null`: absent, JSON null or empty text
      return (actual) => actual === undefined || actual === null || actual === '';
    case 'emptyArray':
      return (actual) => Array.isArray(actual) && actual.length === 0;
    case 'includes':
      return (actual) => Array.isArray(actual) && actual.some((item) => scalarEquals(item, rule.value));
  }
}

/** A data bucket's value by name or id, for `data` rules (undefined: no such bucket). */
export type BucketLookup = (nameOrId: string) => unknown;

/** The request value a rule looks at; undefined when the request does not have it. */
export function ruleTargetValue(rule: CompiledRule, request: MockRequest, data?: BucketLookup): unknown {
  const name = rule.name ?? '';
  switch (rule.target) {
    case 'header':
      return request.headers[name.toLowerCase()];
    case 'query':
      return Object.hasOwn(request.query, name) ? request.query[name] : undefined;
    case 'param':
      return Object.hasOwn(request.params, name) ? request.params[name] : undefined;
    case 'cookie':
      return Object.hasOwn(request.cookies, name) ? request.cookies[name] : undefined;
    case 'body':
      return valueAtPath(request.body, rule.bodyPath);
    case 'data':
      return data === undefined ? undefined : valueAtPath(data(name), rule.bodyPath);
  }
}

export function ruleHolds(rule: CompiledRule, request: MockRequest, data?: BucketLookup): boolean {
  return rule.test(ruleTargetValue(rule, request, data));
}

/** Whether a response's rules hold; a response without rules has nothing to hold. */
export function rulesHold(set: RuleSet, request: MockRequest, data?: BucketLookup): boolean {
  if (set.rules.length === 0) return false;
  return set.operator === 'OR'
    ? set.rules.some((rule) => ruleHolds(rule, request, data))
    : set.rules.every((rule) => ruleHolds(rule, request, data));
}

/**
 * The index of the response that answers. `routeKey` names the route's counter in `sequence` (sequential
 * mode); `random` returns a number in [0, 1).
 */
export function pickResponse(
  sets: readonly RuleSet[],
  mode: ResponseMode,
  request: MockRequest,
  {
    routeKey,
    sequence,
    random,
    data,
  }: { routeKey: string; sequence: SequenceState; random: () => number; data?: BucketLookup },
): number {
  if (sets.length === 0) throw new Error('a route needs at least one response');
  if (mode === 'sequential') {
    const next = (sequence.get(routeKey) ?? 0) % sets.length;
    sequence.set(routeKey, (next + 1) % sets.length);
    return next;
  }
  if (mode === 'random') return Math.min(sets.length - 1, Math.floor(random() * sets.length));
  const matched = sets.findIndex((set) => rulesHold(set, request, data));
  if (matched >= 0) return matched;
  const fallback = sets.findIndex((set) => set.isDefault);
  return fallback >= 0 ? fallback : 0;
}

/** `user.tags[0]` or `user.tags.0` → ['user', 'tags', '0']. */
export function splitBodyPath(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '');
}

function valueAtPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function valueEquals(actual: unknown, expected: unknown): boolean {
  if (actual === undefined) return false;
  // a list in a JSON body equals a plain value one of its items equals (Mockoon's equals on an array)
  if (Array.isArray(actual) && !isObject(expected)) return actual.some((item) => scalarEquals(item, expected));
  if (typeof actual === 'object' && actual !== null) return isDeepStrictEqual(actual, expected);
  if (typeof expected === 'object' && expected !== null) return false;
  // JSON null equals empty text too, as in Mockoon
  if (actual === null && expected === '') return true;
  // a query value '42' equals a rule's 42: request data is text except in a JSON body
  return String(actual) === String(expected);
}

/** A plain item (text, number, boolean, null) compared as text with a plain value; lists and objects never equal. */
function scalarEquals(item: unknown, expected: unknown): boolean {
  if (isObject(item) || isObject(expected) || item === undefined) return false;
  return String(item) === String(expected);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
