import { errorLine, UsageError, type CliIo } from './cli-io';

export const MAIN_HELP = `Usage: backbench <command> [options]

Commands:
  web      Start Backbench in your browser
  query    Run SQL against a saved connection, an SQLite file or a database URL
  import   Read a CSV, TSV, JSON or NDJSON file into a table
  export   Write a table or a query's rows as CSV, TSV, JSON, NDJSON or SQL INSERTs
  mock     Serve a mock API from its YAML file
  serve    Serve a database's tables as a REST API (with an OpenAPI document)
  run      Run an HTTP collection's requests, scripts and assertions (CLI, JSON or JUnit report)
  schema   Pull a live schema as a design, diff a design or database against a database, apply the migration

Run "backbench <command> --help" for a command's options.
`;

interface Command {
  run: (argv: string[], io: CliIo) => Promise<number>;
  help: string;
}

// loaded on demand: `query` must not pay for the browser host and the services behind `web`, nor the reverse
const COMMANDS: Record<string, () => Promise<Command>> = {
  web: async () => {
    const { runWeb, WEB_HELP } = await import('./web-command');
    return { run: runWeb, help: WEB_HELP };
  },
  query: async () => {
    const { runQuery, QUERY_HELP } = await import('./query-command');
    return { run: runQuery, help: QUERY_HELP };
  },
  import: async () => {
    const { runImport, IMPORT_HELP } = await import('./import-command');
    return { run: runImport, help: IMPORT_HELP };
  },
  export: async () => {
    const { runExport, EXPORT_HELP } = await import('./export-command');
    return { run: runExport, help: EXPORT_HELP };
  },
  mock: async () => {
    const { runMock, MOCK_HELP } = await import('./mock-command');
    return { run: runMock, help: MOCK_HELP };
  },
  serve: async () => {
    const { runServe, SERVE_HELP } = await import('./serve-command');
    return { run: runServe, help: SERVE_HELP };
  },
  run: async () => {
    const { runRun, RUN_HELP } = await import('./run-command');
    return { run: runRun, help: RUN_HELP };
  },
  schema: async () => {
    const { runSchema, SCHEMA_HELP } = await import('./schema-command');
    return { run: runSchema, help: SCHEMA_HELP };
  },
};

/**
 * Runs one `backbench` invocation and returns its exit code: 0 ok, 1 the work failed (one line on stderr),
 * 2 wrong usage. Never throws, so tests can call it in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    io.stdout(topic && Object.hasOwn(COMMANDS, topic) ? (await COMMANDS[topic]!()).help : MAIN_HELP);
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr(`backbench: unknown command "${name}". Run "backbench --help" for the list.\n`);
    return 2;
  }
  try {
    return await (await load()).run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      const text = error instanceof Error ? error.message : String(error);
      // parseArgs' messages ("Option '--tables <value>' argument missing") end without a full stop
      const message = /[.!?)]$/.test(text) ? text : `${text}.`;
      io.stderr(`backbench ${name}: ${message} Run "backbench ${name} --help".\n`);
      return 2;
    }
    io.stderr(`${errorLine(error)}\n`);
    return 1;
  }
}

// node:util parseArgs reports unknown options and missing values with these codes
function isParseArgsError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
