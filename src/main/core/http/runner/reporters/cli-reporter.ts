/**
 * The terminal reporter: one line per request (iteration, method, path, status, time, size) and one per
 * assertion or test under it, then a summary — counts, p50/p95/max latency and each failing check once. Lines
 * go out in batches (every 100 ms or 64 KiB): a write per line costs a fast run as much as the requests.
 */
import type { Latency, RequestOutcome, RunEvent, RunReport } from '../run-types';

const BATCH_MS = 100;
const BATCH_CHARS = 64 * 1024;

export interface CliReporter {
  onEvent(event: RunEvent): void;
  /** Writes what is still held. */
  flush(): void;
}

export function createCliReporter(write: (text: string) => void): CliReporter {
  let pending = '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending === '') return;
    const text = pending;
    pending = '';
    write(text);
  };
  const add = (text: string) => {
    pending += text;
    if (pending.length >= BATCH_CHARS) flush();
    else timer ??= setTimeout(flush, BATCH_MS);
  };
  return {
    onEvent(event) {
      if (event.type === 'runStarted') {
        const times = event.iterations === 1 ? '' : `, ${event.iterations} iterations`;
        add(`${event.collection}: ${plural(event.requests, 'request')}${times}\n`);
      } else if (event.type === 'requestFinished') add(outcomeLines(event.outcome));
      else if (event.type === 'runFinished') {
        add(summaryText(event.report));
        flush();
      }
    },
    flush,
  };
}

export function outcomeLines(outcome: RequestOutcome): string {
  const answer =
    outcome.status === null
      ? `✗ ${outcome.error?.code ?? 'ERROR'}: ${oneLine(outcome.error?.message ?? 'no response')}`
      : `${outcome.status} ${ms(outcome.timeMs)} ${size(outcome.size ?? 0)}`;
  let text = `[${outcome.iteration + 1}] ${outcome.method} ${outcome.path} ${answer}\n`;
  for (const check of outcome.checks) {
    const mark = check.passed ? '✓' : '✗';
    const why = !check.passed && check.message ? ` — ${oneLine(check.message)}` : '';
    text += `    ${mark} ${check.kind === 'test' ? '' : 'assert '}${oneLine(check.name)}${why}\n`;
  }
  for (const error of outcome.scriptErrors) text += `    ✗ script error: ${oneLine(error)}\n`;
  return text;
}

export function summaryText(report: RunReport): string {
  const { totals } = report;
  const lines = ['', `${report.collection}: ${report.passed ? 'PASSED' : 'FAILED'}`];
  if (report.cancelled) lines.push('  cancelled before the end');
  if (report.bailed) lines.push('  stopped after the first failure (--bail)');
  lines.push(
    `  iterations  ${report.iterations}`,
    `  requests    ${totals.requests} sent, ${totals.responses} answered, ${totals.errors} without a response`,
    `  assertions  ${counts(totals.assertions)}`,
    `  tests       ${counts(totals.tests)}`,
  );
  if (totals.scriptErrors > 0) lines.push(`  script errors ${totals.scriptErrors}`);
  lines.push(`  latency     ${latency(report.latency)}`, `  duration    ${ms(report.durationMs)}`);
  const failures: string[] = [];
  for (const request of report.requests) {
    if (request.firstError) {
      const { iteration, code, message } = request.firstError;
      failures.push(
        `  ✗ ${request.path}: ${request.errors}× no response; first (iteration ${iteration + 1}) ${code}: ${oneLine(message)}`,
      );
    }
    if (request.firstScriptError) {
      failures.push(
        `  ✗ ${request.path}: ${request.scriptErrors}× script error; first: ${oneLine(request.firstScriptError.message)}`,
      );
    }
    for (const check of request.checks) {
      if (!check.firstFailure) continue;
      failures.push(
        `  ✗ ${request.path} › ${oneLine(check.name)}: failed ${check.failed} of ${check.passed + check.failed}; first (iteration ${check.firstFailure.iteration + 1}): ${oneLine(check.firstFailure.message)}`,
      );
    }
  }
  if (failures.length > 0) lines.push('', 'Failures:', ...failures);
  return `${lines.join('\n')}\n`;
}

const counts = (c: { total: number; passed: number; failed: number }) =>
  `${c.total} total, ${c.passed} passed, ${c.failed} failed`;
const latency = (l: Latency) => `p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, max ${ms(l.max)}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const oneLine = (text: string) => text.replace(/\s*\r?\n\s*/g, ' ').trim();

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
