/**
 * Assertions → Postman test code (`pm.test` with chai, as Postman's sandbox runs it), so an exported collection
 * keeps checking what Backbench checked. JSONPath is written with lodash's `_.get`, which Postman provides; a
 * path `_.get` cannot follow (filters, wildcards, recursive descent) is reported instead.
 */
import type { Assertion } from '../../../../shared/http-request';

const literal = (value: unknown) => JSON.stringify(value) ?? 'undefined';

/** `$.items[0].id` → `items[0].id`; null when lodash's `_.get` cannot follow it. */
function lodashPath(path: string): string | null {
  if (!/^\$(\.[A-Za-z_$][\w$]*|\[\d+\]|\['[^'\]]*'\]|\["[^"\]]*"\])*$/.test(path)) return null;
  return path.replace(/^\$\.?/, '');
}

function actualOf(assertion: Assertion): string | null {
  switch (assertion.target) {
    case 'status':
      return 'pm.response.code';
    case 'header':
      return `pm.response.headers.get(${literal(assertion.name ?? '')})`;
    case 'body':
      return 'pm.response.text()';
    case 'responseTime':
      return 'pm.response.responseTime';
    case 'jsonpath': {
      const path = lodashPath(assertion.path ?? '');
      if (path === null) return null;
      return path === '' ? 'pm.response.json()' : `_.get(pm.response.json(), ${literal(path)})`;
    }
  }
}

function checkOf(assertion: Assertion): string {
  const value = assertion.value;
  switch (assertion.op) {
    case 'equals':
      return `.to.eql(${literal(value)})`;
    case 'notEquals':
      return `.to.not.eql(${literal(value)})`;
    case 'contains':
      return `.to.include(${literal(value)})`;
    case 'exists':
      return '.to.exist';
    case 'notExists':
      return '.to.not.exist';
    case 'type':
      return value === 'null' ? '.to.be.null' : `.to.be.an(${literal(value)})`;
    case 'lessThan':
      return `.to.be.below(${literal(value)})`;
    case 'greaterThan':
      return `.to.be.above(${literal(value)})`;
    case 'matches':
      return `.to.match(new RegExp(${literal(String(value))}))`;
  }
}

/** Test code for the enabled assertions, and the ones it could not write. */
export function assertionsToPostman(assertions: Assertion[]): { code: string; skipped: string[] } {
  const lines: string[] = [];
  const skipped: string[] = [];
  for (const assertion of assertions) {
    if (assertion.enabled === false) continue;
    const subject =
      assertion.target === 'jsonpath'
        ? assertion.path
        : assertion.target === 'header'
          ? assertion.name
          : assertion.target;
    const title = `${subject ?? assertion.target} ${assertion.op}${assertion.value === undefined ? '' : ` ${String(literal(assertion.value))}`}`;
    const actual = actualOf(assertion);
    if (actual === null) {
      skipped.push(title);
      continue;
    }
    lines.push(`pm.test(${literal(title)}, () => pm.expect(${actual})${checkOf(assertion)});`);
  }
  return { code: lines.join('\n'), skipped };
}
