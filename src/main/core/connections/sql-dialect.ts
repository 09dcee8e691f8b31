import { createRequire } from 'node:module';
import type { Knex } from 'knex';
import type { Engine } from '../../../shared/domain';

/**
 * SQL compiled per engine through knex, used as a pure compiler (no connection): the base of each engine's
 * dialect module (postgres/postgres-dialect.ts, mysql/mysql-dialect.ts, sqlite/sqlite-dialect.ts).
 *
 * Identifiers are quoted by the dialect's own `quoteIdentifier`, which quotes exactly like knex's
 * wrapIdentifierImpl for the engine but takes every name literally: knex reads a dot as a schema separator,
 * ` as ` as an alias, `*` as the star, and on PostgreSQL `name[1]` as an array subscript and a `?` inside a
 * quoted name as a placeholder. Builders receive names through `id()`, a token knex cannot split, and the
 * wrapIdentifier hook turns the token back into the quoted name (dialect.test.ts shows each case).
 */

/** A value bound to a placeholder. Dates and times go as ISO 8601 text; the server casts them. */
export type SqlValue = null | boolean | number | string | bigint | Uint8Array;

/** A statement as a session executes it: placeholders in the engine's native form, values in order. */
export interface CompiledStatement {
  sql: string;
  params: SqlValue[];
}

/** A table or view; `schema` null means the connection's default one. */
export interface TableRef {
  schema: string | null;
  table: string;
}

/** Column name → value: the key of a row (compared with `=`, or IS NULL for null), or the values to write. */
export type ColumnValues = Record<string, SqlValue>;

/** One column of a CREATE TABLE / ADD COLUMN. */
export interface ColumnSpec {
  name: string;
  /** The engine's type, as written in DDL (`varchar(100)`, `bigint`, `TEXT`). */
  type: string;
  nullable?: boolean;
  /** A default as an SQL expression (`0`, `'none'`, `CURRENT_TIMESTAMP`), written as given. */
  defaultSql?: string;
}

/** SQL written into a statement as it is (a number, a cast): see `insertText`. */
export interface SqlLiteral {
  literal: string;
}

/** Turns a name into a token for knex; see the file comment. */
export type IdentifierToken = (name: string) => string;

export interface SqlDialect {
  readonly engine: Engine;
  /** One identifier, quoted so any name (quotes, dots, `?`, `*`…) stays one identifier. */
  quoteIdentifier(name: string): string;
  /** `schema.table` quoted (just the table when schema is null). */
  qualify(ref: TableRef): string;
  /**
   * Compiles SQL written with `?` placeholders (the one form for every engine) into the engine's native form.
   * `??` binds an identifier; `\?` (`'\\?'` in a JS string) is a literal question mark, e.g. PostgreSQL's jsonb
   * `?` operator.
   */
  raw(sql: string, params?: readonly SqlValue[]): CompiledStatement;
  selectByKey(ref: TableRef, key: ColumnValues, columns?: readonly string[]): CompiledStatement;
  /**
   * An INSERT with its values written into the text, escaped by knex for the engine — for SQL files that are
   * run back later, never for statements the app executes (those bind parameters). A SqlLiteral goes in as written.
   */
  insertText(ref: TableRef, values: Record<string, SqlValue | SqlLiteral>): string;
  /** `returning` is honoured where the engine has RETURNING (PostgreSQL, SQLite); MySQL has none. */
  insert(ref: TableRef, values: ColumnValues, options?: { returning?: readonly string[] }): CompiledStatement;
  update(ref: TableRef, key: ColumnValues, values: ColumnValues): CompiledStatement;
  delete(ref: TableRef, key: ColumnValues): CompiledStatement;
  countRows(ref: TableRef): CompiledStatement;
  createTable(ref: TableRef, columns: readonly ColumnSpec[], primaryKey?: readonly string[]): CompiledStatement[];
  dropTable(ref: TableRef, options?: { ifExists?: boolean }): CompiledStatement[];
  addColumn(ref: TableRef, column: ColumnSpec): CompiledStatement[];
  dropColumn(ref: TableRef, column: string): CompiledStatement[];
  /** Anything else knex can build; pass every name through `id`. */
  build(fn: (knex: Knex, id: IdentifierToken) => Knex.QueryBuilder | Knex.Raw): CompiledStatement;
  /** Schema changes knex can build; pass every name through `id`. */
  buildSchema(fn: (schema: Knex.SchemaBuilder, id: IdentifierToken) => Knex.SchemaBuilder): CompiledStatement[];
}

