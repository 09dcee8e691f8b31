import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { ColumnFilter, TableView } from '../../../shared/contract/data.contract';
import { AppError } from '../../../shared/errors';
import type { CompiledStatement, IdentifierToken, SqlDialect, SqlValue } from '../connections/sql-dialect';
import { splitStatements } from '../../../shared/sql/split-statements';
import { toSqlValue } from './cell-input';
import type { TableMeta } from './table-meta';

/** The LIKE escape character: SQLite has no default one, so every engine is given the same. */
const LIKE_ESCAPE = '!';

/** `text` with LIKE's wildcards (and the escape character) matched literally. */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `${LIKE_ESCAPE}${c}`);
}

/**
 * The SELECT of a data tab: every column (and SQLite's rowid under a name no column has, for tables without a
 * key), the column filters ANDed, the raw WHERE ANDed as written, the sort columns in order. Built with knex;
 * the raw WHERE is put in after compiling, in place of a random marker, so knex never reads it (it would take a
 * `?` in it for a placeholder).
 */
export function buildSelect(
  dialect: SqlDialect,
  meta: TableMeta,
  view: Pick<TableView, 'sort' | 'filters' | 'where'>,
): CompiledStatement {
  const names = new Set(meta.info.columns.map((c) => c.name));
  const known = (column: string, what: string) => {
    if (!names.has(column)) {
      throw new AppError('INVALID_INPUT', `${what}: "${meta.ref.table}" has no column "${column}".`, { column });
    }
  };
  const where = view.where?.trim() ? view.where : null;
  const marker = `__bb_where_${randomBytes(8).toString('hex')}__`;
  const compiled = dialect.build((k, id) => {
    const from = k(id(meta.ref.table));
    let q = meta.ref.schema === null ? from : from.withSchema(id(meta.ref.schema));
    q =
      meta.identity.kind === 'rowid' && meta.rowidAlias
        ? q.select(k.raw('*'), k.raw(`${meta.rowidAlias} AS ??`, [id(meta.identity.rowidColumn)]))
        : q.select('*');
    view.filters.forEach((filter, i) => {
      known(filter.column, `Filter ${i + 1}`);
      q = applyFilter(k, id, q, filter, dialect.engine, `Filter ${i + 1} (${filter.column})`);
    });
    if (where !== null) q = q.whereRaw(marker);
    for (const [i, s] of view.sort.entries()) {
      known(s.column, `Sort ${i + 1}`);
      q = q.orderBy(id(s.column), s.direction);
    }
    return q;
  });
  if (where === null) return compiled;
  // a line break ends a `--` comment the condition may end with, so it cannot swallow ORDER BY
  const sql = compiled.sql.replace(marker, () => `(${where}\n)`);
  if (splitStatements(sql, dialect.engine).length !== 1) {
    throw new AppError(
      'INVALID_INPUT',
      'The WHERE condition ends the statement (a ";" outside quotes) — write only a condition, such as price > 10.',
    );
  }
  return { sql, params: compiled.params };
}

/**
 * `column LIKE pattern` with `??` for the column and `?` for the pattern; case-insensitive everywhere: SQLite's
 * LIKE and MySQL's usual collations are, PostgreSQL's ILIKE is, on the column's text form (any type).
 */
export function likeSql(engine: SqlDialect['engine']): string {
  return engine === 'postgres'
    ? `CAST(?? AS text) ILIKE ? ESCAPE '${LIKE_ESCAPE}'`
    : `?? LIKE ? ESCAPE '${LIKE_ESCAPE}'`;
}

function applyFilter(
  k: Knex,
  id: IdentifierToken,
  q: Knex.QueryBuilder,
  filter: ColumnFilter,
  engine: SqlDialect['engine'],
  what: string,
): Knex.QueryBuilder {
  const column = id(filter.column);
  const value = (): SqlValue => {
    if (filter.value === undefined) throw new AppError('INVALID_INPUT', `${what}: "${filter.op}" needs a value.`);
    return toSqlValue(filter.value, what);
  };
  const text = (): string => {
    const v = value();
    if (v === null || v instanceof Uint8Array) {
      throw new AppError('INVALID_INPUT', `${what}: "${filter.op}" needs text to look for.`);
    }
    return String(v);
  };
  const like = (pattern: string) => q.whereRaw(likeSql(engine), [column, pattern]);
  const compare = (op: string) => q.where(column, op, value() as Knex.Value);
  switch (filter.op) {
    case 'eq':
      return value() === null ? q.whereNull(column) : compare('=');
    case 'ne':
      return value() === null ? q.whereNotNull(column) : compare('<>');
    case 'lt':
      return compare('<');
    case 'le':
      return compare('<=');
    case 'gt':
      return compare('>');
    case 'ge':
      return compare('>=');
    case 'contains':
      return like(`%${escapeLike(text())}%`);
    case 'startsWith':
      return like(`${escapeLike(text())}%`);
    case 'isNull':
      return q.whereNull(column);
    case 'isNotNull':
      return q.whereNotNull(column);
    case 'in': {
      const values = (filter.values ?? []).map((v) => toSqlValue(v, what));
      if (values.length === 0) throw new AppError('INVALID_INPUT', `${what}: "in" needs at least one value.`);
      const present = values.filter((v) => v !== null) as Knex.Value[];
      // NULL never equals anything, so a null in the list means IS NULL
      if (present.length === values.length) return q.whereIn(column, present);
      if (present.length === 0) return q.whereNull(column);
      return q.where((w) => void w.whereIn(column, present).orWhereNull(column));
    }
    case 'between': {
      const values = (filter.values ?? []).map((v) => toSqlValue(v, what));
      if (values.length !== 2 || values.includes(null)) {
        throw new AppError('INVALID_INPUT', `${what}: "between" needs exactly two values, neither of them null.`);
      }
      return q.whereBetween(column, values as [Knex.Value, Knex.Value]);
    }
  }
}
