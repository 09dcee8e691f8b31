/**
 * A CRUD route over a data bucket (issue 7, Mockoon's CRUD routes): `GET /items` (searched with `search`,
 * filtered with `<field>_eq|ne|gt|gte|lt|lte|like|start|end`, sorted with `sort`/`order`, paged with
 * `page`/`limit`, totals in `X-Total-Count` and `X-Filtered-Count`), `GET /items/:id`, `POST /items`, `PUT` and `PATCH` on
 * `/items` (the whole value) and `/items/:id`, `DELETE` on both. Items are found by `key` (default `id`), a new
 * one gets the highest numeric id + 1 (else a UUID) when it has none. The bucket's value changes in memory.
 */
import { randomUUID } from 'node:crypto';
import type { MockRequest } from './mock-http';
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

function nextId(items: unknown[], keys: string[]): unknown {
  let highest: number | null = null;
  for (const item of items) {
    const id = getAt(item, keys);
    if (typeof id === 'number' && (highest === null || id > highest)) highest = id;
  }
  return highest === null ? randomUUID() : highest + 1;
}

const isNumeric = (value: unknown) => !Number.isNaN(Number.parseFloat(String(value)));
/** Text matched as written: a query value is never run as a regex (Mockoon's is; a pattern could hang the mock). */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Mockoon's list filters, `<field>_<op>=<value>`. */
const FILTERS: Record<string, (data: unknown, query: string) => boolean> = {
  eq: (data, query) =>
    String(data) === query || (isNumeric(data) && isNumeric(query) && Number(data) === Number(query)),
  ne: (data, query) =>
    String(data) !== query && (!isNumeric(data) || !isNumeric(query) || Number(data) !== Number(query)),
  gt: (data, query) => (data as string) > query,
  gte: (data, query) => (data as string) >= query,
  lt: (data, query) => (data as string) < query,
  lte: (data, query) => (data as string) <= query,
  like: (data, query) => new RegExp(literal(query), 'i').test(String(data)),
  start: (data, query) => new RegExp(`^${literal(query)}`, 'i').test(String(data)),
  end: (data, query) => new RegExp(`${literal(query)}$`, 'i').test(String(data)),
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
    const test = FILTERS[match[2]!]!;
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

/** Runs one CRUD action on a bucket's value. */
export function runCrud(action: CrudAction, value: unknown, request: MockRequest, key: string): CrudResult {
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
      if (isObject(body) && getAt(body, keys) === undefined) setAt(body, keys, nextId(items, keys));
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