export interface DialectConfig {
  engine: Engine;
  client: 'pg' | 'mysql2' | 'better-sqlite3';
  quoteIdentifier(name: string): string;
  /** The engine has INSERT … RETURNING. */
  returning: boolean;
  /** PostgreSQL's native placeholders are `$n`: a `?` inside a quoted name must not become one. */
  numberedPlaceholders: boolean;
  /** Statements knex cannot compile without a connection; see each dialect. */
  overrides?: Partial<Pick<SqlDialect, 'dropColumn'>>;
}

const TOKEN = /^__bb_id(\d+)__$/;

/**
 * The token of the n-th name, its number zero-padded: knex lists an inserted row's keys sorted as text, so
 * tokens that sort in the order they were made keep a statement's columns in the caller's order (unpadded,
 * `__bb_id10__` came before `__bb_id2__` and wide INSERTs listed their columns scrambled).
 */
function token(n: number): string {
  return `__bb_id${String(n).padStart(6, '0')}__`;
}

type KnexFactory = typeof import('knex').knex;
let knexFactory: KnexFactory | null = null;

/** knex takes ~0.1 s to load, so it is loaded on the first compile, never at startup. */
function loadKnex(): KnexFactory {
  knexFactory ??= (createRequire(import.meta.url)('knex') as { knex: KnexFactory }).knex;
  return knexFactory;
}

/** `\?` → `?` (an escaped question mark in knex.raw), as knex's PostgreSQL client does while numbering. */
function unescapeQuestionMarks(sql: string): string {
  return sql.replace(/(\\+)\?/g, (match, escapes: string) =>
    escapes.length % 2 === 1 ? `${escapes.slice(1)}?` : match,
  );
}

