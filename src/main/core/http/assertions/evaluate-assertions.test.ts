import { describe, expect, it } from 'vitest';
import type { Assertion } from '../../../../shared/http-request';
import { AssertionSchema } from '../../../../shared/http-request';
import { evaluateAssertions, type AssertionResponse } from './evaluate-assertions';

const body = {
  id: 42,
  name: 'Ada',
  active: true,
  score: '17.5',
  tags: ['admin', 'ops'],
  address: { city: 'Paris', zip: null },
  items: [
    { id: 1, price: 9.5 },
    { id: 2, price: 20 },
  ],
};

const response: AssertionResponse = {
  status: 201,
  headers: [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Content-Length', '123'],
    ['Set-Cookie', 'a=1'],
    ['set-cookie', 'b=2'],
    ['X-Flag', 'true'],
  ],
  body: JSON.stringify(body),
  timeMs: 120,
};

/** Parses through the file schema, so every case is a valid request-file assertion. */
function check(assertion: Record<string, unknown>, res: AssertionResponse = response) {
  const parsed: Assertion = AssertionSchema.parse(assertion);
  const results = evaluateAssertions({ assertions: [parsed], response: res });
  expect(results).toHaveLength(1);
  return results[0]!;
}

describe('status target', () => {
  it('equals, notEquals, lessThan, greaterThan, matches, type', () => {
    expect(check({ target: 'status', op: 'equals', value: 201 }).passed).toBe(true);
    expect(check({ target: 'status', op: 'equals', value: '201' }).passed).toBe(true);
    const failed = check({ target: 'status', op: 'equals', value: 200 });
    expect(failed).toMatchObject({ passed: false, actual: 201, message: 'status: expected 200, got 201' });
    expect(check({ target: 'status', op: 'notEquals', value: 500 }).passed).toBe(true);
    expect(check({ target: 'status', op: 'notEquals', value: 201 }).passed).toBe(false);
    expect(check({ target: 'status', op: 'lessThan', value: 300 }).passed).toBe(true);
    expect(check({ target: 'status', op: 'lessThan', value: 201 }).passed).toBe(false);
    expect(check({ target: 'status', op: 'greaterThan', value: 199 }).passed).toBe(true);
    expect(check({ target: 'status', op: 'greaterThan', value: 201 }).passed).toBe(false);
    expect(check({ target: 'status', op: 'matches', value: '^2\\d\\d$' }).passed).toBe(true);
    expect(check({ target: 'status', op: 'matches', value: '^4' }).passed).toBe(false);
    expect(check({ target: 'status', op: 'type', value: 'number' }).passed).toBe(true);
    expect(check({ target: 'status', op: 'exists' }).passed).toBe(true);
    expect(check({ target: 'status', op: 'notExists' }).passed).toBe(false);
  });
});

describe('header target', () => {
  it('finds a header whatever the case of its name, and compares its text with numbers and booleans', () => {
    const result = check({ target: 'header', name: 'content-type', op: 'contains', value: 'application/json' });
    expect(result).toMatchObject({ passed: true, actual: 'application/json; charset=utf-8' });
    expect(check({ target: 'header', name: 'Content-Length', op: 'equals', value: 123 }).passed).toBe(true);
    expect(check({ target: 'header', name: 'Content-Length', op: 'lessThan', value: 1000 }).passed).toBe(true);
    expect(check({ target: 'header', name: 'x-flag', op: 'equals', value: true }).passed).toBe(true);
    expect(check({ target: 'header', name: 'x-flag', op: 'equals', value: false }).passed).toBe(false);
    expect(check({ target: 'header', name: 'Content-Type', op: 'matches', value: '/JSON/i' }).passed).toBe(true);
  });

  it('joins repeated headers and tells when a header is absent', () => {
    expect(check({ target: 'header', name: 'Set-Cookie', op: 'equals', value: 'a=1, b=2' }).passed).toBe(true);
    expect(check({ target: 'header', name: 'ETag', op: 'notExists' }).passed).toBe(true);
    const missing = check({ target: 'header', name: 'ETag', op: 'exists' });
    expect(missing).toMatchObject({
      passed: false,
      actual: undefined,
      message: 'header ETag: expected to exist, got nothing',
    });
    expect(check({ target: 'header', name: 'ETag', op: 'equals', value: 'x' }).passed).toBe(false);
    expect(check({ target: 'header', name: 'ETag', op: 'notEquals', value: 'x' }).passed).toBe(false);
  });
});

