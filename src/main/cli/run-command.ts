import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import { resolveDataDir } from '../core/data-dir';
import type { RunReport } from '../core/http/runner/run-types';
import { errorLine, type CliIo } from './cli-io';

export const RUN_HELP = `Usage: backbench run <collection-dir|postman-collection.json> [options]

Runs every request of a collection — a collection folder (collection.yaml, folder.yaml and *.request.yaml
files, as the app writes them under <workspace>/collections/) or a Postman v2.1 collection JSON — with its
scripts and assertions, and reports each request and check, then counts and p50/p95/max latency.

Options:
  --env <name|file>     Environment: a file (Backbench YAML or Postman environment JSON) or the name of one
                        in the workspace (the collection's, else the app's)
  --data <file>         CSV (header row first) or JSON array of objects: one iteration per row, its columns
                        as variables (pm.iterationData)
  --iterations <n>      Iterations (default: the data file's rows, else 1)
  --concurrency <n>     Iterations in flight at once (default 1); each sends its requests in order
  --delay <ms>          Wait before each request (default 0)
  --folder <path>       Run only this folder of the collection (names joined by /)
  --reporter <name>     cli (default), json or junit
  --out <file>          Write the report there (stdout still shows the cli lines); default: stdout
  --bail                Stop after the first failed request, assertion or test
  --timeout <ms>        Per-request timeout, overriding the collection's (0: none)
  --data-dir <dir>      App data folder whose workspace --env names are looked up in (default: the app's,
                        or $BACKBENCH_DATA_DIR)
  -h, --help            Show this help

Variables set by scripts last for the run and are not written back to files. Secret values kept by the app
are not read: pass them in an environment file.

Exit codes: 0 every request got a response and every assertion and test passed; 1 otherwise, or a flag or
file is not valid (one line on stderr says which).
`;

const REPORTERS = ['cli', 'json', 'junit'] as const;
type ReporterName = (typeof REPORTERS)[number];

interface RunFlags {
  target: string;
  env?: string;
  data?: string;
  iterations?: number;
  concurrency: number;
  delay: number;
  folder?: string;
  reporter: ReporterName;
  out?: string;
  bail: boolean;
  timeout?: number;
  dataDir?: string;
}

/** A flag that is not valid: exit 1 with one line naming it (the run's contract: 0 passed, 1 anything else). */
class FlagError extends Error {}

/** `backbench run`: a collection through the core runner (core/http/runner). */
export async function runRun(argv: string[], io: CliIo): Promise<number> {
  let flags: RunFlags | 'help';
  try {
    flags = parseFlags(argv);
  } catch (error) {
    // one line: parseArgs' messages can span several
    const text = (error instanceof Error ? error.message : String(error)).replace(/\s*\r?\n\s*/g, ' ').trim();
    io.stderr(`backbench run: ${/[.!?)]$/.test(text) ? text : `${text}.`} Run "backbench run --help".\n`);
    return 1;
  }
  if (flags === 'help') {
    io.stdout(RUN_HELP);
    return 0;
  }
  try {
    return await execute(flags, io);
  } catch (error) {
    io.stderr(`${errorLine(error)}\n`);
    return 1;
  }
}

function parseFlags(argv: string[]): RunFlags | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      env: { type: 'string', short: 'e' },
      data: { type: 'string', short: 'd' },
      iterations: { type: 'string', short: 'n' },
      concurrency: { type: 'string' },
      delay: { type: 'string' },
      folder: { type: 'string' },
      reporter: { type: 'string', short: 'r' },
      out: { type: 'string', short: 'o' },
      bail: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) return 'help';
  if (positionals.length !== 1) {
    throw new FlagError(
      positionals.length === 0
        ? 'give the collection folder or Postman collection JSON to run.'
        : `one collection at a time; got ${positionals.length} (${positionals.join(', ')}).`,
    );
  }
  const reporter = values.reporter ?? 'cli';
  if (!(REPORTERS as readonly string[]).includes(reporter)) {
    throw new FlagError(`--reporter must be cli, json or junit, not "${reporter}".`);
  }
  for (const [flag, value] of [
    ['--env', values.env],
    ['--data', values.data],
    ['--out', values.out],
    ['--folder', values.folder],
  ] as const) {
    if (value === '') throw new FlagError(`${flag} must not be empty.`);
  }
  return {
    target: positionals[0]!,
    env: values.env,
    data: values.data,
    iterations: whole('--iterations', values.iterations, 1, 10_000_000),
    concurrency: whole('--concurrency', values.concurrency, 1, 1000) ?? 1,
    delay: whole('--delay', values.delay, 0, 3_600_000) ?? 0,
    folder: values.folder,
    reporter: reporter as ReporterName,
    out: values.out,
    bail: values.bail,
    timeout: whole('--timeout', values.timeout, 0, 3_600_000),
    dataDir: values['data-dir'],
  };
}

