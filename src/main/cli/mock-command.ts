import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, errorLine, type CliIo } from './cli-io';

export const MOCK_HELP = `Usage: backbench mock <mock.yaml> [--port <n>] [--host <addr>] [--watch]
       backbench mock <openapi.(yaml|json)|swagger.(yaml|json)|mockoon.json> [--port <n>] [--host <addr>] [--validate]

Serves the mock API described by the file until Ctrl+C, printing one line per request
(method, path, status, milliseconds). The file is a Backbench mock (YAML), an OpenAPI 3.x or
Swagger 2 document (JSON or YAML: one route per operation, bodies from its examples or schemas;
send "Prefer: code=404" for another documented status) or a Mockoon environment (JSON).
What an import cannot carry over is listed on stderr.

Options:
  --port <n>       Listen on this port instead of the file's (0: any free port)
  --host <addr>    Listen on this address instead of the file's (default 127.0.0.1)
  --watch          Reload the routes when the file changes; an edit that is not valid keeps the old routes
                   (mock YAML files)
  --validate       OpenAPI: answer 400 to a request that lacks a required body (or whose JSON body does not
                   match its schema), query value or header
  -h, --help       Show this help

Exit codes: 0 stopped by Ctrl+C or SIGTERM, 1 the file is not valid or the port cannot be used, 2 wrong usage.
`;

const KIND_NAMES = { mock: 'a mock file', openapi: 'an OpenAPI document', mockoon: 'a Mockoon environment' };

/** `backbench mock`: one mock file served by the core mock server (core/mock/mock-server.ts). */
export async function runMock(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      watch: { type: 'boolean', default: false },
      validate: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(MOCK_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('one argument is needed: the mock file.');
  const file = positionals[0]!;
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65_535) {
      throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}".`);
    }
  }
  if (values.host === '') throw new UsageError('--host must not be empty.');

  // listening for Ctrl+C from here on, so a signal while the mock starts still stops it cleanly
  const stopped = io.waitForStop();
  const [{ loadMockSource }, { createMockServer }, { compileTemplate }] = await Promise.all([
    import('../core/mock/mock-source'),
    import('../core/mock/mock-server'),
    import('../core/mock/templating/compile-template'),
  ]);
  const path = resolve(file);
  const { kind, definition, warnings } = await loadMockSource(path, {
    fileName: file,
    validateRequests: values.validate,
  });
  if (values.watch && kind !== 'mock') {
    throw new UsageError(`--watch works with mock YAML files; ${file} is ${KIND_NAMES[kind]}.`);
  }
  if (values.validate && kind !== 'openapi') {
    throw new UsageError(`--validate works with OpenAPI documents; ${file} is ${KIND_NAMES[kind]}.`);
  }
  for (const warning of warnings) io.stderr(`${file}: ${warning}\n`);
  const server = createMockServer({
    definition,
    root: dirname(path),
    port,
    host: values.host,
    fileName: file,
    compileBody: compileTemplate,
    onError: (error, where) =>
      io.stderr(`${where.method} ${where.path}: ${errorLine(error).replace(/^backbench: /, '')}\n`),
  });
  const lines = createLineBatcher(io);
  server.log.subscribe((entry) => {
    const query = entry.query ? `?${entry.query}` : '';
    const status = entry.status === 0 ? 'dropped' : String(entry.status);
    lines.add(`${entry.method} ${entry.path}${query} ${status} ${Math.round(entry.durationMs)} ms\n`);
  });
  let watch: { close(): void } | null = null;
  if (values.watch) {
    const { watchMockFile } = await import('../core/mock/mock-watcher');
    watch = watchMockFile({
      file: path,
      fileName: file,
      server,
      onReloaded: (next, outcome) => {
        io.stdout(`Reloaded ${file} (${next.routes.length} ${next.routes.length === 1 ? 'route' : 'routes'})\n`);
        if (outcome.restartNeeded) io.stderr(`The new host or port in ${file} applies after a restart.\n`);
      },
      onError: (error) => io.stderr(`${errorLine(error)}; the previous routes keep serving\n`),
    });
  }
  // printed once the watch is on: an edit made on seeing this line is seen
  try {
    const address = await server.start();
    io.stdout(`Mock "${definition.name}" listening on ${address.url}\n`);
    await stopped;
  } finally {
    watch?.close();
    await server.stop();
    // the requests the stop ended are logged too
    lines.flush();
  }
  return 0;
}

/** Lines written within this many milliseconds go out in one write. */
const LINE_BATCH_MS = 50;
const LINE_BATCH_CHARS = 64 * 1024;

/**
 * One line per request, written in batches: one write per 50 ms (or 64 KiB) rather than one per request, which
 * under load cost the server as much as answering (a write to a file or a terminal is a system call each).
 */
function createLineBatcher(io: CliIo): { add(line: string): void; flush(): void } {
  let pending = '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending === '') return;
    const text = pending;
    pending = '';
    io.stdout(text);
  };
  return {
    add(line) {
      pending += line;
      if (pending.length >= LINE_BATCH_CHARS) flush();
      else timer ??= setTimeout(flush, LINE_BATCH_MS);
    },
    flush,
  };
}
