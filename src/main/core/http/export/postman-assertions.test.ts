import { chai, describe, expect, it } from 'vitest';
import type { Assertion } from '../../../../shared/http-request';
import { assertionsToPostman } from './postman-assertions';

interface Outcome {
  name: string;
  passed: boolean;
}

/** Runs test code the way Postman's sandbox does: `pm.test` records a pass or a failure, `pm.expect` is chai's. */
function runTests(
  code: string,
  response: { code: number; headers: Record<string, string>; body: string; responseTime: number },
) {
  const outcomes: Outcome[] = [];
  const pm = {
    test(name: string, check: () => void) {
      try {
        check();
        outcomes.push({ name, passed: true });
      } catch {
        outcomes.push({ name, passed: false });
      }
    },
    expect: chai.expect,
    response: {
      code: response.code,
      responseTime: response.responseTime,
      text: () => response.body,
      json: () => JSON.parse(response.body) as unknown,
      headers: { get: (name: string) => response.headers[name.toLowerCase()] },
    },
  };
  new Function('pm', code)(pm);
  return outcomes;
}

const RESPONSE = {
  code: 201,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ id: 7, name: 'Ada', tags: ['a'] }),
  responseTime: 120,
};

describe('assertionsToPostman', () => {
  it('writes pm.test code that passes and fails where the assertion does', () => {
    const assertions: Assertion[] = [
      { target: 'status', op: 'equals', value: 201 },
      { target: 'status', op: 'equals', value: 200 },
      { target: 'header', name: 'Content-Type', op: 'contains', value: 'json' },
      { target: 'header', name: 'X-Missing', op: 'notExists' },
      { target: 'body', op: 'matches', value: '"name":"A' },
      { target: 'responseTime', op: 'lessThan', value: 100 },
      { target: 'responseTime', op: 'greaterThan', value: 100 },
      { target: 'jsonpath', path: '$', op: 'type', value: 'object' },
      { target: 'status', op: 'notEquals', value: 500, enabled: false },
    ];
    const { code, skipped } = assertionsToPostman(assertions);
    expect(skipped).toEqual([]);
    expect(runTests(code, RESPONSE)).toEqual([
      { name: 'status equals 201', passed: true },
      { name: 'status equals 200', passed: false },
      { name: 'Content-Type contains "json"', passed: true },
      { name: 'X-Missing notExists', passed: true },
      { name: 'body matches "\\"name\\":\\"A"', passed: true },
      { name: 'responseTime lessThan 100', passed: false },
      { name: 'responseTime greaterThan 100', passed: true },
      { name: '$ type "object"', passed: true },
    ]);
  });

  it("reads JSONPath with lodash's _.get and reports paths it cannot follow", () => {
    const { code, skipped } = assertionsToPostman([
      { target: 'jsonpath', path: '$.items[0].id', op: 'equals', value: 7 },
      { target: 'jsonpath', path: "$['odd key'].x", op: 'exists' },
      { target: 'jsonpath', path: '$..id', op: 'exists' },
      { target: 'jsonpath', path: '$.items[?(@.id > 1)]', op: 'exists' },
    ]);
    expect(code).toBe(
      [
        `pm.test("$.items[0].id equals 7", () => pm.expect(_.get(pm.response.json(), "items[0].id")).to.eql(7));`,
        `pm.test("$['odd key'].x exists", () => pm.expect(_.get(pm.response.json(), "['odd key'].x")).to.exist);`,
      ].join('\n'),
    );
    expect(skipped).toEqual(['$..id exists', '$.items[?(@.id > 1)] exists']);
  });
});
