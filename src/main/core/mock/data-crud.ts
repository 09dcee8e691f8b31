/**
 * A CRUD route over a data bucket (issue 7, Mockoon's CRUD routes): `GET /items` (searched with `search`,
 * filtered with `<field>_eq|ne|gt|gte|lt|lte|like|start|end` — the last three regexes, see crud-pattern.ts —,
 * sorted with `sort`/`order`, paged with `page`/`limit`, totals in `X-Total-Count` and `X-Filtered-Count`),
 * `GET /items/:id`, `POST /items`, `PUT` and `PATCH` on `/items` (the whole value) and `/items/:id`, `DELETE` on
 * both. Items are found by `key` (default `id`, a dotted path for a nested one); a new one without it gets one
 * from the key's template in the bucket text (Mockoon 9), else the highest numeric id + 1, else a UUID. The
 * bucket's value changes in memory.
 */
import { randomUUID } from 'node:crypto';
import type { MockRequest } from './mock-http';
import { filterPattern } from './crud-pattern';
import { splitPath } from './templating/value-path';

export type CrudAction =
  'get' | 'getById' | 'create' | 'update' | 'updateById' | 'updateMerge' | 'updateMergeById' | 'delete' | 'deleteById';

/** The action a method takes on the list path (`byId` false) or the item path; undefined: no such action. */
export function crudActionOf(method: string, byId: boolean): CrudAction | undefined {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return byId ? 'getById' : 'get';
    case 'POST':
      return byId ? undefined : 'create';
    case 'PUT':
      return byId ? 'updateById' : 'update';
    case 'PATCH':
      return byId ? 'updateMergeById' : 'updateMerge';
    case 'DELETE':
      return byId ? 'deleteById' : 'delete';
    default:
      return undefined;
  }
}

export interface CrudResult {
  status: number;
  /** The answer's body value (serialised as JSON by the caller). */
  body: unknown;
  /** The bucket's new value, when the action changed it. */
  next?: { value: unknown };
  headers: Record<string, string>;
}

type Item = Record<string, unknown>;

function isObject(value: unknown): value is Item {
  return typeof value === 'object' && value !== null;
}