/** Builds a dialect: knex compiles, `config.quoteIdentifier` quotes. */
export function createDialect(config: DialectConfig): SqlDialect {
  const { quoteIdentifier } = config;
  let instance: Knex | null = null;
  /** The names of the statement being compiled (compiling is synchronous, so one at a time). */
  let names: string[] = [];
  let escapeQuestionMarks = false;

  const knex = (): Knex =>
    (instance ??= loadKnex()({
      client: config.client,
      useNullAsDefault: true,
      wrapIdentifier: (value, impl) => {
        const match = TOKEN.exec(value);
        if (!match) return impl(value);
        const quoted = quoteIdentifier(names[Number(match[1])] ?? '');
        return escapeQuestionMarks ? quoted.replace(/\?/g, '\\?') : quoted;
      },
    }));
  const id: IdentifierToken = (name) => {
    names.push(name);
    return token(names.length - 1);
  };
  const params = (bindings: readonly unknown[]): SqlValue[] => bindings.map((b) => b as SqlValue);

  const compile = (fn: (k: Knex, id: IdentifierToken) => Knex.QueryBuilder | Knex.Raw): CompiledStatement => {
    const k = knex();
    names = [];
    escapeQuestionMarks = config.numberedPlaceholders;
    try {
      const native = fn(k, id).toSQL().toNative();
      // knex turns an escaped `\?` back into `?` only while numbering placeholders (PostgreSQL); the same here
      const sql = config.numberedPlaceholders ? native.sql : unescapeQuestionMarks(native.sql);
      return { sql, params: params(native.bindings) };
    } finally {
      names = [];
      escapeQuestionMarks = false;
    }
  };
  const compileSchema = (
    fn: (schema: Knex.SchemaBuilder, id: IdentifierToken) => Knex.SchemaBuilder,
  ): CompiledStatement[] => {
    const k = knex();
    names = [];
    try {
      return fn(k.schema, id)
        .toSQL()
        .map((s) => ({ sql: s.sql, params: params(s.bindings) }));
    } finally {
      names = [];
    }
  };
  const table = (k: Knex, ref: TableRef) => {
    const builder = k(id(ref.table));
    return ref.schema === null ? builder : builder.withSchema(id(ref.schema));
  };
  const where = (key: ColumnValues) =>
    Object.fromEntries(Object.entries(key).map(([name, value]) => [id(name), value]));
  const withSchema = (schema: Knex.SchemaBuilder, ref: TableRef) =>
    ref.schema === null ? schema : schema.withSchema(id(ref.schema));
  const column = (k: Knex, t: Knex.CreateTableBuilder, spec: ColumnSpec) => {
    const c = t.specificType(id(spec.name), spec.type);
    if (spec.nullable === false) c.notNullable();
    if (spec.defaultSql !== undefined) c.defaultTo(k.raw(spec.defaultSql));
  };

  const dialect: SqlDialect = {
    engine: config.engine,
    quoteIdentifier,
    qualify: (ref) =>
      ref.schema === null ? quoteIdentifier(ref.table) : `${quoteIdentifier(ref.schema)}.${quoteIdentifier(ref.table)}`,
    raw: (sql, values = []) =>
      compile((k) =>
        k.raw(
          sql,
          values.map((v) => v as Knex.Value),
        ),
      ),
    selectByKey: (ref, key, columns) =>
      compile((k) =>
        table(k, ref)
          .select(columns ? columns.map(id) : '*')
          .where(where(key)),
      ),
    insert: (ref, values, options) =>
      compile((k) => {
        const builder = table(k, ref).insert(where(values));
        return config.returning && options?.returning ? builder.returning(options.returning.map(id)) : builder;
      }),
    insertText: (ref, values) => {
      const k = knex();
      names = [];
      // toQuery puts the values in for `?`: a `?` in a quoted name goes escaped, and knex unescapes it
      escapeQuestionMarks = true;
      try {
        const row = Object.fromEntries(
          Object.entries(values).map(([name, value]) => [
            id(name),
            value !== null && typeof value === 'object' && 'literal' in value ? k.raw(value.literal) : value,
          ]),
        );
        return table(k, ref).insert(row).toQuery();
      } finally {
        names = [];
        escapeQuestionMarks = false;
      }
    },
    update: (ref, key, values) => compile((k) => table(k, ref).update(where(values)).where(where(key))),
    delete: (ref, key) => compile((k) => table(k, ref).where(where(key)).delete()),
    countRows: (ref) => compile((k) => table(k, ref).count({ [id('n')]: '*' })),
    createTable: (ref, columns, primaryKey) =>
      compileSchema((schema) =>
        withSchema(schema, ref).createTable(id(ref.table), (t) => {
          for (const spec of columns) column(knex(), t, spec);
          // named explicitly: knex would derive the name from the table's token
          if (primaryKey && primaryKey.length > 0) t.primary(primaryKey.map(id), id(`${ref.table}_pkey`));
        }),
      ),
    dropTable: (ref, options) =>
      compileSchema((schema) =>
        options?.ifExists
          ? withSchema(schema, ref).dropTableIfExists(id(ref.table))
          : withSchema(schema, ref).dropTable(id(ref.table)),
      ),
    addColumn: (ref, spec) =>
      compileSchema((schema) => withSchema(schema, ref).alterTable(id(ref.table), (t) => column(knex(), t, spec))),
    dropColumn: (ref, name) =>
      compileSchema((schema) => withSchema(schema, ref).alterTable(id(ref.table), (t) => t.dropColumn(id(name)))),
    build: (fn) => compile(fn),
    buildSchema: (fn) => compileSchema(fn),
  };
  return { ...dialect, ...config.overrides };
}
