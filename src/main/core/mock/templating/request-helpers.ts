import Handlebars from 'handlebars';
import type { Helper } from './helper-args';
import { param, splitArgs, text } from './helper-args';
import type { MockRequest } from '../mock-http';
import { parseQuery } from '../request-parser';
import { scopeOf } from './render-scope';
import { requestValueAtPath } from './request-path';

/**
 * A value for output, as Mockoon gives it: objects and arrays (or anything when `stringify` is true) as JSON,
 * the rest as text. Wrapped so that Handlebars never escapes it.
 */
function output(value: unknown, stringify: boolean): Handlebars.SafeString {
  if (stringify || (typeof value === 'object' && value !== null)) {
    return new Handlebars.SafeString(JSON.stringify(value) ?? '');
  }
  return new Handlebars.SafeString(value === undefined || value === null ? '' : String(value));
}

type Container = Record<string, unknown> | unknown[];

const isIndex = (key: string) => /^\d{1,2}$/.test(key);

/**
 * The query as Mockoon (Express's `qs` parser) reads it: `filter[name]=x` → `{ filter: { name: 'x' } }`,
 * `tag[]=a&tag[]=b` and `id[0]=1` → arrays; names that would replace a property every object has (`__proto__`,
 * `constructor`, `toString`…) are left out, as qs does.
 */
export function nestedQuery(query: Record<string, string | string[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name in query) {
    // the usual query (`page=3`): no brackets, nothing to nest
    if (!name.includes('[')) {
      if (!(name in Object.prototype)) out[name] = query[name];
      continue;
    }
    const match = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(name);
    const keys = match ? [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1]!)] : [name];
    // qs reads 5 levels of brackets
    if (keys.length > 6) keys.splice(0, keys.length, name);
    if (keys.some((key) => key in Object.prototype)) continue;
    let node: Container = out;
    keys.forEach((key, depth) => {
      if (depth === keys.length - 1) return put(node, key, query[name]);
      let child = Array.isArray(node) ? (isIndex(key) ? node[Number(key)] : undefined) : node[key];
      if (typeof child !== 'object' || child === null) {
        const next = keys[depth + 1]!;
        child = next === '' || isIndex(next) ? [] : {};
        put(node, key, child);
      }
      node = child as Container;
    });
  }
  return out;
}

let lastQuery: object | null = null;
let lastNested: Record<string, unknown> = {};

/**
 * The request's query nested (nestedQuery), made once per request: a render is synchronous, so the query last
 * asked for is the one of the request being rendered. One slot rather than a WeakMap entry per request (whose
 * cost showed in the bench's templated route).
 */
function queryOf(request: MockRequest): Record<string, unknown> {
  if (request.query !== lastQuery) {
    lastNested = nestedQuery(request.query);
    lastQuery = request.query;
  }
  return lastNested;
}

const formBodies = new WeakMap<MockRequest, unknown>();

/**
 * The parsed body; a form body read as Mockoon (Express's `qs`) reads it, so `user[name]=a&tag[]=x&tag[]=y`
 * gives `{ user: { name: 'a' }, tag: ['x', 'y'] }` and a repeated name keeps every value.
 */
function bodyOf(request: MockRequest): unknown {
  const type = headerValue(request.headers['content-type']) ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return request.body;
  if (!formBodies.has(request)) formBodies.set(request, nestedQuery(parseQuery(request.bodyText)));
  return formBodies.get(request);
}

function put(node: Container, key: string, value: unknown): void {
  // qs compacts arrays: `id[3]=x` alone is `['x']`
  if (Array.isArray(node)) node.push(...(Array.isArray(value) && key === '' ? value : [value]));
  else node[key] = value;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Helpers that read the request being answered (Mockoon's request helpers, same names and arguments). */
export const requestHelpers: Record<string, Helper> = {
  /** `body` → the raw body; `body 'user.name' 'default' stringify` → the value at a path of the parsed body. */
  body(...args) {
    const { params, options } = splitArgs(args);
    const { request } = scopeOf(options);
    const path = text(param(params, 0));
    if (path === '') return new Handlebars.SafeString(request.bodyText);
    const fallback = param(params, 1, '');
    return output(requestValueAtPath(bodyOf(request) ?? {}, path, fallback), param(params, 2, false) === true);
  },

  /** The value at a path of the parsed body, unformatted, for `each`, `eq`, `len`… */
  bodyRaw(...args) {
    const { params, options } = splitArgs(args);
    const { request } = scopeOf(options);
    const fallback = param(params, 1, '');
    const body = bodyOf(request);
    if (body === undefined || body === null) return fallback;
    return requestValueAtPath(body, text(param(params, 0)), fallback);
  },

  /**
   * A path parameter of the matched route (`/users/:id` → `urlParam 'id'`). A wildcard's value is `'*'` (as
   * written) and `'wildcard0'`, its segments as an array (as Mockoon 9 names and gives it: `a,b.txt`).
   */
  urlParam(...args) {
    const { params, options } = splitArgs(args);
    const values = scopeOf(options).request.params;
    const name = text(param(params, 0));
    if (name === 'wildcard0' && !Object.hasOwn(values, name) && values['*'] !== undefined) {
      return values['*'].split('/');
    }
    return Object.hasOwn(values, name) ? values[name] : '';
  },

  urlParams(...args) {
    const values = scopeOf(splitArgs(args).options).request.params;
    if (values['*'] === undefined || Object.hasOwn(values, 'wildcard0')) return values;
    return { ...values, wildcard0: values['*'].split('/') };
  },

  /** `queryParam 'filter.name' 'default' stringify`; a name given twice is an array (JSON on output). */
  queryParam(...args) {
    const { params, options } = splitArgs(args);
    const { request } = scopeOf(options);
    const value = requestValueAtPath(queryOf(request), text(param(params, 0)), param(params, 1, ''));
    return output(value, param(params, 2, false) === true);
  },

  queryParamRaw(...args) {
    const { params, options } = splitArgs(args);
    return requestValueAtPath(queryOf(scopeOf(options).request), text(param(params, 0)), param(params, 1, ''));
  },

  queryParams(...args) {
    return queryOf(scopeOf(splitArgs(args).options).request);
  },

  /** A request header, by name in any case; several values are joined with ', '. */
  header(...args) {
    const { params, options } = splitArgs(args);
    const name = text(param(params, 0)).toLowerCase();
    const value = headerValue(scopeOf(options).request.headers[name]);
    return value === undefined || value === '' ? text(param(params, 1)) : value;
  },

  headers(...args) {
    return scopeOf(splitArgs(args).options).request.headers;
  },

  cookie(...args) {
    const { params, options } = splitArgs(args);
    const { cookies } = scopeOf(options).request;
    const name = text(param(params, 0));
    const value = Object.hasOwn(cookies, name) ? cookies[name] : undefined;
    return value === undefined || value === '' ? text(param(params, 1)) : value;
  },

  method(...args) {
    return scopeOf(splitArgs(args).options).request.method;
  },

  /** The request path without the query string, as received (`/users/42`). */
  urlPath(...args) {
    return scopeOf(splitArgs(args).options).request.path;
  },

  /** The mock's base URL with its prefix (from the server), else `http://<Host header>`. */
  baseUrl(...args) {
    const { request, state } = scopeOf(splitArgs(args).options);
    if (state.baseUrl !== undefined) return state.baseUrl;
    const host = headerValue(request.headers.host);
    return host === undefined ? '' : `http://${host}`;
  },

  /** The Host header without its port. */
  hostname(...args) {
    const host = headerValue(scopeOf(splitArgs(args).options).request.headers.host) ?? '';
    return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  },
};