function getAt(value: unknown, keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!isObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

function setAt(target: Item, keys: string[], value: unknown): void {
  let current = target;
  keys.slice(0, -1).forEach((key) => {
    if (!isObject(current[key])) current[key] = {};
    current = current[key] as Item;
  });
  current[keys[keys.length - 1]!] = value;
}

/** The index of the item the request's `id` names: by key for objects, by position for plain values. */
function indexOf(items: unknown[], id: string, keys: string[]): number {
  return items.findIndex((item, index) => {
    if (isObject(item)) {
      const value = getAt(item, keys);
      return value !== undefined && value !== null && String(value) === id;
    }
    const position = Number.parseInt(id, 10);
    return (Number.isNaN(position) ? 0 : position) === index;
  });
}

/** A Handlebars expression: `{{…}}` or `{{{…}}}`. */
const EXPRESSION = '(?:\\{\\{\\{[\\s\\S]*?\\}\\}\\}|\\{\\{[\\s\\S]*?\\}\\})';

/**
 * The template a bucket's text gives the key of its items (`"id": "{{faker 'string.uuid'}}"` → the
 * expression), as Mockoon 9 finds it: the first property at the key's path (`data.id` nested) whose value is
 * made by expressions; null when the key is written as a plain value, or the bucket has no such property.
 */
export function idTemplateOf(bucketText: string, key: string): string | null {
  const keyPath = splitPath(key).join('.');
  // braces inside expressions are not the JSON's
  const structure = bucketText.replace(new RegExp(EXPRESSION, 'g'), (expression) => ' '.repeat(expression.length));
  const tokens = /\{|\}|["']?([A-Za-z_$][\w$]*)["']?\s*:/g;
  const valueAfter = new RegExp(`^\\s*"?(${EXPRESSION}+)"?`);
  const objects: string[][] = [];
  let pending: string[] | null = null;
  for (let match = tokens.exec(structure); match !== null; match = tokens.exec(structure)) {
    if (match[0] === '{') {
      objects.push(pending ?? objects[objects.length - 1] ?? []);
      pending = null;
    } else if (match[0] === '}') {
      objects.pop();
      pending = null;
    } else {
      const path = [...(objects[objects.length - 1] ?? []), match[1]!];
      const value = valueAfter.exec(bucketText.slice(match.index + match[0].length));
      if (value && path.join('.') === keyPath) return value[1]!;
      pending = path;
    }
  }
  return null;
}

/** A made id as Mockoon keeps it: a number when it is one written plainly (`"7"` → 7), else the text, trimmed. */
function madeId(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return String(Number(trimmed)) === trimmed ? Number(trimmed) : trimmed;
}

/** A new item's key: from the key's template in the bucket when it has one, else the highest number + 1, else a UUID. */
function nextId(items: unknown[], keys: string[], makeId: (() => string | undefined) | undefined): unknown {
  const made = makeId?.();
  const id = made === undefined ? undefined : madeId(made);
  if (id !== undefined) return id;
  let highest: number | null = null;
  for (const item of items) {
    const id = getAt(item, keys);
    if (typeof id === 'number' && (highest === null || id > highest)) highest = id;
  }
  return highest === null ? randomUUID() : highest + 1;
}

const isNumeric = (value: unknown) => !Number.isNaN(Number.parseFloat(String(value)));

type Filter = (data: unknown, query: string) => boolean;

/** A `like`/`start`/`end` filter: its regex made once per request, not once per item. */
function patternFilter(at: 'like' | 'start' | 'end'): (query: string) => Filter {
  return (query) => {
    const pattern = filterPattern(query, at);
    return (data) => pattern.test(String(data));
  };
}

/** Mockoon's list filters, `<field>_<op>=<value>`, each made for its query value. */
const FILTERS: Record<string, (query: string) => Filter> = {
  eq: () => (data, query) =>
    String(data) === query || (isNumeric(data) && isNumeric(query) && Number(data) === Number(query)),
  ne: () => (data, query) =>
    String(data) !== query && (!isNumeric(data) || !isNumeric(query) || Number(data) !== Number(query)),
  gt: () => (data, query) => (data as string) > query,
  gte: () => (data, query) => (data as string) >= query,
  lt: () => (data, query) => (data as string) < query,
  lte: () => (data, query) => (data as string) <= query,
  like: patternFilter('like'),
  start: patternFilter('start'),
  end: patternFilter('end'),
};
const FILTER_NAME = new RegExp(`^(.*)_(${Object.keys(FILTERS).join('|')})$`);

/** Whether any value inside `value` contains `query`, letter case aside (Mockoon's `search`). */
function contains(value: unknown, query: string): boolean {
  if (typeof value === 'object' || typeof value === 'boolean') {
    return Object.values(value ?? []).some((inner) => contains(inner, query));
  }
  return String(value).toLowerCase().includes(query.toLowerCase());
}

function listAnswer(items: unknown[], query: MockRequest['query']): CrudResult {
  const one = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined);
  const headers: Record<string, string> = { 'x-total-count': String(items.length) };
  let list = items;
  const search = one('search');
  if (search) list = list.filter((item) => contains(item, search));
  for (const [name, value] of Object.entries(query)) {
    const match = FILTER_NAME.exec(name);
    if (!match || typeof value !== 'string') continue;
    const keys = splitPath(match[1]!);
    const test = FILTERS[match[2]!]!(value);
    list = list.filter((item) => test(getAt(item, keys), value));
  }
  headers['x-filtered-count'] = String(list.length);
  const sort = one('sort');
  if (sort !== undefined) {
    const direction = one('order') === 'desc' ? -1 : 1;
    const of = (item: unknown) => {
      const value = isObject(item) ? item[sort] : item;
      return typeof value === 'string' ? value.toLowerCase() : value;
    };
    list = list.slice().sort((a, b) => {
      const [x, y] = [of(a), of(b)] as [number, number];
      return x < y ? -direction : x > y ? direction : 0;
    });
  }
  if (one('limit') !== undefined || one('page') !== undefined) {
    const limit = Number.parseInt(one('limit') ?? '', 10) || 10;
    const page = Number.parseInt(one('page') ?? '', 10) || 1;
    list = list.slice((page - 1) * limit, page * limit);
  }
  return { status: 200, body: list, headers };
}

/**
 * Runs one CRUD action on a bucket's value. `makeId` renders the key's template of the bucket (idTemplateOf) for
 * a new item; undefined when there is none or it failed.
 */
export function runCrud(
  action: CrudAction,
  value: unknown,
  request: MockRequest,
  key: string,
  makeId?: () => string | undefined,
): CrudResult {
  const keys = splitPath(key);
  const id = request.params.id ?? '';
  const body = request.body !== undefined ? request.body : request.bodyText === '' ? {} : request.bodyText;
  const items = Array.isArray(value) ? (value as unknown[]) : null;
  const merged = (current: unknown) => (isObject(current) ? { ...current, ...(isObject(body) ? body : {}) } : body);
  const found = items === null ? -1 : indexOf(items, id, keys);
  const notFound: CrudResult = { status: 404, body: {}, headers: {} };
  switch (action) {
    case 'get':
      return items ? listAnswer(items, request.query) : { status: 200, body: value, headers: {} };
    case 'getById':
      if (!items) return { status: 200, body: value, headers: {} };
      return found === -1 ? notFound : { status: 200, body: items[found], headers: {} };
    case 'create': {
      if (!items) return { status: 201, body, next: { value: body }, headers: {} };
      if (isObject(body) && getAt(body, keys) === undefined) setAt(body, keys, nextId(items, keys, makeId));
      return { status: 201, body, next: { value: [...items, body] }, headers: {} };
    }
    case 'update':
      return { status: 200, body, next: { value: body }, headers: {} };
    case 'updateMerge': {
      const next = items && Array.isArray(body) ? [...items, ...(body as unknown[])] : merged(value);
      return { status: 200, body: next, next: { value: next }, headers: {} };
    }
    case 'updateById':
    case 'updateMergeById': {
      if (!items) {
        const next = action === 'updateById' ? body : merged(value);
        return { status: 200, body: next, next: { value: next }, headers: {} };
      }
      if (found === -1) return notFound;
      const current = items[found];
      let item: unknown;
      if (action === 'updateMergeById') item = merged(current);
      else if (isObject(current)) {
        item = { ...(isObject(body) ? body : {}) };
        // the id stays when the new body does not give one
        if (getAt(body, keys) === undefined) setAt(item as Item, keys, getAt(current, keys));
      } else item = body;
      const next = items.slice();
      next[found] = item;
      return { status: 200, body: item, next: { value: next }, headers: {} };
    }
    case 'delete':
      return { status: 200, body: {}, next: { value: undefined }, headers: {} };
    case 'deleteById': {
      if (!items) return { status: 200, body: {}, next: { value: undefined }, headers: {} };
      if (found === -1) return notFound;
      return { status: 200, body: {}, next: { value: items.filter((_, index) => index !== found) }, headers: {} };
    }
  }
}
