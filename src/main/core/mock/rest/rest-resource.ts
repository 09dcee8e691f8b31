import { AppError, isAppError } from '../../../../shared/errors';
import type { DriverSession, StatementRunner } from '../../connections/driver-adapter';
import { dialectFor } from '../../connections/dialect-for';
import type { CompiledStatement, SqlDialect, SqlValue } from '../../connections/sql-dialect';
import { loadTableMeta } from '../../data/table-meta';
import { jsonResponse, type MockHandler, type MockRequest, type MockResponse } from '../mock-http';
import { bodyColumns, type BodyMode } from './rest-body';
import { errorResponse, failureResponse, RestError } from './rest-errors';
import { DEFAULT_PAGE_LIMITS, parseListQuery, type PageLimits } from './rest-list-query';
import type { SqlitePointReads } from './rest-sqlite-reads';
import { RestStatements, type KeyValues } from './rest-statements';
import { mariadbJsonColumns, restTable, type RestTable } from './rest-table';
import { bodyObject, textValue } from './rest-values';

/**
 * What a REST resource needs of a connection: statements and transactions; PostgreSQL and MySQL also the
 * schema tree, which describes the table (SQLite reads its pragmas instead).
 */
export type RestSession = Pick<DriverSession, 'engine' | 'execute' | 'transaction'> &
  Partial<Pick<DriverSession, 'introspect'>>;

export interface RestResourceOptions {
  session: RestSession;
  /** The engine's dialect (default: the session's). */
  dialect?: SqlDialect;
  /** null: the connection's default schema (SQLite: main). */
  schema?: string | null;
  table: string;
  /** Where the collection is served, for Location headers and the OpenAPI paths (default `/<table>`). */
  path?: string;
  /** Only GET: POST, PUT, PATCH and DELETE answer 405. */
  readOnly?: boolean;
  limits?: Partial<PageLimits>;
  /** SQLite: reads of one row by its key on a read-only connection of the same file (rest-sqlite-reads.ts). */
  pointReads?: SqlitePointReads | null;
}

/** One route of a resource, for a router to mount (`:id` is the one path parameter). */
export interface RestRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  handler: MockHandler;
}

/** A table served as a REST collection: its handlers (each a MockHandler), and the routes that mount them. */
export interface RestResource {
  /** The table's name. */
  name: string;
  /** The collection's path (`/items`). */
  path: string;
  table: RestTable;
  limits: PageLimits;
  /** `GET /items`: filters, `_sort`/`_order`, `_page`/`_limit`; the total in X-Total-Count. */
  list: MockHandler;
  /** `GET /items/:id`. */
  read: MockHandler;
  /** `POST /items`: 201, Location, the row as stored. */
  create: MockHandler;
  /** `PUT /items/:id`: every column replaced (left out: its default). */
  replace: MockHandler;
  /** `PATCH /items/:id`: the given fields changed. */
  merge: MockHandler;
  /** `DELETE /items/:id`: 204. */
  remove: MockHandler;
  /** The collection and, for tables with a one-column key or an SQLite rowid, the item routes. */
  routes: RestRoute[];
  /** Whether `/items/:id` exists (see RestKey). */
  hasItems: boolean;
}

type Row = Record<string, unknown>;

