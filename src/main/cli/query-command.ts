import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import { splitStatements } from '../../shared/sql/split-statements';
import { resolveDataDir } from '../core/data-dir';
import { UsageError, type CliIo } from './cli-io';
import { affectedText, createResultWriter, OUTPUT_FORMATS, type OutputFormat } from './format-output';
import { decideTransport } from '../core/connections/transport-policy';
import { openQuerySession } from './open-query-session';
import { resolveTarget } from './resolve-target';

export const QUERY_HELP = `Usage: backbench query <target> <sql> [--format table|json|csv] [--data-dir <dir>]

Runs the SQL (one or more statements, in order) and prints the result of the last one.

<target> is one of:
  a saved connection's name      backbench query "Sample shop" "select count(*) from orders"
  a path to an SQLite file       backbench query ./shop.db "select * from products limit 5"
  sqlite:<path>                  backbench query sqlite:shop.db "pragma table_info(products)"
  postgres://… / postgresql://…  backbench query postgres://postgres@127.0.0.1:5432/test "select 1"
  mysql://… / mariadb://…        backbench query mysql://root@127.0.0.1:3306/test "show tables"

A password in a URL (scheme://user:password@host/db) is never printed, but other users of this machine can
see command lines in the process list: for a password you care about, use a saved connection.

Options:
  --format <f>      table (default), json (an array of row objects) or csv
  --data-dir <dir>  App data folder holding saved connections (default $BACKBENCH_DATA_DIR or your user data folder)
  -h, --help        Show this help

Exit codes: 0 success, 1 the query or connection failed (one line on stderr), 2 wrong usage.
`;

const BATCH_ROWS = 1000;

/**
 * `backbench query`: every statement through a driver session; the last one's rows to stdout. A URL or a file
 * needs no app database and no services: only a saved connection's name opens the app database (to look it
 * up), and only the target's driver is loaded.
 */
export async function runQuery(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string', short: 'f', default: 'table' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(QUERY_HELP);
    return 0;
  }
  if (positionals.length !== 2) {
    throw new UsageError(
      positionals.length < 2
        ? 'a <target> and the <sql> to run are needed.'
        : 'exactly two arguments are needed: <target> <sql> (quote the SQL).',
      'query',
    );
  }
  const format = values.format as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format))
    throw new UsageError(`--format must be table, json or csv, not "${values.format}".`, 'query');
  const [target, sql] = positionals as [string, string];

  const resolved = await resolveTarget(target, resolveDataDir(values['data-dir'], io.env));
  const statements = splitStatements(sql, resolved.params.engine);
  if (statements.length === 0) throw new UsageError('The SQL holds no statement.', 'query');

  // a saved password travels as the app would send it: never in plain text to another machine unless the
  // connection allows it (a URL typed here says itself how to connect)
  const params = resolved.saved ? decideTransport(resolved.params, resolved.password !== null).params : resolved.params;
  const session = await openQuerySession({ params, password: resolved.password });
  const controller = new AbortController();
  let current = 0;
  try {
    for (let i = 0; i < statements.length; i++) {
      current = i;
      const isLast = i === statements.length - 1;
      // machine-readable output must not lose data: whole texts and BLOBs (the table only shows their size)
      const outcome = await session.execute(statements[i]!.text, [], controller.signal, {
        wholeValues: format !== 'table',
      });
      if (outcome.kind === 'affected') {
        if (isLast && format === 'table') io.stdout(affectedText(outcome.affectedRows));
        if (isLast && format === 'json') io.stdout('[]\n');
        continue;
      }
      if (!isLast) {
        await outcome.cursor.close();
        continue;
      }
      const writer = await createResultWriter(format, (text) => io.stdout(text));
      writer.start(outcome.columns);
      try {
        for (;;) {
          const batch = await outcome.cursor.read(BATCH_ROWS);
          if (batch.length === 0) break;
          writer.rows(batch);
        }
      } finally {
        await outcome.cursor.close();
      }
      writer.end();
    }
  } catch (error) {
    // with several statements, say which one failed
    if (error instanceof AppError && statements.length > 1 && error.code === 'SQL_ERROR') {
      throw new AppError(
        error.code,
        `statement ${current + 1} of ${statements.length}: ${error.message}`,
        error.details,
      );
    }
    throw error;
  } finally {
    await session.close();
  }
  return 0;
}
