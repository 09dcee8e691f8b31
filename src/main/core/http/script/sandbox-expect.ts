/**
 * The `expect` library scripts use (`bb.expect`, `pm.expect`): a chai-like chain written as one self-contained
 * function whose source text is evaluated inside the QuickJS sandbox, so no host object is ever handed to a
 * script. It must not reference anything outside its own body (imports, module variables): only its text
 * crosses into the sandbox. It keeps its own copies of the built-ins its bookkeeping needs (`JSON.stringify`,
 * `Object.keys`…), so a script that replaces them changes only its own results.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- script values are anything */
export function createExpectLibrary() {
  'use strict';
  const stringify = JSON.stringify;
  const objectKeys = Object.keys;
  const hasOwn = Object.hasOwn;
  const isArray = Array.isArray;
  const defineProperty = Object.defineProperty;
  const apply = Reflect.apply;
  const toTag = Object.prototype.toString;
  const isNaNValue = Number.isNaN;

  function typeName(value: unknown): string {
    if (value === null) return 'null';
    if (isArray(value)) return 'array';
    const type = typeof value;
    if (type !== 'object') return type;
    const tag = apply(toTag, value, []) as string;
    return tag.slice(8, -1).toLowerCase();
  }

  function show(value: unknown, max = 120): string {
    let text: string;
    if (typeof value === 'string') text = `'${value}'`;
    else if (typeof value === 'function') text = '[Function]';
    else if (value === undefined) text = 'undefined';
    else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
    else {
      try {
        text = stringify(value) ?? String(value);
      } catch {
        text = `[${typeName(value)}]`;
      }
    }
    return text.length > max ? `${text.slice(0, max)}…` : text;
  }

  function deepEqual(a: any, b: any, depth: number): boolean {
    if (a === b) return true;
    if (typeof a === 'number' && typeof b === 'number') return isNaNValue(a) && isNaNValue(b);
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (depth > 200) return false;
    const type = typeName(a);
    if (type !== typeName(b)) return false;
    if (type === 'date') return a.getTime() === b.getTime();
    if (type === 'regexp') return String(a) === String(b);
    if (type === 'array') {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i], depth + 1)) return false;
      return true;
    }
    const keysA = objectKeys(a);
    if (keysA.length !== objectKeys(b).length) return false;
    for (const key of keysA) if (!hasOwn(b, key) || !deepEqual(a[key], b[key], depth + 1)) return false;
    return true;
  }

  function AssertionError(message: string) {
    const error = new Error(message);
    error.name = 'AssertionError';
    return error;
  }

  function expect(subject: unknown, customMessage?: string): any {
    const flags = { negate: false, deep: false, any: false };
    let current: any = subject;
    const chain: any = {};

    function check(passed: boolean, message: string, negatedMessage: string, explicit?: string) {
      if (passed !== flags.negate) return chain;
      const text = flags.negate ? negatedMessage : message;
      const prefix = explicit ?? customMessage;
      throw AssertionError(prefix ? `${prefix}: ${text}` : text);
    }
    const it = () => show(current);
    const same = (a: unknown, b: unknown) => (flags.deep ? deepEqual(a, b, 0) : a === b || (a !== a && b !== b));

    const words = ['to', 'be', 'been', 'is', 'that', 'which', 'and', 'has', 'have', 'with', 'at', 'of', 'same'];
    for (const word of [...words, 'but', 'does', 'still', 'also', 'nested', 'own', 'all']) {
      defineProperty(chain, word, { get: () => chain });
    }
    defineProperty(chain, 'not', { get: () => ((flags.negate = !flags.negate), chain) });
    defineProperty(chain, 'deep', { get: () => ((flags.deep = true), chain) });
    defineProperty(chain, 'any', { get: () => ((flags.any = true), chain) });

    const getters: Record<string, () => unknown> = {
      ok: () => check(!!current, `expected ${it()} to be truthy`, `expected ${it()} to be falsy`),
      true: () => check(current === true, `expected ${it()} to be true`, `expected ${it()} not to be true`),
      false: () => check(current === false, `expected ${it()} to be false`, `expected ${it()} not to be false`),
      null: () => check(current === null, `expected ${it()} to be null`, `expected ${it()} not to be null`),
      undefined: () =>
        check(current === undefined, `expected ${it()} to be undefined`, `expected ${it()} not to be undefined`),
      NaN: () => check(isNaNValue(current), `expected ${it()} to be NaN`, `expected ${it()} not to be NaN`),
      exist: () =>
        check(current !== null && current !== undefined, `expected ${it()} to exist`, `expected ${it()} not to exist`),
      empty: () => {
        const type = typeName(current);
        const size =
          type === 'string' || type === 'array'
            ? current.length
            : type === 'map' || type === 'set'
              ? current.size
              : type === 'object'
                ? objectKeys(current).length
                : undefined;
        if (size === undefined) throw AssertionError(`.empty was given ${it()}, which has no size`);
        return check(size === 0, `expected ${it()} to be empty`, `expected ${it()} not to be empty`);
      },
    };
    for (const name of objectKeys(getters)) defineProperty(chain, name, { get: getters[name] });

    const methods: Record<string, (...args: any[]) => unknown> = {
      equal(expected: unknown, message?: string) {
        const word = flags.deep ? 'deeply equal' : 'equal';
        return check(
          same(current, expected),
          `expected ${it()} to ${word} ${show(expected)}`,
          `expected ${it()} to not ${word} ${show(expected)}`,
          message,
        );
      },
      eql(expected: unknown, message?: string) {
        return check(
          deepEqual(current, expected, 0),
          `expected ${it()} to deeply equal ${show(expected)}`,
          `expected ${it()} to not deeply equal ${show(expected)}`,
          message,
        );
      },
      include(needle: any, message?: string) {
        const type = typeName(current);
        let found: boolean;
        if (type === 'string') found = current.includes(String(needle));
        else if (type === 'array') found = current.some((item: unknown) => same(item, needle));
        else if (type === 'set') found = current.has(needle);
        else if (type === 'map') found = [...current.values()].some((item: unknown) => same(item, needle));
        else if (type === 'object' && needle !== null && typeof needle === 'object') {
          found = objectKeys(needle).every((key) => hasOwn(current, key) && same(current[key], needle[key]));
        } else throw AssertionError(`.include cannot look for ${show(needle)} in ${it()}`);
        return check(
          found,
          `expected ${it()} to include ${show(needle)}`,
          `expected ${it()} to not include ${show(needle)}`,
          message,
        );
      },
      a(type: string, message?: string) {
        const wanted = String(type).toLowerCase();
        const article = /^[aeiou]/.test(wanted) ? 'an' : 'a';
        return check(
          typeName(current) === wanted,
          `expected ${it()} to be ${article} ${wanted}`,
          `expected ${it()} not to be ${article} ${wanted}`,
          message,
        );
      },
      above: (n: number, message?: string) => compare(current > n, `above ${show(n)}`, message),
      least: (n: number, message?: string) => compare(current >= n, `at least ${show(n)}`, message),
      below: (n: number, message?: string) => compare(current < n, `below ${show(n)}`, message),
      most: (n: number, message?: string) => compare(current <= n, `at most ${show(n)}`, message),
      within: (low: number, high: number, message?: string) =>
        compare(current >= low && current <= high, `within ${show(low)}..${show(high)}`, message),
      property(name: string, ...rest: unknown[]) {
        const has = current !== null && current !== undefined && name in Object(current);
        const value = has ? current[name] : undefined;
        if (rest.length > 0) {
          check(
            has && same(value, rest[0]),
            `expected ${it()} to have property '${name}' of ${show(rest[0])}, but got ${show(value)}`,
            `expected ${it()} to not have property '${name}' of ${show(rest[0])}`,
            rest[1] as string | undefined,
          );
        } else {
          check(has, `expected ${it()} to have property '${name}'`, `expected ${it()} to not have property '${name}'`);
        }
        if (!flags.negate) current = value;
        return chain;
      },
      lengthOf(n: number, message?: string) {
        const size = current?.length ?? current?.size;
        return check(
          size === n,
          `expected ${it()} to have a length of ${n} but got ${show(size)}`,
          `expected ${it()} to not have a length of ${n}`,
          message,
        );
      },
      match(re: RegExp, message?: string) {
        return check(
          re.test(String(current)),
          `expected ${it()} to match ${String(re)}`,
          `expected ${it()} not to match ${String(re)}`,
          message,
        );
      },
      string(text: string, message?: string) {
        return check(
          String(current).includes(text),
          `expected ${it()} to contain ${show(text)}`,
          `expected ${it()} to not contain ${show(text)}`,
          message,
        );
      },
      oneOf(list: unknown[], message?: string) {
        return check(
          list.some((item) => same(item, current)),
          `expected ${it()} to be one of ${show(list)}`,
          `expected ${it()} to not be one of ${show(list)}`,
          message,
        );
      },
      keys(...args: any[]) {
        const first = args[0];
        const wanted: string[] =
          args.length !== 1 || typeof first !== 'object' || first === null
            ? args
            : isArray(first)
              ? first
              : objectKeys(first);
        const actual = objectKeys(Object(current));
        const passed = flags.any
          ? wanted.some((key) => actual.includes(key))
          : wanted.length === actual.length && wanted.every((key) => actual.includes(key));
        const word = flags.any ? 'any of' : 'exactly';
        return check(
          passed,
          `expected ${it()} to have ${word} keys ${show(wanted)}`,
          `expected ${it()} to not have ${word} keys ${show(wanted)}`,
        );
      },
      members(list: unknown[], message?: string) {
        const passed =
          isArray(current) &&
          current.length === list.length &&
          list.every((item) => current.some((own: unknown) => same(own, item)));
        return check(
          passed,
          `expected ${it()} to have the same members as ${show(list)}`,
          `expected ${it()} to not have the same members as ${show(list)}`,
          message,
        );
      },
      satisfy(predicate: (value: unknown) => unknown, message?: string) {
        return check(
          !!predicate(current),
          `expected ${it()} to satisfy the given function`,
          `expected ${it()} to not satisfy the given function`,
          message,
        );
      },
      instanceOf(type: any, message?: string) {
        return check(
          current instanceof type,
          `expected ${it()} to be an instance of ${type?.name ?? 'the given type'}`,
          `expected ${it()} to not be an instance of ${type?.name ?? 'the given type'}`,
          message,
        );
      },
      throw(matcher?: unknown) {
        let thrown: any;
        let threw = false;
        try {
          current();
        } catch (error) {
          threw = true;
          thrown = error;
        }
        const text = thrown instanceof Error ? thrown.message : String(thrown);
        const matches =
          matcher === undefined ||
          (typeof matcher === 'string' && text.includes(matcher)) ||
          (matcher instanceof RegExp && matcher.test(text));
        return check(
          threw && matches,
          `expected [Function] to throw ${show(matcher ?? 'an error')}`,
          `expected [Function] to not throw, but it threw ${show(text)}`,
        );
      },
    };

    function compare(passed: boolean, what: string, message?: string) {
      if (typeof current !== 'number' && !(current instanceof Date)) {
        throw AssertionError(`expected ${it()} to be a number or a date`);
      }
      return check(passed, `expected ${it()} to be ${what}`, `expected ${it()} to not be ${what}`, message);
    }

    const aliases: Record<string, string> = {
      equals: 'equal',
      eq: 'equal',
      eqls: 'eql',
      includes: 'include',
      contain: 'include',
      contains: 'include',
      an: 'a',
      gt: 'above',
      greaterThan: 'above',
      gte: 'least',
      greaterThanOrEqual: 'least',
      lt: 'below',
      lessThan: 'below',
      lte: 'most',
      lessThanOrEqual: 'most',
      length: 'lengthOf',
      matches: 'match',
      key: 'keys',
      instanceof: 'instanceOf',
      throws: 'throw',
      Throw: 'throw',
    };
    for (const name of objectKeys(methods)) defineProperty(chain, name, { value: methods[name] });
    for (const alias of objectKeys(aliases)) defineProperty(chain, alias, { value: methods[aliases[alias]!] });
    return chain;
  }

  return { expect, show, AssertionError, deepEqual: (a: unknown, b: unknown) => deepEqual(a, b, 0) };
}
