import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatFromExtension, IMPORT_FORMATS, type ImportFormat } from '../core/transfer/record-source';
import { UsageError, type CliIo } from './cli-io';
import { openTargetSession } from './target-session';

export const IMPORT_HELP = `Usage: backbench import <target> <table> <file> [--format csv|tsv|json|ndjson] [--create] [--data-dir <dir>]

Reads the file into the table in one transaction: if any line is bad, nothing is written and the error
names the line and the column.

<target> is a saved connection's name, an SQLite file, sqlite:<path>, or a postgres:// or mysql:// URL
(see "backbench query --help").

Formats:
  csv, tsv   a header line with the column names, then one record per line (quoted fields may span lines);
             an empty unquoted field is NULL, "" is the empty string (as PostgreSQL's COPY)
  json       an array of row objects: [{"id": 1, "name": "Ada"}, …]
  ndjson     one row object per line
Fields go to the columns of the same name.

Options:
  --format <f>      csv, tsv, json or ndjson (default: from the file's extension)
  --create          Create the table when it does not exist, column types inferred from the file
  --data-dir <dir>  App data folder holding saved connections
  -h, --help        Show this help

Exit codes: 0 success, 1 the import failed (one line on stderr), 2 wrong usage.
`;

/** `backbench import`: a file into a table, through the import core (transfer/import-file.ts). */
export async function runImport(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string', short: 'f' },
      create: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(IMPORT_HELP);
    return 0;
  }
  if (positionals.length !== 3) throw new UsageError('three arguments are needed: <target> <table> <file>.', 'import');
  const [target, table, file] = positionals as [string, string, string];
  const format = (values.format ?? formatFromExtension(file)) as ImportFormat | null;
  if (format === null) {
    throw new UsageError(`cannot tell the format of "${file}" from its extension; give --format csv|tsv|json|ndjson.`);
  }
  if (!IMPORT_FORMATS.includes(format)) {
    throw new UsageError(`--format must be csv, tsv, json or ndjson, not "${values.format}".`);
  }
  const { importFile } = await import('../core/transfer/import-file');
  const session = await openTargetSession(target, values['data-dir'], io.env);
  const controller = new AbortController();
  void io.waitForStop().then(() => controller.abort());
  try {
    const outcome = await importFile(session, {
      file: resolve(file),
      fileName: file,
      format,
      table: { schema: null, table },
      create: values.create,
      signal: controller.signal,
    });
    io.stdout(`Imported ${outcome.rowsImported} ${outcome.rowsImported === 1 ? 'row' : 'rows'} into ${table}\n`);
  } finally {
    await session.close();
  }
  return 0;
}