/** Reads the table's columns and key once, and returns its handlers. Throws NOT_FOUND for an unknown table. */
export async function createRestResource(options: RestResourceOptions): Promise<RestResource> {
  const { session } = options;
  if (session.engine !== 'sqlite' && !session.introspect) {
    throw new AppError('INTERNAL', 'A REST resource on PostgreSQL or MySQL needs a session that reads the schema.');
  }
  const meta = await loadTableMeta(session as DriverSession, { schema: options.schema ?? null, table: options.table });
  const table = restTable(meta, options.readOnly === true, await mariadbJsonColumns(session, meta));
  const dialect = options.dialect ?? dialectFor(session.engine);
  const statements = new RestStatements(dialect, table);
  const limits = { ...DEFAULT_PAGE_LIMITS, ...options.limits };
  const path = options.path ?? `/${meta.ref.table}`;
  const hasItems = table.key.kind === 'column' || table.key.kind === 'rowid';
  const engine = session.engine;

  const keyOf = (request: MockRequest): KeyValues => {
    const text = request.params.id;
    if (text === undefined) throw new RestError(404, `No ${meta.ref.table} row is named in the path.`);
    const key = table.key;
    if (key.kind === 'rowid') {
      if (!/^-?\d{1,19}$/.test(text))
        throw new RestError(404, `There is no ${meta.ref.table} row ${JSON.stringify(text)}.`);
      const n = Number(text);
      return [{ column: key.alias, value: Number.isSafeInteger(n) ? n : BigInt(text) }];
    }
    if (key.kind !== 'column') throw new RestError(404, `"${meta.ref.table}" has no item routes.`);
    const column = table.columns.find((c) => c.name === key.column)!;
    try {
      return [{ column: key.column, value: textValue(engine, column, text, 'The id') }];
    } catch {
      // a value the key cannot hold names no row
      throw new RestError(404, `There is no ${meta.ref.table} row ${JSON.stringify(text)}.`);
    }
  };
  const notFound = (request: MockRequest) =>
    new RestError(404, `There is no ${meta.ref.table} row ${JSON.stringify(request.params.id ?? '')}.`);
  /**
   * The row the path names. An id its key column's type cannot hold (a malformed uuid on PostgreSQL: SQLSTATE
   * class 22, a data exception) names no row either: 404, as for an integer key given letters.
   */
  const findRow = async (runner: StatementRunner, key: KeyValues, request: MockRequest): Promise<Row | undefined> => {
    try {
      return (await rows(runner, statements.one(key)))[0];
    } catch (error) {
      if (isAppError(error) && error.code === 'SQL_ERROR' && /^22/.test(String(error.details?.driverCode ?? ''))) {
        throw notFound(request);
      }
      throw error;
    }
  };
  const mustWrite = () => {
    if (!table.writable) {
      throw new RestError(405, `${table.readOnlyReason} Only GET is allowed.`, undefined, { allow: 'GET' });
    }
  };
  const mustHaveItems = () => {
    if (!hasItems)
      throw new RestError(
        405,
        `${table.key.kind === 'none' ? table.key.reason : `"${meta.ref.table}" has a primary key of several columns: read its rows with filters on them.`}`,
        undefined,
        { allow: 'GET' },
      );
  };
  const guard =
    (work: (request: MockRequest) => Promise<MockResponse>, write = false): MockHandler =>
    async (request) => {
      try {
        return await work(request);
      } catch (error) {
        return failureResponse(error, { write });
      }
    };
  const itemPath = (row: Row): string | null => {
    const key = table.key;
    if (key.kind === 'column') return `${path}/${encodeURIComponent(String(row[key.column]))}`;
    if (key.kind === 'rowid') return `${path}/${encodeURIComponent(String(row[key.field]))}`;
    if (key.kind === 'composite') {
      return `${path}?${key.columns.map((c) => `${encodeURIComponent(c)}=${encodeURIComponent(String(row[c]))}`).join('&')}`;
    }
    return null;
  };

  /** Writes through `work` in one transaction and answers with the row read back by its key. */
  const writeRow = async (request: MockRequest, mode: BodyMode): Promise<MockResponse> => {
    mustWrite();
    if (mode !== 'create') mustHaveItems();
    mustBeJson(request);
    const body = bodyObject(request.body, request.bodyText);
    const key = mode === 'create' ? null : keyOf(request);
    const values = bodyColumns(table, body, mode, key);
    const row = await session.transaction(async (tx) => {
      if (key !== null) {
        if ((await findRow(tx, key, request)) === undefined) throw notFound(request);
        if (values.length > 0) await affected(tx, statements.update(key, values));
        return (await rows(tx, statements.one(key)))[0];
      }
      const inserted = values.map(([name, v]) => [name, 'value' in v ? v.value : null] as [string, SqlValue]);
      const keyColumns =
        table.key.kind === 'column' ? [table.key.column] : table.key.kind === 'composite' ? table.key.columns : [];
      const outcome = await tx.execute(...args(statements.insert(inserted, keyColumns)));
      const newKey = await insertedKey(outcome, inserted, keyColumns);
      if (newKey === null) return null;
      return (await rows(tx, statements.one(newKey)))[0] ?? null;
    });
    if (mode !== 'create') return jsonResponse(200, row);
    if (row === null || row === undefined) return jsonResponse(201, null);
    const location = itemPath(row);
    return jsonResponse(201, row, location === null ? {} : { location });
  };

  /** The key of the row just inserted: RETURNING (PostgreSQL, SQLite), the body's values, or the engine's last id. */
  const insertedKey = async (
    outcome: Awaited<ReturnType<StatementRunner['execute']>>,
    inserted: [string, SqlValue][],
    keyColumns: string[],
  ): Promise<KeyValues | null> => {
    // a key read back is encoded for JSON (text past 2^53): typed again before it is bound
    const typed = (column: string, value: unknown): SqlValue => {
      if (value === null || value === undefined) return null;
      const col = table.columns.find((c) => c.name === column);
      if (col) return textValue(engine, col, String(value), 'The new key');
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : BigInt(String(value));
    };
    if (outcome.kind === 'rows') {
      const [first] = await drain(outcome);
      if (first && keyColumns.length > 0)
        return keyColumns.map((column) => ({ column, value: typed(column, first[column]) }));
    }
    if (keyColumns.length > 0 && keyColumns.every((c) => inserted.some(([name]) => name === c))) {
      return keyColumns.map((column) => ({ column, value: inserted.find(([name]) => name === column)![1] }));
    }
    const lastId = outcome.kind === 'affected' ? outcome.lastInsertId : null;
    if (lastId === null) return null;
    if (table.key.kind === 'rowid') return [{ column: table.key.alias, value: typed(table.key.alias, lastId) }];
    if (table.key.kind === 'column') return [{ column: table.key.column, value: typed(table.key.column, lastId) }];
    return null;
  };

  const list: MockHandler = guard(async (request) => {
    const query = parseListQuery(table, request.query, limits);
    const total = Number((await rows(session, statements.count(query)))[0]?.n ?? 0);
    const page = await rows(session, statements.list(query));
    return jsonResponse(200, page, {
      'x-total-count': String(total),
      'access-control-expose-headers': 'X-Total-Count',
    });
  });
  const readRow: MockHandler = guard(async (request) => {
    mustHaveItems();
    const row = await findRow(session, keyOf(request), request);
    if (!row) throw notFound(request);
    return jsonResponse(200, row);
  });
  const pointRead = pointReaderOf(options, statements, table);
  // the hot path: answered at once when the point reader can (no promise to wait on), else as any request
  const read: MockHandler =
    pointRead === null
      ? readRow
      : (request) => {
          let key: KeyValues | null;
          try {
            key = keyOf(request);
          } catch {
            key = null;
          }
          const json = key === null ? undefined : pointRead(key[0]!.value);
          return json === undefined
            ? readRow(request)
            : { status: 200, headers: { 'content-type': JSON_UTF8 }, body: json };
        };
  const remove: MockHandler = guard(async (request) => {
    mustWrite();
    mustHaveItems();
    const key = keyOf(request);
    await session.transaction(async (tx) => {
      if ((await findRow(tx, key, request)) === undefined) throw notFound(request);
      await affected(tx, statements.delete(key));
    });
    return { status: 204, headers: {}, body: '' };
  }, true);
  const create = guard((request) => writeRow(request, 'create'), true);
  const replace = guard((request) => writeRow(request, 'replace'), true);
  const merge = guard((request) => writeRow(request, 'merge'), true);

  const item = `${path}/:id`;
  const routes: RestRoute[] = [
    { method: 'GET', path, handler: list },
    { method: 'POST', path, handler: create },
  ];
  if (hasItems) {
    routes.push(
      { method: 'GET', path: item, handler: read },
      { method: 'PUT', path: item, handler: replace },
      { method: 'PATCH', path: item, handler: merge },
      { method: 'DELETE', path: item, handler: remove },
    );
  }
  return { name: meta.ref.table, path, table, limits, list, read, create, replace, merge, remove, routes, hasItems };
}

