import { parseArgs } from 'node:util';
import { UsageError, type CliIo } from './cli-io';
import { resolveDataDir } from '../core/data-dir';
import { decideTransport } from '../core/connections/transport-policy';
import { resolveSqliteFile } from '../core/connections/sqlite/sqlite-file';
import { openQuerySession } from './open-query-session';
import { redactTarget, resolveTarget } from './resolve-target';

export const SERVE_HELP = `Usage: backbench serve <target> [--tables <a,b,…>] [--port <n>] [--host <addr>] [--read-only] [--cors]

Serves the tables of a database as a REST API: each table (or view) at /<table>, until Ctrl+C.

<target> is a saved connection's name, an SQLite file, sqlite:<path>, or a postgres:// or mysql:// URL
(see "backbench query --help").

  GET    /<table>            rows: ?field=value (repeat a field for any of several values), _sort=a,-b,
                             _order=asc|desc, _page, _limit; the total in the X-Total-Count header
  GET    /<table>/<id>       one row by its primary key (SQLite tables without one: by rowid)
  POST   /<table>            create a row (201, Location)
  PUT    /<table>/<id>       replace a row; PATCH changes the given fields; DELETE removes it (204)
  GET    /                   the resources; GET /_openapi.json: an OpenAPI 3 document of them

Bodies are JSON objects (Content-Type: application/json) checked against the table's columns: an unknown
field, a value of the wrong type or a missing required one is answered 400 naming the field. Tables whose primary key has several columns are
served as collections (GET with filters, POST); tables without a key on PostgreSQL and MySQL, and views, as
read-only lists.

Options:
  --tables <a,b,…>  Serve only these tables (default: every table and view)
  --schema <name>   PostgreSQL/MySQL: the schema to serve (default: the connection's)
  --port <n>        Port to listen on (default 0: any free port)
  --host <addr>     Address to bind (default 127.0.0.1). Anything else exposes the data to your network.
                    On 127.0.0.1, pages of other sites (by their Origin) and foreign host names are refused.
  --read-only       Answer only GET; POST, PUT, PATCH and DELETE get 405
  --cors            Let pages of any origin call the API (CORS preflights answered, Access-Control-Allow-Origin
                    on every answer); without it, pages of other sites are refused on 127.0.0.1
  --data-dir <dir>  App data folder holding saved connections
  -h, --help        Show this help

Exit codes: 0 stopped by Ctrl+C or SIGTERM, 1 the target or a table could not be served (one line on stderr),
2 wrong usage.
`;

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${text}".`, 'serve');
  }
  return port;
}

function parseTables(text: string): string[] {
  const names = [...new Set(text.split(',').map((s) => s.trim()))];
  if (names.some((n) => n === ''))
    throw new UsageError(`--tables needs table names separated by commas, not "${text}".`, 'serve');
  return names;
}

/** `backbench serve`: a database's tables as REST resources over HTTP, until SIGINT/SIGTERM. */
export async function runServe(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      tables: { type: 'string' },
      schema: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'read-only': { type: 'boolean', default: false },
      cors: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(SERVE_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('one <target> is needed.', 'serve');
  const [target] = positionals as [string];
  const port = values.port === undefined ? 0 : parsePort(values.port);
  const tables = values.tables === undefined ? undefined : parseTables(values.tables);
  const [{ createRestApi }, { startRestHttpServer }, { openSqlitePointReads }] = await Promise.all([
    import('../core/mock/rest/rest-api'),
    import('../core/mock/rest/rest-http-server'),
    import('../core/mock/rest/rest-sqlite-reads'),
  ]);
  // opened as target-session.ts opens a command's target, keeping the params: an SQLite file gets point reads
  const resolved = await resolveTarget(target, resolveDataDir(values['data-dir'], io.env));
  const params = resolved.saved ? decideTransport(resolved.params, resolved.password !== null).params : resolved.params;
  // the CLI's session: SQLite in this process (no worker to fork, as fast as better-sqlite3 itself). Requests
  // share it safely: each one's statements follow each other without waiting on I/O in between, so another
  // request cannot run between them on the same connection (serve-command.test.ts sends 60 at once)
  const session = await openQuerySession({ params, password: resolved.password }, { columnDetails: true });
  // GET /<table>/:id on a read-only connection of the same file, answered without a promise (the bench's hot path)
  const pointReads = params.engine === 'sqlite' ? openSqlitePointReads(resolveSqliteFile(params.file)) : null;
  let server;
  try {
    const api = await createRestApi({
      session,
      tables,
      schema: values.schema ?? null,
      readOnly: values['read-only'],
      title: `Backbench: ${redactTarget(target)}`,
      pointReads,
    });
    server = await startRestHttpServer({
      handler: api.handle,
      host: values.host ?? '127.0.0.1',
      port,
      cors: values.cors,
    });
  } catch (error) {
    pointReads?.close();
    await session.close();
    throw error;
  }
  io.stdout(`Serving ${redactTarget(target)} on ${server.url}\n`);
  await io.waitForStop();
  await server.close();
  pointReads?.close();
  await session.close();
  return 0;
}
