import type { SqlValue } from '../../connections/sql-dialect';
import { RestError } from './rest-errors';
import type { RestTable } from './rest-table';
import { textValue } from './rest-values';

/** Paging limits of a collection: `_limit` defaults to `defaultLimit` and may not exceed `maxLimit`. */
export interface PageLimits {
  defaultLimit: number;
  maxLimit: number;
}

export const DEFAULT_PAGE_LIMITS: PageLimits = { defaultLimit: 100, maxLimit: 1000 };

/** What `GET /<resource>?…` asks for, every name checked against the table and every value typed. */
export interface ListQuery {
  /** Equality per field, ANDed; several values of one field mean IN. */
  filters: { column: string; values: SqlValue[] }[];
  sort: { column: string; direction: 'asc' | 'desc' }[];
  page: number;
  limit: number;
}

/** The query parameters a collection understands besides column names. */
export const LIST_PARAMETERS = ['_sort', '_order', '_page', '_limit'] as const;

/**
 * Reads `?field=value&_sort=a,-b&_order=asc,desc&_page=2&_limit=20` (json-server's names). Unknown fields,
 * unknown `_` parameters, bad numbers and sort fields that are not columns are 400s naming what was wrong.
 * Nothing of the query string reaches SQL text: names are looked up among the columns, values are bound.
 */
export function parseListQuery(
  table: RestTable,
  query: Record<string, string | string[]>,
  limits: PageLimits,
): ListQuery {
  const one = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (Array.isArray(value)) {
      if (value.length !== 1) throw new RestError(400, `"${name}" is given ${value.length} times; give it once.`, name);
      return value[0];
    }
    return value;
  };
  const filters: ListQuery['filters'] = [];
  for (const [name, raw] of Object.entries(query)) {
    if (name.startsWith('_')) {
      if (!(LIST_PARAMETERS as readonly string[]).includes(name)) {
        throw new RestError(
          400,
          `Unknown query parameter "${name}": a collection takes ${LIST_PARAMETERS.join(', ')} and column names.`,
          name,
        );
      }
      continue;
    }
    const column = findColumn(table, name, 'Filter');
    const texts = Array.isArray(raw) ? raw : [raw];
    filters.push({
      column: column.name,
      values: texts.map((t) => textValue(table.meta.engine, column, t, `Filter "${name}"`)),
    });
  }
  const sortFields = (one('_sort') ?? '').split(',').map((s) => s.trim());
  const orders = (one('_order') ?? '').split(',').map((s) => s.trim().toLowerCase());
  const sort: ListQuery['sort'] = [];
  sortFields.forEach((field, i) => {
    if (field === '') return;
    const descending = field.startsWith('-');
    const name = descending ? field.slice(1) : field;
    const order = orders[i] || orders[0] || '';
    if (order !== '' && order !== 'asc' && order !== 'desc') {
      throw new RestError(
        400,
        `_order must be asc or desc (a comma list, one per _sort field), not "${order}".`,
        '_order',
      );
    }
    findColumn(table, name, 'Sort');
    sort.push({ column: name, direction: descending || order === 'desc' ? 'desc' : 'asc' });
  });
  if (sort.length === 0 && orders.some((o) => o !== '')) {
    throw new RestError(400, '_order needs _sort: name the fields to sort by (_sort=price&_order=desc).', '_order');
  }
  const page = positive(one('_page'), '_page') ?? 1;
  const limit = positive(one('_limit'), '_limit') ?? limits.defaultLimit;
  if (limit > limits.maxLimit) {
    throw new RestError(400, `_limit may be at most ${limits.maxLimit}; page through more rows with _page.`, '_limit');
  }
  return { filters, sort, page, limit };
}

function findColumn(table: RestTable, name: string, what: string) {
  const column = table.columns.find((c) => c.name === name);
  if (!column) {
    throw new RestError(400, `${what}: "${table.meta.ref.table}" has no field "${name}".`, name);
  }
  return column;
}

function positive(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d{1,9}$/.test(text.trim()) || n < 1) {
    throw new RestError(400, `${name} must be a whole number from 1, not "${text}".`, name);
  }
  return n;
}
