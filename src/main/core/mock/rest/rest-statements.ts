import type { Knex } from 'knex';
import type { CompiledStatement, IdentifierToken, SqlDialect, SqlValue } from '../../connections/sql-dialect';
import type { ListQuery } from './rest-list-query';
import { defaultOrder, type RestTable } from './rest-table';

/** A row's key: column → value (the rowid under its alias for SQLite tables without a primary key). */
export type KeyValues = { column: string; value: SqlValue }[];

/** What a written column receives: a value, or its default (`PUT` leaves out a column → DEFAULT). */
export type WrittenValue = { value: SqlValue } | { default: true };

// PostgreSQL types without "=" (json, xml, geometric) are compared by their text, as the data tab does
const NO_EQUALITY = /^(json|xml|point|line|lseg|box|path|polygon|circle)(\[\])?$/i;

const bound = (v: SqlValue): Knex.Value => (v instanceof Uint8Array ? Buffer.from(v) : v) as Knex.Value;

/**
 * The statements of a REST resource, built with knex through the engine's dialect: names quoted by the
 * dialect, every value a bound parameter.
 */
export class RestStatements {
  constructor(
    private readonly dialect: SqlDialect,
    private readonly table: RestTable,
  ) {}

  private from(k: Knex, id: IdentifierToken): Knex.QueryBuilder {
    const ref = this.table.meta.ref;
    const q = k(id(ref.table));
    return ref.schema === null ? q : q.withSchema(id(ref.schema));
  }

  /** Every column, plus SQLite's rowid under the resource's rowid field for tables without a key. */
  private selectAll(k: Knex, id: IdentifierToken, q: Knex.QueryBuilder): Knex.QueryBuilder {
    const key = this.table.key;
    return key.kind === 'rowid' ? q.select(k.raw('*'), k.raw(`${key.alias} AS ??`, [id(key.field)])) : q.select('*');
  }

  private whereKey(k: Knex, id: IdentifierToken, q: Knex.QueryBuilder, key: KeyValues): Knex.QueryBuilder {
    const rowid = this.table.key.kind === 'rowid' ? this.table.key.alias : null;
    for (const { column, value } of key) {
      q = column === rowid ? q.where(k.raw(rowid), '=', bound(value)) : q.where(id(column), '=', bound(value));
    }
    return q;
  }

  private whereFilters(id: IdentifierToken, q: Knex.QueryBuilder, filters: ListQuery['filters']): Knex.QueryBuilder {
    for (const { column, values } of filters) {
      const type = this.table.columns.find((c) => c.name === column)?.dataType ?? '';
      const byText = this.dialect.engine === 'postgres' && NO_EQUALITY.test(type);
      const present = values.filter((v) => v !== null).map(bound);
      const hasNull = present.length < values.length;
      q = q.where((w) => {
        if (present.length === 1 && byText) void w.whereRaw('CAST(?? AS text) = ?', [id(column), present[0]!]);
        else if (present.length === 1) void w.where(id(column), '=', present[0]!);
        else if (present.length > 1 && byText)
          void w.whereRaw(`CAST(?? AS text) IN (${present.map(() => '?').join(', ')})`, [id(column), ...present]);
        else if (present.length > 1) void w.whereIn(id(column), present);
        if (hasNull) void w.orWhereNull(id(column));
      });
    }
    return q;
  }

  /** One page of the collection, filtered and sorted (the key last, so pages do not overlap). */
  list(query: ListQuery): CompiledStatement {
    return this.dialect.build((k, id) => {
      let q = this.whereFilters(id, this.selectAll(k, id, this.from(k, id)), query.filters);
      for (const s of query.sort) q = q.orderBy(id(s.column), s.direction);
      for (const o of defaultOrder(this.table)) {
        if (query.sort.some((s) => s.column === o.column)) continue;
        q = o.raw ? q.orderByRaw(o.column) : q.orderBy(id(o.column), 'asc');
      }
      return q.limit(query.limit).offset((query.page - 1) * query.limit);
    });
  }

  /** The number of rows the filters match, for X-Total-Count. */
  count(query: ListQuery): CompiledStatement {
    return this.dialect.build((k, id) =>
      this.whereFilters(id, this.from(k, id), query.filters).count({ [id('n')]: '*' }),
    );
  }

  /** The SELECT of one row by its key: compiled once per key shape, as it is the hot path (`GET /items/:id`). */
  one(key: KeyValues): CompiledStatement {
    const shape = key.map((k) => k.column).join('\u0000');
    let sql = this.oneSql.get(shape);
    if (sql === undefined) {
      sql = this.dialect.build((k, id) => this.whereKey(k, id, this.selectAll(k, id, this.from(k, id)), key)).sql;
      this.oneSql.set(shape, sql);
    }
    // whereKey binds exactly the key's values, in order
    return { sql, params: key.map((k) => (k.value instanceof Uint8Array ? Buffer.from(k.value) : k.value)) };
  }

  private readonly oneSql = new Map<string, string>();

  /** An INSERT of the given columns (the others take their defaults), returning `returning` where the engine can. */
  insert(values: [string, SqlValue][], returning: string[]): CompiledStatement {
    return this.dialect.build((k, id) => {
      const q = this.from(k, id);
      const row = Object.fromEntries(values.map(([name, v]) => [id(name), bound(v)]));
      // knex writes an INSERT of no column as DEFAULT VALUES (MySQL: `() VALUES ()`)
      const insert = q.insert(row);
      return this.dialect.engine === 'mysql' || returning.length === 0 ? insert : insert.returning(returning.map(id));
    });
  }

  update(key: KeyValues, values: [string, WrittenValue][]): CompiledStatement {
    return this.dialect.build((k, id) =>
      this.whereKey(k, id, this.from(k, id), key).update(
        Object.fromEntries(values.map(([name, v]) => [id(name), this.written(k, name, v)])),
      ),
    );
  }

  delete(key: KeyValues): CompiledStatement {
    return this.dialect.build((k, id) => this.whereKey(k, id, this.from(k, id), key).delete());
  }

  private written(k: Knex, name: string, v: WrittenValue): Knex.Value | Knex.Raw {
    if ('value' in v) return bound(v.value);
    if (this.dialect.engine !== 'sqlite') return k.raw('DEFAULT');
    // SQLite has no DEFAULT in an UPDATE: the column's default expression, as an insert would evaluate it
    const dflt = this.table.columns.find((c) => c.name === name)?.defaultSql ?? null;
    return k.raw(dflt === null ? 'NULL' : `(${dflt})`);
  }
}
