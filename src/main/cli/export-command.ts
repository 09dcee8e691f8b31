import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import { isRerunnable } from '../core/connections/cursor-gate';
import { dialectFor } from '../core/connections/dialect-for';
import type { RowFormat } from '../core/query/row-writer';
import { UsageError, type CliIo } from './cli-io';
import { openTargetSession } from './target-session';

export const EXPORT_HELP = `Usage: backbench export <target> (<table> | --sql <sql>) [--format csv|tsv|json|ndjson|sql] [--out <file>]

Writes a table's rows, or a query's, to stdout or to a file — exactly as the app's exports write them.

<target> is a saved connection's name, an SQLite file, sqlite:<path>, or a postgres:// or mysql:// URL
(see "backbench query --help").

Formats:
  csv, tsv  a header line, then one record per row; NULL is an empty field, the empty string is ""
  json      an array of row objects
  ndjson    one row object per line
  sql       one INSERT per row, which the same engine runs back into a table of the same shape

Options:
  --sql <sql>       Export the rows of this SELECT instead of a table
  --format <f>      csv, tsv, json, ndjson or sql (default: from --out's extension, else csv)
  --out <file>      Write to this file (replacing it once complete) instead of stdout
  --table <name>    With --sql and --format sql: the table the INSERTs name (default: the query's one table)
  --data-dir <dir>  App data folder holding saved connections
  -h, --help        Show this help

Exit codes: 0 success, 1 the export failed (one line on stderr), 2 wrong usage.
`;

const FORMATS: readonly RowFormat[] = ['csv', 'tsv', 'json', 'ndjson', 'sql'];
const BATCH_ROWS = 1000;

/** `backbench export`: the export service's writers (row-writer.ts) to stdout or a file. */
export async function runExport(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      sql: { type: 'string' },
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      table: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(EXPORT_HELP);
    return 0;
  }
  const wanted = values.sql === undefined ? 2 : 1;
  if (positionals.length !== wanted) {
    throw new UsageError(
      values.sql === undefined
        ? 'a <target> and a <table> (or --sql <sql>) are needed.'
        : 'with --sql, only the <target> is given as an argument.',
      'export',
    );
  }
  const fromOut = values.out ? /\.([a-z]+)$/i.exec(values.out)?.[1]?.toLowerCase() : undefined;
  const format = (values.format ?? (fromOut && FORMATS.includes(fromOut as RowFormat) ? fromOut : 'csv')) as RowFormat;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format must be csv, tsv, json, ndjson or sql, not "${values.format}".`, 'export');
  }
  if (values.sql !== undefined && !isRerunnable(values.sql)) {
    throw new UsageError('--sql must be a statement that reads rows (SELECT, WITH, VALUES…).', 'export');
  }
  const [target, table] = positionals as [string, string | undefined];
  const { createRowWriter, insertTableOf } = await import('../core/query/row-writer');
  const session = await openTargetSession(target, values['data-dir'], io.env);
  const controller = new AbortController();
  void io.waitForStop().then(() => controller.abort());
  const out = values.out ? resolve(values.out) : null;
  const temp = out ? join(dirname(out), `.${basename(out)}.${randomBytes(4).toString('hex')}.partial`) : null;
  const file = temp ? await open(temp, 'wx') : null;
  try {
    const statement =
      table !== undefined
        ? dialectFor(session.engine).build((k, id) => k(id(table)).select('*'))
        : { sql: values.sql!, params: [] };
    // whole texts and BLOBs: a file must not lose data
    const outcome = await session.execute(statement.sql, statement.params, controller.signal, { wholeValues: true });
    if (outcome.kind !== 'rows') throw new AppError('INVALID_INPUT', 'The statement returned no rows to export.');
    const write = async (text: string) => {
      if (text === '') return;
      if (file) await file.write(text);
      else io.stdout(text);
    };
    try {
      const writer = createRowWriter(format, outcome.columns, {
        engine: session.engine,
        table:
          table !== undefined
            ? { schema: null, table }
            : values.table
              ? { schema: null, table: values.table }
              : insertTableOf(outcome.columns, 'exported_rows'),
      });
      await write(writer.head);
      for (;;) {
        const rows = await outcome.cursor.read(BATCH_ROWS);
        if (rows.length === 0) break;
        await write(writer.rows(rows));
      }
      await write(writer.end());
    } finally {
      await outcome.cursor.close();
    }
    if (file && out && temp) {
      await file.close();
      await rename(temp, out);
    }
  } catch (error) {
    if (file && temp) {
      await file.close().catch(() => undefined);
      await rm(temp, { force: true });
    }
    throw error;
  } finally {
    await session.close();
  }
  return 0;
}