const JSON_UTF8 = 'application/json; charset=utf-8';

/** The SQLite point reader of the resource's `GET /:id` statement, when it has one (a table of the main schema). */
function pointReaderOf(options: RestResourceOptions, statements: RestStatements, table: RestTable) {
  const { pointReads } = options;
  const key = table.key;
  const schema = table.meta.ref.schema;
  if (!pointReads || options.session.engine !== 'sqlite' || (schema !== null && schema !== 'main')) return null;
  if (key.kind !== 'column' && key.kind !== 'rowid') return null;
  return pointReads.reader(statements.one([{ column: key.kind === 'column' ? key.column : key.alias, value: 0 }]).sql);
}

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/**
 * Bodies are JSON. Besides saying what a client must send, this keeps pages of other sites out: a form they
 * post needs no permission (no CORS preflight), a JSON body does.
 */
function mustBeJson(request: MockRequest): void {
  const type = request.headers['content-type'];
  const text = Array.isArray(type) ? type[0] : type;
  if (text === undefined || !JSON_TYPE.test(text.trim())) {
    throw new RestError(
      415,
      `The body must be JSON sent as Content-Type: application/json${text ? `, not ${text}` : ''}.`,
    );
  }
}

/** A 405 for a method the resource does not serve on a path it knows. */
export function methodNotAllowed(allow: readonly string[]): MockResponse {
  return errorResponse(405, `This path allows ${allow.join(', ')}.`, undefined, { allow: allow.join(', ') });
}

function args(statement: CompiledStatement): [string, SqlValue[], AbortSignal, { wholeValues: true }] {
  // whole values: a REST answer must not cut a long text (docs/values.md, "Long texts and BLOBs")
  return [statement.sql, statement.params, new AbortController().signal, { wholeValues: true }];
}

async function rows(runner: StatementRunner, statement: CompiledStatement): Promise<Row[]> {
  return drain(await runner.execute(...args(statement)));
}

async function affected(runner: StatementRunner, statement: CompiledStatement): Promise<void> {
  const outcome = await runner.execute(...args(statement));
  if (outcome.kind === 'rows') await outcome.cursor.close();
}

async function drain(outcome: Awaited<ReturnType<StatementRunner['execute']>>): Promise<Row[]> {
  if (outcome.kind !== 'rows') return [];
  const names = outcome.columns.map((c) => c.name);
  const out: Row[] = [];
  try {
    for (;;) {
      const batch = await outcome.cursor.read(1000);
      if (batch.length === 0) break;
      for (const values of batch) {
        const row: Row = {};
        names.forEach((name, i) => (row[name] = values[i]));
        out.push(row);
      }
    }
  } finally {
    await outcome.cursor.close();
  }
  return out;
}
