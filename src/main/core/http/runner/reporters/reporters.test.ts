import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { inherit } from '../../collections/inheritance';
import type { PlannedRequest } from '../run-plan';
import { RunReportBuilder } from '../run-report';
import type { RequestOutcome, RunEvent, RunReport } from '../run-types';
import { createCliReporter } from './cli-reporter';
import { jsonReport } from './json-reporter';
import { junitReport } from './junit-reporter';

const NASTY = 'expected <a href="x">&\'</a> \u0001\u0000 got "é 😀" \uD800';

function planned(index: number, name: string, method = 'GET'): PlannedRequest {
  return {
    index,
    name,
    path: index === 0 ? name : `Users / ${name}`,
    effective: inherit({ name, method, url: 'http://127.0.0.1/x' }, { collection: null, folders: [] }),
    baseDir: '/',
  };
}

function outcome(partial: Partial<RequestOutcome> & Pick<RequestOutcome, 'index' | 'name'>): RequestOutcome {
  return {
    iteration: 0,
    path: partial.index === 0 ? partial.name : `Users / ${partial.name}`,
    method: 'GET',
    url: 'http://127.0.0.1/x',
    status: 200,
    timeMs: 10,
    size: 20,
    error: null,
    checks: [],
    scriptErrors: [],
    passed: true,
    ...partial,
  };
}

/** Two iterations of three requests: one passing, one with a failing assertion (once) and a test, one erroring. */
function sample(): { report: RunReport; outcomes: RequestOutcome[] } {
  const requests = [planned(0, 'Health'), planned(1, 'Get <user>'), planned(2, 'Delete', 'DELETE')];
  const builder = new RunReportBuilder(requests);
  const outcomes: RequestOutcome[] = [];
  for (let iteration = 0; iteration < 2; iteration++) {
    outcomes.push(outcome({ iteration, index: 0, name: 'Health', timeMs: 5 + 2 * iteration }));
    outcomes.push(
      outcome({
        iteration,
        index: 1,
        name: 'Get <user>',
        timeMs: 20 + iteration * 10,
        checks: [
          { kind: 'assertion', name: 'status equals 200', passed: true, message: 'status: 200 equals 200' },
          iteration === 0
            ? { kind: 'assertion', name: '$.name equals "Ann & Bob"', passed: false, message: NASTY }
            : { kind: 'assertion', name: '$.name equals "Ann & Bob"', passed: true },
          { kind: 'test', name: 'has id', passed: true },
        ],
        passed: iteration !== 0,
      }),
    );
    outcomes.push(
      outcome({
        iteration,
        index: 2,
        name: 'Delete',
        method: 'DELETE',
        status: null,
        size: null,
        error: { code: 'TIMEOUT', message: 'No response within 100 ms.' },
        passed: false,
      }),
    );
  }
  for (const entry of outcomes) builder.add(entry);
  const report = builder.build({
    collection: 'Shop & Co',
    startedAt: new Date('2026-01-02T03:04:05.678Z'),
    durationMs: 1234,
    iterations: 2,
    cancelled: false,
    bailed: false,
  });
  return { report, outcomes };
}

describe('run report', () => {
  it('counts per request and per check, with nearest-rank percentiles over the responses', () => {
    const { report } = sample();
    expect(report.totals).toEqual({
      requests: 6,
      responses: 4,
      errors: 2,
      assertions: { total: 4, passed: 3, failed: 1 },
      tests: { total: 2, passed: 2, failed: 0 },
      scriptErrors: 0,
    });
    // latencies 5, 7, 20, 30
    expect(report.latency).toEqual({ p50: 7, p95: 30, max: 30, mean: 15.5 });
    expect(report.requests[2]).toMatchObject({ errors: 2, firstError: { iteration: 0, code: 'TIMEOUT' } });
    expect(report.passed).toBe(false);
  });
});

describe('reporters', () => {
  it('cli: a line per request and per check, then counts, p50/p95 and each failure once', () => {
    const { report, outcomes } = sample();
    let out = '';
    const reporter = createCliReporter((text) => (out += text));
    const events: RunEvent[] = [
      { type: 'runStarted', collection: report.collection, requests: 3, iterations: 2 },
      ...outcomes.map((o): RunEvent => ({ type: 'requestFinished', outcome: o })),
      { type: 'runFinished', report },
    ];
    for (const event of events) reporter.onEvent(event);
    const lines = out.split('\n');
    expect(lines[0]).toBe('Shop & Co: 3 requests, 2 iterations');
    expect(lines[1]).toBe('[1] GET Health 200 5.0 ms 20 B');
    expect(lines[2]).toBe('[1] GET Users / Get <user> 200 20 ms 20 B');
    expect(lines[3]).toBe('    ✓ assert status equals 200');
    expect(lines[4]).toMatch(/^ {4}✗ assert \$\.name equals "Ann & Bob" — expected <a href/);
    expect(lines[5]).toBe('    ✓ has id');
    expect(lines[6]).toBe('[1] DELETE Users / Delete ✗ TIMEOUT: No response within 100 ms.');
    expect(out).toContain('Shop & Co: FAILED');
    expect(out).toContain('requests    6 sent, 4 answered, 2 without a response');
    expect(out).toContain('assertions  4 total, 3 passed, 1 failed');
    expect(out).toContain('latency     p50 7.0 ms, p95 30 ms, max 30 ms');
    expect(out).toContain('✗ Users / Get <user> › $.name equals "Ann & Bob": failed 1 of 2; first (iteration 1)');
    expect(out).toContain('✗ Users / Delete: 2× no response; first (iteration 1) TIMEOUT');
  });

  it('json: the report as it is', () => {
    const { report } = sample();
    expect(JSON.parse(jsonReport(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('junit: valid XML, a testsuite per request and a testcase per check, text escaped', () => {
    const { report } = sample();
    const xml = junitReport(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => name === 'testsuite' || name === 'testcase',
    }).parse(xml);
    const root = parsed.testsuites;
    expect(root).toMatchObject({ name: 'Shop & Co', tests: '5', failures: '1', errors: '1', time: '1.234' });
    expect(root.testsuite.map((s: { name: string }) => s.name)).toEqual([
      'Health',
      'Users / Get <user>',
      'Users / Delete',
    ]);
    const [health, getUser, del] = root.testsuite;
    expect(health.testcase).toEqual([{ name: 'response', classname: 'Shop & Co.Health', time: '0.006' }]);
    expect(getUser.testcase.map((c: { name: string }) => c.name)).toEqual([
      'status equals 200',
      '$.name equals "Ann & Bob"',
      'has id',
    ]);
    const failure = getUser.testcase[1].failure;
    expect(failure.type).toBe('AssertionFailure');
    // control characters and the lone surrogate are dropped, the rest comes back as written (the parser trims)
    expect(failure.message).toBe('expected <a href="x">&\'</a>  got "é 😀"');
    expect(failure['#text']).toContain('Failed in 1 of 2; first in iteration 1');
    expect(del.testcase[0]).toMatchObject({ name: 'response', error: { type: 'TIMEOUT' } });
    expect(del).toMatchObject({ tests: '1', failures: '0', errors: '1' });
  });
});