describe('jsonpath target', () => {
  it('reads one value at a definite path', () => {
    expect(check({ target: 'jsonpath', path: '$.id', op: 'equals', value: 42 }).passed).toBe(true);
    expect(check({ target: 'jsonpath', path: '$.id', op: 'equals', value: '42' }).passed).toBe(true);
    expect(check({ target: 'jsonpath', path: '$.items[1].price', op: 'greaterThan', value: 10 }).passed).toBe(true);
    expect(check({ target: 'jsonpath', path: "$['name']", op: 'equals', value: 'Ada' }).passed).toBe(true);
    expect(check({ target: 'jsonpath', path: '$.score', op: 'lessThan', value: 18 }).passed).toBe(true);
    expect(
      check({ target: 'jsonpath', path: '$.address', op: 'equals', value: { zip: null, city: 'Paris' } }).passed,
    ).toBe(true);
    expect(check({ target: 'jsonpath', path: '$.address', op: 'contains', value: { city: 'Paris' } }).passed).toBe(
      true,
    );
    expect(check({ target: 'jsonpath', path: '$.address', op: 'contains', value: { city: 'Lyon' } }).passed).toBe(
      false,
    );
    expect(check({ target: 'jsonpath', path: '$.tags', op: 'contains', value: 'ops' }).passed).toBe(true);
    expect(check({ target: 'jsonpath', path: '$.tags', op: 'contains', value: 'dev' }).passed).toBe(false);
    expect(check({ target: 'jsonpath', path: '$.name', op: 'contains', value: 'd' }).passed).toBe(true);
    expect(check({ target: 'jsonpath', path: '$.name', op: 'matches', value: '^A.a$' }).passed).toBe(true);
  });

  it('checks every type name', () => {
    const cases: [string, string][] = [
      ['$.name', 'string'],
      ['$.id', 'number'],
      ['$.active', 'boolean'],
      ['$.address', 'object'],
      ['$.tags', 'array'],
      ['$.address.zip', 'null'],
    ];
    for (const [path, type] of cases) {
      expect(check({ target: 'jsonpath', path, op: 'type', value: type }).passed, `${path} ${type}`).toBe(true);
    }
    const wrong = check({ target: 'jsonpath', path: '$.score', op: 'type', value: 'number' });
    expect(wrong).toMatchObject({ passed: false, message: '$.score: expected type number, got string ("17.5")' });
    expect(check({ target: 'jsonpath', path: '$.id', op: 'type', value: 'integer' }).message).toContain(
      'must be one of string, number, boolean, object, array, null',
    );
  });

  it('tells a null value (exists) from a missing one (does not)', () => {
    expect(check({ target: 'jsonpath', path: '$.address.zip', op: 'exists' }).passed).toBe(true);
    expect(check({ target: 'jsonpath', path: '$.address.street', op: 'exists' }).passed).toBe(false);
    expect(check({ target: 'jsonpath', path: '$.address.street', op: 'notExists' }).passed).toBe(true);
    expect(check({ target: 'jsonpath', path: '$.items[5].id', op: 'notExists' }).passed).toBe(true);
  });

  it('reads a wildcard path as a list', () => {
    const ids = check({ target: 'jsonpath', path: '$.items[*].id', op: 'equals', value: [1, 2] });
    expect(ids).toMatchObject({ passed: true, actual: [1, 2] });
    expect(check({ target: 'jsonpath', path: '$..price', op: 'contains', value: 20 }).passed).toBe(true);
    expect(check({ target: 'jsonpath', path: '$.nothing[*]', op: 'notExists' }).passed).toBe(true);
  });

  it('works on a body already parsed', () => {
    const parsed = { ...response, body };
    expect(check({ target: 'jsonpath', path: '$.items[0].id', op: 'equals', value: 1 }, parsed).passed).toBe(true);
  });

  it('never reads inherited properties', () => {
    expect(check({ target: 'jsonpath', path: '$.__proto__', op: 'notExists' }).passed).toBe(true);
    expect(check({ target: 'jsonpath', path: '$.address.constructor', op: 'notExists' }).passed).toBe(true);
  });

  it('refuses filter expressions instead of evaluating them', () => {
    const result = check({ target: 'jsonpath', path: '$.items[?(@.price > 10)].id', op: 'exists' });
    expect(result.passed).toBe(false);
    expect(result.message).toContain('filter and script expressions');
    const sneaky = check({
      target: 'jsonpath',
      path: "$[?(@.constructor.constructor('return process')().exit(1))]",
      op: 'exists',
    });
    expect(sneaky.passed).toBe(false);
  });

  it('says when the body is not JSON', () => {
    const html = { ...response, body: '<html>oops</html>' };
    const result = check({ target: 'jsonpath', path: '$.id', op: 'exists' }, html);
    expect(result).toMatchObject({
      passed: false,
      message: '$.id: the body is not JSON (starts with "<html>oops</html>")',
    });
  });
});

