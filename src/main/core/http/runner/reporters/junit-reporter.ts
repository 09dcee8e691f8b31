/**
 * The JUnit XML reporter, in the shape CI systems read (Jenkins, GitLab, GitHub test reporters): one
 * <testsuite> per request of the collection, one <testcase> per assertion or test over every iteration — a
 * failure in any iteration fails it and says how often and the first message. A request that got no response
 * (or whose scripts failed) has a testcase with an <error>; one with no checks has a testcase for its response.
 * Text is escaped for XML and characters XML 1.0 cannot hold are dropped.
 */
import type { RequestSummary, RunReport } from '../run-types';

export function junitReport(report: RunReport): string {
  const suites = report.requests.map((request) => suiteXml(report, request));
  const tests = suites.reduce((sum, suite) => sum + suite.tests, 0);
  const failures = suites.reduce((sum, suite) => sum + suite.failures, 0);
  const errors = suites.reduce((sum, suite) => sum + suite.errors, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name=${attr(report.collection)} tests="${tests}" failures="${failures}" errors="${errors}" time="${seconds(report.durationMs)}">`,
    ...suites.map((suite) => suite.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

interface Case {
  name: string;
  failure?: { type: string; message: string; text: string };
  error?: { type: string; message: string; text: string };
}

function suiteXml(report: RunReport, request: RequestSummary) {
  const cases: Case[] = [];
  const runs = (n: number) => `${n} of ${request.runs} run${request.runs === 1 ? '' : 's'}`;
  if (request.firstError) {
    const { iteration, code, message } = request.firstError;
    cases.push({
      name: 'response',
      error: {
        type: code,
        message,
        text: `No response in ${runs(request.errors)}; first in iteration ${iteration + 1}: ${code}: ${message}`,
      },
    });
  } else if (request.checks.length === 0) {
    cases.push({ name: 'response' });
  }
  if (request.firstScriptError) {
    const { iteration, message } = request.firstScriptError;
    cases.push({
      name: 'scripts',
      error: {
        type: 'ScriptError',
        message,
        text: `${request.scriptErrors} script error(s); first in iteration ${iteration + 1}: ${message}`,
      },
    });
  }
  for (const check of request.checks) {
    const entry: Case = { name: check.name };
    if (check.firstFailure) {
      const { iteration, message } = check.firstFailure;
      entry.failure = {
        type: check.kind === 'test' ? 'TestFailure' : 'AssertionFailure',
        message,
        text: `Failed in ${check.failed} of ${check.passed + check.failed}; first in iteration ${iteration + 1}: ${message}`,
      };
    }
    cases.push(entry);
  }
  const failures = cases.filter((c) => c.failure).length;
  const errors = cases.filter((c) => c.error).length;
  const classname = attr(`${report.collection}.${request.path}`);
  const time = seconds(request.latency.mean);
  const body = cases.map((c) => {
    const open = `    <testcase name=${attr(c.name)} classname=${classname} time="${time}"`;
    const problem = c.failure ? ['failure', c.failure] : c.error ? ['error', c.error] : null;
    if (!problem) return `${open}/>`;
    const [tag, detail] = problem as ['failure' | 'error', NonNullable<Case['failure']>];
    return `${open}>\n      <${tag} type=${attr(detail.type)} message=${attr(detail.message)}>${text(detail.text)}</${tag}>\n    </testcase>`;
  });
  const xml = [
    `  <testsuite name=${attr(request.path)} tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(request.totalMs)}" timestamp=${attr(report.startedAt.replace(/\.\d+Z$/, ''))}>`,
    `    <properties><property name="method" value=${attr(request.method)}/><property name="runs" value="${request.runs}"/></properties>`,
    ...body,
    '  </testsuite>',
  ].join('\n');
  return { xml, tests: cases.length, failures, errors };
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function text(value: string): string {
  return xmlChars(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Drops what XML 1.0 cannot hold even escaped: control characters but tab, LF and CR, lone surrogates,
 * U+FFFE and U+FFFF (a response body quoted in a message can hold any of them).
 */
export function xmlChars(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    if (allowed) out += char;
  }
  return out;
}

/** A quoted attribute value; line breaks and tabs kept as character references (attribute values normalise them). */
function attr(value: string): string {
  return `"${text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')}"`;
}