function whole(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new FlagError(`${flag} must be a whole number from ${min} to ${max}, not "${text}".`);
  }
  return n;
}

async function execute(flags: RunFlags, io: CliIo): Promise<number> {
  const [{ loadRunSources }, { loadDataFile }, { runCollection }, { createCliReporter }] = await Promise.all([
    import('../core/http/runner/run-sources'),
    import('../core/http/runner/run-inputs'),
    import('../core/http/runner/collection-runner'),
    import('../core/http/runner/reporters/cli-reporter'),
  ]);
  const sources = await loadRunSources({
    target: resolve(flags.target),
    folder: flags.folder,
    environment: flags.env,
    fallbackWorkspace: join(resolveDataDir(flags.dataDir, io.env), 'workspace'),
  });
  const data = flags.data ? await loadDataFile(resolve(flags.data)) : undefined;
  if (flags.out) await checkOutFolder(flags.out);
  for (const warning of sources.plan.warnings) io.stderr(`${flags.target}: ${warning}\n`);

  // bodies past the inline limit and cookies live in a temp folder for the run only
  const scratch = await mkdtemp(join(tmpdir(), 'backbench-run-'));
  const [{ HttpSender }, { BodyStore }, { WorkspaceCookies }, { closeScriptSandbox }] = await Promise.all([
    import('../core/http/send/http-sender'),
    import('../core/http/send/body-store'),
    import('../core/http/send/cookie-jar'),
    import('../core/http/script/run-script'),
  ]);
  const bodies = new BodyStore(scratch);
  const cookies = await WorkspaceCookies.open(scratch, sources.plan.filesRoot);
  const sender = new HttpSender({ bodies, cookies });
  // machine-readable output on stdout stands alone; with --out, stdout shows the run as it goes
  const cli = flags.reporter === 'cli' || flags.out ? createCliReporter((text) => io.stdout(text)) : null;
  const controller = new AbortController();
  let finished = false;
  void io.waitForStop().then(() => {
    if (!finished) controller.abort();
  });
  let report: RunReport;
  try {
    report = await runCollection({
      plan: sources.plan,
      environment: sources.environment?.variables,
      globals: sources.globals,
      iterations: flags.iterations,
      data,
      delayMs: flags.delay,
      concurrency: flags.concurrency,
      bail: flags.bail,
      timeoutMs: flags.timeout,
      signal: controller.signal,
      onEvent: cli ? (event) => cli.onEvent(event) : undefined,
      send: (outgoing, signal) => sender.send(outgoing, signal),
      bodies,
    });
  } finally {
    finished = true;
    cli?.flush();
    await sender.close();
    await closeScriptSandbox();
    await rm(scratch, { recursive: true, force: true });
  }
  const output = await reportText(flags.reporter, report, flags.out !== undefined);
  if (output !== null) {
    if (flags.out) await writeFile(resolve(flags.out), output);
    else io.stdout(output);
  }
  return report.passed ? 0 : 1;
}

/** A report that cannot be written is known before the run, not after it. */
async function checkOutFolder(out: string): Promise<void> {
  const folder = dirname(resolve(out));
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) {
    throw new AppError('FILE_NOT_FOUND', `--out ${out}: the folder ${folder} does not exist.`, { out });
  }
}

/** The report for --out or stdout; the cli reporter has printed its lines already (its summary goes to --out). */
async function reportText(reporter: ReporterName, report: RunReport, toFile: boolean): Promise<string | null> {
  if (reporter === 'cli') {
    return toFile ? (await import('../core/http/runner/reporters/cli-reporter')).summaryText(report) : null;
  }
  if (reporter === 'json') return (await import('../core/http/runner/reporters/json-reporter')).jsonReport(report);
  if (reporter === 'junit') return (await import('../core/http/runner/reporters/junit-reporter')).junitReport(report);
  return null;
}