describe('body target', () => {
  it('compares the text', () => {
    const text = { ...response, body: 'pong\n' };
    expect(check({ target: 'body', op: 'contains', value: 'pong' }, text).passed).toBe(true);
    expect(check({ target: 'body', op: 'equals', value: 'pong\n' }, text).passed).toBe(true);
    expect(check({ target: 'body', op: 'matches', value: '^po' }, text).passed).toBe(true);
    expect(check({ target: 'body', op: 'type', value: 'string' }, text).passed).toBe(true);
    expect(check({ target: 'body', op: 'contains', value: '"name":"Ada"' }).passed).toBe(true);
  });

  it('compares a parsed body deeply', () => {
    const parsed = { ...response, body };
    expect(check({ target: 'body', op: 'equals', value: { ...body } }, parsed).passed).toBe(true);
    expect(check({ target: 'body', op: 'contains', value: { name: 'Ada' } }, parsed).passed).toBe(true);
    expect(check({ target: 'body', op: 'matches', value: '"id":42' }, parsed).passed).toBe(true);
    expect(check({ target: 'body', op: 'type', value: 'object' }, parsed).passed).toBe(true);
  });
});

describe('responseTime target', () => {
  it('compares milliseconds', () => {
    expect(check({ target: 'responseTime', op: 'lessThan', value: 500 })).toMatchObject({
      passed: true,
      message: 'response time (ms): expected less than 500, got 120',
    });
    expect(check({ target: 'responseTime', op: 'lessThan', value: 100 }).passed).toBe(false);
    expect(check({ target: 'responseTime', op: 'greaterThan', value: 'soon' }).message).toContain('must be a number');
  });
});

describe('mistakes in an assertion', () => {
  it('reports an invalid regular expression as a failure, not a throw', () => {
    const result = check({ target: 'body', op: 'matches', value: '([a-z' });
    expect(result.passed).toBe(false);
    expect(result.message).toMatch(/^body: invalid regular expression "\(\[a-z": /);
  });

  it('reports contains on a number and a comparison with a text as failures', () => {
    expect(check({ target: 'status', op: 'contains', value: 2 }).message).toBe(
      'status: expected a text, list or object containing 2, got 201',
    );
    expect(check({ target: 'jsonpath', path: '$.name', op: 'greaterThan', value: 1 }).message).toBe(
      '$.name: expected a number greater than 1, got "Ada"',
    );
  });

  it('reports an invalid path', () => {
    expect(check({ target: 'jsonpath', path: '$.items[', op: 'exists' })).toMatchObject({
      passed: false,
      message: '$.items[: invalid JSONPath: a [ is not closed',
    });
    expect(check({ target: 'jsonpath', path: 'items[0]', op: 'exists' }).message).toContain('a path starts with $');
    expect(check({ target: 'jsonpath', path: "$['name]", op: 'exists' }).message).toContain('a quote is not closed');
    expect(check({ target: 'jsonpath', path: '$.items]', op: 'exists' }).message).toContain('a ] without its [');
    expect(check({ target: 'jsonpath', path: '$.items.', op: 'exists' }).message).toContain('ends with a dot');
  });

  it('skips disabled assertions and keeps the order of the others', () => {
    const assertions = [
      { target: 'status', op: 'equals', value: 201 },
      { target: 'status', op: 'equals', value: 500, enabled: false },
      { target: 'responseTime', op: 'lessThan', value: 1 },
    ].map((a) => AssertionSchema.parse(a));
    const results = evaluateAssertions({ assertions, response });
    expect(results.map((r) => [r.assertion.target, r.passed])).toEqual([
      ['status', true],
      ['responseTime', false],
    ]);
  });
});
